import {
  AuthorizeResult,
  createPermission,
  isPermission,
  Permission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';

/**
 * Re-reading every SLO spec from the catalog now (POST /refresh).
 * @public
 */
export const sloSpecsRefreshPermission = createPermission({
  name: 'slo.specs.refresh',
  attributes: { action: 'update' },
});

/** @public */
export const sloPermissions = [sloSpecsRefreshPermission];

/**
 * The signed-in user as the SLO defaults read it, with the app's roles of
 * it (absent: a plain user).
 * @public
 */
export interface SloPolicyUser {
  userEntityRef: string;
  ownershipEntityRefs: string[];
  roles?: { readOnly?: boolean; sre?: boolean; admin?: boolean };
}

/**
 * Vigil's default SLO policy: a refresh re-reads every entity's specs at
 * once (the scheduled refresh does the same every few minutes), so it is
 * for SRE and portal admins; reading SLOs needs no permission of its own
 * (it follows the entities' read permission). Undefined for other
 * permissions, so an app policy can delegate to it.
 * @public
 */
export function defaultSloPolicyDecision(
  permission: Permission,
  user: SloPolicyUser | undefined,
): PolicyDecision | undefined {
  if (isPermission(permission, sloSpecsRefreshPermission)) {
    const roles = user?.roles;
    return {
      result:
        roles && !roles.readOnly && (roles.sre || roles.admin)
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
    };
  }
  return undefined;
}
