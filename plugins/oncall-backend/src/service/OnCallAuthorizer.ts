import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { createConditionAuthorizer } from '@backstage/plugin-permission-node';
import {
  oncallPageCreatePermission,
  oncallPolicyManagePermission,
  oncallScheduleManagePermission,
} from '@vigil/backstage-plugin-oncall-common';
import { OwnedResource, policyRules, scheduleRules } from '../permissions';

/**
 * The permission checks of the on-call API. A conditional decision is
 * applied to the stored resource, or, for one being created, to the owner it
 * would have (so only members of a group create its schedules). Refusals are
 * NotAllowedError (403).
 */
export class OnCallAuthorizer {
  private readonly scheduleConditions =
    createConditionAuthorizer(scheduleRules);
  private readonly policyConditions = createConditionAuthorizer(policyRules);

  constructor(private readonly permissions: PermissionsService) {}

  private async decide(
    permission:
      | typeof oncallScheduleManagePermission
      | typeof oncallPolicyManagePermission,
    credentials: BackstageCredentials,
  ): Promise<PolicyDecision> {
    const [decision] = await this.permissions.authorizeConditional(
      [{ permission }],
      { credentials },
    );
    return decision;
  }

  async requireScheduleManage(
    resource: OwnedResource,
    credentials: BackstageCredentials,
  ): Promise<void> {
    const decision = await this.decide(
      oncallScheduleManagePermission,
      credentials,
    );
    if (
      decision.result === AuthorizeResult.ALLOW ||
      (decision.result === AuthorizeResult.CONDITIONAL &&
        this.scheduleConditions(decision, resource))
    ) {
      return;
    }
    throw new NotAllowedError(
      `Not allowed to change schedules of ${resource.ownerRef} (${oncallScheduleManagePermission.name}): only members of the owning group may`,
    );
  }

  async requirePolicyManage(
    resource: OwnedResource,
    credentials: BackstageCredentials,
  ): Promise<void> {
    const decision = await this.decide(
      oncallPolicyManagePermission,
      credentials,
    );
    if (
      decision.result === AuthorizeResult.ALLOW ||
      (decision.result === AuthorizeResult.CONDITIONAL &&
        this.policyConditions(decision, resource))
    ) {
      return;
    }
    throw new NotAllowedError(
      `Not allowed to change escalation policies of ${resource.ownerRef} (${oncallPolicyManagePermission.name}): only members of the owning group may`,
    );
  }

  async requirePageCreate(credentials: BackstageCredentials): Promise<void> {
    const [decision] = await this.permissions.authorize(
      [{ permission: oncallPageCreatePermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `Not allowed to page (${oncallPageCreatePermission.name})`,
      );
    }
  }
}
