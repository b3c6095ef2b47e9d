import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { actorOf, principalKey } from './principals';

describe('principalKey', () => {
  const auth = mockServices.auth();

  it.each([
    [mockCredentials.user('user:default/alice'), 'user:user:default/alice'],
    [mockCredentials.service('plugin:gates'), 'service:plugin:gates'],
    [mockCredentials.none(), undefined],
    [
      {
        $$type: '@backstage/BackstageCredentials',
        principal: { type: 'user' },
      },
      undefined,
    ],
  ])('%j is %s', (credentials, key) => {
    expect(principalKey(auth, credentials as BackstageCredentials)).toBe(key);
  });

  it('asks the auth service what kind of principal it is', () => {
    const isPrincipal = jest.fn(() => false);
    expect(
      principalKey(
        { isPrincipal } as any,
        mockCredentials.user('user:default/alice'),
      ),
    ).toBeUndefined();
    expect(isPrincipal).toHaveBeenCalledWith(expect.anything(), 'user');
  });
});

describe('actorOf', () => {
  it.each([
    [mockCredentials.user('user:default/alice'), 'user:default/alice'],
    [mockCredentials.service('vigil-gates'), 'vigil-gates'],
    [mockCredentials.none(), 'none'],
  ])('%j acted as %s', (credentials, actor) => {
    expect(actorOf(credentials as BackstageCredentials)).toBe(actor);
  });
});
