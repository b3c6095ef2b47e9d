// Settings from flags and environment (flags win).
import { parseArgs } from 'node:util';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../..',
);

export function readConfig(argv = process.argv.slice(2), env = process.env) {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      issuer: { type: 'string' },
      catalog: { type: 'string' },
      'redirect-uri': { type: 'string', multiple: true },
      'post-logout-redirect-uri': { type: 'string', multiple: true },
    },
  });
  const port = Number(values.port ?? env.VIGIL_OIDC_PORT ?? 7010);
  const host = values.host ?? env.VIGIL_OIDC_HOST ?? '127.0.0.1';
  const list = (flag, envValue, fallback) =>
    flag?.length
      ? flag
      : envValue
      ? envValue.split(/[\s,]+/).filter(Boolean)
      : fallback;
  return {
    port,
    host,
    issuer:
      values.issuer ?? env.VIGIL_OIDC_ISSUER ?? `http://127.0.0.1:${port}`,
    catalogFile:
      values.catalog ??
      env.VIGIL_OIDC_CATALOG ??
      path.join(repoRoot, 'catalog-info.yaml'),
    clientId: env.VIGIL_OIDC_CLIENT_ID ?? 'vigil-portal',
    clientSecret: env.VIGIL_OIDC_CLIENT_SECRET,
    password: env.VIGIL_OIDC_DEMO_PASSWORD,
    redirectUris: list(values['redirect-uri'], env.VIGIL_OIDC_REDIRECT_URIS, [
      'http://localhost:7007/api/auth/oidc/handler/frame',
      'http://127.0.0.1:7007/api/auth/oidc/handler/frame',
    ]),
    postLogoutRedirectUris: list(
      values['post-logout-redirect-uri'],
      env.VIGIL_OIDC_POST_LOGOUT_REDIRECT_URIS,
      [
        'http://localhost:3000/',
        'http://127.0.0.1:3000/',
        'http://localhost:7007/',
      ],
    ),
  };
}
