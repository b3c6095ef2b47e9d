import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { IncidentVisibility, isVisible } from './IncidentVisibility';

const REFS = [
  'component:default/checkout',
  'component:default/scoring-api',
  'system:default/shop',
];

function userOf(credentials: BackstageCredentials) {
  return (credentials.principal as { userEntityRef?: string }).userEntityRef;
}

/** alice: unconditional allow; bob: conditional (the catalog shows him scoring-api); carol: deny. */
function setup() {
  const permissions = mockServices.permissions.mock({
    authorizeConditional: async (requests, { credentials }) =>
      requests.map(() => {
        switch (userOf(credentials)) {
          case 'user:default/alice':
            return { result: AuthorizeResult.ALLOW };
          case 'user:default/bob':
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
  const incidentEntityRefs = jest.fn(async () => REFS);
  let clock = 0;
  const visibility = new IncidentVisibility({
    permissions,
    catalog,
    incidentEntityRefs,
    ttlMs: 1_000,
    now: () => clock,
  });
  return {
    visibility,
    catalog,
    incidentEntityRefs,
    tick: (ms: number) => {
      clock += ms;
    },
  };
}

describe('IncidentVisibility', () => {
  it('sees everything on an unconditional allow, without reading the catalog', async () => {
    const { visibility, catalog } = setup();
    expect(
      await visibility.visibleEntityRefs(
        mockCredentials.user('user:default/alice'),
      ),
    ).toBeUndefined();
    expect(catalog.getEntitiesByRefs).not.toHaveBeenCalled();
  });

  it('sees nothing on a deny', async () => {
    const { visibility } = setup();
    expect(
      await visibility.visibleEntityRefs(
        mockCredentials.user('user:default/carol'),
      ),
    ).toEqual([]);
  });

  it('asks the catalog, as the caller, which incident entities it may read on a conditional decision, and caches that per principal', async () => {
    const { visibility, catalog, incidentEntityRefs, tick } = setup();
    const bob = mockCredentials.user('user:default/bob');
    expect(await visibility.visibleEntityRefs(bob)).toEqual([
      'component:default/scoring-api',
    ]);
    expect(catalog.getEntitiesByRefs).toHaveBeenCalledWith(
      expect.objectContaining({ entityRefs: REFS }),
      { credentials: bob },
    );
    await visibility.visibleEntityRefs(bob);
    expect(incidentEntityRefs).toHaveBeenCalledTimes(1);
    tick(1_001);
    await visibility.visibleEntityRefs(bob);
    expect(incidentEntityRefs).toHaveBeenCalledTimes(2);
  });

  it.each([
    [['a', 'b'], undefined, true],
    [['a', 'b'], ['b'], true],
    [['a'], ['b'], false],
    [[], ['b'], false],
    [['a'], [], false],
  ])('isVisible(%j, %j) is %s', (refs, visible, expected) => {
    expect(isVisible(refs, visible)).toBe(expected);
  });
});
