/*
 * The portal's permission policy: Vigil's incident defaults (any signed-in
 * user declares; owners and the commander update and close) and on-call
 * defaults (owning groups manage their schedules and escalation policies;
 * any signed-in user pages), everything else allowed as before. Wiring only:
 * the decisions live in incidents-common and oncall-common.
 */
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { defaultIncidentsPolicyDecision } from '@vigil/backstage-plugin-incidents-common';
import { defaultOnCallPolicyDecision } from '@vigil/backstage-plugin-oncall-common';
import type { UserInfoService } from '@backstage/backend-plugin-api';

class VigilPermissionPolicy implements PermissionPolicy {
  constructor(private readonly userInfo: UserInfoService) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const info = user
      ? await this.userInfo.getUserInfo(user.credentials)
      : undefined;
    return (
      defaultIncidentsPolicyDecision(request.permission, info) ??
      defaultOnCallPolicyDecision(request.permission, info) ?? {
        result: AuthorizeResult.ALLOW,
      }
    );
  }
}

export default createBackendModule({
  pluginId: 'permission',
  moduleId: 'vigil-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint, userInfo: coreServices.userInfo },
      async init({ policy, userInfo }) {
        policy.setPolicy(new VigilPermissionPolicy(userInfo));
      },
    });
  },
});
