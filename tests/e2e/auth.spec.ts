// Officials' sign-in (issue 15) against a REAL OpenID provider: tests/oidc/provider.mjs (npm
// oidc-provider, OpenID Certified), started by scripts/test.sh, whose login page the tests fill in.
// The API is the fault API's `auth` mode: licence documents only with an access token it verifies
// against the provider's JWKS (signature, issuer, audience, expiry) and the token's provinces.
// Access tokens live 8 seconds, so the tests see them expire and be renewed.
//
// Every test watches every request the page makes: the Authorization header goes to the API
// under the app's origin and nowhere else (not the provider, not the app's own files).
import type { Page, Request } from '@playwright/test';
import { test, expect, gotoApp, apiJson } from './helpers';
import { faultLog, faultTag, requestsFor, useFaultApi } from './fault-api';
import { PROVINCE } from './fixtures';

const ISSUER = process.env.PISHKHAN_OIDC_ISSUER ?? '';
const CLIENT_ID = 'pishkhan-test';
/** tests/oidc/provider.mjs: the access token lifetime, and the test accounts. */
const ACCESS_TTL_MS = 8_000;
const OFFICIAL = { login: 'official', password: 'correct horse', name: 'Parisa Official' };
const ALBORZ_CLERK = { login: 'alborz', password: 'alborz office', name: 'Alborz Clerk' };
const SESSION_KEY = 'pishkhan.auth.session';

test.skip(!ISSUER, 'needs the test OpenID provider (scripts/test.sh starts it)');
test.use({ serviceWorkers: 'block' });

type Licence = { number: string; status: string };
const licencesOf = (province: string) => apiJson<{ licences: Licence[] }>(`provinces/${province}/licences.json`).licences;

/** Every request with an Authorization header, as [url, header]. */
function watchTokens(page: Page): Array<[string, string]> {
  const seen: Array<[string, string]> = [];
  page.on('request', (req: Request) => {
    const auth = req.headers()['authorization'];
    if (auth) seen.push([req.url(), auth]);
  });
  return seen;
}

/** The Authorization header went to the API's documents only, always as a Bearer token. */
function expectTokensOnlyToApi(page: Page, seen: Array<[string, string]>, apiBase: string) {
  const api = new URL(apiBase + '/', page.url()).href;
  expect(seen.length, 'some request carried the token').toBeGreaterThan(0);
  for (const [url, header] of seen) {
    expect(url.startsWith(api), `token sent to ${url}`).toBe(true);
    expect(header).toMatch(/^Bearer [A-Za-z0-9._~+/-]+=*$/);
  }
}

/** Points the app at the token-checking API and the test provider. */
async function useProtectedApi(page: Page, tag: string): Promise<string> {
  return useFaultApi(page, tag, 'auth', {
    config: { auth: { issuer: ISSUER, client_id: CLIENT_ID, scopes: ['openid', 'profile', 'licences:read'] } },
  });
}

