import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { isVisible, ReadableEntitiesCache } from './ReadableEntitiesCache';

const REFS = [
  'component:default/checkout',
  'component:default/scoring-api',
  'system:default/shop',
];

function userOf(credentials: BackstageCredentials) {
  return (credentials.principal as { userEntityRef?: string }).userEntityRef;
}

/**
 * alice: unconditional allow; bob and dave: conditional (the catalog shows
 * them scoring-api); carol: deny.
 */
function setup(refs: string[] = REFS) {
  const permissions = mockServices.permissions.mock({
    authorizeConditional: async (requests, { credentials }) =>
      requests.map(() => {
        switch (userOf(credentials)) {
          case 'user:default/alice':
            return { result: AuthorizeResult.ALLOW };
          case 'user:default/bob':
          case 'user:default/dave':
          case undefined:
            return {
              result: AuthorizeResult.CONDITIONAL,
              pluginId: 'catalog',
              resourceType: 'catalog-entity',
              conditions: {
                rule: 'IS_ENTITY_OWNER',
                resourceType: 'catalog-entity',
                params: { claims: ['group:default/payments'] },
              },
            };
          default:
            return { result: AuthorizeResult.DENY };
        }
      }) as any,
  });
  const catalog = catalogServiceMock.mock({
    getEntitiesByRefs: async ({ entityRefs }) => ({
      items: entityRefs.map(ref =>
        ref === 'component:default/scoring-api'
          ? ({ kind: 'Component', metadata: { name: 'scoring-api' } } as any)
          : undefined,
      ),
    }),
  });
  const entityRefs = jest.fn(async () => refs);
  let clock = 0;
  const readable = new ReadableEntitiesCache({
    auth: mockServices.auth(),
    permissions,
    catalog,
    entityRefs,
    ttlMs: 1_000,
    now: () => clock,
  });
  return {
    readable,
    catalog,
    permissions,
    entityRefs,
    tick: (ms: number) => {
      clock += ms;
    },
  };
}

describe('ReadableEntitiesCache', () => {
  it('sees everything on an unconditional allow, without reading the catalog', async () => {
    const { readable, catalog, entityRefs } = setup();
    expect(
      await readable.readableEntityRefs(
        mockCredentials.user('user:default/alice'),
      ),
    ).toBeUndefined();
    expect(catalog.getEntitiesByRefs).not.toHaveBeenCalled();
    expect(entityRefs).not.toHaveBeenCalled();
  });

  it('sees nothing on a deny', async () => {
    const { readable } = setup();
    expect(
      await readable.readableEntityRefs(
        mockCredentials.user('user:default/carol'),
      ),
    ).toEqual([]);
  });

  it('asks the catalog, as the caller, which of the entities it may read on a conditional decision, and caches that per principal', async () => {
    const { readable, catalog, entityRefs, tick } = setup();
    const bob = mockCredentials.user('user:default/bob');
    expect(await readable.readableEntityRefs(bob)).toEqual([
      'component:default/scoring-api',
    ]);
    expect(catalog.getEntitiesByRefs).toHaveBeenCalledWith(
      expect.objectContaining({ entityRefs: REFS }),
      { credentials: bob },
    );
    await readable.readableEntityRefs(bob);
    expect(entityRefs).toHaveBeenCalledTimes(1);

    // Another principal is asked for separately.
    await readable.readableEntityRefs(
      mockCredentials.user('user:default/dave'),
    );
    expect(entityRefs).toHaveBeenCalledTimes(2);

    // After the TTL the catalog is asked again.
    tick(1_001);
    await readable.readableEntityRefs(bob);
    expect(entityRefs).toHaveBeenCalledTimes(3);
  });

  it('asks once for concurrent requests of a principal, and each again after a failure', async () => {
    const { readable, permissions, entityRefs } = setup();
    const bob = mockCredentials.user('user:default/bob');
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => readable.readableEntityRefs(bob)),
    );
    expect(answers).toEqual(Array(5).fill(['component:default/scoring-api']));
    expect(permissions.authorizeConditional).toHaveBeenCalledTimes(1);
    expect(entityRefs).toHaveBeenCalledTimes(1);

    entityRefs.mockRejectedValueOnce(new Error('database gone'));
    const dave = mockCredentials.user('user:default/dave');
    const [first, second] = await Promise.allSettled([
      readable.readableEntityRefs(dave),
      readable.readableEntityRefs(dave),
    ]);
    expect(first).toMatchObject({ status: 'rejected' });
    expect(second).toEqual({
      status: 'fulfilled',
      value: ['component:default/scoring-api'],
    });
  });

  it('caches a service principal, but never an anonymous caller', async () => {
    const { readable, permissions } = setup();
    const service = mockCredentials.service('plugin:gates');
    await readable.readableEntityRefs(service);
    await readable.readableEntityRefs(service);
    expect(permissions.authorizeConditional).toHaveBeenCalledTimes(1);

    const anonymous = mockCredentials.none();
    await readable.readableEntityRefs(anonymous);
    await readable.readableEntityRefs(anonymous);
    expect(permissions.authorizeConditional).toHaveBeenCalledTimes(3);
  });

  it('asks the catalog in slices of 1000 refs, keeping their order', async () => {
    const many = Array.from(
      { length: 2_500 },
      (_, i) => `component:default/c${i}`,
    );
    many[1_700] = 'component:default/scoring-api';
    const { readable, catalog } = setup(many);
    expect(
      await readable.readableEntityRefs(
        mockCredentials.user('user:default/bob'),
      ),
    ).toEqual(['component:default/scoring-api']);
    const slices = (catalog.getEntitiesByRefs as jest.Mock).mock.calls.map(
      ([request]) => request.entityRefs,
    );
    expect(slices.map(slice => slice.length)).toEqual([1_000, 1_000, 500]);
    expect(slices.flat()).toEqual(many);
  });

  it.each([
    [['a', 'b'], undefined, true],
    [['a', 'b'], ['b'], true],
    [['a'], ['b'], false],
    [[], ['b'], false],
    [['a'], [], false],
  ])('isVisible(%j, %j) is %s', (refs, visible, expected) => {
    expect(isVisible(refs, visible)).toBe(expected);
    expect(isVisible(refs, visible && new Set(visible))).toBe(expected);
  });
});
