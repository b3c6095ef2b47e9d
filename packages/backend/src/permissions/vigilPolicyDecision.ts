import {
  AuthorizeResult,
  Permission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { defaultIncidentsPolicyDecision } from '@vigil/backstage-plugin-incidents-common';
import { defaultOnCallPolicyDecision } from '@vigil/backstage-plugin-oncall-common';
import { defaultRumPolicyDecision } from '@vigil/backstage-plugin-rum-backend';
import { defaultSandboxPolicyDecision } from '@vigil/backstage-plugin-sandbox-backend';
import { defaultSloPolicyDecision } from '@vigil/backstage-plugin-slo-backend';
import { defaultSupportPolicyDecision } from '@vigil/backstage-plugin-support-backend';
import { catalogPolicyDecision } from './catalogDecision';
import { deploymentsPolicyDecision } from './deploymentsDecision';
import { launchGatesPolicyDecision } from './launchGatesDecision';
import type { RoleUser } from './roles';

const allow: PolicyDecision = { result: AuthorizeResult.ALLOW };
const deny: PolicyDecision = { result: AuthorizeResult.DENY };

/**
 * The portal's decision on one permission for one caller (undefined: a
 * service principal, since unauthenticated requests never reach the policy).
 *
 * 1. Vigil's plugins decide their own permissions (each plugin's defaults,
 *    given the user's roles; deployments' in deploymentsDecision.ts, the
 *    launch gates' in launchGatesDecision.ts);
 *    services get what those defaults give them.
 * 2. Other services keep every other permission (the catalog's collators,
 *    the scaffolder's own calls).
 * 3. Read-only users read: only permissions of action `read`.
 * 4. The catalog's and scaffolder's writes: portal admins (owners refresh
 *    their entities).
 * 5. Everything else is allowed to signed-in users.
 */
export function vigilPolicyDecision(
  permission: Permission,
  user: RoleUser | undefined,
): PolicyDecision {
  const plugins =
    defaultIncidentsPolicyDecision(permission, user) ??
    defaultOnCallPolicyDecision(permission, user) ??
    defaultSloPolicyDecision(permission, user) ??
    deploymentsPolicyDecision(permission, user) ??
    launchGatesPolicyDecision(permission, user) ??
    defaultRumPolicyDecision(permission, user) ??
    defaultSandboxPolicyDecision(permission, user) ??
    defaultSupportPolicyDecision(permission, user);
  if (plugins) return plugins;
  if (!user) return allow;
  if (user.roles.readOnly) {
    return permission.attributes.action === 'read' ? allow : deny;
  }
  return catalogPolicyDecision(permission, user) ?? allow;
}