/** On the provider's login page: fills it in and signs in. */
async function loginAtProvider(page: Page, who = OFFICIAL) {
  await page.waitForURL((u) => u.href.startsWith(ISSUER));
  await page.getByLabel('Login').fill(who.login);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

const signedInAs = (page: Page) => page.getByTestId('signed-in-as');

async function storedSession(page: Page): Promise<{ refreshToken: string } | null> {
  return page.evaluate((key) => JSON.parse(sessionStorage.getItem(key) ?? 'null'), SESSION_KEY);
}

const failedProvince = (page: Page, id: string) => page.locator(`[data-testid=province-failed][data-province=${id}]`);

test('sign in from the registry: back to the same filters, the documents load with the token, a reload stays signed in', async ({ page }) => {
  test.setTimeout(60_000);
  const tag = faultTag(test.info());
  const apiBase = await useProtectedApi(page, tag);
  const tokens = watchTokens(page);
  const path = `/licences?province=${PROVINCE.tehran}&status=active`;
  await gotoApp(page, path, { locale: 'en' });

  // Not signed in: the API refuses, the app says so; the header offers the sign-in.
  const denied = failedProvince(page, PROVINCE.tehran);
  await expect(denied.getByTestId('access-denied')).toContainText('sign-in is required');
  await page.getByTestId('sign-in').click();

  await loginAtProvider(page);
  await expect(signedInAs(page)).toContainText(OFFICIAL.name);
  // Exactly where they were: route and query.
  expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe(path);
  const active = licencesOf(PROVINCE.tehran).filter((l) => l.status === 'active').length;
  await expect(page.getByTestId('result-count')).toHaveAttribute('data-count', String(active));
  await expect(failedProvince(page, PROVINCE.tehran)).toHaveCount(0);
  const served = requestsFor(await faultLog(page.request, tag), 'licences.json');
  expect(served.some((e) => e.status === 200 && e.bearer)).toBe(true);

  // Tokens never in localStorage; the rotating refresh token in this tab's sessionStorage only.
  const session = await storedSession(page);
  expect(session?.refreshToken).toBeTruthy();
  const local = await page.evaluate(() => Object.keys(localStorage).map((k) => `${k}=${localStorage.getItem(k)}`).join('\n'));
  for (const [, header] of tokens) expect(local).not.toContain(header.slice('Bearer '.length));
  expect(local).not.toContain(session?.refreshToken ?? '');

  // A reload in the same tab: still signed in, the registry loads again (a new access token
  // from the refresh token: the old one was only in memory).
  await page.reload();
  await expect(signedInAs(page)).toContainText(OFFICIAL.name);
  await expect(page.getByTestId('result-count')).toHaveAttribute('data-count', String(active));
  expect((await storedSession(page))?.refreshToken).not.toBe(session?.refreshToken);
  expectTokensOnlyToApi(page, tokens, apiBase);
});

test('an expired access token is renewed without losing the page; the refresh token rotates', async ({ page }) => {
  test.setTimeout(60_000);
  const tag = faultTag(test.info());
  const apiBase = await useProtectedApi(page, tag);
  const tokens = watchTokens(page);
  const refreshes: string[] = [];
  page.on('request', (req) => {
    if (req.url() === `${ISSUER}/token` && /grant_type=refresh_token/.test(req.postData() ?? '')) refreshes.push(req.url());
  });
  await gotoApp(page, `/licences?province=${PROVINCE.tehran}&status=active`, { locale: 'en' });
  await page.getByTestId('sign-in').click();
  await loginAtProvider(page);
  await expect(signedInAs(page)).toContainText(OFFICIAL.name);
  await expect(page.getByTestId('result-count')).not.toHaveAttribute('data-count', '0');
  const firstToken = tokens.at(-1)?.[1];
  const rotated = (await storedSession(page))?.refreshToken;
  // The same document, no reload: a marker on the window survives only if the page does.
  await page.evaluate(() => ((window as unknown as { __same: number }).__same = 1));

  await page.waitForTimeout(ACCESS_TTL_MS + 1_000);
  await page.getByTestId(`province-${PROVINCE.qom}`).check();
  // Both provinces' active licences: Qom's document arrived, read with a renewed token.
  const active = [PROVINCE.tehran, PROVINCE.qom].flatMap(licencesOf).filter((l) => l.status === 'active').length;
  await expect(page.getByTestId('result-count')).toHaveAttribute('data-count', String(active));
  await expect(failedProvince(page, PROVINCE.qom)).toHaveCount(0);
  const qom = requestsFor(await faultLog(page.request, tag), 'licences.json').filter((e) => e.path.includes(PROVINCE.qom));
  expect(qom.map((e) => e.status)).toContain(200);
  expect(tokens.at(-1)?.[1], 'a new access token').not.toBe(firstToken);
  expect(refreshes.length).toBeGreaterThan(0);
  expect((await storedSession(page))?.refreshToken, 'the refresh token rotated').not.toBe(rotated);
  expect(await page.evaluate(() => (window as unknown as { __same?: number }).__same)).toBe(1);
  expect(page.url()).toContain('status=active');
  expectTokensOnlyToApi(page, tokens, apiBase);
});

test('a refused refresh asks to sign in again, keeping the page', async ({ page }) => {
  test.setTimeout(60_000);
  const tag = faultTag(test.info());
  await useProtectedApi(page, tag);
  await gotoApp(page, `/licences?province=${PROVINCE.tehran}`, { locale: 'en' });
  await page.getByTestId('sign-in').click();
  await loginAtProvider(page);
  await expect(signedInAs(page)).toBeVisible();
  await expect(page.getByTestId('result-count')).not.toHaveAttribute('data-count', '0');

  // The provider revokes the official's grant behind the app's back (an administrator, or the
  // same refresh token used elsewhere).
  const session = await storedSession(page);
  const revoked = await page.request.post(`${ISSUER}/token/revocation`, {
    form: { token: session?.refreshToken ?? '', client_id: CLIENT_ID, token_type_hint: 'refresh_token' },
  });
  expect(revoked.status()).toBe(200);

  await page.waitForTimeout(ACCESS_TTL_MS + 1_000);
  await page.getByTestId(`province-${PROVINCE.qom}`).check();
  const ended = failedProvince(page, PROVINCE.qom);
  await expect(ended.getByTestId('access-denied')).toContainText('Your sign-in has ended');
  await expect(page.getByTestId('sign-in')).toBeVisible();
  const kept = page.url();

  // Signing in again (the provider still knows the official: no login form) comes back here.
  await page.getByTestId('sign-in').click();
  await page.waitForURL(kept);
  await expect(signedInAs(page)).toContainText(OFFICIAL.name);
  await expect(failedProvince(page, PROVINCE.qom)).toHaveCount(0);
});

test('sign out revokes the tokens and ends the provider session; nothing read before is shown', async ({ page }) => {
  test.setTimeout(60_000);
  const tag = faultTag(test.info());
  await useProtectedApi(page, tag);
  const number = licencesOf(PROVINCE.tehran)[0].number;
  await gotoApp(page, `/licences/${PROVINCE.tehran}/${number}`, { locale: 'en' });
  await page.getByTestId('sign-in').click();
  await loginAtProvider(page);
  await expect(page.getByTestId('licence-number')).toHaveText(number);
  const session = await storedSession(page);

  await page.getByTestId('sign-out').click();
  await page.waitForURL((u) => u.href.startsWith(ISSUER));
  await page.getByRole('button', { name: 'Yes, sign me out' }).click();
  await page.waitForURL((u) => !u.href.startsWith(ISSUER));
  await expect(page.getByTestId('sign-in')).toBeVisible();
  expect(await storedSession(page)).toBeNull();

  // The refresh token was revoked at the provider.
  const reuse = await page.request.post(`${ISSUER}/token`, {
    form: { grant_type: 'refresh_token', refresh_token: session?.refreshToken ?? '', client_id: CLIENT_ID },
  });
  expect(reuse.status()).toBe(400);
  expect((await reuse.json()).error).toBe('invalid_grant');

  // The licence asks for a sign-in again; nothing cached is shown.
  await gotoApp(page, `/licences/${PROVINCE.tehran}/${number}`);
  await expect(page.getByTestId('access-denied')).toContainText('sign-in is required');
  await expect(page.getByTestId('licence-number')).toHaveCount(0);
  // The provider's session is over too: signing in shows its login form again.
  await page.getByTestId('sign-in').click();
  await page.waitForURL((u) => u.href.startsWith(ISSUER));
  await expect(page.getByLabel('Password')).toBeVisible();
});

test('a forged callback is refused and nothing is stored; so is a replayed one', async ({ page }) => {
  test.setTimeout(60_000);
  const tag = faultTag(test.info());
  await useProtectedApi(page, tag);
  await gotoApp(page, `/auth/callback?code=forged-code&state=forged-state&iss=${encodeURIComponent(ISSUER)}`, { locale: 'en' });
  await expect(page.getByTestId('sign-in-refused')).toContainText('does not belong to a sign-in started in this tab');
  await expect(page.locator('h1')).toHaveText('The sign-in response was refused');
  expect(await storedSession(page)).toBeNull();
  await expect(page.getByTestId('sign-in')).toBeVisible();

  // A real sign-in, then its callback URL again: the code and state were for one use.
  let callback = '';
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame() && frame.url().includes('/auth/callback?code=')) callback = frame.url();
  });
  await page.getByTestId('sign-in').click();
  await loginAtProvider(page);
  await expect(signedInAs(page)).toBeVisible();
  expect(callback).not.toBe('');
  await page.goto(callback);
  await expect(page.getByTestId('sign-in-refused')).toContainText('does not belong to a sign-in started in this tab');

  // In Persian too.
  await page.getByTestId('lang-switch').click();
  await expect(page.getByTestId('sign-in-refused')).toContainText('متعلق به ورودی نیست');
});

