import {
  AuthorizeResult,
  createPermission,
  type Permission,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';

/**
 * Setting a synthetic service's faults (PUT /services/:name/faults).
 * @public
 */
export const sandboxFaultsUpdatePermission = createPermission({
  name: 'sandbox.faults.update',
  attributes: { action: 'update' },
});

/**
 * Resetting the sandbox: faults cleared, sandbox incidents, postmortems and
 * SLO history deleted (POST /reset).
 * @public
 */
export const sandboxResetPermission = createPermission({
  name: 'sandbox.reset',
  attributes: { action: 'delete' },
});

/** @public */
export const sandboxPermissions = [
  sandboxFaultsUpdatePermission,
  sandboxResetPermission,
];

/**
 * The signed-in user as the default decision reads it.
 * @public
 */
export interface SandboxPolicyUser {
  roles: { readOnly?: boolean };
}

/**
 * Vigil's default decision on the sandbox's permissions (undefined for
 * others): the sandbox is for learning, so every signed-in user who is not
 * read-only injects faults and resets it; services do neither.
 * @public
 */
export function defaultSandboxPolicyDecision(
  permission: Permission,
  user: SandboxPolicyUser | undefined,
): PolicyDecision | undefined {
  if (!sandboxPermissions.some(p => p.name === permission.name)) {
    return undefined;
  }
  return {
    result:
      user && !user.roles.readOnly
        ? AuthorizeResult.ALLOW
        : AuthorizeResult.DENY,
  };
}
