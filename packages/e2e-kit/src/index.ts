/*
 * What Vigil's Playwright journeys share: signing in through the local
 * OpenID Provider as a demo user (the real browser flow), API credentials
 * for that user, and the demo secrets ./vigil start generates into .data/.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { APIRequestContext, expect, Page } from '@playwright/test';

const repoRoot = path.resolve(__dirname, '../../..');

/** The backend as the browser reaches it (the OP's registered callback host). */
export const backendUrl = process.env.PLAYWRIGHT_URL ?? 'http://localhost:7007';
/**
 * The auth environment the backend signs in under: app-config.yaml's
 * development, or production for the production smoke's replicas.
 */
const authEnvironment = process.env.VIGIL_AUTH_ENVIRONMENT ?? 'development';
/** The local OpenID Provider (packages/local-oidc). */
export const oidcIssuer =
  process.env.VIGIL_OIDC_ISSUER ?? 'http://127.0.0.1:7010';

/** The demo users of catalog-info.yaml, and the OP-only `mallory`. */
export type DemoUser =
  | 'alice'
  | 'bob'
  | 'carol'
  | 'dmitri'
  | 'erin'
  | 'pat'
  | 'mallory';

function secret(envVar: string, file: string): string {
  const fromEnv = process.env[envVar];
  if (fromEnv) return fromEnv;
  try {
    return readFileSync(path.join(repoRoot, '.data', file), 'utf8').trim();
  } catch {
    throw new Error(
      `${envVar} is not set and .data/${file} is missing: start the platform with ./vigil start (or scripts/e2e.sh) first`,
    );
  }
}

/** The password every demo user signs in with at the local OP. */
export function demoPassword(): string {
  return secret('VIGIL_OIDC_DEMO_PASSWORD', 'oidc-demo-password');
}

/** Headers for the scoring API's /admin/* endpoints. */
export function scoringAdminHeaders(): Record<string, string> {
  return {
    Authorization: `Bearer ${secret(
      'VIGIL_SCORING_ADMIN_TOKEN',
      'scoring-admin-token',
    )}`,
  };
}

/**
 * Fills the OP's login form (in the sign-in popup or the page itself) and
 * submits it.
 */
export async function fillOpLogin(
  page: Page,
  user: string,
  password = demoPassword(),
) {
  await page.getByLabel('User name or email').fill(user);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/**
 * Opens `path` (the sign-in page in a fresh context) and signs in as `user`
 * through the real flow: the Vigil ID button opens the OP's login form in a
 * popup, the OP redirects to the backend's callback, the popup closes and
 * the app is signed in.
 */
export async function signIn(
  page: Page,
  user: DemoUser,
  path = '/',
  options: { tours?: boolean } = {},
) {
  if (!options.tours) await withoutTourAutoStart(page);
  await page.goto(path);
  const popup = page.waitForEvent('popup');
  await signInButton(page).click();
  const op = await popup;
  await fillOpLogin(op, user);
  await op.waitForEvent('close');
  await expect(
    page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();
}

/** The Vigil ID card's button on the sign-in page. */
export function signInButton(page: Page) {
  // The guest card's button says "Enter"; Vigil ID's is the only "Sign In".
  return page.getByRole('button', { name: 'Sign In', exact: true });
}

/**
 * Journeys about other capabilities opt out of the first sign-in's guided
 * tour in this browser (the onboarding plugin's per-browser switch): its
 * overlay would take their clicks. The onboarding journey passes
 * `{ tours: true }` to `signIn` to get it.
 */
export async function withoutTourAutoStart(page: Page) {
  await page.addInitScript(() => {
    window.localStorage.setItem('vigil.onboarding.autoStart', 'false');
  });
}

/** Signs in as the read-only guest (embedded default only). */
export async function signInAsGuest(page: Page, path = '/') {
  await withoutTourAutoStart(page);
  await page.goto(path);
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(
    page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();
}

interface RefreshResponse {
  backstageIdentity: {
    token: string;
    identity: { userEntityRef: string; ownershipEntityRefs: string[] };
  };
}

async function refreshToken(
  request: APIRequestContext,
): Promise<RefreshResponse> {
  const res = await request.get(
    `${backendUrl}/api/auth/oidc/refresh?env=${authEnvironment}`,
    {
      headers: { 'X-Requested-With': 'XMLHttpRequest' },
    },
  );
  if (!res.ok()) {
    throw new Error(
      `oidc refresh answered ${res.status()}: ${await res.text()}`,
    );
  }
  return res.json();
}

/**
 * Signs `user` in without a page: the same redirects a browser follows
 * (backend start, the OP's login form, the backend's callback) in this
 * request context's cookie jar.
 */
export async function signInWithRequest(
  request: APIRequestContext,
  user: DemoUser,
) {
  const start = await request.get(
    `${backendUrl}/api/auth/oidc/start?env=${authEnvironment}&scope=${encodeURIComponent(
      'openid profile email',
    )}&origin=${encodeURIComponent(backendUrl)}&flow=popup`,
  );
  const html = await start.text();
  const action = /action="([^"]+)"/.exec(html)?.[1];
  if (!start.ok() || !action) {
    throw new Error(
      `the OP's login form did not open (${start.status()} at ${start.url()})`,
    );
  }
  const done = await request.post(new URL(action, start.url()).toString(), {
    form: { login: user, password: demoPassword() },
  });
  if (
    !done.ok() ||
    !done.url().startsWith(`${backendUrl}/api/auth/oidc/handler/frame`)
  ) {
    throw new Error(
      `sign-in as ${user} failed (${done.status()} at ${done.url()})`,
    );
  }
}

/**
 * `Authorization: Bearer <Backstage token>` for a signed-in user: the page's
 * session (after signIn) or, given a request context and a user, a fresh
 * sign-in in that context.
 */
export async function apiHeaders(
  source: Page | APIRequestContext,
  user?: DemoUser,
): Promise<Record<string, string>> {
  const request = 'request' in source ? source.request : source;
  if (user) await signInWithRequest(request, user);
  const { backstageIdentity } = await refreshToken(request);
  return {
    Authorization: `Bearer ${backstageIdentity.token}`,
    'Content-Type': 'application/json',
  };
}

/** Who the signed-in session is (user and ownership refs, from the backend). */
export async function signedInIdentity(source: Page | APIRequestContext) {
  const request = 'request' in source ? source.request : source;
  return (await refreshToken(request)).backstageIdentity.identity;
}

/** The guest's identity (embedded default only). */
export async function guestIdentity(request: APIRequestContext) {
  const res = await request.post(`${backendUrl}/api/auth/guest/refresh`, {
    headers: { 'content-type': 'application/json' },
  });
  if (!res.ok()) throw new Error(`guest refresh answered ${res.status()}`);
  return ((await res.json()) as RefreshResponse).backstageIdentity.identity;
}

/** The guest's token (read-only user, embedded default only). */
export async function guestHeaders(
  request: APIRequestContext,
): Promise<Record<string, string>> {
  const res = await request.post(`${backendUrl}/api/auth/guest/refresh`, {
    headers: { 'content-type': 'application/json' },
  });
  if (!res.ok()) throw new Error(`guest refresh answered ${res.status()}`);
  const body = (await res.json()) as RefreshResponse;
  return {
    Authorization: `Bearer ${body.backstageIdentity.token}`,
    'Content-Type': 'application/json',
  };
}
