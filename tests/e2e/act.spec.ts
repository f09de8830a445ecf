// Licences to act on, "what changed since my last visit", the dashboard's priority columns and
// the registry fixes (issue 16).
//
// The act lists are checked against a hand-made Qom: its licences replaced by five, its offices
// by five, its places' populations by three, so each answer follows from the rule in
// src/domain/action.rs by hand (no target is configured: the national offices per 100,000 from
// meta.json, about 15, is the target):
//   Q-1 شهر الف   dormant, the city's only office is closed        → under-served: encourage
//   Q-2 شهر ب     dormant, 1 open office for 10,000 people (10)    → under the target: encourage
//   Q-3 شهر ج     dormant, 2 open offices for 1,000 people (200)   → well served: revoke
//   Q-4 شهر دک    dormant, 1 open office spelled «شهر دك», no population → well served: revoke
//   Q-5 شهر ج     issued 10 days ago: not dormant                   → in neither list
import type { Page } from '@playwright/test';
import { test, expect, gotoApp, apiJson } from './helpers';
import { PROVINCE } from './fixtures';

test.use({ serviceWorkers: 'block' });

const QOM = PROVINCE.qom;

type Office = { id: string; city_fa: string; status: string; province_id: string };
type Licence = Record<string, unknown> & { number: string; status: string };

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

function licence(number: string, city: string, issued: string): Licence {
  return {
    number, province_id: QOM, holder_fa: `دارنده ${number}`, kind: 'pishkhan', city_fa: city,
    issued_on: issued, expires_on: '2031-01-01', status: 'issued',
  };
}

async function handMadeQom(page: Page) {
  const real = apiJson<{ offices: Office[] }>(`provinces/${QOM}/offices.json`).offices.slice(0, 5);
  const cities: [string, string][] = [
    ['شهر الف', 'closed'], ['شهر ب', 'open'], ['شهر ج', 'open'], ['شهر ج', 'open'], ['شهر دك', 'open'],
  ];
  const offices = real.map((o, i) => ({ ...o, city_fa: cities[i][0], status: cities[i][1] }));
  await page.route(`**/api/v1/provinces/${QOM}/offices.json`, async (route) => {
    const response = await route.fetch();
    const doc = await response.json();
    doc.offices = offices;
    await route.fulfill({ response, json: doc });
  });
  await page.route(`**/api/v1/provinces/${QOM}/licences.json`, async (route) => {
    const response = await route.fetch();
    const doc = await response.json();
    doc.licences = [
      licence('Q-1', 'شهر الف', '2020-01-01'),
      licence('Q-2', 'شهر ب', '2020-01-01'),
      licence('Q-3', 'شهر ج', '2020-01-01'),
      licence('Q-4', 'شهر دک', '2020-01-01'),
      licence('Q-5', 'شهر ج', daysAgo(10)),
    ];
    await route.fulfill({ response, json: doc });
  });
  const place = (name: string, population: number) => ({
    key: name, name_fa: name, name_en: name, province_id: QOM, location: { lat: 34.6, lon: 50.9 }, population, offices: 1,
  });
  await page.route('**/api/v1/index/population.json', (route) =>
    route.fulfill({
      json: { generated_at: '2026-11-20T08:00:00Z', places: [place('شهر الف', 5000), place('شهر ب', 10_000), place('شهر ج', 1000)] },
    }),
  );
}

const numbers = (page: Page) => page.locator('[data-testid="registry-table"] tbody tr').evaluateAll(
  (rows) => rows.map((r) => r.getAttribute('data-number')),
);

