import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { EscalationPolicy } from '@vigil/backstage-plugin-oncall-common';
import type { OnCallStore } from '../database/OnCallStore';
import {
  catalogEntities,
  CAROL,
  DMITRI,
  GUEST,
  PAYMENTS,
  SCORING_API,
  SRE,
} from '../__testUtils__/catalog';
import { OnCallDirectory } from './OnCallDirectory';

const policy = (id: string, ownerRef: string, name: string) =>
  ({ id, ownerRef, name } as EscalationPolicy);
const POLICIES = [
  policy('p1', PAYMENTS, 'Payments escalation'),
  policy('p2', PAYMENTS, 'Quiet hours'),
  policy('p3', SRE, 'SRE escalation'),
];
const store = {
  getPolicy: async (id: string) => POLICIES.find(p => p.id === id),
  listPolicies: async ({ ownerRefs }: { ownerRefs?: string[] }) => {
    const items = POLICIES.filter(p => ownerRefs?.includes(p.ownerRef));
    return { items, total: items.length };
  },
} as unknown as OnCallStore;

const component = (name: string, annotation?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: annotation
      ? { 'vigil.dev/escalation-policy': annotation }
      : {},
  },
  // No relations: spec.owner is read (short form, as people write it).
  spec: { type: 'service', owner: 'payments' },
});

const directory = new OnCallDirectory({
  catalog: catalogServiceMock({
    entities: [
      ...catalogEntities,
      component('by-id', 'p3'),
      component('by-name', 'group:default/payments/Quiet hours'),
      component('by-unknown', 'group:default/payments/Nope'),
    ],
  }),
  auth: mockServices.auth(),
  store,
});

describe('OnCallDirectory', () => {
  it.each([
    [SCORING_API, PAYMENTS, 'p1'],
    ['component:default/by-id', PAYMENTS, 'p3'],
    ['component:default/by-name', PAYMENTS, 'p2'],
    ['component:default/by-unknown', PAYMENTS, 'p1'],
    [SRE, SRE, 'p3'],
  ])('%s is owned by %s and paged through %s', async (ref, owner, policyId) => {
    expect(await directory.ownerOf(ref)).toBe(owner);
    expect((await directory.policyFor(ref))?.id).toBe(policyId);
  });

  it('knows no owner or policy of an unknown entity', async () => {
    expect(await directory.ownerOf('component:default/ghost')).toBeUndefined();
    expect(
      await directory.ownerAndPolicyOf('component:default/ghost'),
    ).toBeUndefined();
  });

  it("lists a group's members", async () => {
    expect(await directory.membersOf(PAYMENTS)).toEqual([CAROL, DMITRI, GUEST]);
    expect(await directory.membersOf('group:default/ghost')).toEqual([]);
  });
});
