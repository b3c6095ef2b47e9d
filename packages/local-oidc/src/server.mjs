// A real local OpenID Provider (oidc-provider) for the embedded default and
// the sign-in tests: authorization code flow, a login form of its own,
// consent granted for the one first-party client, RP-initiated logout.
import http from 'node:http';
import { timingSafeEqual, createHash, generateKeyPairSync } from 'node:crypto';
import Provider from 'oidc-provider';
import { findUser } from './users.mjs';

const escapeHtml = s =>
  String(s).replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);

function passwordMatches(given, expected) {
  // Compare digests so the comparison takes the same time whatever the length.
  const a = createHash('sha256')
    .update(String(given ?? ''))
    .digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

function loginPage({ uid, clientId, error, login }) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Vigil ID - sign in</title>
<style>body{font-family:sans-serif;max-width:24rem;margin:4rem auto}label{display:block;margin:.75rem 0}input{width:100%;padding:.4rem}.error{color:#b00020}</style>
</head><body><h1>Vigil ID</h1><p>Sign in to <strong>${escapeHtml(
    clientId,
  )}</strong></p>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/interaction/${escapeHtml(
    uid,
  )}/login" autocomplete="off">
<label>User name or email <input name="login" value="${escapeHtml(
    login ?? '',
  )}" autofocus required></label>
<label>Password <input name="password" type="password" required></label>
<button type="submit">Sign in</button></form></body></html>`;
}

async function readForm(req) {
  let body = '';
  for await (const chunk of req) {
    body += chunk;
    if (body.length > 10_000) throw new Error('form too large');
  }
  return new URLSearchParams(body);
}

/**
 * Creates the provider and an HTTP server around it (not listening yet).
 * options: issuer, users, password, clientId, clientSecret, redirectUris,
 * postLogoutRedirectUris, jwks (optional).
 */
export function createLocalOidc(options) {
  const { issuer, users, password, clientId, clientSecret } = options;
  if (!password)
    throw new Error(
      'VIGIL_OIDC_DEMO_PASSWORD is not set: refusing to start an OP that anyone could sign in to',
    );
  if (!clientSecret) throw new Error('VIGIL_OIDC_CLIENT_SECRET is not set');

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris,
        post_logout_redirect_uris: options.postLogoutRedirectUris,
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    // Signing keys are generated at every start: sessions do not outlive the OP.
    jwks: options.jwks ?? {
      keys: [
        {
          ...generateKeyPairSync('rsa', {
            modulusLength: 2048,
          }).privateKey.export({ format: 'jwk' }),
          kid: 'local-oidc-rs256',
          use: 'sig',
          alg: 'RS256',
        },
      ],
    },
    cookies: {
      keys: [
        createHash('sha256').update(`cookies:${clientSecret}`).digest('hex'),
      ],
    },
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name', 'preferred_username'],
    },
    async findAccount(_ctx, sub) {
      const user = users.find(u => u.name === sub);
      if (!user) return undefined;
      return {
        accountId: sub,
        async claims() {
          return {
            sub,
            email: user.email,
            email_verified: true,
            name: user.displayName,
            preferred_username: user.name,
          };
        },
      };
    },
    features: {
      devInteractions: { enabled: false },
      revocation: { enabled: true },
      rpInitiatedLogout: { enabled: true },
    },
    // The portal asks for openid profile email; it still needs a refresh
    // token to keep its session, so one is issued whenever the client may.
    issueRefreshToken: async (_ctx, client) =>
      client.grantTypeAllowed('refresh_token'),
    interactions: {
      url: (_ctx, interaction) => `/interaction/${interaction.uid}`,
    },
    ttl: {
      Session: 8 * 3600,
      Grant: 8 * 3600,
      Interaction: 600,
      AccessToken: 3600,
      IdToken: 3600,
      RefreshToken: 8 * 3600,
      AuthorizationCode: 60,
    },
    pkce: { required: () => false },
  });
  provider.proxy = false;

  const callback = provider.callback();
  const server = http.createServer(async (req, res) => {
    const match = /^\/interaction\/([\w-]+)(\/login)?$/.exec(
      new URL(req.url, issuer).pathname,
    );
    if (!match) return callback(req, res);
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Frame-Options', 'DENY');
    try {
      const details = await provider.interactionDetails(req, res);
      if (details.uid !== match[1]) throw new Error('interaction mismatch');
      if (req.method === 'GET' && !match[2]) {
        if (details.prompt.name === 'consent')
          return finishConsent(req, res, details);
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
        return res.end(
          loginPage({ uid: details.uid, clientId: details.params.client_id }),
        );
      }
      if (req.method === 'POST' && match[2]) {
        const form = await readForm(req);
        const login = form.get('login');
        const user = findUser(users, login);
        if (!user || !passwordMatches(form.get('password'), password)) {
          res.writeHead(401, { 'Content-Type': 'text/html; charset=utf-8' });
          return res.end(
            loginPage({
              uid: details.uid,
              clientId: details.params.client_id,
              login,
              error: 'Unknown user or wrong password.',
            }),
          );
        }
        return provider.interactionFinished(
          req,
          res,
          { login: { accountId: user.name } },
          { mergeWithLastSubmission: false },
        );
      }
      res.writeHead(405, { 'Content-Type': 'text/plain' });
      return res.end('method not allowed');
    } catch (e) {
      res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' });
      return res.end(
        `sign-in interaction failed: ${e.message ?? 'invalid request'}`,
      );
    }
  });

  // Consent is granted for the first-party client: it gets exactly what it
  // asked for (scopes and claims), nothing more.
  async function finishConsent(req, res, details) {
    const { prompt, params, session } = details;
    if (params.client_id !== clientId) throw new Error('unknown client');
    const grant = details.grantId
      ? await provider.Grant.find(details.grantId)
      : new provider.Grant({
          accountId: session.accountId,
          clientId: params.client_id,
        });
    const missing = prompt.details;
    if (missing.missingOIDCScope)
      grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    if (missing.missingOIDCClaims)
      grant.addOIDCClaims(missing.missingOIDCClaims);
    if (missing.missingResourceScopes) {
      for (const [indicator, scopes] of Object.entries(
        missing.missingResourceScopes,
      )) {
        grant.addResourceScope(indicator, scopes.join(' '));
      }
    }
    const grantId = await grant.save();
    return provider.interactionFinished(
      req,
      res,
      { consent: { grantId } },
      { mergeWithLastSubmission: true },
    );
  }

  return { provider, server };
}
