import type { UserInfoService } from '@backstage/backend-plugin-api';
import type { PolicyDecision } from '@backstage/plugin-permission-common';
import type {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { RoleConfig, rolesOf } from './roles';
import { vigilPolicyDecision } from './vigilPolicyDecision';

/** The portal's permission policy: the user's roles, then the pure decision. */
export class VigilPermissionPolicy implements PermissionPolicy {
  constructor(
    private readonly userInfo: UserInfoService,
    private readonly roleConfig: RoleConfig,
  ) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (!user) return vigilPolicyDecision(request.permission, undefined);
    const info = await this.userInfo.getUserInfo(user.credentials);
    return vigilPolicyDecision(request.permission, {
      userEntityRef: info.userEntityRef,
      ownershipEntityRefs: info.ownershipEntityRefs,
      roles: rolesOf(info, this.roleConfig),
    });
  }
}
