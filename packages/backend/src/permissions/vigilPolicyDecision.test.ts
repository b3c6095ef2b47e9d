import {
  AuthorizeResult,
  createPermission,
  Permission,
} from '@backstage/plugin-permission-common';
import {
  incidentClosePermission,
  incidentCreatePermission,
  incidentUpdatePermission,
} from '@vigil/backstage-plugin-incidents-common';
import {
  oncallPageCreatePermission,
  oncallPolicyManagePermission,
  oncallScheduleManagePermission,
} from '@vigil/backstage-plugin-oncall-common';
import {
  sandboxFaultsUpdatePermission,
  sandboxResetPermission,
} from '@vigil/backstage-plugin-sandbox-backend';
import { sloSpecsRefreshPermission } from '@vigil/backstage-plugin-slo-backend';
import { deploymentsRecordCreatePermission } from '@vigil/backstage-plugin-deployments-common';
import {
  launchGatesCheckAnswerPermission,
  launchGatesReportCreatePermission,
  launchGatesReviewCreatePermission,
  launchGatesReviewEvaluatePermission,
  launchGatesSignOffCreatePermission,
  launchGatesWaiverCreatePermission,
} from '@vigil/backstage-plugin-launch-gates-common';
import { DEFAULT_ROLE_CONFIG, RoleUser, rolesOf } from './roles';
import { vigilPolicyDecision } from './vigilPolicyDecision';

const { ALLOW: A, DENY: D, CONDITIONAL: C } = AuthorizeResult;

const catalog = (
  name: string,
  action: 'read' | 'create' | 'update' | 'delete',
) =>
  createPermission({
    name,
    attributes: { action },
    resourceType: 'catalog-entity',
  });
const basic = (
  name: string,
  action?: 'read' | 'create' | 'update' | 'delete',
) => createPermission({ name, attributes: action ? { action } : {} });

const permissions: Record<string, Permission> = {
  'catalog.entity.read': catalog('catalog.entity.read', 'read'),
  'catalog.entity.create': basic('catalog.entity.create', 'create'),
  'catalog.entity.delete': catalog('catalog.entity.delete', 'delete'),
  'catalog.entity.refresh': catalog('catalog.entity.refresh', 'update'),
  'catalog.location.create': basic('catalog.location.create', 'create'),
  'catalog.location.delete': basic('catalog.location.delete', 'delete'),
  'scaffolder.task.create': basic('scaffolder.task.create', 'create'),
  'scaffolder.action.execute': createPermission({
    name: 'scaffolder.action.execute',
    attributes: {},
    resourceType: 'scaffolder-action',
  }),
  'scaffolder.task.cancel': basic('scaffolder.task.cancel'),
  'scaffolder.template.parameter.read': basic(
    'scaffolder.template.parameter.read',
    'read',
  ),
  'slo.specs.refresh': sloSpecsRefreshPermission,
  'incidents.incident.create': incidentCreatePermission,
  'incidents.incident.update': incidentUpdatePermission,
  'incidents.incident.close': incidentClosePermission,
  'oncall.page.create': oncallPageCreatePermission,
  'oncall.schedule.manage': oncallScheduleManagePermission,
  'oncall.policy.manage': oncallPolicyManagePermission,
  'deployments.record.create': deploymentsRecordCreatePermission,
  'launch-gates.review.create': launchGatesReviewCreatePermission,
  'launch-gates.review.evaluate': launchGatesReviewEvaluatePermission,
  'launch-gates.check.answer': launchGatesCheckAnswerPermission,
  'launch-gates.waiver.create': launchGatesWaiverCreatePermission,
  'launch-gates.signoff.create': launchGatesSignOffCreatePermission,
  'launch-gates.report.create': launchGatesReportCreatePermission,
  'sandbox.faults.update': sandboxFaultsUpdatePermission,
  'sandbox.reset': sandboxResetPermission,
  'other.thing.update': basic('other.thing.update', 'update'),
};

const as = (name: string, ...groups: string[]): RoleUser => {
  const info = {
    userEntityRef: `user:default/${name}`,
    ownershipEntityRefs: [
      `user:default/${name}`,
      ...groups.map(g => `group:default/${g}`),
    ],
  };
  return { ...info, roles: rolesOf(info, DEFAULT_ROLE_CONFIG) };
};

