/*
 * Sign-in through an OpenID Connect provider (the local OP of the embedded
 * default, the organisation's IdP in production), resolved by Vigil's own
 * verified-email resolver rather than a configurable one.
 */
import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  authProvidersExtensionPoint,
  createOAuthProviderFactory,
} from '@backstage/plugin-auth-node';
import { oidcAuthenticator } from '@backstage/plugin-auth-backend-module-oidc-provider';
import { vigilOidcSignInResolver } from './oidcSignInResolver';

export default createBackendModule({
  pluginId: 'auth',
  moduleId: 'vigil-oidc-provider',
  register(reg) {
    reg.registerInit({
      deps: { providers: authProvidersExtensionPoint },
      async init({ providers }) {
        providers.registerProvider({
          providerId: 'oidc',
          factory: createOAuthProviderFactory({
            authenticator: oidcAuthenticator,
            signInResolver: vigilOidcSignInResolver,
          }),
        });
      },
    });
  },
});
