// One search box for the whole country (issue 13): what each kind of query does from the home
// page with no province chosen — with the index and against an API without one — the dead ends
// and the phone layout. Sample facts are read from the built sample API, not hard-coded.
import { test, expect, gotoApp, apiJson } from './helpers';
import { PROVINCE, withoutIndex, toPersianDigits } from './fixtures';
import type { Page } from '@playwright/test';

// page.route does not see requests the service worker makes.
test.use({ serviceWorkers: 'block' });

type Office = {
  id: string;
  code: string;
  province_id: string;
  name_fa: string;
  name_en: string;
  city_fa: string;
  postal_code?: string | null;
  status: string;
  location?: { lat: number; lon: number } | null;
  services: string[];
};

const KARAJ = 'کرج';
const SEL = {
  search: '#home-search',
  options: '#home-search-listbox [role=option]',
  result: '[data-testid=office-result]',
} as const;

function allOffices(): Office[] {
  const meta = apiJson<{ provinces: { id: string }[] }>('meta.json');
  return meta.provinces.flatMap((p) => apiJson<{ offices: Office[] }>(`provinces/${p.id}/offices.json`).offices);
}

function uniqueBy(key: (o: Office) => string | null | undefined): Office {
  const all = allOffices();
  const count = new Map<string, number>();
  for (const o of all) {
    const k = key(o);
    if (k) count.set(k, (count.get(k) ?? 0) + 1);
  }
  const office = all.find((o) => {
    const k = key(o);
    return !!k && count.get(k) === 1 && o.status === 'open';
  });
  if (!office) throw new Error('no such office in the sample');
  return office;
}

async function searchFromHome(page: Page, typed: string) {
  const box = page.getByRole('combobox', { name: /Search for a place, an office or a service/ });
  await box.fill(typed);
  await box.press('Enter');
}

const ids = (page: Page) =>
  page.locator(SEL.result).evaluateAll((els) => els.map((e) => e.getAttribute('data-office-id') ?? ''));

