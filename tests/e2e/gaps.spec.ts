// Coverage gaps (/dashboard/gaps) and the dashboard's links to the views behind its figures.
//
// The gap table is checked against a hand-made case: the sample API's documents with Qom's
// places replaced by four places on the meridian 50° E and its offices by two there too, every
// other province's offices emptied. Along a meridian the great-circle distance is exactly
// Δlatitude × 111.195 km (radius 6,371.0088 km), so every answer below is worked out by hand:
//   places  P1 34.0° (5,000 people)  P2 34.2° (3,000)  P3 34.5° (1,000)  P4 34.8° (2,000)
//   offices A 34.0° (smart-id-card, gas-bill)  B 34.5° (smart-id-card)
//   any office:     P1 0 km (A), P2 22.2 km (A), P3 0 km (B), P4 33.4 km (B)
//   gas-bill only:  P1 0, P2 22.2, P3 55.6, P4 89.0 km (all to A)
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect, gotoApp, apiJson } from './helpers';
import { PROVINCE } from './fixtures';

test.use({ serviceWorkers: 'block' });

const QOM = PROVINCE.qom;
const MERIDIAN = 50.0;

type Office = { id: string; code: string; location: { lat: number; lon: number } | null; services: string[]; status: string };

const PLACES = [
  { key: 'پ۱', name_fa: 'مکان یک', name_en: 'Place One', lat: 34.0, population: 5000 },
  { key: 'پ۲', name_fa: 'مکان دو', name_en: 'Place Two', lat: 34.2, population: 3000 },
  { key: 'پ۳', name_fa: 'مکان سه', name_en: 'Place Three', lat: 34.5, population: 1000 },
  { key: 'پ۴', name_fa: 'مکان چهار', name_en: 'Place Four', lat: 34.8, population: 2000 },
];

/** Serves the hand-made case; returns the codes of offices A and B. */
async function handMade(page: Page): Promise<{ a: string; b: string }> {
  const real = apiJson<{ offices: Office[] }>(`provinces/${QOM}/offices.json`).offices;
  const [a, b] = real;
  await page.route('**/api/v1/index/population.json', (route) =>
    route.fulfill({
      json: {
        generated_at: '2026-11-20T08:00:00Z',
        places: [
          ...PLACES.map((p) => ({
            key: p.key,
            name_fa: p.name_fa,
            name_en: p.name_en,
            province_id: QOM,
            location: { lat: p.lat, lon: MERIDIAN },
            population: p.population,
            offices: 0,
          })),
          // Another province's place: never in Qom's table.
          { key: 'x', name_fa: 'جای دیگر', name_en: 'Elsewhere', province_id: PROVINCE.tehran,
            location: { lat: 35.7, lon: 51.4 }, population: 9999, offices: 0 },
        ],
      },
    }),
  );
  await page.route('**/api/v1/provinces/*/offices.json', async (route) => {
    const response = await route.fetch();
    const doc = (await response.json()) as { province_id: string; offices: Office[] };
    if (doc.province_id === QOM) {
      doc.offices = [
        { ...a, status: 'open', location: { lat: 34.0, lon: MERIDIAN }, services: ['smart-id-card', 'gas-bill'] },
        { ...b, status: 'open', location: { lat: 34.5, lon: MERIDIAN }, services: ['smart-id-card'] },
      ];
    } else {
      doc.offices = [];
    }
    await route.fulfill({ response, json: doc });
  });
  return { a: a.code, b: b.code };
}

const rows = (page: Page) => page.getByTestId('gap-row');

async function expectRows(page: Page, expected: [string, number, string, string][]) {
  await expect(rows(page)).toHaveCount(expected.length, { timeout: 60_000 });
  for (const [i, [name, population, km, code]] of expected.entries()) {
    const row = rows(page).nth(i);
    await expect(row.getByRole('rowheader')).toHaveText(name);
    await expect(row).toHaveAttribute('data-population', String(population));
    await expect(row).toHaveAttribute('data-km', km);
    await expect(row.getByRole('link')).toHaveText(code);
  }
}