test('cancelling at the provider comes back with a clear message', async ({ page }) => {
  const tag = faultTag(test.info());
  await useProtectedApi(page, tag);
  await gotoApp(page, '/licences', { locale: 'en' });
  await page.getByTestId('sign-in').click();
  await page.waitForURL((u) => u.href.startsWith(ISSUER));
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('sign-in-refused')).toContainText('You did not sign in');
  expect(await storedSession(page)).toBeNull();
});

test('an unreachable provider is said in words, and the app keeps working', async ({ page }) => {
  const tag = faultTag(test.info());
  await useProtectedApi(page, tag);
  await page.route(`${ISSUER}/**`, (route) => route.abort('connectionrefused'));
  await gotoApp(page, '/licences', { locale: 'en' });
  await page.getByTestId('sign-in').click();
  await expect(page.getByTestId('sign-in-error')).toContainText('The sign-in service cannot be reached');
  expect(new URL(page.url()).pathname).toBe('/licences');
  await page.getByTestId('lang-switch').click();
  await expect(page.getByTestId('sign-in-error')).toContainText('سامانهٔ ورود در دسترس نیست');
});

test("a device clock far from the provider's is named as the problem", async ({ page }) => {
  const tag = faultTag(test.info());
  await useProtectedApi(page, tag);
  // Three hours ahead: the ID token (one hour) looks expired to this device.
  await page.clock.setFixedTime(new Date(Date.now() + 3 * 3600_000));
  await gotoApp(page, '/licences', { locale: 'en' });
  await page.getByTestId('sign-in').click();
  await loginAtProvider(page);
  await expect(page.getByTestId('sign-in-refused')).toContainText("times do not match this device's clock");
  expect(await storedSession(page)).toBeNull();
});