for (const api of ['with the index', 'without an index'] as const) {
  test.describe(`the home search box, ${api}, no province chosen`, () => {
    test.beforeEach(async ({ page }) => {
      if (api === 'without an index') await withoutIndex(page);
    });

    test('a city: its offices, nearest to its centre, with no province step', async ({ page }) => {
      await gotoApp(page, '/', { locale: 'en' });
      await searchFromHome(page, 'كرج');
      await expect(page).toHaveURL(new RegExp(`/offices\\?city=${encodeURIComponent(KARAJ)}#near=`), { timeout: 30_000 });
      await expect(page.getByTestId('search-scope')).toHaveText(`Offices in ${KARAJ}, nearest its centre first`);
      await expect(page.locator(SEL.result).first()).toBeVisible({ timeout: 30_000 });
      await expect(page.locator('[data-testid=choose-place]')).toHaveCount(0);
      // Every result is in Karaj (either spelling), nearest first.
      const distances = await page.getByTestId('distance').allTextContents();
      const km = distances.map((d) => Number.parseFloat(d));
      expect(km.length).toBeGreaterThan(0);
      expect([...km].sort((a, b) => a - b)).toEqual(km);
      const karaj = new Set(allOffices().filter((o) => o.city_fa.replace(/ك/g, 'ک') === KARAJ).map((o) => o.id));
      for (const id of await ids(page)) expect(karaj.has(id), id).toBe(true);
    });

    test('an office code in Persian digits: that office', async ({ page }) => {
      const office = uniqueBy((o) => o.code);
      await gotoApp(page, '/', { locale: 'en' });
      await searchFromHome(page, toPersianDigits(office.code));
      await expect(page).toHaveURL(new RegExp(`/offices/${office.province_id}/${office.id}$`), { timeout: 30_000 });
      await expect(page.getByRole('heading', { level: 1 })).toContainText(office.name_en);
    });

    test('an office name: the matching office, nationwide', async ({ page }) => {
      const office = uniqueBy((o) => o.name_fa);
      await gotoApp(page, '/', { locale: 'fa' });
      const box = page.getByRole('combobox', { name: /جست‌وجوی شهر، دفتر یا خدمت/ });
      await box.fill(office.name_fa);
      await box.press('Enter');
      await expect(page.locator(SEL.result).first()).toHaveAttribute('data-office-id', office.id, { timeout: 30_000 });
      await expect(page.getByTestId('search-scope')).toContainText('در همهٔ کشور');
    });

    test('a postal code: the office at it, else the offices of its postal district', async ({ page }) => {
      const office = uniqueBy((o) => (o.postal_code && o.postal_code.length === 10 ? o.postal_code : null));
      const code = office.postal_code as string;
      await gotoApp(page, '/', { locale: 'en' });
      await searchFromHome(page, code);
      await expect(page.locator(SEL.result).first()).toHaveAttribute('data-office-id', office.id, { timeout: 30_000 });
      // A code no office has, in the same district (its first five digits).
      const taken = new Set(allOffices().map((o) => o.postal_code));
      let other = '';
      for (let n = 0; n < 99999 && !other; n++) {
        const candidate = code.slice(0, 5) + String(n).padStart(5, '0');
        if (!taken.has(candidate)) other = candidate;
      }
      await gotoApp(page, '/', { locale: 'en' });
      await searchFromHome(page, other);
      await expect(page.getByTestId('search-scope')).toHaveText(
        `No office has postal code «${other}»; offices in postal district ${code.slice(0, 5)}`,
        { timeout: 30_000 },
      );
      expect(await ids(page)).toContain(office.id);
    });

    test('a service: the service filter, its page one tap away — never "no office found"', async ({ page }) => {
      await gotoApp(page, '/', { locale: 'fa' });
      const box = page.getByRole('combobox', { name: /جست‌وجوی شهر، دفتر یا خدمت/ });
      await box.fill('کارت ملی');
      await box.press('Enter');
      await expect(page).toHaveURL(/\/offices\?service=smart-id-card$/, { timeout: 30_000 });
      const chips = page.getByRole('list', { name: 'خدمات انتخاب‌شده' });
      await expect(chips.getByRole('link', { name: 'ثبت‌نام کارت هوشمند ملی' })).toHaveAttribute('href', /\/services\/smart-id-card$/);
      await expect(page.getByRole('button', { name: 'دفترهای نزدیک من' })).toBeVisible();
      await expect(page.getByText('هیچ دفتری')).toHaveCount(0);
    });

    test('a service done elsewhere: passports say where they are done', async ({ page }) => {
      await gotoApp(page, '/', { locale: 'en' });
      const box = page.getByRole('combobox', { name: /Search for a place, an office or a service/ });
      await box.fill('passport');
      const option = page.locator(SEL.options).filter({ hasText: 'Passport issue and renewal' });
      await expect(option).toContainText('not done at these offices');
      await box.press('Enter');
      await expect(page.getByTestId('dead-end-not-at-offices')).toContainText('is not done at Pishkhan or rural ICT offices', { timeout: 30_000 });
      await page.getByRole('link', { name: 'Where and how it is done' }).click();
      await expect(page).toHaveURL(/\/services\/passport$/);
    });

    test('anything else: "nothing matched", with the spellings it may have meant', async ({ page }) => {
      await gotoApp(page, '/', { locale: 'fa' });
      const box = page.getByRole('combobox', { name: /جست‌وجوی شهر، دفتر یا خدمت/ });
      await box.fill('کرح');
      await box.press('Enter');
      await expect(page.getByTestId('dead-end-nothing')).toContainText('«کرح»', { timeout: 30_000 });
      await expect(page.locator('[data-testid=choose-place]')).toHaveCount(0);
      const suggestion = page.getByTestId('did-you-mean').getByRole('button', { name: KARAJ });
      await expect(suggestion).toBeVisible();
      await suggestion.click();
      await expect(page).toHaveURL(new RegExp(`city=${encodeURIComponent(KARAJ)}#near=`), { timeout: 30_000 });
    });
  });
}

