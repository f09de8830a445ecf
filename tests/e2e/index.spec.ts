// The index layer (docs/api.md, "Index documents"): near me, an office page, the home search
// and the dashboard answered from a few small documents — and the same pages working as before
// against an API whose meta.json has no index, or an index built from another dataset, or an
// index document that fails.
import { test, expect, gotoApp, apiJson } from './helpers';
import { GOLDEN } from './golden';
import { PROVINCE, editMeta, officePath, withoutIndex } from './fixtures';
import type { Page } from '@playwright/test';

// page.route does not see requests the service worker makes.
test.use({ serviceWorkers: 'block' });

type Office = { id: string; code: string; province_id: string; name_en: string; city_en: string };

const SEL = {
  result: '[data-testid=office-result]',
  distance: '[data-testid=distance]',
  summary: '[data-testid=office-summary]',
  search: '#home-search',
  options: '#home-search-listbox [role=option]',
} as const;

/** The data requests a page makes, as paths under api/v1/. */
function recordDataRequests(page: Page): string[] {
  const paths: string[] = [];
  page.on('request', (r) => {
    const m = new URL(r.url()).pathname.match(/\/api\/v1\/(.+)$/);
    if (m) paths.push(m[1]);
  });
  return paths;
}

const staleIndex = (page: Page) =>
  editMeta(page, (m) => {
    if (m.index) m.index.dataset_version = `${m.dataset_version}-older`;
  });

const provinceDocs = (paths: string[]) => paths.filter((p) => /^provinces\/[^/]+\/offices\.json$/.test(p));
const indexDocs = (paths: string[]) => paths.filter((p) => p.startsWith('index/'));

async function nearestIds(page: Page, n: number): Promise<string[]> {
  await expect(page.locator(SEL.result).first()).toBeVisible({ timeout: 20_000 });
  await expect(page.locator(SEL.result)).not.toHaveCount(0);
  const ids = await page.locator(SEL.result).evaluateAll((els) => els.map((e) => e.getAttribute('data-office-id') ?? ''));
  return ids.slice(0, n);
}

test('the sample API announces an index built from its own dataset', () => {
  const meta = apiJson<{ dataset_version: string; index?: { dataset_version: string } }>('meta.json');
  expect(meta.index?.dataset_version).toBe(meta.dataset_version);
});

test.describe('near me', () => {
  const { origin, nearest } = GOLDEN.sample.near_me;
  const path = `/offices?near=${origin.lat},${origin.lon}`;
  const expected = nearest.slice(0, 10).map((n) => n.id);

  test('with the index: the nearest offices from a few tiles, no province document', async ({ page }) => {
    const paths = recordDataRequests(page);
    await gotoApp(page, path, { locale: 'en' });
    expect(await nearestIds(page, 10)).toEqual(expected);
    await expect(page.locator(SEL.distance).first()).toHaveText(`${nearest[0].km.toFixed(1)} km`);
    expect(provinceDocs(paths), 'no province document').toEqual([]);
    const tiles = paths.filter((p) => p.startsWith('index/tiles/'));
    expect(tiles.length, 'some tiles').toBeGreaterThan(0);
    expect(tiles.length, 'only the tiles near the point').toBeLessThanOrEqual(8);
    // "Show more" fetches further tiles and keeps the first results where they were.
    const before = tiles.length;
    await page.getByTestId('show-more').click();
    await expect.poll(() => paths.filter((p) => p.startsWith('index/tiles/')).length).toBeGreaterThan(before);
    expect(await nearestIds(page, 10)).toEqual(expected);
  });

  test('without an index (an older API): the province documents, the same nearest offices', async ({ page }) => {
    await withoutIndex(page);
    const paths = recordDataRequests(page);
    await gotoApp(page, path, { locale: 'en' });
    expect(await nearestIds(page, 10)).toEqual(expected);
    expect(indexDocs(paths)).toEqual([]);
    expect(provinceDocs(paths)).toContain(`provinces/${PROVINCE.tehran}/offices.json`);
  });

  test('an index built from another dataset version is not used', async ({ page }) => {
    await staleIndex(page);
    const paths = recordDataRequests(page);
    await gotoApp(page, path, { locale: 'en' });
    expect(await nearestIds(page, 10)).toEqual(expected);
    expect(indexDocs(paths)).toEqual([]);
  });

  test('a failing tile falls back to the province documents', async ({ page }) => {
    await page.route('**/api/v1/index/tiles/*.json', (route) => route.fulfill({ status: 500, body: 'boom' }));
    const paths = recordDataRequests(page);
    await gotoApp(page, path, { locale: 'en' });
    expect(await nearestIds(page, 10)).toEqual(expected);
    expect(provinceDocs(paths)).toContain(`provinces/${PROVINCE.tehran}/offices.json`);
  });

  test('a broken tile manifest falls back to the province documents', async ({ page }) => {
    await page.route('**/api/v1/index/tiles.json', (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body: '{"tree":' }),
    );
    await gotoApp(page, path, { locale: 'en' });
    expect(await nearestIds(page, 10)).toEqual(expected);
  });
});

