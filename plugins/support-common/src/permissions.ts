import {
  AuthorizeResult,
  createPermission,
  type Permission,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';

/** Filing a support ticket. @public */
export const supportTicketCreatePermission = createPermission({
  name: 'support.ticket.create',
  attributes: { action: 'create' },
});

/** Giving feedback. @public */
export const supportFeedbackCreatePermission = createPermission({
  name: 'support.feedback.create',
  attributes: { action: 'create' },
});

/**
 * Reading every ticket and all feedback and changing tickets' status (the
 * admin page): portal admins.
 * @public
 */
export const supportTicketManagePermission = createPermission({
  name: 'support.ticket.manage',
  attributes: { action: 'update' },
});

/** @public */
export const supportPermissions = [
  supportTicketCreatePermission,
  supportFeedbackCreatePermission,
  supportTicketManagePermission,
];

/** The signed-in user as the default decision reads it. @public */
export interface SupportPolicyUser {
  roles: { admin?: boolean; readOnly?: boolean };
}

/**
 * Vigil's default decision on the support permissions (undefined for
 * others): portal admins manage; anyone signed in but the read-only guest
 * files tickets and feedback (the guest account is shared, so its tickets
 * could not be followed by one person); services may do everything.
 * @public
 */
export function defaultSupportPolicyDecision(
  permission: Permission,
  user: SupportPolicyUser | undefined,
): PolicyDecision | undefined {
  if (!supportPermissions.some(p => p.name === permission.name)) {
    return undefined;
  }
  if (!user) return { result: AuthorizeResult.ALLOW };
  const allowed =
    permission.name === supportTicketManagePermission.name
      ? Boolean(user.roles.admin)
      : !user.roles.readOnly;
  return { result: allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY };
}