test('403 after sign-in: "your account has no access to this province"', async ({ page }) => {
  test.setTimeout(60_000);
  const tag = faultTag(test.info());
  const apiBase = await useProtectedApi(page, tag);
  const tokens = watchTokens(page);
  await gotoApp(page, `/licences?province=${PROVINCE.tehran},${PROVINCE.alborz}`, { locale: 'en' });
  await page.getByTestId('sign-in').click();
  await loginAtProvider(page, ALBORZ_CLERK);
  await expect(signedInAs(page)).toContainText(ALBORZ_CLERK.name);
  const tehran = failedProvince(page, PROVINCE.tehran);
  await expect(tehran.getByTestId('access-denied')).toContainText('Your account has no access to this province');
  await expect(failedProvince(page, PROVINCE.alborz)).toHaveCount(0);
  await page.getByTestId('lang-switch').click();
  await expect(tehran.getByTestId('access-denied')).toContainText('حساب کاربری شما به اطلاعات این استان دسترسی ندارد');
  expectTokensOnlyToApi(page, tokens, apiBase);
});

test.describe('the service worker', () => {
  test.use({ serviceWorkers: 'allow' });

  test('never caches, nor answers from its cache, a document fetched with a token', async ({ page }) => {
    const tag = faultTag(test.info());
    await gotoApp(page, '/about', { locale: 'en' });
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.reload();
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 15_000 }).toBe(true);
    const withToken = `fault-api/${tag}/ok/v1/provinces/${PROVINCE.tehran}/licences.json`;
    const without = `fault-api/${tag}/ok/v1/provinces/${PROVINCE.qom}/licences.json`;
    const cached = await page.evaluate(
      async ([a, b]) => {
        const ra = await fetch(a, { headers: { Authorization: 'Bearer test-token' } });
        const rb = await fetch(b);
        await Promise.all([ra.text(), rb.text()]);
        const keys = [];
        for (const name of await caches.keys()) {
          for (const req of await (await caches.open(name)).keys()) keys.push(req.url);
        }
        return keys;
      },
      [withToken, without],
    );
    // The public document is kept (so this test can tell), the one with a token is not.
    expect(cached.some((u) => u.endsWith(without))).toBe(true);
    expect(cached.some((u) => u.endsWith(withToken))).toBe(false);
  });
});