test.describe('licences to act on', () => {
  test('the dashboard leads to the encourage and revoke lists, split by the city\'s coverage', async ({ page }) => {
    test.setTimeout(120_000);
    await handMadeQom(page);
    await gotoApp(page, '/dashboard', { locale: 'en' });
    const act = page.getByTestId('act-links');
    await act.getByLabel('Province').selectOption(QOM);
    await act.getByTestId('act-encourage').click();
    await expect(page).toHaveURL(new RegExp(`/licences\\?province=${QOM}&act=encourage$`));
    await expect(page.getByTestId('act-notice')).toHaveAttribute('data-act', 'encourage');
    await expect(page.getByTestId('result-count')).toHaveAttribute('data-count', '2', { timeout: 60_000 });
    expect(await numbers(page)).toEqual(['Q-1', 'Q-2']);
    // Days overdue are in the flags column.
    await expect(page.locator('tr[data-number="Q-1"] [data-flag="dormant"]')).toContainText('days overdue');

    await page.getByTestId('filter-act').selectOption('revoke');
    await expect(page).toHaveURL(new RegExp(`act=revoke`));
    await expect(page.getByTestId('result-count')).toHaveAttribute('data-count', '2', { timeout: 60_000 });
    expect(await numbers(page)).toEqual(['Q-3', 'Q-4']);

    // The list's CSV holds the listed rows.
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('csv-export').click()]);
    const text = await (await import('node:fs')).promises.readFile(await csv.path(), 'utf8');
    const lines = text.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['Q-3', 'Q-4']);
  });

  test('the stale list and the parallel networks to convert', async ({ page }) => {
    await gotoApp(page, '/dashboard', { locale: 'en' });
    const act = page.getByTestId('act-links');
    await act.getByLabel('Province').selectOption(QOM);
    await expect(act.getByTestId('act-stale')).toHaveAttribute('href', new RegExp(`/licences\\?province=${QOM}&status=active&stale=1$`));
    await expect(act.getByTestId('conversion-progress')).toContainText(/of \d[\d,]* offices are Pishkhan/, { timeout: 60_000 });
    await expect(act.getByTestId('convert-e_city')).toHaveAttribute('href', new RegExp(`/offices\\?province=${QOM}&kind=e_city`));
  });
});

test.describe('what changed since the last visit', () => {
  test('a second visit with changed data names the changes; clear forgets them', async ({ page }) => {
    test.setTimeout(120_000);
    const licences = apiJson<{ licences: Licence[] }>(`provinces/${QOM}/licences.json`).licences;
    const offices = apiJson<{ offices: Office[] }>(`provinces/${QOM}/offices.json`).offices;
    const active = licences.find((l) => l.status === 'active');
    const open = offices.find((o) => o.status === 'open');
    expect(active && open).toBeTruthy();

    await gotoApp(page, '/dashboard', { locale: 'en' });
    const act = page.getByTestId('act-links');
    await act.getByLabel('Province').selectOption(QOM);
    await act.getByTestId('watch-toggle').click();
    await expect(act.getByTestId('watch-toggle')).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('watch-first')).toBeVisible({ timeout: 60_000 });

    // Second visit: one licence revoked, one new, one office closed.
    await page.route(`**/api/v1/provinces/${QOM}/licences.json`, async (route) => {
      const response = await route.fetch();
      const doc = await response.json();
      for (const l of doc.licences) if (l.number === active!.number) l.status = 'revoked';
      doc.licences.push(licence('Q-NEW', 'قم', daysAgo(1)));
      await route.fulfill({ response, json: doc });
    });
    await page.route(`**/api/v1/provinces/${QOM}/offices.json`, async (route) => {
      const response = await route.fetch();
      const doc = await response.json();
      for (const o of doc.offices) if (o.id === open!.id) o.status = 'closed';
      await route.fulfill({ response, json: doc });
    });
    await page.reload();
    const watch = page.getByTestId('watch-province');
    await expect(watch.locator('[data-change="new"]')).toContainText('Q-NEW', { timeout: 60_000 });
    await expect(watch.locator('[data-change="revoked"]')).toContainText(active!.number);
    await expect(watch.locator('[data-change="closed"]')).toContainText(open!.id);
    await expect(watch.locator('[data-change="new"] a')).toHaveAttribute('href', new RegExp(`/licences/${QOM}/Q-NEW$`));
    await expect(watch.locator('[data-change]')).toHaveCount(3);

    // A failing API keeps the snapshot and says so.
    await page.unroute(`**/api/v1/provinces/${QOM}/licences.json`);
    await page.route(`**/api/v1/provinces/${QOM}/licences.json`, (route) => route.fulfill({ status: 503, body: 'down' }));
    const before = await page.evaluate((k) => localStorage.getItem(k), `pishkhan.snapshot.${QOM}`);
    await page.reload();
    await expect(page.getByTestId('watch-failed')).toBeVisible({ timeout: 60_000 });
    expect(await page.evaluate((k) => localStorage.getItem(k), `pishkhan.snapshot.${QOM}`)).toBe(before);

    // An unreadable snapshot is reported and replaced after the successful read.
    await page.unroute(`**/api/v1/provinces/${QOM}/licences.json`);
    await page.evaluate((k) => localStorage.setItem(k, '{broken'), `pishkhan.snapshot.${QOM}`);
    await page.reload();
    await expect(page.getByTestId('watch-unreadable')).toBeVisible({ timeout: 60_000 });
    expect(await page.evaluate((k) => localStorage.getItem(k), `pishkhan.snapshot.${QOM}`)).toContain('"v":1');

    await page.getByTestId('watch-clear').click();
    await expect(page.getByTestId('watch-none')).toBeVisible();
    expect(await page.evaluate((k) => localStorage.getItem(k), `pishkhan.snapshot.${QOM}`)).toBeNull();
    expect(await page.evaluate(() => localStorage.getItem('pishkhan.watched'))).toBeNull();
  });
});

