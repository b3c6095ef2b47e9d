/** The roles that have a guided tour, in the order the help menu lists them. @public */
export const TOUR_ROLES = [
  'sre',
  'engineer',
  'incident-commander',
  'product-owner',
  'admin',
] as const;

/** A role with a guided tour. @public */
export type TourRole = (typeof TOUR_ROLES)[number];

/** Whether a string (a `?tour=` value, a stored key) names a tour role. @public */
export function isTourRole(value: unknown): value is TourRole {
  return (
    typeof value === 'string' &&
    (TOUR_ROLES as readonly string[]).includes(value)
  );
}

/**
 * The groups of the portal's roles, as the permission policy reads them
 * (`vigil.permission.adminGroups`, `sreGroups`, `productOwnerGroups`).
 * @public
 */
export interface TourRoleGroups {
  adminGroups: readonly string[];
  sreGroups: readonly string[];
  productOwnerGroups: readonly string[];
}

/** The permission policy's defaults (packages/backend/src/permissions/roles.ts). @public */
export const DEFAULT_TOUR_ROLE_GROUPS: TourRoleGroups = {
  adminGroups: ['group:default/portal-admins'],
  sreGroups: ['group:default/sre'],
  productOwnerGroups: ['group:default/product-owners'],
};

/**
 * The tour a user gets on first sign-in, from their ownership refs (user
 * and groups): portal admins first (their tour is the only way to the
 * admin pages), then SREs, then product owners; everyone else, guests
 * included, gets the engineer's. Incident commanders are chosen per
 * incident, not by group: their tour is started from the help menu.
 * @public
 */
export function tourRoleFor(
  ownershipRefs: readonly string[],
  groups: TourRoleGroups = DEFAULT_TOUR_ROLE_GROUPS,
): TourRole {
  const refs = new Set(
    ownershipRefs.map(ref => ref.toLocaleLowerCase('en-US')),
  );
  const member = (list: readonly string[]) =>
    list.some(group => refs.has(group.toLocaleLowerCase('en-US')));
  if (member(groups.adminGroups)) return 'admin';
  if (member(groups.sreGroups)) return 'sre';
  if (member(groups.productOwnerGroups)) return 'product-owner';
  return 'engineer';
}
