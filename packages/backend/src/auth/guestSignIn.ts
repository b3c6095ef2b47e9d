/*
 * Guest sign-in exists only in the embedded default: the module is loaded
 * when vigil.auth.guest is true (app-config.yaml), and production sets it to
 * false (a config overlay cannot delete auth.providers.guest, but it can turn
 * this flag off, and then no guest route exists at all).
 */
import {
  coreServices,
  createBackendFeatureLoader,
} from '@backstage/backend-plugin-api';

export default createBackendFeatureLoader({
  deps: { config: coreServices.rootConfig },
  *loader({ config }) {
    const production =
      config.getOptionalString('auth.environment') === 'production';
    if (config.getOptionalBoolean('vigil.auth.guest') === true && !production) {
      yield import('@backstage/plugin-auth-backend-module-guest-provider');
    }
  },
});
