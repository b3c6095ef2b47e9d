import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';

/*
 * The catalog of the API's tests: the scoring API owned by payments with
 * the product owners as its signers, another service owned by SRE without
 * a product owner annotation, and users for each role: an owner, SRE, the
 * product owner, a portal admin, a signed-in user of no group, a user who
 * may read only the other service and one who may read nothing.
 */

export const SCORING_API = 'component:default/scoring-api';
export const OTHER = 'component:default/other';
export const PAYMENTS = 'group:default/payments';
export const SRE = 'group:default/sre';
export const PRODUCT_OWNERS = 'group:default/product-owners';
export const ADMINS = 'group:default/portal-admins';

export const CAROL = 'user:default/carol';
export const ALICE = 'user:default/alice';
export const ERIN = 'user:default/erin';
export const PAT = 'user:default/pat';
export const ZOE = 'user:default/zoe';
/** Reads only `OTHER`. */
export const MIA = 'user:default/mia';
/** Reads nothing. */
export const EVE = 'user:default/eve';

const GROUPS: Record<string, string[]> = {
  [CAROL]: [PAYMENTS],
  [ALICE]: [SRE],
  [ERIN]: [PRODUCT_OWNERS],
  [PAT]: [ADMINS],
};

/** A user's ownership claims: themselves and their groups. */
export function ownershipOf(userRef: string): string[] {
  return [userRef, ...(GROUPS[userRef] ?? [])];
}

export function catalogReadOf(userRef: string): 'all' | 'some' | 'none' {
  if (userRef === MIA) return 'some';
  if (userRef === EVE) return 'none';
  return 'all';
}

/** Whether the caller can see the entity in the catalog. */
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

const component = (
  name: string,
  owner: string,
  annotations: Record<string, string> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: { type: 'service', owner, lifecycle: 'production' },
  relations: [{ type: 'ownedBy', targetRef: owner }],
});

export const catalogEntities: Entity[] = [
  component('scoring-api', PAYMENTS, {
    'vigil.dev/product-owner': PRODUCT_OWNERS,
  }),
  component('other', SRE, { 'vigil.dev/launch-template': 'small' }),
];

export function ownersOf(entityRef: string): string[] {
  const name = entityRef.split('/')[1];
  const entity = catalogEntities.find(e => e.metadata.name === name);
  return (entity?.relations ?? [])
    .filter(r => r.type === 'ownedBy')
    .map(r => r.targetRef);
}
