/*
 * The portal's permission policy, wired into the permission backend. The
 * roles (vigil.permission) and decisions live in ./permissions; each Vigil
 * plugin's own decisions in its -common package (README: Security > Roles).
 */
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { readRoleConfig } from './permissions/roles';
import { VigilPermissionPolicy } from './permissions/VigilPermissionPolicy';

export default createBackendModule({
  pluginId: 'permission',
  moduleId: 'vigil-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        policy: policyExtensionPoint,
        userInfo: coreServices.userInfo,
        config: coreServices.rootConfig,
      },
      async init({ policy, userInfo, config }) {
        policy.setPolicy(
          new VigilPermissionPolicy(userInfo, readRoleConfig(config)),
        );
      },
    });
  },
});