test.describe('an office page from a link', () => {
  const id = `${PROVINCE.tehran}-00001`;

  test('with the index: one id shard and one tile, not the province', async ({ page }) => {
    const paths = recordDataRequests(page);
    await gotoApp(page, officePath(id), { locale: 'en' });
    await expect(page.locator(SEL.summary)).toBeVisible();
    expect(provinceDocs(paths)).toEqual([]);
    expect(paths.filter((p) => p.startsWith('index/ids/'))).toHaveLength(1);
    expect(paths.filter((p) => p.startsWith('index/tiles/'))).toHaveLength(1);
  });

  test('without an index, or with a stale one: its province document', async ({ page }) => {
    for (const setUp of [withoutIndex, staleIndex]) {
      await page.unrouteAll();
      await setUp(page);
      const paths = recordDataRequests(page);
      await gotoApp(page, officePath(id), { locale: 'en' });
      await expect(page.locator(SEL.summary)).toBeVisible();
      expect(indexDocs(paths)).toEqual([]);
      expect(provinceDocs(paths)).toEqual([`provinces/${PROVINCE.tehran}/offices.json`]);
    }
  });

  test('a failing id shard falls back to the province document', async ({ page }) => {
    await page.route('**/api/v1/index/ids/*.json', (route) => route.fulfill({ status: 404, body: 'gone' }));
    await gotoApp(page, officePath(id), { locale: 'en' });
    await expect(page.locator(SEL.summary)).toBeVisible();
  });

  test('an office the data does not have says so', async ({ page }) => {
    await gotoApp(page, officePath(`${PROVINCE.tehran}-99999`), { locale: 'en' });
    await expect(page.getByTestId('office-not-found')).toBeVisible();
  });
});

