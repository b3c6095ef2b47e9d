import {
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import {
  ONCALL_POLICY_RESOURCE_TYPE,
  ONCALL_RULES,
  ONCALL_SCHEDULE_RESOURCE_TYPE,
} from '@vigil/backstage-plugin-oncall-common';
import { z } from 'zod';

/**
 * What the rules read of a schedule or policy: its owning group. A resource
 * about to be created is judged by the owner it would have.
 */
export interface OwnedResource {
  ownerRef: string;
}

/** Query form of the rules (lists are readable by every signed-in user). */
export type OnCallRuleQuery = { ownerRefs: string[] };

export const scheduleResourceRef = createPermissionResourceRef<
  OwnedResource,
  OnCallRuleQuery
>().with({ pluginId: 'oncall', resourceType: ONCALL_SCHEDULE_RESOURCE_TYPE });

export const policyResourceRef = createPermissionResourceRef<
  OwnedResource,
  OnCallRuleQuery
>().with({ pluginId: 'oncall', resourceType: ONCALL_POLICY_RESOURCE_TYPE });

// permission-node types its params schemas with zod 4 while this repo's zod
// is 3 (which it accepts at run time): typed on apply/toQuery instead, as in
// incidents-backend's permissions.ts.
type OwnedByParams = { claims: string[] };
const ownedByParamsSchema: any = z.object({
  claims: z
    .array(z.string())
    .describe('Ownership claims, e.g. the user and its groups'),
});

const isOwnedBy = (resource: OwnedResource, { claims }: OwnedByParams) =>
  claims.some(claim => claim.toLowerCase() === resource.ownerRef.toLowerCase());

export const isScheduleOwnedByRule = createPermissionRule<
  typeof scheduleResourceRef,
  OwnedByParams
>({
  name: ONCALL_RULES.isScheduleOwnedBy,
  description:
    'Allow when one of the claims (user or group refs) owns the schedule',
  resourceRef: scheduleResourceRef,
  paramsSchema: ownedByParamsSchema,
  apply: isOwnedBy,
  toQuery: ({ claims }: OwnedByParams) => ({ ownerRefs: claims }),
});

export const isPolicyOwnedByRule = createPermissionRule<
  typeof policyResourceRef,
  OwnedByParams
>({
  name: ONCALL_RULES.isPolicyOwnedBy,
  description:
    'Allow when one of the claims (user or group refs) owns the escalation policy',
  resourceRef: policyResourceRef,
  paramsSchema: ownedByParamsSchema,
  apply: isOwnedBy,
  toQuery: ({ claims }: OwnedByParams) => ({ ownerRefs: claims }),
});

export const scheduleRules = [isScheduleOwnedByRule];
export const policyRules = [isPolicyOwnedByRule];
