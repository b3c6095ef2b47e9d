import {
  AuthorizeResult,
  PermissionCondition,
  PermissionCriteria,
  PolicyDecision,
  createPermission,
  isPermission,
  Permission,
} from '@backstage/plugin-permission-common';

/** The resource type of incident permissions; the resource ref is the incident id. */
export const INCIDENT_RESOURCE_TYPE = 'incident';

/** Declaring an incident (UI, API; Alertmanager intake runs as the backend itself). */
export const incidentCreatePermission = createPermission({
  name: 'incidents.incident.create',
  attributes: { action: 'create' },
});

/** Changing an incident: status, severity, roles, notes, links, its postmortem and action items. */
export const incidentUpdatePermission = createPermission({
  name: 'incidents.incident.update',
  attributes: { action: 'update' },
  resourceType: INCIDENT_RESOURCE_TYPE,
});

/** Closing an incident (after its postmortem) and publishing its postmortem. */
export const incidentClosePermission = createPermission({
  name: 'incidents.incident.close',
  attributes: { action: 'update' },
  resourceType: INCIDENT_RESOURCE_TYPE,
});

export const incidentsPermissions = [
  incidentCreatePermission,
  incidentUpdatePermission,
  incidentClosePermission,
];

/** Names of the permission rules the incidents backend registers. */
export const INCIDENT_RULES = {
  isCommander: 'IS_INCIDENT_COMMANDER',
  isOwnedBy: 'IS_INCIDENT_OWNED_BY',
} as const;

/**
 * Conditions for permission policies, built without the backend package
 * (a condition is plain data: rule name, resource type and params).
 */
export const incidentConditions = {
  /** The user is the incident's current commander. */
  isCommander(params: {
    userEntityRef: string;
  }): PermissionCondition<'incident'> {
    return {
      rule: INCIDENT_RULES.isCommander,
      resourceType: INCIDENT_RESOURCE_TYPE,
      params,
    };
  },
  /** One of the claims (user and group refs) owns an affected entity. */
  isOwnedBy(params: { claims: string[] }): PermissionCondition<'incident'> {
    return {
      rule: INCIDENT_RULES.isOwnedBy,
      resourceType: INCIDENT_RESOURCE_TYPE,
      params,
    };
  },
};

/**
 * The signed-in user as the defaults read it (Backstage's BackstageUserInfo),
 * with the app's roles of it (the portal's role model decides them from its
 * configuration; absent: a plain user).
 */
export interface IncidentsPolicyUser {
  userEntityRef: string;
  ownershipEntityRefs: string[];
  /** `readOnly`: reads only; `sre`: may act on any incident. */
  roles?: { readOnly?: boolean; sre?: boolean };
}

/**
 * Vigil's default incident policy: any signed-in user but a read-only one
 * may declare; SRE may update and close any incident; otherwise the owning
 * group (of an affected entity) and the assigned commander may. Returns
 * undefined for permissions that are not incidents', so an app policy can
 * delegate to it and decide the rest itself.
 */
export function defaultIncidentsPolicyDecision(
  permission: Permission,
  user: IncidentsPolicyUser | undefined,
): PolicyDecision | undefined {
  if (isPermission(permission, incidentCreatePermission)) {
    return {
      result:
        user && !user.roles?.readOnly
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
    };
  }
  if (
    isPermission(permission, incidentUpdatePermission) ||
    isPermission(permission, incidentClosePermission)
  ) {
    if (!user || user.roles?.readOnly) return { result: AuthorizeResult.DENY };
    if (user.roles?.sre) return { result: AuthorizeResult.ALLOW };
    const conditions: PermissionCriteria<PermissionCondition<'incident'>> = {
      anyOf: [
        incidentConditions.isCommander({
          userEntityRef: user.userEntityRef,
        }),
        incidentConditions.isOwnedBy({
          claims: user.ownershipEntityRefs,
        }),
      ],
    };
    return {
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'incidents',
      resourceType: INCIDENT_RESOURCE_TYPE,
      conditions,
    };
  }
  return undefined;
}
