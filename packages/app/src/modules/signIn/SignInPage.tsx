import { SignInPageBlueprint } from '@backstage/plugin-app-react';
import { vigilIdAuthApiRef } from './vigilIdAuthApi';

/**
 * Vigil ID (OpenID Connect) always; the read-only guest only in the embedded
 * default (production's backend has no guest provider at all).
 */
export const signInPage = SignInPageBlueprint.make({
  params: {
    loader: async () => {
      const { SignInPage } = await import('@backstage/core-components');
      const { useApi, configApiRef } = await import(
        '@backstage/frontend-plugin-api'
      );
      return function VigilSignInPage(props) {
        const config = useApi(configApiRef);
        const production =
          config.getOptionalString('auth.environment') === 'production';
        return (
          <SignInPage
            {...props}
            title="Sign in to Vigil"
            align="center"
            providers={[
              {
                id: 'vigil-id',
                title: 'Vigil ID',
                message:
                  'Sign in with your organisation account (in the embedded default: a demo user, password in .data/oidc-demo-password).',
                apiRef: vigilIdAuthApiRef,
              },
              ...(production ? [] : (['guest'] as const)),
            ]}
          />
        );
      };
    },
  },
});
