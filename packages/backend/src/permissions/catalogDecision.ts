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
import type { RoleUser } from './roles';

/** Catalog permissions that change what the catalog holds: portal admins only. */
const ADMIN_CATALOG = new Set([
  'catalog.entity.create',
  'catalog.entity.delete',
  'catalog.location.create',
  'catalog.location.delete',
  'catalog.ingestion.manage',
]);

/**
 * Scaffolder permissions that run templates: portal admins only, since the
 * portal's templates register catalog locations (what only admins do) and
 * write to repositories on the backend's behalf.
 */
const ADMIN_SCAFFOLDER = new Set([
  'scaffolder.task.create',
  'scaffolder.task.cancel',
  'scaffolder.action.execute',
  'scaffolder.template.dry-run',
  'scaffolder.template.management',
]);

const allow: PolicyDecision = { result: AuthorizeResult.ALLOW };
const deny: PolicyDecision = { result: AuthorizeResult.DENY };

/**
 * The catalog's and scaffolder's rules for a signed-in user who is not
 * read-only (the composition settles read-only users and services first).
 * Undefined for other plugins' permissions.
 */
export function catalogPolicyDecision(
  permission: Permission,
  user: RoleUser,
): PolicyDecision | undefined {
  if (
    ADMIN_CATALOG.has(permission.name) ||
    ADMIN_SCAFFOLDER.has(permission.name)
  ) {
    return user.roles.admin ? allow : deny;
  }
  if (
    permission.name === 'catalog.entity.refresh' &&
    isResourcePermission(permission, 'catalog-entity')
  ) {
    // Refreshing re-reads an entity's source: harmless for its owners.
    if (user.roles.admin) return allow;
    return createCatalogConditionalDecision(
      permission,
      catalogConditions.isEntityOwner({ claims: user.ownershipEntityRefs }),
    );
  }
  return undefined;
}
