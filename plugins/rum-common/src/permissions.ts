import {
  AuthorizeResult,
  createPermission,
  type Permission,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';

/**
 * Reading the grouped JavaScript errors of the portal (the Errors page):
 * messages and stacks can name users' data, so portal admins only.
 * @public
 */
export const rumErrorsReadPermission = createPermission({
  name: 'rum.errors.read',
  attributes: { action: 'read' },
});

/** @public */
export const rumPermissions = [rumErrorsReadPermission];

/**
 * The signed-in user as the default decision reads it.
 * @public
 */
export interface RumPolicyUser {
  roles: { admin?: boolean; readOnly?: boolean };
}

/**
 * Vigil's default decision on the RUM plugin's permissions (undefined for
 * others): portal admins and services read errors; nobody else.
 * @public
 */
export function defaultRumPolicyDecision(
  permission: Permission,
  user: RumPolicyUser | undefined,
): PolicyDecision | undefined {
  if (permission.name !== rumErrorsReadPermission.name) return undefined;
  if (!user) return { result: AuthorizeResult.ALLOW };
  return {
    result: user.roles.admin ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
  };
}
