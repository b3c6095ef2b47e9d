import {
  AuthorizeResult,
  isResourcePermission,
  Permission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  launchGatesPermissions,
  launchGatesReportCreatePermission,
  launchGatesReviewCreatePermission,
} from '@vigil/backstage-plugin-launch-gates-common';
import type { RoleUser } from './roles';

const allow: PolicyDecision = { result: AuthorizeResult.ALLOW };
const deny: PolicyDecision = { result: AuthorizeResult.DENY };

const LAUNCH_GATES = new Set(launchGatesPermissions.map(p => p.name));

/** Allowed to portal admins, else to the entity's owners (the catalog applies the condition). */
function ownersOrAdmins(
  permission: Permission,
  user: RoleUser,
): PolicyDecision {
  if (user.roles.admin) return allow;
  if (!isResourcePermission(permission, 'catalog-entity')) return deny;
  return createCatalogConditionalDecision(
    permission,
    catalogConditions.isEntityOwner({ claims: user.ownershipEntityRefs }),
  );
}

/**
 * The launch gates' permissions, each on the reviewed catalog entity.
 * Services (CI's token, other backends): all. Read-only users: none.
 * Opening or editing a review: product owners, SRE, portal admins and the
 * entity's owners. Re-running checks, answering, waiving and signing: any
 * other signed-in user, since the launch-gates service then narrows each
 * to the people the review names (its product owner, a check's answerer)
 * with a 403 naming them. Posting a report: portal admins and the entity's
 * owners. Undefined for other permissions.
 */
export function launchGatesPolicyDecision(
  permission: Permission,
  user: RoleUser | undefined,
): PolicyDecision | undefined {
  if (!LAUNCH_GATES.has(permission.name)) return undefined;
  if (!user) return allow;
  if (user.roles.readOnly) return deny;
  if (permission.name === launchGatesReviewCreatePermission.name) {
    if (user.roles.productOwner || user.roles.sre) return allow;
    return ownersOrAdmins(permission, user);
  }
  if (permission.name === launchGatesReportCreatePermission.name) {
    return ownersOrAdmins(permission, user);
  }
  return allow;
}
