// What the user keeps on the device (language, saved offices, checklists) survives reloads and a
// failing API; corrupt stored values are discarded with a notice, never a crash.
import { test, expect, gotoApp, apiJson, LOCALE_KEY } from './helpers';
import type { Page } from '@playwright/test';
import { PROVINCE, servicePath, SERVICE_ID } from './fixtures';

const SAVED_KEY = 'pishkhan.saved_offices';
const CHECKLIST_KEY = `pishkhan.checklist.${SERVICE_ID}`;

type Offices = { offices: { id: string; name_fa: string; name_en: string; province_id: string }[] };

/** Seeds localStorage once per tab, before the app starts (a reload keeps what the app wrote). */
async function seed(page: Page, values: Record<string, string>) {
  await page.addInitScript((entries) => {
    if (sessionStorage.getItem('__seeded')) return;
    sessionStorage.setItem('__seeded', '1');
    for (const [k, v] of Object.entries(entries)) localStorage.setItem(k, v);
  }, values);
}

const stored = (page: Page, key: string) => page.evaluate((k) => localStorage.getItem(k), key);

test('a garbage language value is discarded with a notice; the app starts in the default', async ({ page }) => {
  await seed(page, { [LOCALE_KEY]: '\u202E<script>x</script>{"fa":' });
  await gotoApp(page, '/about');
  await expect(page.locator('h1')).toHaveText(/\S/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'fa');
  await expect(page.locator('[data-testid=device-notice]')).toContainText('زبان');
  expect(await stored(page, LOCALE_KEY)).toBeNull();
  await expect(page.locator('[data-testid=crash]')).toHaveCount(0);

  // The notice can be dismissed, and a new choice is stored and survives a reload.
  await page.locator('[data-testid=device-notice] button').click();
  await expect(page.locator('[data-testid=device-notice]')).toHaveCount(0);
  await page.locator('[data-testid=lang-switch]').click();
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('[data-testid=device-notice]')).toHaveCount(0);
});

test('corrupt saved offices and checklist: left as they are, a notice, no crash', async ({ page }) => {
  await seed(page, { [SAVED_KEY]: '{not json', [CHECKLIST_KEY]: '[1,', [LOCALE_KEY]: 'en' });
  const notice = page.locator('[data-testid=device-notice]');
  // Home reads the saved offices: the unreadable list is left as it is (what the user made is
  // never deleted), and the user is told.
  await gotoApp(page, '/');
  await expect(page.locator('h1')).toHaveText(/\S/);
  await expect(notice).toContainText('saved offices');
  expect(await stored(page, SAVED_KEY)).toBe('{not json');
  // The service page reads its checklist: the same.
  await gotoApp(page, servicePath(SERVICE_ID));
  await expect(page.locator('h1')).toHaveText(/\S/);
  await expect(page.locator('[data-testid=checklist]')).toBeVisible();
  await expect(notice).toContainText('checklist');
  // Left as it is too.
  expect(await stored(page, CHECKLIST_KEY)).toBe('[1,');
  for (const route of ['/', servicePath(SERVICE_ID), '/offices', '/about']) {
    await gotoApp(page, route);
    await expect(page.locator('h1')).toHaveText(/\S/);
    await expect(page.locator('[data-testid=crash]')).toHaveCount(0);
    await expect(page.locator('[data-testid=load-error]')).toHaveCount(0);
  }
  // The language choice next to them was not touched.
  expect(await stored(page, LOCALE_KEY)).toBe('en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});

test('a corrupt saved-offices list shows a device notice on the home page', async ({ page }) => {
  await seed(page, { [SAVED_KEY]: '{not json', [LOCALE_KEY]: 'en' });
  await gotoApp(page, '/');
  await expect(page.locator('[data-testid=device-notice]')).toContainText('saved offices');
  await expect(page.locator('[data-testid=saved-offices]')).toHaveCount(0);
});

test('saved offices survive a failing API', async ({ page }) => {
  const office = apiJson<Offices>(`provinces/${PROVINCE.tehran}/offices.json`).offices[0];
  const saved = [{ province_id: office.province_id, id: office.id, name_fa: office.name_fa, name_en: office.name_en }];
  await seed(page, { [SAVED_KEY]: JSON.stringify(saved), [LOCALE_KEY]: 'fa' });
  await gotoApp(page, '/');
  await expect(page.locator('[data-testid=saved-offices]')).toContainText(office.name_fa);

  // Every API document now fails.
  await page.route('**/api/v1/**', (r) => r.fulfill({ status: 500, body: 'down' }));
  await page.reload();
  await expect(page.locator('h1')).toHaveText(/\S/);
  await expect(page.locator('[data-testid=saved-offices]')).toContainText(office.name_fa);
  await expect(page.locator('[data-testid=dataset-version]')).toContainText('داده در دسترس نیست', { timeout: 15_000 });
  await expect(page.locator('[data-testid=saved-offices]')).toContainText(office.name_fa);
  expect(JSON.parse((await stored(page, SAVED_KEY)) ?? 'null')).toEqual(saved);
  await expect(page.locator('[data-testid=crash]')).toHaveCount(0);
});
