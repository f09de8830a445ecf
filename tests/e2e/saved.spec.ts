// "Save means saved": an office saved on a first visit is on the device with its record, so the
// home page lists it (open or closed now, city, Directions) and its page shows the saved copy
// offline, under a dated notice instead of an error. A save the device refuses (storage full)
// never reads "Saved", and one unreadable stored entry costs only itself.
import AxeBuilder from '@axe-core/playwright';
import { test, expect, gotoApp, apiJson } from './helpers';
import type { Page } from '@playwright/test';
import { PROVINCE, officePath } from './fixtures';

const SAVED_KEY = 'pishkhan.saved_offices';

type Office = {
  id: string;
  name_fa: string;
  name_en: string;
  province_id: string;
  city_en: string;
  address_fa: string;
  location?: { lat: number; lon: number } | null;
};

const SEL = {
  save: '[data-testid=save-office]',
  saveStatus: '[data-testid=save-status]',
  saved: '[data-testid=saved-offices]',
  savedOffice: '[data-testid=saved-office]',
  savedCopy: '[data-testid=saved-copy]',
  notice: '[data-testid=device-notice]',
};

/** A Tehran office with a location (so its saved entry has Directions). */
function tehranOffice(): Office {
  const office = apiJson<{ offices: Office[] }>(`provinces/${PROVINCE.tehran}/offices.json`).offices.find((o) => o.location);
  if (!office) throw new Error('no Tehran office with a location');
  return office;
}

const stored = (page: Page) => page.evaluate((k) => localStorage.getItem(k), SAVED_KEY);

/** Seeds the saved-offices list once per tab, before the app starts. */
async function seed(page: Page, list: unknown[]) {
  await page.addInitScript(
    ([key, value]) => {
      if (sessionStorage.getItem('__seeded')) return;
      sessionStorage.setItem('__seeded', '1');
      localStorage.setItem(key, value);
    },
    [SAVED_KEY, JSON.stringify(list)] as const,
  );
}