test.describe('dead ends in the finder', () => {
  // Friday 4 December 2026, 23:00 in Tehran: every office is closed.
  const FRIDAY_NIGHT = new Date('2026-12-04T19:30:00Z');

  test('nothing open now: says so, names the first to open, offers all', async ({ page }) => {
    await page.clock.setFixedTime(FRIDAY_NIGHT);
    await gotoApp(page, `/offices?province=${PROVINCE.alborz}&open=1`, { locale: 'en' });
    const dead = page.getByTestId('dead-end-closed');
    await expect(dead).toContainText('None of these offices is open now.', { timeout: 30_000 });
    await expect(dead).toContainText(/The first to open is .+ — Saturday \d\d:\d\d\./);
    await page.getByRole('button', { name: 'Show all offices, open or not' }).click();
    await expect(page.locator(SEL.result).first()).toBeVisible();
    await expect(page).not.toHaveURL(/open=/);
  });

  test('nothing within the radius: widen it step by step', async ({ page }) => {
    // The middle of the Dasht-e Kavir: no office within 5 or 10 km.
    await gotoApp(page, '/offices?near=34.8,54.2&radius=5', { locale: 'en' });
    await expect(page.getByTestId('dead-end-range')).toContainText('No office within 5 km', { timeout: 30_000 });
    await page.getByRole('button', { name: 'Search within 10 km' }).click();
    await expect(page).toHaveURL(/radius=10/);
    await expect(page.getByTestId('dead-end-range')).toContainText('No office within 10 km', { timeout: 30_000 });
    await expect(page.getByRole('button', { name: 'Search within 25 km' })).toBeVisible();
  });

  test('a load error is never shown as "no office found"', async ({ page }) => {
    await withoutIndex(page);
    await page.route(`**/api/v1/provinces/${PROVINCE.alborz}/offices.json`, (r) => r.fulfill({ status: 503, body: 'down' }));
    await gotoApp(page, `/offices?province=${PROVINCE.alborz}`, { locale: 'en' });
    await expect(page.getByTestId('dead-end-failed')).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId('result-count')).not.toContainText('No office');
  });

  test('"closing soon" in the last half hour', async ({ page }) => {
    // Saturday 28 November 2026, 13:45 in Tehran: offices closing at 14:00 close soon.
    await page.clock.setFixedTime(new Date('2026-11-28T10:15:00Z'));
    await gotoApp(page, `/offices?province=${PROVINCE.alborz}`, { locale: 'en' });
    await expect(page.locator(SEL.result).first()).toBeVisible({ timeout: 30_000 });
    await expect(page.locator('.app-tag--soon').first()).toHaveText('Closing soon');
  });
});

test.describe('trust on the card', () => {
  test('an office whose licence is not active says so on its result card', async ({ page }) => {
    // In the sample a closed office's licence has expired (datagen's invariants).
    const office = allOffices().find(
      (o) => o.province_id === PROVINCE.alborz && o.status === 'closed' && (o as { licence_status?: string }).licence_status === 'expired',
    );
    if (!office) throw new Error('no closed licensed office in Alborz');
    await gotoApp(page, `/offices?province=${PROVINCE.alborz}&q=${office.code}`, { locale: 'en' });
    const card = page.locator(`${SEL.result}[data-office-id="${office.id}"]`);
    await expect(card.getByTestId('licence-badge')).toHaveText('Licence: Expired', { timeout: 30_000 });
    // A revoked licence, as another API may publish it.
    await withoutIndex(page);
    const doc = apiJson<{ offices: Office[] }>(`provinces/${PROVINCE.alborz}/offices.json`);
    await page.route(`**/api/v1/provinces/${PROVINCE.alborz}/offices.json`, (r) =>
      r.fulfill({ json: { ...doc, offices: doc.offices.map((o) => (o.id === office.id ? { ...o, licence_status: 'revoked' } : o)) } }),
    );
    // (The language chosen for this tab stays English.)
    await gotoApp(page, `/offices?province=${PROVINCE.alborz}&q=${office.code}`);
    await expect(page.locator(`${SEL.result}[data-office-id="${office.id}"]`).getByTestId('licence-badge')).toHaveText('Licence: Revoked', { timeout: 30_000 });
  });
});

