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
  createScaffolderActionConditionalDecision,
  scaffolderActionConditions,
} from '@backstage/plugin-scaffolder-backend/alpha';
import {
  CREATE_STARTER_SCHEDULE_ACTION_ID,
  PUBLISH_TECHDOCS_ACTION_ID,
  WRITE_SERVICE_ACTION_ID,
} from '@vigil/backstage-plugin-scaffolder-backend-module-onboarding';
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
 * Scaffolder permissions beyond running a template: portal admins only.
 */
const ADMIN_SCAFFOLDER = new Set([
  'scaffolder.task.cancel',
  'scaffolder.template.dry-run',
  'scaffolder.template.management',
]);

/**
 * The actions any signed-in user's template runs may execute: those of
 * "Add your service", which write only into the catalog folder (path
 * checked), publish that service's docs and create a schedule as the user.
 * Every other action (registering locations, writing to repositories on
 * the backend's behalf) stays an admin's.
 */
export const SELF_SERVICE_ACTIONS = [
  WRITE_SERVICE_ACTION_ID,
  PUBLISH_TECHDOCS_ACTION_ID,
  CREATE_STARTER_SCHEDULE_ACTION_ID,
];

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
  // Any signed-in user who is not read-only starts templates (a team adds
  // its own service); what a run may do is the action rule below.
  if (permission.name === 'scaffolder.task.create') return allow;
  if (
    permission.name === 'scaffolder.action.execute' &&
    isResourcePermission(permission, 'scaffolder-action')
  ) {
    if (user.roles.admin) return allow;
    const [first, ...rest] = SELF_SERVICE_ACTIONS.map(actionId =>
      scaffolderActionConditions.hasActionId({ actionId }),
    );
    return createScaffolderActionConditionalDecision(permission, {
      anyOf: [first, ...rest],
    });
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
