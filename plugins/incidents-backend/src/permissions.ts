import {
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import {
  INCIDENT_RESOURCE_TYPE,
  INCIDENT_RULES,
} from '@vigil/backstage-plugin-incidents-common';
import { z } from 'zod';
import type { StoredIncident } from './database/IncidentStore';

/** Query form of the rules (unused for lists: incidents are readable by all). */
export type IncidentRuleQuery = { commander: string } | { ownerRefs: string[] };

export const incidentResourceRef = createPermissionResourceRef<
  StoredIncident,
  IncidentRuleQuery
>().with({ pluginId: 'incidents', resourceType: INCIDENT_RESOURCE_TYPE });

// permission-node types its params schemas with zod 4 while this repo's
// zod is 3 (which the framework also accepts at run time), so the params are
// typed on apply/toQuery and the schema is passed untyped.
type CommanderParams = { userEntityRef: string };
type OwnedByParams = { claims: string[] };
const commanderParamsSchema: any = z.object({
  userEntityRef: z.string().describe('The user entity ref to match'),
});
const ownedByParamsSchema: any = z.object({
  claims: z
    .array(z.string())
    .describe('Ownership claims, e.g. the user and its groups'),
});

export const isIncidentCommanderRule = createPermissionRule<
  typeof incidentResourceRef,
  CommanderParams
>({
  name: INCIDENT_RULES.isCommander,
  description:
    'Allow the incident commander currently assigned to the incident',
  resourceRef: incidentResourceRef,
  paramsSchema: commanderParamsSchema,
  apply: (resource: StoredIncident, { userEntityRef }: CommanderParams) =>
    resource.incident.roles.commander === userEntityRef,
  toQuery: ({ userEntityRef }: CommanderParams): IncidentRuleQuery => ({
    commander: userEntityRef,
  }),
});

export const isIncidentOwnedByRule = createPermissionRule<
  typeof incidentResourceRef,
  OwnedByParams
>({
  name: INCIDENT_RULES.isOwnedBy,
  description:
    'Allow when one of the claims (user or group refs) owns an entity the incident affects',
  resourceRef: incidentResourceRef,
  paramsSchema: ownedByParamsSchema,
  apply: (resource: StoredIncident, { claims }: OwnedByParams) =>
    resource.ownerRefs.some(owner => claims.includes(owner)),
  toQuery: ({ claims }: OwnedByParams): IncidentRuleQuery => ({
    ownerRefs: claims,
  }),
});

export const incidentRules = [isIncidentCommanderRule, isIncidentOwnedByRule];
