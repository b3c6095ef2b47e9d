import type {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';

/**
 * Who the credentials are for, as a cache key: `user:<entity ref>` or
 * `service:<subject>`. Anonymous (and unknown) callers have no key, so what
 * is cached per principal is never cached for them.
 * @public
 */
export function principalKey(
  auth: Pick<AuthService, 'isPrincipal'>,
  credentials: BackstageCredentials,
): string | undefined {
  if (auth.isPrincipal(credentials, 'user')) {
    const { userEntityRef } = credentials.principal;
    return userEntityRef ? `user:${userEntityRef}` : undefined;
  }
  if (auth.isPrincipal(credentials, 'service')) {
    const { subject } = credentials.principal;
    return subject ? `service:${subject}` : undefined;
  }
  return undefined;
}

/**
 * Who did something, as records and events name them: a user's entity ref,
 * else a service's subject (e.g. `plugin:launch-gates`, a static token's
 * subject), else the principal's type.
 * @public
 */
export function actorOf(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type?: string;
    userEntityRef?: string;
    subject?: string;
  };
  if (principal.type === 'user' && principal.userEntityRef) {
    return principal.userEntityRef;
  }
  return principal.subject ?? principal.type ?? 'unknown';
}