test.describe('the home search, nationwide', () => {
  /** An office whose code no other office has, from the sample. */
  function uniqueCodeOffice(): Office {
    const meta = apiJson<{ provinces: { id: string }[] }>('meta.json');
    const all = meta.provinces.flatMap((p) => apiJson<{ offices: Office[] }>(`provinces/${p.id}/offices.json`).offices);
    const count = new Map<string, number>();
    for (const o of all) count.set(o.code, (count.get(o.code) ?? 0) + 1);
    const office = all.find((o) => count.get(o.code) === 1);
    if (!office) throw new Error('no office with a unique code in the sample');
    return office;
  }

  test('a city without its province: «کرج» suggests Karaj, Enter lists its offices', async ({ page }) => {
    const paths = recordDataRequests(page);
    await gotoApp(page, '/', { locale: 'en' });
    await page.locator(SEL.search).fill('کرج');
    await expect(page.locator(SEL.options).filter({ hasText: 'Karaj' }).first()).toBeVisible();
    await page.locator(SEL.search).press('Enter');
    // The finder around Karaj's centre, its offices only (city=کرج), with no province chosen.
    await expect(page).toHaveURL(new RegExp(`/offices\\?city=${encodeURIComponent('کرج')}#near=`));
    await expect(page.locator(SEL.result).first()).toBeVisible({ timeout: 20_000 });
    await expect(page.getByTestId('result-count')).not.toHaveText(/No office/);
    expect(provinceDocs(paths), 'no province document to find Karaj').toEqual([]);
  });

  test('the Arabic-letter spelling «كرج» and "Karaj" find the same place', async ({ page }) => {
    await gotoApp(page, '/', { locale: 'en' });
    for (const typed of ['كرج', 'Karaj']) {
      await page.locator(SEL.search).fill(typed);
      await expect(page.locator(SEL.options).filter({ hasText: 'Karaj' }).first()).toBeVisible();
    }
  });

  test('an office code (Persian digits too) opens that office', async ({ page }) => {
    const office = uniqueCodeOffice();
    const persian = office.code.replace(/[0-9]/g, (d) => String.fromCharCode(0x06f0 + Number(d)));
    await gotoApp(page, '/', { locale: 'en' });
    await page.locator(SEL.search).fill(persian);
    await expect(page.locator(SEL.options).first()).toBeVisible();
    await page.locator(SEL.search).press('Enter');
    await expect(page).toHaveURL(new RegExp(`/offices/${office.province_id}/${office.id}$`));
    await expect(page.locator(SEL.summary)).toBeVisible();
  });

  test('an office name suggests that office', async ({ page }) => {
    const office = uniqueCodeOffice();
    await gotoApp(page, '/', { locale: 'en' });
    await page.locator(SEL.search).fill(office.name_en);
    const option = page.locator(SEL.options).filter({ hasText: office.name_en }).first();
    await expect(option).toBeVisible();
    await option.click();
    await expect(page.locator(SEL.summary)).toBeVisible();
  });

  test('without an index: services and provinces only, and the search still works', async ({ page }) => {
    await withoutIndex(page);
    const paths = recordDataRequests(page);
    await gotoApp(page, '/', { locale: 'en' });
    await page.locator(SEL.search).fill('Alborz');
    await expect(page.locator(SEL.options).filter({ hasText: 'Alborz' }).first()).toBeVisible();
    await page.locator(SEL.search).fill('کرج');
    await page.waitForLoadState('networkidle');
    await expect(page.locator(SEL.options).filter({ hasText: 'Karaj' })).toHaveCount(0);
    expect(indexDocs(paths)).toEqual([]);
  });
});

/** Waits until every province of the dashboard is in: its progress bar full, and not empty
 * (`data-done` alone is also true before the provinces are set, at 0 of 0). */
async function dashboardComplete(page: Page): Promise<void> {
  const bar = page.locator('[data-testid=load-progress] progress');
  await expect.poll(async () => {
    const [value, max] = await Promise.all([bar.getAttribute('value'), bar.getAttribute('max')]);
    return Number(value) > 0 && value === max;
  }, { timeout: 30_000 }).toBe(true);
  await expect(page.locator('[data-testid=load-progress]')).toHaveAttribute('data-done', 'true');
}

test.describe('the dashboard', () => {
  test('with the index: one summary document instead of 62', async ({ page }) => {
    const paths = recordDataRequests(page);
    await gotoApp(page, '/dashboard', { locale: 'en' });
    await dashboardComplete(page);
    expect(paths.filter((p) => p.startsWith('provinces/'))).toEqual([]);
    expect(paths.filter((p) => p.startsWith('index/'))).toEqual(['index/summary.json']);
  });

  test('a province the summary lacks is read from its own two documents, the rest from the summary', async ({ page }) => {
    await page.route('**/api/v1/index/summary.json', async (route) => {
      const response = await route.fetch();
      const doc = await response.json();
      doc.provinces = doc.provinces.filter((p: { province_id: string }) => p.province_id !== PROVINCE.qom);
      await route.fulfill({ response, json: doc });
    });
    const paths = recordDataRequests(page);
    await gotoApp(page, '/dashboard', { locale: 'en' });
    await dashboardComplete(page);
    expect(paths.filter((p) => p.startsWith('provinces/')).sort())
      .toEqual([`provinces/${PROVINCE.qom}/licences.json`, `provinces/${PROVINCE.qom}/offices.json`]);
    await expect(page.locator('[data-testid=failed-provinces]')).toHaveCount(0);
  });
});