test.describe('coverage gaps', () => {
  test('the gap table for a province with known answers, with and without a service', async ({ page }) => {
    test.setTimeout(120_000);
    const { a, b } = await handMade(page);
    await gotoApp(page, `/dashboard/gaps?province=${QOM}&km=10`, { locale: 'en' });
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Places far from an office');
    await expectRows(page, [
      ['Place Two', 3000, '22.2', a],
      ['Place Four', 2000, '33.4', b],
    ]);
    const totals = page.getByTestId('gaps-totals');
    await expect(totals).toContainText('5,000 people in 2 places are more than 10 km from an open office');
    await expect(totals).toContainText('of 11,000 people in 4 places');

    // Only offices offering gas-bill count, 30 km: the far places are 55.6 and 89.0 km from A.
    await page.getByLabel('Service', { exact: true }).selectOption('gas-bill');
    await page.getByLabel('30 km', { exact: true }).check();
    // 30 km is the default: the URL drops it.
    await expect(page).toHaveURL(new RegExp(`/dashboard/gaps\\?province=${QOM}&service=gas-bill$`));
    await expectRows(page, [
      ['Place Four', 2000, '89.0', a],
      ['Place Three', 1000, '55.6', a],
    ]);
    await expect(totals).toContainText('3,000 people in 2 places are more than 30 km from an open office offering');

    // 50 km with any office: every place is within 33.4 km.
    await page.getByLabel('Service', { exact: true }).selectOption('');
    await page.getByLabel('50 km', { exact: true }).check();
    await expect(page.getByTestId('gaps-none')).toBeVisible({ timeout: 60_000 });
    await expect(totals).toContainText('0 people in 0 places');

    // The same view in Persian, from its URL.
    await gotoApp(page, `/dashboard/gaps?province=${QOM}&km=10`);
    await page.getByTestId('lang-switch').click();
    await expect(rows(page)).toHaveCount(2, { timeout: 60_000 });
    await expect(rows(page).first().getByRole('rowheader')).toHaveText('مکان دو');
    await expect(page.getByTestId('gaps-totals')).toContainText('۵٬۰۰۰ نفر در ۲ مکان');
  });

  test('CSV and GeoJSON downloads parse and hold the listed rows', async ({ page }) => {
    test.setTimeout(120_000);
    const { a } = await handMade(page);
    await gotoApp(page, `/dashboard/gaps?province=${QOM}&km=30&service=gas-bill`, { locale: 'en' });
    await expect(rows(page)).toHaveCount(2, { timeout: 60_000 });

    const [csvFile] = await Promise.all([page.waitForEvent('download'), page.getByTestId('gaps-csv').click()]);
    expect(csvFile.suggestedFilename()).toMatch(new RegExp(`^gaps-${QOM}-30km-gas-bill-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
    const lines = readFileSync(await csvFile.path(), 'utf8').replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe("Place,Province,Population,Distance to the nearest office (km),That office's code,Latitude,Longitude");
    expect(lines.slice(1)).toEqual([`Place Four,Qom,2000,89.0,${a},34.8,50`, `Place Three,Qom,1000,55.6,${a},34.5,50`]);

    const [geoFile] = await Promise.all([page.waitForEvent('download'), page.getByTestId('gaps-geojson').click()]);
    expect(geoFile.suggestedFilename()).toMatch(/\.geojson$/);
    const geo = JSON.parse(readFileSync(await geoFile.path(), 'utf8'));
    expect(geo.type).toBe('FeatureCollection');
    expect(geo.features.map((f: { geometry: { coordinates: number[] } }) => f.geometry.coordinates)).toEqual([
      [50, 34.8],
      [50, 34.5],
    ]);
    expect(geo.features.map((f: { properties: { name_en: string; population: number; nearest_km: number; nearest_office_code: string } }) =>
      [f.properties.name_en, f.properties.population, f.properties.nearest_km, f.properties.nearest_office_code],
    )).toEqual([
      ['Place Four', 2000, 89, a],
      ['Place Three', 1000, 55.6, a],
    ]);
  });

  test('an API without an index says the gaps cannot be computed', async ({ page }) => {
    await page.route('**/api/v1/meta.json', async (route) => {
      const response = await route.fetch();
      const meta = await response.json();
      delete meta.index;
      await route.fulfill({ response, json: meta });
    });
    await gotoApp(page, '/dashboard/gaps', { locale: 'en' });
    await expect(page.getByTestId('gaps-unavailable')).toContainText('publishes no place populations');
  });
});

test.describe('dashboard links', () => {
  test('a figure leads to the registry view behind it', async ({ page }) => {
    test.setTimeout(120_000);
    await gotoApp(page, '/dashboard', { locale: 'en' });
    const cell = page.locator(`[data-testid=dashboard-table] tbody tr[data-province=${QOM}] td[data-col=dormant]`);
    const link = cell.getByRole('link');
    await expect(link).toBeVisible({ timeout: 60_000 });
    const dormant = Number(await cell.getAttribute('data-value'));
    expect(dormant).toBeGreaterThan(0);
    await link.click();
    await expect(page).toHaveURL(new RegExp(`/licences\\?province=${QOM}&dormant=1$`));
    await expect(page.getByTestId('filter-dormant')).toBeChecked();
    await expect(page.getByTestId('result-count')).toHaveAttribute('data-count', String(dormant), { timeout: 60_000 });

    // A status figure of the national totals: the registry of every province, that status.
    await page.goBack();
    // The break-down by status is on demand (priority columns first).
    await page.getByTestId('dashboard-columns').click();
    const revoked = page.getByTestId('total-status-revoked');
    await expect(revoked.getByRole('link')).toHaveAttribute('href', /\/licences\?province=IR-[0-9]{2}(,IR-[0-9]{2}){30}&status=revoked$/);
    // The gap view is one link away.
    await page.getByTestId('gaps-link').click();
    await expect(page).toHaveURL(/\/dashboard\/gaps$/);
  });

  test('the dashboard table downloads as CSV with every province and the totals', async ({ page }) => {
    test.setTimeout(120_000);
    const meta = apiJson<{ provinces: { id: string; name_en: string; population: number }[] }>('meta.json');
    await gotoApp(page, '/dashboard', { locale: 'en' });
    await expect(page.getByTestId('national-totals')).toHaveAttribute('data-complete', 'true', { timeout: 100_000 });
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('dashboard-csv').click()]);
    const lines = readFileSync(await file.path(), 'utf8').replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines).toHaveLength(1 + meta.provinces.length + 1);
    expect(lines[0]).toMatch(/^Province,Population,All offices,/);
    expect(lines[0]).toContain('Dormant per 100 licences');
    const total = meta.provinces.reduce((n, p) => n + p.population, 0);
    expect(lines[lines.length - 1]).toMatch(new RegExp(`^Iran,${total},`));
    const qom = meta.provinces.find((p) => p.id === QOM)!;
    expect(lines.some((l) => l.startsWith(`${qom.name_en},${qom.population},`))).toBe(true);
  });
});
