import {
  AuthorizeResult,
  PermissionCondition,
  PolicyDecision,
  createPermission,
  isPermission,
  Permission,
} from '@backstage/plugin-permission-common';

/** Schedules (with their layers, overrides and temporary schedules); the resource ref is the schedule id. */
export const ONCALL_SCHEDULE_RESOURCE_TYPE = 'oncall-schedule';
/** Escalation policies; the resource ref is the policy id. */
export const ONCALL_POLICY_RESOURCE_TYPE = 'oncall-policy';

/** Creating and editing a schedule, its layers, overrides and temporary schedules. */
export const oncallScheduleManagePermission = createPermission({
  name: 'oncall.schedule.manage',
  attributes: { action: 'update' },
  resourceType: ONCALL_SCHEDULE_RESOURCE_TYPE,
});

/** Creating and editing an escalation policy. */
export const oncallPolicyManagePermission = createPermission({
  name: 'oncall.policy.manage',
  attributes: { action: 'update' },
  resourceType: ONCALL_POLICY_RESOURCE_TYPE,
});

/** Paging an entity's owners by hand (the incidents backend pages as a service). */
export const oncallPageCreatePermission = createPermission({
  name: 'oncall.page.create',
  attributes: { action: 'create' },
});

export const oncallPermissions = [
  oncallScheduleManagePermission,
  oncallPolicyManagePermission,
  oncallPageCreatePermission,
];

/** Names of the permission rules the on-call backend registers. */
export const ONCALL_RULES = {
  isScheduleOwnedBy: 'IS_ONCALL_SCHEDULE_OWNED_BY',
  isPolicyOwnedBy: 'IS_ONCALL_POLICY_OWNED_BY',
} as const;

/** Conditions as plain data, for permission policies. */
export const oncallConditions = {
  /** One of the claims (user and group refs) is the schedule's owner. */
  isScheduleOwnedBy(params: {
    claims: string[];
  }): PermissionCondition<typeof ONCALL_SCHEDULE_RESOURCE_TYPE> {
    return {
      rule: ONCALL_RULES.isScheduleOwnedBy,
      resourceType: ONCALL_SCHEDULE_RESOURCE_TYPE,
      params,
    };
  },
  /** One of the claims (user and group refs) is the policy's owner. */
  isPolicyOwnedBy(params: {
    claims: string[];
  }): PermissionCondition<typeof ONCALL_POLICY_RESOURCE_TYPE> {
    return {
      rule: ONCALL_RULES.isPolicyOwnedBy,
      resourceType: ONCALL_POLICY_RESOURCE_TYPE,
      params,
    };
  },
};

/** The signed-in user as the defaults read it (Backstage's BackstageUserInfo). */
export interface OnCallPolicyUser {
  userEntityRef: string;
  ownershipEntityRefs: string[];
  /** The app's roles of the user (absent: a plain user); `readOnly`: reads only. */
  roles?: { readOnly?: boolean };
}

/**
 * Vigil's default on-call policy: members of the owning group manage its
 * schedules and policies; any signed-in user may page; a read-only user
 * does neither. Returns undefined for
 * permissions that are not on-call's, so an app policy can delegate to it.
 */
export function defaultOnCallPolicyDecision(
  permission: Permission,
  user: OnCallPolicyUser | undefined,
): PolicyDecision | undefined {
  const canWrite = !!user && !user.roles?.readOnly;
  if (isPermission(permission, oncallPageCreatePermission)) {
    return { result: canWrite ? AuthorizeResult.ALLOW : AuthorizeResult.DENY };
  }
  if (isPermission(permission, oncallScheduleManagePermission)) {
    if (!user || !canWrite) return { result: AuthorizeResult.DENY };
    return {
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'oncall',
      resourceType: ONCALL_SCHEDULE_RESOURCE_TYPE,
      conditions: oncallConditions.isScheduleOwnedBy({
        claims: user.ownershipEntityRefs,
      }),
    };
  }
  if (isPermission(permission, oncallPolicyManagePermission)) {
    if (!user || !canWrite) return { result: AuthorizeResult.DENY };
    return {
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'oncall',
      resourceType: ONCALL_POLICY_RESOURCE_TYPE,
      conditions: oncallConditions.isPolicyOwnedBy({
        claims: user.ownershipEntityRefs,
      }),
    };
  }
  return undefined;
}
