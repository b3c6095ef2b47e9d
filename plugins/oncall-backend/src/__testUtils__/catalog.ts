import type { Entity } from '@backstage/catalog-model';

/*
 * The demo organisation of catalog-info.yaml, as far as on-call reads it:
 * group:default/sre (alice, bob, guest), group:default/payments (carol,
 * dmitri, guest), and the scoring API owned by payments. The in-memory
 * catalog computes no relations, so they are written out.
 */

export const SRE = 'group:default/sre';
export const PAYMENTS = 'group:default/payments';
export const ALICE = 'user:default/alice';
export const BOB = 'user:default/bob';
export const CAROL = 'user:default/carol';
export const DMITRI = 'user:default/dmitri';
export const GUEST = 'user:default/guest';
export const SCORING_API = 'component:default/scoring-api';
export const ORPHAN = 'component:default/orphan';

export const MEMBERS: Record<string, string[]> = {
  [SRE]: [ALICE, BOB, GUEST],
  [PAYMENTS]: [CAROL, DMITRI, GUEST],
};

/** Each user's ownership claims: themselves and their groups. */
export function ownershipOf(userRef: string): string[] {
  return [
    userRef,
    ...Object.entries(MEMBERS)
      .filter(([, members]) => members.includes(userRef))
      .map(([group]) => group),
  ];
}

const group = (ref: string): Entity => {
  const name = ref.split('/')[1];
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: {
      type: 'team',
      children: [],
      members: MEMBERS[ref].map(u => u.split('/')[1]),
    },
    relations: MEMBERS[ref].map(targetRef => ({
      type: 'hasMember',
      targetRef,
    })),
  };
};

const user = (ref: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name: ref.split('/')[1], namespace: 'default' },
  spec: { memberOf: ownershipOf(ref).slice(1) },
});

export const catalogEntities: Entity[] = [
  group(SRE),
  group(PAYMENTS),
  ...[ALICE, BOB, CAROL, DMITRI, GUEST].map(user),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'scoring-api', namespace: 'default' },
    spec: { type: 'service', owner: 'payments', lifecycle: 'production' },
    relations: [{ type: 'ownedBy', targetRef: PAYMENTS }],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'orphan', namespace: 'default' },
    spec: {
      type: 'service',
      owner: 'group:default/nobody',
      lifecycle: 'production',
    },
  },
];