test.describe('temporarily closed', () => {
  test('a temporary closure with an end says when the office reopens', async ({ page }) => {
    // Saturday 28 November 2026, 10:00 in Tehran; the office is closed until Saturday 5 December.
    await page.clock.setFixedTime(new Date('2026-11-28T06:30:00Z'));
    await withoutIndex(page);
    const doc = apiJson<{ offices: Office[] }>(`provinces/${PROVINCE.alborz}/offices.json`);
    const office = doc.offices.find((o) => o.status === 'open' && o.location);
    if (!office) throw new Error('no open office in Alborz');
    await page.route(`**/api/v1/provinces/${PROVINCE.alborz}/offices.json`, (r) => {
      const edited = {
        ...doc,
        offices: doc.offices.map((o) =>
          o.id === office.id
            ? {
                ...o,
                status: 'temporarily_closed',
                closures: [{ from: '2026-11-20', to: '2026-12-05', reason_fa: 'بازسازی', reason_en: 'Renovation' }],
              }
            : o,
        ),
      };
      return r.fulfill({ json: edited });
    });
    await gotoApp(page, `/offices/${PROVINCE.alborz}/${office.id}`, { locale: 'en' });
    await expect(page.getByText(/Temporarily closed/).first()).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText(/Opens Sunday \d\d:\d\d/).first()).toBeVisible();
  });
});

