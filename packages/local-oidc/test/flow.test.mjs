// The local OP end to end: discovery, the authorization code flow driven by
// fetch with a cookie jar, refusals, and logout.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createLocalOidc,
  readCatalogUsers,
  OP_ONLY_USERS,
  readConfig,
} from '../src/index.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const catalogFile = path.resolve(here, '../../../catalog-info.yaml');
const redirectUri = 'http://localhost:7007/api/auth/oidc/handler/frame';
const secret = 'test-client-secret';
const password = 'test-demo-password';
let server;
let issuer;

before(async () => {
  const users = [...readCatalogUsers(catalogFile), ...OP_ONLY_USERS];
  ({ server } = createLocalOidc({
    issuer: 'http://127.0.0.1:0',
    users,
    password,
    clientId: 'vigil-portal',
    clientSecret: secret,
    redirectUris: [redirectUri],
    postLogoutRedirectUris: ['http://localhost:3000/'],
  }));
  await new Promise(r => server.listen(0, '127.0.0.1', r));
  // The issuer must name the real port: rebuild with it.
  const port = server.address().port;
  server.close();
  issuer = `http://127.0.0.1:${port}`;
  ({ server } = createLocalOidc({
    issuer,
    users,
    password,
    clientId: 'vigil-portal',
    clientSecret: secret,
    redirectUris: [redirectUri],
    postLogoutRedirectUris: ['http://localhost:3000/'],
  }));
  await new Promise(r => server.listen(port, '127.0.0.1', r));
});
after(() => server.close());

/** fetch with a cookie jar and no automatic redirects. */
function browser() {
  const jar = new Map();
  return async (url, init = {}) => {
    const res = await fetch(new URL(url, issuer), {
      ...init,
      redirect: 'manual',
      headers: {
        ...init.headers,
        cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
      },
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
    return res;
  };
}

async function startLogin(go) {
  const auth = new URL('/auth', issuer);
  auth.search = new URLSearchParams({
    client_id: 'vigil-portal',
    response_type: 'code',
    redirect_uri: redirectUri,
    scope: 'openid profile email',
    state: 'st',
    nonce: 'nn',
  });
  const res = await go(auth);
  assert.equal(res.status, 303);
  const form = await go(res.headers.get('location'));
  assert.equal(form.status, 200);
  const html = await form.text();
  const action = /action="([^"]+)"/.exec(html)[1];
  return action;
}

async function followToCallback(go, res) {
  while (res.status >= 300 && res.status < 400) {
    const location = res.headers.get('location');
    if (location.startsWith(redirectUri)) return new URL(location);
    res = await go(location);
  }
  assert.fail(`no redirect to the callback (status ${res.status})`);
}

const post = (go, url, fields) =>
  go(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });

test('discovery names the issuer, code flow and end_session', async () => {
  const res = await fetch(`${issuer}/.well-known/openid-configuration`);
  const d = await res.json();
  assert.equal(d.issuer, issuer);
  assert.deepEqual(d.response_types_supported.includes('code'), true);
  assert.ok(d.end_session_endpoint);
  assert.ok(d.revocation_endpoint);
});

test('a demo user signs in: code, tokens, verified email claims, refresh, logout', async () => {
  const go = browser();
  const action = await startLogin(go);
  const callback = await followToCallback(
    go,
    await post(go, action, { login: 'dmitri', password }),
  );
  assert.equal(callback.searchParams.get('state'), 'st');
  const code = callback.searchParams.get('code');
  const basic = `Basic ${Buffer.from(`vigil-portal:${secret}`).toString(
    'base64',
  )}`;
  const tokenRes = await fetch(`${issuer}/token`, {
    method: 'POST',
    headers: {
      authorization: basic,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
    }),
  });
  const tokens = await tokenRes.json();
  assert.equal(tokenRes.status, 200, JSON.stringify(tokens));
  assert.ok(tokens.id_token && tokens.access_token && tokens.refresh_token);
  const claims = JSON.parse(
    Buffer.from(tokens.id_token.split('.')[1], 'base64url'),
  );
  assert.equal(claims.sub, 'dmitri');
  assert.equal(claims.nonce, 'nn');
  const info = await (
    await fetch(`${issuer}/me`, {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    })
  ).json();
  assert.deepEqual(info, {
    sub: 'dmitri',
    email: 'dmitri@vigil.example',
    email_verified: true,
    name: 'Dmitri Volkov',
    preferred_username: 'dmitri',
  });
  const refreshed = await fetch(`${issuer}/token`, {
    method: 'POST',
    headers: {
      authorization: basic,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token,
    }),
  });
  assert.equal(refreshed.status, 200);

  // RP-initiated logout ends the OP session: the next authorization asks again.
  const end = await go(
    `/session/end?client_id=vigil-portal&post_logout_redirect_uri=${encodeURIComponent(
      'http://localhost:3000/',
    )}`,
  );
  const page = await end.text();
  const xsrf = /name="xsrf" value="([^"]+)"/.exec(page)[1];
  const confirm = await post(go, /action="([^"]+)"/.exec(page)[1], {
    xsrf,
    logout: 'yes',
  });
  assert.equal(confirm.status, 303);
  assert.equal(confirm.headers.get('location'), 'http://localhost:3000/');
  await startLogin(go);
});

test('sign-in by email works too', async () => {
  const go = browser();
  const action = await startLogin(go);
  const callback = await followToCallback(
    go,
    await post(go, action, { login: 'Alice@Vigil.example', password }),
  );
  assert.ok(callback.searchParams.get('code'));
});

for (const [label, login, pw] of [
  ['wrong password', 'dmitri', 'not-the-password'],
  ['unknown user', 'nobody', password],
  ['the guest account', 'guest', password],
  ['empty password', 'dmitri', ''],
]) {
  test(`refused: ${label}`, async () => {
    const go = browser();
    const action = await startLogin(go);
    const res = await post(go, action, { login, password: pw });
    assert.equal(res.status, 401);
    assert.match(await res.text(), /Unknown user or wrong password/);
  });
}

test('refuses to start without a demo password', () => {
  assert.throws(
    () =>
      createLocalOidc({
        issuer,
        users: [],
        password: '',
        clientId: 'c',
        clientSecret: 's',
        redirectUris: [redirectUri],
      }),
    /VIGIL_OIDC_DEMO_PASSWORD/,
  );
});

test('settings come from flags before the environment', () => {
  const c = readConfig(['--port', '7999', '--redirect-uri', 'https://a/cb'], {
    VIGIL_OIDC_REDIRECT_URIS: 'https://b/cb',
  });
  assert.equal(c.issuer, 'http://127.0.0.1:7999');
  assert.deepEqual(c.redirectUris, ['https://a/cb']);
  assert.deepEqual(
    readConfig([], { VIGIL_OIDC_REDIRECT_URIS: 'https://b/cb,https://c/cb' })
      .redirectUris,
    ['https://b/cb', 'https://c/cb'],
  );
});

test('the catalog users are seeded, guest is not', () => {
  const names = readCatalogUsers(catalogFile).map(u => u.name);
  for (const n of ['alice', 'bob', 'carol', 'dmitri', 'erin'])
    assert.ok(names.includes(n), n);
  assert.ok(!names.includes('guest'));
});
