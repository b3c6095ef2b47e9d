import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import {
  defaultSandboxPolicyDecision,
  sandboxFaultsUpdatePermission,
  sandboxResetPermission,
} from './permissions';

const other = createPermission({
  name: 'incidents.incident.update',
  attributes: { action: 'update' },
});

describe('defaultSandboxPolicyDecision', () => {
  it.each([
    ['a user', { roles: {} }, AuthorizeResult.ALLOW],
    ['an SRE', { roles: { readOnly: false } }, AuthorizeResult.ALLOW],
    [
      'the read-only guest',
      { roles: { readOnly: true } },
      AuthorizeResult.DENY,
    ],
    ['a service', undefined, AuthorizeResult.DENY],
  ])('%s: %s', (_, user, result) => {
    for (const permission of [
      sandboxFaultsUpdatePermission,
      sandboxResetPermission,
    ]) {
      expect(defaultSandboxPolicyDecision(permission, user)).toEqual({
        result,
      });
    }
  });

  it('leaves other permissions to others', () => {
    expect(defaultSandboxPolicyDecision(other, { roles: {} })).toBeUndefined();
  });
});
