import { expect, test } from '@playwright/test';
import {
  apiHeaders,
  backendUrl,
  fillOpLogin,
  guestHeaders,
  guestIdentity,
  oidcIssuer,
  signIn,
  signInAsGuest,
  signInButton,
  signedInIdentity,
} from '@vigil/e2e-kit';

// The whole browser sign-in through the real local OpenID Provider
// (packages/local-oidc, started by ./vigil start): the sign-in page, the OP's
// login form, the backend's callback, the session across a reload, sign-out.
// Refusals: a wrong password at the OP, and `mallory`, an account that exists
// only at the OP (seeded there on purpose) and has no catalog User.

test('a demo user signs in through Vigil ID, keeps the session over a reload, and signs out', async ({
  page,
  context,
}) => {
  await page.goto('/');
  await expect(page.getByText('Vigil ID')).toBeVisible();
  await expect(
    page.getByText(/a guest reads everything but cannot change anything/),
  ).toBeVisible();

  // Redirect to the OP in the sign-in popup; a wrong password stays there.
  const popupPromise = page.waitForEvent('popup');
  await signInButton(page).click();
  const op = await popupPromise;
  await expect(op).toHaveURL(url =>
    url.href.startsWith(`${oidcIssuer}/interaction/`),
  );
  await fillOpLogin(op, 'dmitri', 'not-the-password');
  await expect(op.getByRole('alert')).toHaveText(
    'Unknown user or wrong password.',
  );
  // The right one: the OP redirects to the backend's callback, which closes
  // the popup and signs the app in.
  await fillOpLogin(op, 'dmitri@vigil.example');
  await op.waitForEvent('close');
  await expect(
    page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();

  // The Backstage identity is the catalog user the verified email names.
  const identity = await signedInIdentity(page);
  expect(identity.userEntityRef).toBe('user:default/dmitri');
  expect(identity.ownershipEntityRefs).toContain('group:default/payments');
  // And its token works for the API.
  const headers = await apiHeaders(page);
  expect(
    (
      await page.request.get(
        `${backendUrl}/api/catalog/entities/by-name/user/default/dmitri`,
        { headers },
      )
    ).status(),
  ).toBe(200);

  // The session cookie: HttpOnly, SameSite, scoped to the provider's path.
  const refresh = (await context.cookies()).find(
    c => c.name === 'oidc-refresh-token',
  );
  expect(refresh).toBeDefined();
  expect(refresh!.httpOnly).toBe(true);
  expect(['Lax', 'Strict']).toContain(refresh!.sameSite);
  expect(refresh!.path).toBe('/api/auth/oidc');

  // A reload keeps the session (the refresh cookie), no sign-in page.
  await page.reload();
  await expect(
    page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();
  await expect(signInButton(page)).toHaveCount(0);

  // Sign out from Settings: back on the sign-in page, the refresh token is
  // revoked at the OP, and the next sign-in asks for the password again.
  await page.goto('/settings');
  await page.getByTestId('user-settings-menu').click();
  await page.getByRole('menuitem', { name: 'Sign Out' }).click();
  await expect(signInButton(page)).toBeVisible();
  expect(
    (await context.cookies()).find(c => c.name === 'oidc-refresh-token'),
  ).toBeUndefined();
  const afterSignOut = await page.request.get(
    `${backendUrl}/api/auth/oidc/refresh?env=development`,
    { headers: { 'X-Requested-With': 'XMLHttpRequest' } },
  );
  expect(afterSignOut.ok()).toBe(false);
  await page.reload();
  await expect(signInButton(page)).toBeVisible();
  const again = page.waitForEvent('popup');
  await signInButton(page).click();
  const op2 = await again;
  await expect(op2.getByLabel('Password')).toBeVisible();
  await op2.close();
});

test('an account the catalog does not know is refused with a clear message', async ({
  page,
}) => {
  await page.goto('/');
  const popupPromise = page.waitForEvent('popup');
  await signInButton(page).click();
  const op = await popupPromise;
  // mallory exists only at the local OP, not in catalog-info.yaml.
  await fillOpLogin(op, 'mallory');
  await op.waitForEvent('close');
  await expect(
    page
      .getByText(
        /no catalog user with the email mallory@vigil\.example; ask a portal admin/,
      )
      .first(),
  ).toBeVisible();
  await expect(signInButton(page)).toBeVisible();
});

test('the guest reads but cannot change anything', async ({
  page,
  request,
}) => {
  await signInAsGuest(page, '/catalog/default/component/scoring-api');
  await expect(
    page
      .getByRole('heading', { name: 'scoring-api' })
      .or(page.getByText('Scoring API').first()),
  ).toBeVisible();

  const guest = await guestHeaders(request);
  const identity = await guestIdentity(request);
  expect(identity.userEntityRef).toBe('user:default/guest');
  // Member of no group: it owns through nothing but itself.
  expect(identity.ownershipEntityRefs).toEqual(['user:default/guest']);
  const read = await request.get(`${backendUrl}/api/incidents/incidents`, {
    headers: guest,
  });
  expect(read.status()).toBe(200);
  const declare = await request.post(`${backendUrl}/api/incidents/incidents`, {
    headers: guest,
    data: {
      title: 'guest must not declare',
      severity: 'SEV3',
      entityRefs: ['component:default/scoring-api'],
    },
  });
  expect(declare.status()).toBe(403);
  const location = await request.post(`${backendUrl}/api/catalog/locations`, {
    headers: guest,
    data: { type: 'url', target: 'https://example.com/catalog-info.yaml' },
  });
  expect(location.status()).toBe(403);

  // A signed-in payments member may declare (the same request succeeds).
  const dmitri = await apiHeaders(request, 'dmitri');
  const ok = await request.post(`${backendUrl}/api/incidents/incidents`, {
    headers: dmitri,
    data: {
      title: `sign-in journey declare ${Date.now().toString(36)}`,
      severity: 'SEV3',
      entityRefs: ['component:default/scoring-api'],
    },
  });
  expect(ok.status()).toBe(201);
});
