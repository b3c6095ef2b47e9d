import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { PrincipalCache } from './PrincipalCache';

function setup(limit?: number) {
  let clock = 0;
  const cache = new PrincipalCache<string>({
    auth: mockServices.auth(),
    ttlMs: 5_000,
    limit,
    now: () => clock,
  });
  let computed = 0;
  const compute = jest.fn(async () => `answer ${++computed}`);
  return {
    cache,
    compute,
    advance: (ms: number) => {
      clock += ms;
    },
  };
}

describe('PrincipalCache', () => {
  it('reuses a principal’s answer until it expires, and keeps principals apart', async () => {
    const { cache, compute, advance } = setup();
    const alice = mockCredentials.user('user:default/alice');
    const bob = mockCredentials.user('user:default/bob');

    expect(await cache.get(alice, compute)).toBe('answer 1');
    expect(await cache.get(bob, compute)).toBe('answer 2');
    advance(4_999);
    expect(await cache.get(alice, compute)).toBe('answer 1');
    advance(1);
    expect(await cache.get(alice, compute)).toBe('answer 3');
    expect(compute).toHaveBeenCalledTimes(3);
  });

  it('computes once for concurrent requests of a principal, and each again after a failure', async () => {
    const { cache, advance } = setup();
    const alice = mockCredentials.user('user:default/alice');
    let release!: (value: string) => void;
    const first = jest.fn(
      () => new Promise<string>(resolve => (release = resolve)),
    );
    const a = cache.get(alice, first);
    const b = cache.get(alice, first);
    release('shared');
    expect(await Promise.all([a, b])).toEqual(['shared', 'shared']);
    expect(first).toHaveBeenCalledTimes(1);

    advance(5_000);
    const failing = jest.fn(async () => {
      throw new Error('policy unreachable');
    });
    const retry = jest.fn(async () => 'own answer');
    const c = cache.get(alice, failing);
    const d = cache.get(alice, retry);
    await expect(c).rejects.toThrow('policy unreachable');
    expect(await d).toBe('own answer');
    expect(retry).toHaveBeenCalledWith(alice);
  });

  it('caches a service principal, but never an anonymous caller', async () => {
    const { cache, compute } = setup();
    const service = mockCredentials.service('plugin:catalog');
    await cache.get(service, compute);
    await cache.get(service, compute);
    expect(compute).toHaveBeenCalledTimes(1);

    const anonymous = mockCredentials.none();
    await cache.get(anonymous, compute);
    await cache.get(anonymous, compute);
    expect(compute).toHaveBeenCalledTimes(3);
  });

  it('starts over past its limit of principals', async () => {
    const { cache, compute } = setup(2);
    const users = ['a', 'b', 'c'].map(name =>
      mockCredentials.user(`user:default/${name}`),
    );
    for (const user of users) await cache.get(user, compute);
    // c's answer cleared a's and b's; c's own is kept.
    await cache.get(users[2], compute);
    await cache.get(users[0], compute);
    expect(compute).toHaveBeenCalledTimes(4);
  });
});