/** axe (WCAG 2.1 A/AA) on the page as it is now: the violations, one line each. */
async function axe(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id} ${n.target.join(' ')}`));
}

test.describe('saved on a first visit, there offline', () => {
  // The service worker is what starts the app offline (playwright.config.ts blocks it elsewhere).
  test.use({ serviceWorkers: 'allow' });

  test('the home page lists it and its page shows the saved copy with its date', async ({ page, context }) => {
    test.slow();
    const office = tehranOffice();
    // A first visit: the office's page, opened directly, before any service worker.
    await gotoApp(page, officePath(office.id), { locale: 'en' });
    await expect(page.locator('h1')).toHaveText(office.name_en);
    // The worker takes this page over once it has precached the shell (no reload).
    await expect
      .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 20_000 })
      .toBe(true);
    await page.locator(SEL.save).click();
    await expect(page.locator(SEL.save)).toHaveAttribute('aria-pressed', 'true');
    await expect(page.locator(SEL.save)).toHaveText('Saved (remove)');
    // What the office's page fetched went out before the worker took over, so it kept none of
    // it; whatever it caught after, drop it: only the saved record can show the office now.
    await page.evaluate(() => caches.delete('pishkhan-data-v1'));
    const entry = JSON.parse((await stored(page)) ?? '[]')[0];
    expect(entry.office.id, 'the record is stored with the entry').toBe(office.id);

    await context.setOffline(true);
    await gotoApp(page, '/');
    const item = page.locator(SEL.saved).locator(SEL.savedOffice);
    await expect(page.locator(`${SEL.saved} h2`)).toHaveText('Saved offices');
    await expect(page.locator('#saved-offices')).toBeVisible();
    await expect(item).toHaveCount(1);
    await expect(item).toContainText(office.name_en);
    await expect(item.locator('[data-testid=saved-city]')).toHaveText(office.city_en);
    await expect(item.locator('[data-testid=opening]')).toHaveAttribute('data-state', /^(open|closed|unknown)$/);
    await expect(item.locator('[data-testid=directions-link]')).toHaveAttribute('href', /^https:\/\/nshn\.ir\/\?lat=/);
    await expect(item.locator('a').first()).toHaveAttribute('href', new RegExp(`/offices/${office.province_id}/${office.id}$`));

    await gotoApp(page, officePath(office.id));
    await expect(page.locator('h1')).toHaveText(office.name_en);
    const notice = page.locator(SEL.savedCopy);
    await expect(notice).toContainText('Saved copy from');
    await expect(notice.locator('[data-testid=retry]')).toBeVisible();
    await expect(page.locator('[data-testid=office-address]')).toContainText(office.address_fa);
    await expect(page.locator('[data-testid=hours-table]')).toBeVisible();
    await expect(page.locator('[data-testid=load-error]')).toHaveCount(0);
    await expect(page.locator(SEL.save)).toHaveAttribute('aria-pressed', 'true');
    await page.locator('[data-testid=lang-switch]').click();
    await expect(page.locator('h1')).toHaveText(office.name_fa);
    await expect(notice).toContainText('نسخهٔ ذخیره‌شده روی این دستگاه از');
    expect(await axe(page), 'axe on the saved copy').toEqual([]);
  });
});

test('a save the device refuses (storage full) does not say "Saved"', async ({ page }) => {
  const office = tehranOffice();
  await gotoApp(page, officePath(office.id), { locale: 'en' });
  await expect(page.locator('h1')).toHaveText(office.name_en);
  // From now on the device's storage is full.
  await page.evaluate(() => {
    Storage.prototype.setItem = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  await page.locator(SEL.save).click();
  await expect(page.locator(SEL.saveStatus)).toHaveText('This office could not be saved on this device (the browser\'s storage may be full).');
  await expect(page.locator(SEL.save)).toHaveText('Save this office');
  await expect(page.locator(SEL.save)).toHaveAttribute('aria-pressed', 'false');
  await expect(page.locator(SEL.notice)).toContainText('could not be saved');
  expect(await stored(page)).toBeNull();
  // Trying again fails the same way: still not "Saved".
  await page.locator(SEL.save).click();
  await expect(page.locator(SEL.save)).toHaveAttribute('aria-pressed', 'false');
});

test('one unreadable stored entry is kept on the device with a notice; the others, old and new, are listed', async ({ page }) => {
  const office = tehranOffice();
  const record = apiJson<{ offices: Office[] }>(`provinces/${PROVINCE.tehran}/offices.json`).offices[1];
  // An entry as saved before records were kept (names and ids only), one that is no entry, and
  // one with a record and a field this version does not know.
  const old = { province_id: office.province_id, id: office.id, name_fa: office.name_fa, name_en: office.name_en };
  const withRecord = {
    province_id: record.province_id,
    id: record.id,
    name_fa: record.name_fa,
    name_en: record.name_en,
    office: record,
    saved_at: '2026-11-20T08:00:00Z',
    pinned_by_v2: true,
  };
  await seed(page, [old, { id: 42 }, withRecord]);
  await gotoApp(page, '/', { locale: 'en' });
  const items = page.locator(SEL.savedOffice);
  await expect(items).toHaveCount(2);
  await expect(items.nth(0)).toContainText(office.name_en);
  // The old entry lists and links, with no state it cannot know.
  await expect(items.nth(0).locator('[data-testid=opening]')).toHaveCount(0);
  await expect(items.nth(1)).toContainText(record.name_en);
  await expect(items.nth(1).locator('[data-testid=opening]')).toHaveCount(1);
  await expect(page.locator(SEL.notice)).toContainText('Some saved offices on this device could not be read');
  // Reading changes nothing on the device.
  expect(JSON.parse((await stored(page)) ?? '[]')).toEqual([old, { id: 42 }, withRecord]);
  expect(await axe(page), 'axe on the saved list').toEqual([]);
  // Removing one leaves the other, the unreadable entry and the unknown field.
  await items.nth(0).locator('[data-testid=saved-remove]').click();
  await expect(items).toHaveCount(1);
  await expect(items.first()).toContainText(record.name_en);
  const kept = JSON.parse((await stored(page)) ?? '[]');
  expect(kept).toHaveLength(2);
  expect(kept[0].id).toBe(record.id);
  expect(kept[0].pinned_by_v2).toBe(true);
  expect(kept[1]).toEqual({ id: 42 });
});

test('a list written by a newer version is left untouched, and saving says so', async ({ page }) => {
  const office = tehranOffice();
  const v2 = JSON.stringify({ version: 2, offices: [{ ref: `${office.province_id}/${office.id}` }] });
  await page.addInitScript(([key, value]) => {
    if (sessionStorage.getItem('__seeded')) return;
    sessionStorage.setItem('__seeded', '1');
    localStorage.setItem(key, value);
  }, [SAVED_KEY, v2] as const);
  await gotoApp(page, officePath(office.id), { locale: 'en' });
  await expect(page.locator('h1')).toHaveText(office.name_en);
  await expect(page.locator(SEL.notice)).toContainText('written by a newer version of Pishkhan');
  await page.locator(SEL.save).click();
  await expect(page.locator(SEL.save)).toHaveAttribute('aria-pressed', 'false');
  expect(await stored(page)).toBe(v2);
  await gotoApp(page, '/', { locale: 'en' });
  await expect(page.locator('h1')).toHaveText(/\S/);
  expect(await stored(page)).toBe(v2);
});

test('two tabs: A saves one office, B another; both remain and each tab shows both', async ({ context }) => {
  const offices = apiJson<{ offices: Office[] }>(`provinces/${PROVINCE.tehran}/offices.json`).offices;
  const [one, two] = [offices[0], offices[1]];
  const a = await context.newPage();
  const b = await context.newPage();
  // Both tabs are open before either saves: B's copy of the list is the empty one.
  await gotoApp(a, officePath(one.id), { locale: 'en' });
  await gotoApp(b, officePath(two.id), { locale: 'en' });
  await expect(a.locator('h1')).toHaveText(one.name_en);
  await expect(b.locator('h1')).toHaveText(two.name_en);
  await a.locator(SEL.save).click();
  await expect(a.locator(SEL.save)).toHaveAttribute('aria-pressed', 'true');
  await b.locator(SEL.save).click();
  await expect(b.locator(SEL.save)).toHaveAttribute('aria-pressed', 'true');
  const ids = async (p: Page) => JSON.parse((await stored(p)) ?? '[]').map((e: { id: string }) => e.id);
  expect(await ids(b)).toEqual([one.id, two.id]);
  // B removes A's office from its home list: A's page follows without a reload.
  await gotoApp(b, '/', { locale: 'en' });
  await expect(b.locator(SEL.savedOffice)).toHaveCount(2);
  await b.locator(`${SEL.savedOffice}[data-office-id="${one.id}"] [data-testid=saved-remove]`).click();
  await expect(a.locator(SEL.save)).toHaveAttribute('aria-pressed', 'false');
  // A saves it again: B's home list shows both again, as it happens.
  await a.locator(SEL.save).click();
  await expect(b.locator(SEL.savedOffice)).toHaveCount(2);
  expect((await ids(a)).sort()).toEqual([one.id, two.id].sort());
});

test('opened online, a saved office\'s copy is renewed from the API', async ({ page }) => {
  const office = tehranOffice();
  // A copy saved long ago, since renamed.
  const outdated = { ...office, name_en: 'Old name' };
  await seed(page, [
    { province_id: office.province_id, id: office.id, name_fa: office.name_fa, name_en: 'Old name', office: outdated, saved_at: '2025-01-01T08:00:00Z' },
  ]);
  await gotoApp(page, officePath(office.id), { locale: 'en' });
  await expect(page.locator('h1')).toHaveText(office.name_en);
  await expect(page.locator(SEL.savedCopy)).toHaveCount(0);
  await expect.poll(async () => JSON.parse((await stored(page)) ?? '[]')[0]?.name_en).toBe(office.name_en);
  const [entry] = JSON.parse((await stored(page)) ?? '[]');
  expect(entry.office.name_en).toBe(office.name_en);
  expect(Date.parse(entry.saved_at)).toBeGreaterThan(Date.parse('2025-01-01T08:00:00Z'));
  await expect(page.locator(SEL.save)).toHaveAttribute('aria-pressed', 'true');
});
