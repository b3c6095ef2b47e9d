/*
 * Vigil's OIDC sign-in resolver: the identity provider's VERIFIED email must
 * be the profile email of exactly one catalog User; anyone else is refused
 * with a message that says what to do.
 */
import type {
  AuthResolverContext,
  OAuthAuthenticatorResult,
  SignInInfo,
} from '@backstage/plugin-auth-node';
import type { OidcAuthResult } from '@backstage/plugin-auth-backend-module-oidc-provider';

/**
 * Backstage maps errors to statuses by name (403 for NotAllowedError); the
 * backend package does not depend on @backstage/errors, so the name is set
 * here.
 */
class NotAllowedError extends Error {
  name = 'NotAllowedError';
}

export async function vigilOidcSignInResolver(
  info: SignInInfo<OAuthAuthenticatorResult<OidcAuthResult>>,
  ctx: AuthResolverContext,
) {
  const userinfo = info.result.fullProfile.userinfo;
  const email = typeof userinfo.email === 'string' ? userinfo.email.trim() : '';
  if (!email) {
    throw new NotAllowedError(
      'Sign-in refused: the identity provider did not give an email address.',
    );
  }
  // Only an address the provider has verified names a person; an
  // unverified one could be anyone's.
  if (userinfo.email_verified !== true) {
    throw new NotAllowedError(
      `Sign-in refused: the identity provider has not verified the email ${email}.`,
    );
  }
  try {
    return await ctx.signInWithCatalogUser({
      filter: { kind: 'User', 'spec.profile.email': email.toLowerCase() },
    });
  } catch (error) {
    if ((error as Error)?.name !== 'NotFoundError') throw error;
    throw new NotAllowedError(
      `Sign-in refused: no catalog user with the email ${email}; ask a portal admin to add you to the catalog.`,
    );
  }
}