test.describe('dashboard layout and links', () => {
  for (const [width, locale] of [[1280, 'en'], [1280, 'fa'], [360, 'en'], [360, 'fa']] as const) {
    test(`no sideways scroll at ${width} px (${locale}); every column on demand`, async ({ page }) => {
      await page.setViewportSize({ width, height: 800 });
      await gotoApp(page, '/dashboard', { locale });
      const wrap = page.locator('.app-dashboard__table-wrap');
      await expect(page.getByTestId('dashboard-table')).toBeVisible();
      const visible = async () => page.locator('[data-testid="dashboard-table"] thead th:visible').count();
      const fits = () => wrap.evaluate((el) => el.scrollWidth <= el.clientWidth + 1);
      expect(await fits()).toBe(true);
      expect(await visible()).toBe(width === 360 ? 3 : 9);
      await page.getByTestId('dashboard-columns').click();
      await expect(page.getByTestId('dashboard-columns')).toHaveAttribute('aria-pressed', 'true');
      expect(await visible()).toBe(19);
    });
  }

  test('population and rates link to the views behind them', async ({ page }) => {
    await gotoApp(page, '/dashboard', { locale: 'en' });
    const row = page.locator(`[data-testid="dashboard-table"] tr[data-province="${QOM}"]`);
    await expect(row.locator('[data-col="population"] a')).toHaveAttribute('href', new RegExp(`/dashboard/gaps\\?province=${QOM}$`));
    await expect(row.locator('[data-col="open"] a')).toHaveAttribute('href', new RegExp(`/offices\\?province=${QOM}$`), { timeout: 60_000 });
    await row.locator('[data-col="dormant-per100"] a').click();
    await expect(page).toHaveURL(new RegExp(`/licences\\?province=${QOM}&dormant=1$`));
  });
});

test.describe('registry fixes', () => {
  test('the look-up finds a number typed without dashes, with or without its province', async ({ page }) => {
    const number = apiJson<{ licences: Licence[] }>(`provinces/${QOM}/licences.json`).licences[0].number;
    const bare = number.replace(/-/g, '');
    expect(bare).not.toBe(number);
    await gotoApp(page, '/licences', { locale: 'en' });
    await page.locator('#lookup-number').fill(bare);
    await page.getByTestId('lookup-submit').click();
    await expect(page).toHaveURL(new RegExp(`/licences/${QOM}/${number}$`), { timeout: 30_000 });
    await expect(page.getByRole('heading', { level: 1 })).toContainText(number);

    await gotoApp(page, '/licences', { locale: 'en' });
    await page.locator('#lookup-province').selectOption(QOM);
    await page.locator('#lookup-number').fill(bare.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]));
    await page.getByTestId('lookup-submit').click();
    await expect(page.getByTestId('licence-status').first()).toBeVisible({ timeout: 30_000 });
  });

  test('the history calls an issue followed by an activation "Issued"', async ({ page }) => {
    const withHistory = apiJson<{ licences: (Licence & { history: { status: string }[] })[] }>(
      `provinces/${QOM}/licences.json`,
    ).licences.find((l) => l.history?.[0]?.status === 'issued' && l.history.some((h) => h.status === 'active'));
    expect(withHistory).toBeTruthy();
    await gotoApp(page, `/licences/${QOM}/${withHistory!.number}`, { locale: 'en' });
    const first = page.getByTestId('licence-history').locator('li').first();
    await expect(first.getByTestId('licence-status')).toHaveText('Issued');
    await expect(page.getByTestId('licence-history')).not.toContainText('never activated');
  });

  for (const locale of ['en', 'fa'] as const) {
    test(`the flags column and its tags are in view at 1280 px (${locale})`, async ({ page }) => {
      await page.setViewportSize({ width: 1280, height: 800 });
      await gotoApp(page, `/licences?province=${PROVINCE.tehran}&dormant=1`, { locale });
      const table = page.getByTestId('registry-table');
      const tag = table.locator('tbody tr').first().locator('[data-flag="dormant"]');
      await expect(tag).toBeVisible({ timeout: 60_000 });
      // Nothing of the table is cut off or behind a sideways scroll.
      const overflow = await table.evaluate((t) => {
        let el: HTMLElement | null = t as HTMLElement;
        for (; el; el = el.parentElement) if (el.scrollWidth > el.clientWidth + 1) return el.tagName;
        return null;
      });
      expect(overflow).toBeNull();
      const box = await tag.boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= 1280).toBe(true);
    });
  }
});