test.describe('on a phone (360×740)', () => {
  test.use({
    viewport: { width: 360, height: 740 },
    geolocation: { latitude: 35.7, longitude: 51.4 },
    permissions: ['geolocation'],
  });

  for (const locale of ['fa', 'en'] as const) {
    test(`${locale}: one-row header, the box and "near me" on the first screen, then the first result`, async ({ page }) => {
      await gotoApp(page, '/', { locale });
      const header = await page.locator('header').boundingBox();
      expect(header?.height ?? 999, 'one row').toBeLessThan(80);
      for (const el of [page.locator(SEL.search), page.getByTestId('near-me')]) {
        const box = await el.boundingBox();
        expect(box, 'visible').not.toBeNull();
        expect((box?.y ?? 999) + (box?.height ?? 0)).toBeLessThanOrEqual(740);
      }
      await page.getByTestId('near-me').click();
      const first = page.locator(SEL.result).first();
      await expect(first).toBeVisible({ timeout: 30_000 });
      await page.evaluate(() => window.scrollTo(0, 0));
      const box = await first.boundingBox();
      expect(box, 'the first result').not.toBeNull();
      expect(box?.y ?? 999).toBeGreaterThan(0);
      // Its name and distance are on the first screen. Not the whole card: a card grows with
      // what the office's data says (a closure order in force adds its notice; the sample has
      // one for Tehran, 6–8 Dec 2026).
      for (const [what, el] of [['name', first.getByRole('link').first()], ['distance', first.getByTestId('distance')]] as const) {
        const b = await el.boundingBox();
        expect(b, `the first result's ${what}`).not.toBeNull();
        expect((b?.y ?? 999) + (b?.height ?? 0), `the first result's ${what} inside the viewport`).toBeLessThanOrEqual(740);
      }
      // Filters wait behind "Filters (n)".
      const toggle = page.getByTestId('filters-toggle');
      await expect(toggle).toHaveAttribute('aria-expanded', 'false');
      await expect(page.getByTestId('filter-kind')).toBeHidden();
      await toggle.click();
      await expect(page.getByTestId('filter-kind')).toBeVisible();
    });
  }

  test('privacy: the position stays on the device: no request line or Referer carries it, not even on a reload', async ({ page }) => {
    // Every request the page makes: its URL (the request line) and its Referer.
    const log: string[] = [];
    page.on('request', (r) => {
      log.push(`${r.method()} ${r.url()} referer=${r.headers()['referer'] ?? ''}`);
    });
    await page.context().setGeolocation({ latitude: 35.712345, longitude: 51.409876 });
    await gotoApp(page, '/', { locale: 'en' });
    // The promise on screen says where it is kept and what a shared link carries.
    await expect(page.locator('#near-me-note')).toContainText('never sent to a server');
    await expect(page.locator('#near-me-note')).toContainText('only if you tick');
    await page.getByTestId('near-me').click();
    // Rounded, in the fragment only.
    await expect(page).toHaveURL(/\/offices#near=35\.712,51\.41$/);
    await expect(page.locator(SEL.result).first()).toBeVisible({ timeout: 30_000 });
    // A reload keeps the search (the fragment stays in the tab) and sends none of it.
    await page.reload();
    await expect(page.locator(SEL.result).first()).toBeVisible({ timeout: 30_000 });
    await expect(page).toHaveURL(/#near=35\.712,51\.41$/);
    // On to an office: its requests too.
    await page.locator(SEL.result).first().getByRole('link').first().click();
    await expect(page).toHaveURL(/\/offices\/[^/]+\/[^/?#]+$/);
    await expect(page.locator('h1')).toHaveText(/\S/);
    expect(log.length, 'requests were made').toBeGreaterThan(0);
    expect(log.some((l) => l.includes('/offices') && l.startsWith('GET')), 'the reload was logged').toBe(true);
    for (const line of log) {
      expect(line, 'no position in a request').not.toMatch(/35\.71|51\.4[01]|near=/);
    }
  });

  test('an old link with ?near= still works, and its position moves to the fragment without a reload', async ({ page }) => {
    await gotoApp(page, '/offices?near=35.712,51.41&radius=10', { locale: 'en' });
    await expect(page.locator(SEL.result).first()).toBeVisible({ timeout: 30_000 });
    await expect(page).toHaveURL(/\/offices\?radius=10#near=35\.712,51\.41$/);
    // This document is still the one loaded from the old link: a reload (or location.replace)
    // would have made a document whose navigation entry is the new address.
    const loadedFrom = await page.evaluate(() => performance.getEntriesByType('navigation')[0]?.name ?? '');
    expect(loadedFrom, 'no reload').toContain('?near=35.712,51.41');
  });

  test('a shared list carries the position only when chosen', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write', 'geolocation']);
    await page.addInitScript(() => {
      Object.defineProperty(Navigator.prototype, 'share', { value: undefined, configurable: true });
    });
    await context.setGeolocation({ latitude: 35.712345, longitude: 51.409876 });
    await gotoApp(page, '/', { locale: 'en' });
    await page.getByTestId('near-me').click();
    await expect(page.locator(SEL.result).first()).toBeVisible({ timeout: 30_000 });
    const share = page.getByRole('button', { name: 'Share the list' });
    const choice = page.getByTestId('share-position');
    await expect(choice).not.toBeChecked();
    await share.click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toMatch(/\/offices$/);
    await choice.check();
    await share.click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toMatch(/\/offices#near=35\.712,51\.41$/);
  });

  test('the menu opens the navigation and a link closes it', async ({ page }) => {
    await gotoApp(page, '/', { locale: 'en' });
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    await expect(nav).toBeHidden();
    await page.getByRole('button', { name: 'Menu' }).click();
    await nav.getByRole('link', { name: 'Services' }).click();
    await expect(page).toHaveURL(/\/services$/);
    await expect(nav).toBeHidden();
  });
});

test('/index.html is the home page, not "page not found"', async ({ page }) => {
  await gotoApp(page, '/index.html', { locale: 'en' });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Find the nearest open service office');
  await expect(page.getByRole('combobox', { name: /Search for a place, an office or a service/ })).toBeVisible();
});
