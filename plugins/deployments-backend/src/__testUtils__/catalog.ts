import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';

/*
 * The catalog of the API's tests: the scoring API owned by payments, another
 * service owned by SRE, and users for each way of deciding: an owner, a
 * signed-in non-owner, a portal admin, a user who may read only some
 * entities (a conditional catalog read) and one who may read none.
 */

export const SCORING_API = 'component:default/scoring-api';
export const OTHER = 'component:default/other';
export const PAYMENTS = 'group:default/payments';
export const SRE = 'group:default/sre';
export const ADMINS = 'group:default/portal-admins';

export const CAROL = 'user:default/carol';
export const ALICE = 'user:default/alice';
export const PAT = 'user:default/pat';
/** Reads only `OTHER` (the catalog applies a conditional read decision). */
export const ZOE = 'user:default/zoe';
/** Reads nothing (a catalog read deny). */
export const EVE = 'user:default/eve';

const GROUPS: Record<string, string[]> = {
  [CAROL]: [PAYMENTS],
  [ALICE]: [SRE],
  [PAT]: [ADMINS],
  [ZOE]: [],
  [EVE]: [],
};

/** A user's ownership claims: themselves and their groups. */
export function ownershipOf(userRef: string): string[] {
  return [userRef, ...(GROUPS[userRef] ?? [])];
}

/** What a user may read of the catalog: all, some (conditional) or none. */
export function catalogReadOf(userRef: string): 'all' | 'some' | 'none' {
  if (userRef === ZOE) return 'some';
  if (userRef === EVE) return 'none';
  return 'all';
}

/** Whether the caller can see the entity in the catalog (ZOE: only OTHER). */
export function canSee(
  credentials: BackstageCredentials | undefined,
  entityRef: string,
): boolean {
  const principal = (credentials?.principal ?? {}) as {
    type?: string;
    userEntityRef?: string;
  };
  if (principal.type !== 'user' || !principal.userEntityRef) return true;
  const read = catalogReadOf(principal.userEntityRef);
  if (read === 'all') return true;
  return read === 'some' && entityRef.toLowerCase() === OTHER;
}

const component = (name: string, owner: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: { type: 'service', owner, lifecycle: 'production' },
  relations: [{ type: 'ownedBy', targetRef: owner }],
});

export const catalogEntities: Entity[] = [
  component('scoring-api', PAYMENTS),
  component('other', SRE),
];

/** The owners of an entity of the fixtures. */
export function ownersOf(entityRef: string): string[] {
  const name = entityRef.split('/')[1];
  const entity = catalogEntities.find(e => e.metadata.name === name);
  return (entity?.relations ?? [])
    .filter(r => r.type === 'ownedBy')
    .map(r => r.targetRef);
}