test.describe('GeoJSON beside the CSV', () => {
  type Feature = { type: string; geometry: { type: string; coordinates: [number, number] }; properties: Record<string, unknown> };
  const read = async (download: import('@playwright/test').Download) =>
    JSON.parse(await (await import('node:fs')).promises.readFile(await download.path(), 'utf8')) as {
      type: string; features: Feature[];
    };

  test("the registry's list downloads as GeoJSON: its licences at their offices", async ({ page }) => {
    await gotoApp(page, `/licences?province=${QOM}&status=active`, { locale: 'en' });
    const count = page.getByTestId('result-count');
    await expect(count).toHaveAttribute('data-count', /^[1-9]/, { timeout: 60_000 });
    const listed = await numbers(page);
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('geojson-export').click()]);
    expect(file.suggestedFilename()).toMatch(/\.geojson$/);
    const geo = await read(file);
    expect(geo.type).toBe('FeatureCollection');
    expect(geo.features.length).toBeGreaterThan(0);
    expect(geo.features.length).toBeLessThanOrEqual(Number(await count.getAttribute('data-count')));
    for (const f of geo.features) {
      expect(f.type).toBe('Feature');
      expect(f.geometry.type).toBe('Point');
      const [lon, lat] = f.geometry.coordinates;
      expect(lat).toBeGreaterThan(24);
      expect(lat).toBeLessThan(40);
      expect(lon).toBeGreaterThan(44);
      expect(lon).toBeLessThan(64);
    }
    // Exactly the listed (active) licences whose office has a position, as the data says.
    const located = new Set(
      apiJson<{ offices: (Office & { location?: unknown })[] }>(`provinces/${QOM}/offices.json`).offices
        .filter((o) => o.location).map((o) => o.id),
    );
    const expected = apiJson<{ licences: (Licence & { office_id?: string })[] }>(`provinces/${QOM}/licences.json`).licences
      .filter((l) => l.status === 'active' && l.office_id && located.has(l.office_id))
      .map((l) => l.number).sort();
    const numbersInFile = geo.features.map((f) => String(f.properties.number)).sort();
    expect(numbersInFile).toEqual(expected);
    expect(listed.some((n) => n !== null && numbersInFile.includes(n))).toBe(true);
  });

  test("the finder's results download as GeoJSON, one feature per office", async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await gotoApp(page, `/offices?province=${QOM}`, { locale: 'en' });
    const cards = page.getByTestId('office-result');
    await expect(cards.first()).toBeVisible({ timeout: 60_000 });
    const shown = (await cards.evaluateAll((els) => els.map((e) => e.getAttribute('data-office-id')))).slice(0, 5);
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('results-geojson').click()]);
    expect(file.suggestedFilename()).toMatch(/\.geojson$/);
    const geo = await read(file);
    expect(geo.type).toBe('FeatureCollection');
    const ids = geo.features.map((f) => f.properties.id);
    expect(new Set(ids).size).toBe(ids.length);
    // Every listed office that has a position is a feature; one without is left out.
    const located = new Set(
      apiJson<{ offices: (Office & { location?: unknown })[] }>(`provinces/${QOM}/offices.json`).offices
        .filter((o) => o.location).map((o) => o.id),
    );
    for (const id of shown) expect(ids.includes(id as string)).toBe(located.has(id as string));
    expect(ids.every((id) => located.has(String(id)))).toBe(true);
    expect(ids.length).toBeGreaterThan(0);
    for (const f of geo.features) expect(f.geometry.type).toBe('Point');
  });
});
