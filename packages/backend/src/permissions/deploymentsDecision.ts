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
import { deploymentsRecordCreatePermission } from '@vigil/backstage-plugin-deployments-common';
import type { RoleUser } from './roles';

const allow: PolicyDecision = { result: AuthorizeResult.ALLOW };
const deny: PolicyDecision = { result: AuthorizeResult.DENY };

/**
 * Who may record deployments of an entity (`deployments.record.create`, a
 * permission on the catalog entity): services (the deploy CLI's static
 * token, other backends), portal admins, and the entity's owners (a
 * conditional decision the catalog applies to the entity). Read-only users
 * never. Undefined for other permissions.
 */
export function deploymentsPolicyDecision(
  permission: Permission,
  user: RoleUser | undefined,
): PolicyDecision | undefined {
  if (permission.name !== deploymentsRecordCreatePermission.name) {
    return undefined;
  }
  if (!user) return allow;
  if (user.roles.readOnly) return deny;
  if (user.roles.admin) return allow;
  if (!isResourcePermission(permission, 'catalog-entity')) return deny;
  return createCatalogConditionalDecision(
    permission,
    catalogConditions.isEntityOwner({ claims: user.ownershipEntityRefs }),
  );
}
