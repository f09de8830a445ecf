// Offline use through the service worker (dist/sw.js from tools/sw.template.js): load once while
// online, go offline, reload: the app starts from the precached shell, shows the saved copies of
// the documents it fetched with the "offline" banner, and says plainly what it cannot show.
import { test, expect, gotoApp, apiJson } from './helpers';
import type { Page } from '@playwright/test';
import { PROVINCE } from './fixtures';

// The one place the service worker runs in the browser tests (playwright.config.ts blocks it).
test.use({ serviceWorkers: 'allow' });

type Offices = { offices: { id: string; name_fa: string; name_en: string }[] };
type Meta = { provinces: { id: string }[]; dataset_version: string };

const VISITED = PROVINCE.tehran;

function firstOffice(province: string) {
  const office = apiJson<Offices>(`provinces/${province}/offices.json`).offices[0];
  expect(office, `no office in ${province}`).toBeTruthy();
  return office;
}

/** Loads the app and waits until the service worker controls the page. */
async function installWorker(page: Page) {
  await gotoApp(page, '/about', { locale: 'fa' });
  await expect(page.locator('[data-testid=about-dataset]')).toBeVisible();
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 15_000 })
    .toBe(true);
  await expect(page.locator('[data-testid=about-dataset]')).toBeVisible();
}

test('offline: the app starts, shows saved data with the banner, and says what it cannot show', async ({ page, context }) => {
  test.slow();
  const office = firstOffice(VISITED);
  const meta = apiJson<Meta>('meta.json');
  const unvisited = meta.provinces.map((p) => p.id).find((id) => id !== VISITED && id !== 'IR-00') ?? 'IR-01';

  await installWorker(page);
  await expect(page.locator('[data-testid=offline-banner]')).toHaveCount(0);
  // A province document, fetched (and saved by the worker) while online.
  await gotoApp(page, `/offices/${VISITED}/${office.id}`);
  await expect(page.getByText(office.name_fa).first()).toBeVisible();
  await page.waitForLoadState('networkidle');

  await context.setOffline(true);
  await gotoApp(page, '/about');
  await expect(page.locator('h1')).toHaveText(/\S/);
  const banner = page.locator('[data-testid=offline-banner]');
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('آفلاین');
  await expect(page.locator('[data-testid=about-dataset]')).toContainText(meta.dataset_version);
  await expect(page.locator('[data-testid=load-error]')).toHaveCount(0);

  // Reload while offline: the shell comes from the worker's cache.
  await page.reload();
  await expect(page.locator('[data-testid=about-dataset]')).toContainText(meta.dataset_version);
  await expect(banner).toBeVisible();

  await gotoApp(page, `/offices/${VISITED}/${office.id}`);
  await expect(page.getByText(office.name_fa).first()).toBeVisible();
  await expect(banner).toBeVisible();

  // A province never visited: not on the device, said plainly, with a retry; the rest works.
  const other = firstOffice(unvisited);
  await gotoApp(page, `/offices/${unvisited}/${other.id}`);
  const error = page.locator('[data-testid=load-error]');
  await expect(error).toBeVisible();
  await expect(error).toContainText('در حالت آفلاین در دسترس نیست');
  await expect(error.locator('[data-testid=retry]')).toBeVisible();
  await expect(page.locator('header nav a')).toHaveCount(5);
  await page.locator('[data-testid=lang-switch]').click();
  await expect(error).toContainText('Not available offline');

  // Back online, the retry fetches it.
  await context.setOffline(false);
  await error.locator('[data-testid=retry]').click();
  await expect(page.getByText(other.name_en).first()).toBeVisible();
  await expect(page.locator('[data-testid=load-error]')).toHaveCount(0);
});

test('a new deployment is picked up: the worker precaches a versioned shell and deletes old ones', async ({ page }) => {
  await installWorker(page);
  const sw = await (await page.request.get('./sw.js')).text();
  const version = sw.match(/const VERSION = "([0-9a-f]{16})";/)?.[1];
  expect(version, 'sw.js has a content version').toBeTruthy();
  await expect
    .poll(() => page.evaluate(() => caches.keys()), { timeout: 10_000 })
    .toContain(`pishkhan-shell-${version}`);
  const shells = await page.evaluate(() => caches.keys().then((k) => k.filter((n) => n.startsWith('pishkhan-shell-'))));
  expect(shells).toEqual([`pishkhan-shell-${version}`]);
});
