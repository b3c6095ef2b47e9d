import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  defaultIncidentsPolicyDecision,
  incidentClosePermission,
  incidentCreatePermission,
  incidentUpdatePermission,
} from './permissions';

const USER = {
  userEntityRef: 'user:default/alice',
  ownershipEntityRefs: ['user:default/alice', 'group:default/sre'],
};
const GUEST = {
  userEntityRef: 'user:default/guest',
  ownershipEntityRefs: ['user:default/guest'],
  roles: { readOnly: true },
};
const SRE = { ...USER, roles: { sre: true } };
const OTHER = {
  type: 'basic' as const,
  name: 'catalog.entity.create',
  attributes: { action: 'create' as const },
};

describe('defaultIncidentsPolicyDecision', () => {
  it.each([
    [
      'declare, signed in',
      incidentCreatePermission,
      USER,
      AuthorizeResult.ALLOW,
    ],
    [
      'declare, anonymous',
      incidentCreatePermission,
      undefined,
      AuthorizeResult.DENY,
    ],
    [
      'update, anonymous',
      incidentUpdatePermission,
      undefined,
      AuthorizeResult.DENY,
    ],
    [
      'update, signed in',
      incidentUpdatePermission,
      USER,
      AuthorizeResult.CONDITIONAL,
    ],
    [
      'close, signed in',
      incidentClosePermission,
      USER,
      AuthorizeResult.CONDITIONAL,
    ],
    [
      'declare, read-only',
      incidentCreatePermission,
      GUEST,
      AuthorizeResult.DENY,
    ],
    [
      'update, read-only',
      incidentUpdatePermission,
      GUEST,
      AuthorizeResult.DENY,
    ],
    ['close, read-only', incidentClosePermission, GUEST, AuthorizeResult.DENY],
    ['declare, SRE', incidentCreatePermission, SRE, AuthorizeResult.ALLOW],
    ['update, SRE', incidentUpdatePermission, SRE, AuthorizeResult.ALLOW],
    ['close, SRE', incidentClosePermission, SRE, AuthorizeResult.ALLOW],
  ])('%s → %s', (_name, permission, user, result) => {
    expect(defaultIncidentsPolicyDecision(permission, user)?.result).toBe(
      result,
    );
  });

  it('makes updates conditional on being commander or owner', () => {
    expect(
      defaultIncidentsPolicyDecision(incidentUpdatePermission, USER),
    ).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'incidents',
      resourceType: 'incident',
      conditions: {
        anyOf: [
          {
            rule: 'IS_INCIDENT_COMMANDER',
            resourceType: 'incident',
            params: { userEntityRef: 'user:default/alice' },
          },
          {
            rule: 'IS_INCIDENT_OWNED_BY',
            resourceType: 'incident',
            params: { claims: ['user:default/alice', 'group:default/sre'] },
          },
        ],
      },
    });
  });

  it('leaves other plugins’ permissions to the app policy', () => {
    expect(defaultIncidentsPolicyDecision(OTHER, USER)).toBeUndefined();
  });
});