const callers: Record<string, RoleUser | undefined> = {
  service: undefined,
  guest: as('guest'),
  user: as('zoe'),
  owner: as('carol', 'payments'),
  sre: as('alice', 'sre'),
  po: as('erin', 'product-owners'),
  admin: as('pat', 'portal-admins'),
};

// permission: [service, guest, user, owner, sre, po, admin]
const table: Record<string, string> = {
  'catalog.entity.read': 'AAAAAAA',
  'catalog.entity.create': 'ADDDDDA',
  'catalog.entity.delete': 'ADDDDDA',
  'catalog.entity.refresh': 'ADCCCCA',
  'catalog.location.create': 'ADDDDDA',
  'catalog.location.delete': 'ADDDDDA',
  'scaffolder.task.create': 'ADAAAAA',
  'scaffolder.task.cancel': 'ADDDDDA',
  'scaffolder.action.execute': 'ADCCCCA',
  'scaffolder.template.parameter.read': 'AAAAAAA',
  'slo.specs.refresh': 'DDDDADA',
  'incidents.incident.create': 'DDAAAAA',
  'incidents.incident.update': 'DDCCACC',
  'incidents.incident.close': 'DDCCACC',
  'oncall.page.create': 'DDAAAAA',
  'oncall.schedule.manage': 'DDCCCCC',
  'oncall.policy.manage': 'DDCCCCC',
  'deployments.record.create': 'ADCCCCA',
  'launch-gates.review.create': 'ADCCAAA',
  'launch-gates.review.evaluate': 'ADAAAAA',
  'launch-gates.check.answer': 'ADAAAAA',
  'launch-gates.waiver.create': 'ADAAAAA',
  'launch-gates.signoff.create': 'ADAAAAA',
  'launch-gates.report.create': 'ADCCCCA',
  'sandbox.faults.update': 'DDAAAAA',
  'sandbox.reset': 'DDAAAAA',
  'other.thing.update': 'ADAAAAA',
};
const letter = { A, D, C } as Record<string, AuthorizeResult>;

describe('vigilPolicyDecision', () => {
  const rows = Object.entries(table).flatMap(([name, results]) =>
    Object.keys(callers).map(
      (caller, i) => [name, caller, letter[results[i]]] as const,
    ),
  );

  it.each(rows)('%s as %s → %s', (name, caller, result) => {
    expect(vigilPolicyDecision(permissions[name], callers[caller]).result).toBe(
      result,
    );
  });

  it('makes recording a deployment conditional on owning the entity', () => {
    expect(
      vigilPolicyDecision(
        permissions['deployments.record.create'],
        callers.owner,
      ),
    ).toMatchObject({
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        rule: 'IS_ENTITY_OWNER',
        params: { claims: ['user:default/carol', 'group:default/payments'] },
      },
    });
  });

  it('makes opening a launch review conditional on owning the entity, unless a product owner or SRE', () => {
    expect(
      vigilPolicyDecision(
        permissions['launch-gates.review.create'],
        callers.owner,
      ),
    ).toMatchObject({
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        rule: 'IS_ENTITY_OWNER',
        params: { claims: ['user:default/carol', 'group:default/payments'] },
      },
    });
  });

  it("limits a non-admin's template runs to Add your service's actions", () => {
    expect(
      vigilPolicyDecision(
        permissions['scaffolder.action.execute'],
        callers.sre,
      ),
    ).toEqual({
      result: C,
      pluginId: 'scaffolder',
      resourceType: 'scaffolder-action',
      conditions: {
        anyOf: [
          'vigil:catalog-folder:write-service',
          'vigil:techdocs:publish',
          'vigil:oncall:create-starter-schedule',
        ].map(actionId => ({
          rule: 'HAS_ACTION_ID',
          resourceType: 'scaffolder-action',
          params: { actionId },
        })),
      },
    });
  });

  it('makes an owner refresh conditional on owning the entity', () => {
    expect(
      vigilPolicyDecision(permissions['catalog.entity.refresh'], callers.owner),
    ).toMatchObject({
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        rule: 'IS_ENTITY_OWNER',
        params: { claims: ['user:default/carol', 'group:default/payments'] },
      },
    });
  });
});
