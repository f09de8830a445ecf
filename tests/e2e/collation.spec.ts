// Alphabetical order in the Persian UI: province choosers, the place chooser's city list, the
// dashboard's province table and the registry's city filter list names in Persian order (پ after
// ب, چ after ج, ژ after ز, گ after ک), and a name the data spells with Arabic and with Persian
// letters («پاكدشت», «پاکدشت») is one entry.
//
// The full expected lists are golden sample facts (tests/golden/cases.json, checked against
// src/domain/collate.rs by tests/golden.rs); the pairwise checks below are the alphabet itself,
// written out here so that a wrong rule cannot pass by being wrong in both places.
import type { Locator, Page } from '@playwright/test';
import { test, expect, gotoApp, apiJson } from './helpers';
import { PROVINCE, servicePath, toPersianDigits } from './fixtures';
import { GOLDEN } from './golden';

const FACTS = GOLDEN.sample.collation;

type Meta = { provinces: { id: string; name_fa: string; name_en: string }[] };

/** The texts of a select's options, without its "choose…" / "all" option (value ""). */
async function optionTexts(select: Locator): Promise<string[]> {
  return select.locator('option:not([value=""])').allTextContents();
}

/** Fails unless `earlier` comes before `later` in `list` (both present). */
function expectBefore(list: string[], earlier: string, later: string) {
  const i = list.indexOf(earlier);
  const j = list.indexOf(later);
  expect(i, `${earlier} is listed`).toBeGreaterThanOrEqual(0);
  expect(j, `${later} is listed`).toBeGreaterThanOrEqual(0);
  expect(i, `${earlier} before ${later}`).toBeLessThan(j);
}

/** Pairs of provinces in Persian order, one letter pair each (Unicode puts the second earlier
 * or far later: چ گ after ی, ك between ق and ل). */
const PERSIAN_PAIRS: [string, string][] = [
  ['آذربایجان شرقی', 'اردبیل'], // آ sorts as ا, and ذ before ر
  ['اردبیل', 'البرز'], // ر before ل
  ['بوشهر', 'تهران'],
  ['تهران', 'چهارمحال و بختیاری'], // چ after ت …
  ['چهارمحال و بختیاری', 'خراسان جنوبی'], // … and before خ
  ['کرمان', 'کرمانشاه'], // a name before its continuation
  ['کرمانشاه', 'کهگیلویه و بویراحمد'],
  ['کهگیلویه و بویراحمد', 'گلستان'], // گ after ک …
  ['گیلان', 'لرستان'], // … and before ل
  ['همدان', 'یزد'],
];

function provinceChooser(page: Page): Locator {
  return page.getByTestId('place-picker').getByLabel('استان', { exact: true });
}

test.describe('Persian alphabetical order', () => {
  test('the place chooser lists the provinces in Persian order', async ({ page }) => {
    const meta = apiJson<Meta>('meta.json');
    expect(FACTS.provinces_fa).toHaveLength(meta.provinces.length);
    await gotoApp(page, '/', { locale: 'fa' });
    const select = provinceChooser(page);
    await expect(select.locator('option')).toHaveCount(meta.provinces.length + 1);
    const shown = await optionTexts(select);
    expect(shown).toEqual(FACTS.provinces_fa);
    for (const [a, b] of PERSIAN_PAIRS) expectBefore(shown, a, b);
  });

  test('in English the place chooser lists the English names alphabetically', async ({ page }) => {
    const meta = apiJson<Meta>('meta.json');
    await gotoApp(page, '/', { locale: 'en' });
    const select = page.getByTestId('place-picker').getByLabel('Province', { exact: true });
    await expect(select.locator('option')).toHaveCount(meta.provinces.length + 1);
    const shown = await optionTexts(select);
    expect(shown).toEqual(FACTS.provinces_en);
    expectBefore(shown, 'Alborz', 'Ardabil');
    expectBefore(shown, 'Kohgiluyeh and Boyer-Ahmad', 'Kurdistan');
    expectBefore(shown, 'West Azerbaijan', 'Zanjan');
  });

  test('the city list of Alborz has one «کرج», in its Persian place', async ({ page }) => {
    expect(FACTS.cities.province).toBe(PROVINCE.alborz);
    // The sample data spells Karaj both ways.
    const spellings = new Set(
      apiJson<{ offices: { city_fa: string }[] }>(`provinces/${PROVINCE.alborz}/offices.json`).offices.map((o) => o.city_fa),
    );
    expect(spellings.has('کرج') && spellings.has('كرج'), 'کرج and كرج in the data').toBe(true);

    await gotoApp(page, '/', { locale: 'fa' });
    await provinceChooser(page).selectOption(PROVINCE.alborz);
    const cities = page.getByTestId('place-picker').getByLabel('شهر (اختیاری)');
    await expect(cities.locator('option')).toHaveCount(FACTS.cities.fa.length + 1);
    const shown = await optionTexts(cities);
    expect(shown).toEqual(FACTS.cities.fa);
    expect(shown.filter((c) => c === 'کرج' || c === 'كرج')).toEqual(['کرج']);
    expect(shown.indexOf('کرج')).toBeLessThan(shown.length - 1);
    expectBefore(shown, 'اشتهارد', 'طالقان');
    expectBefore(shown, 'طالقان', 'کرج');
    expectBefore(shown, 'کرج', 'گرمدره'); // ک before گ
    expectBefore(shown, 'کرج', 'هشتگرد');
    expectBefore(shown, 'بینه', 'پلنگ آباد'); // پ after ب
    expectBefore(shown, 'پلنگ آباد', 'تنکمان'); // … and before ت
  });

  test('the dashboard lists the provinces in Persian order', async ({ page }) => {
    await gotoApp(page, '/dashboard', { locale: 'fa' });
    const names = page.getByTestId('dashboard-table').locator('tbody').getByRole('rowheader');
    await expect(names).toHaveCount(FACTS.provinces_fa.length);
    const shown = await names.allTextContents();
    expect(shown).toEqual(FACTS.provinces_fa);
    for (const [a, b] of PERSIAN_PAIRS) expectBefore(shown, a, b);
  });

  test('the service page and the registry choose provinces in Persian order', async ({ page }) => {
    await gotoApp(page, servicePath(), { locale: 'fa' });
    const check = page.getByLabel('کدام دفاتر استان این خدمت را دارند؟');
    await expect(check.locator('option')).toHaveCount(FACTS.provinces_fa.length + 1);
    expect(await optionTexts(check)).toEqual(FACTS.provinces_fa);

    await gotoApp(page, '/licences', { locale: 'fa' });
    const boxes = page.getByTestId('province-picker').getByRole('checkbox');
    await expect(boxes).toHaveCount(FACTS.provinces_fa.length);
    const labels = await page.getByTestId('province-picker').locator('label').allTextContents();
    expect(labels).toEqual(FACTS.provinces_fa);
  });
});

test.describe('one entry per name', () => {
  // Requests must reach the network, not a service worker's cache.
  test.use({ serviceWorkers: 'block' });

  const fact = FACTS.registry_city;
  /** Licences of the province whose city is any spelling of the fact's city: a direct count. */
  const direct = () =>
    apiJson<{ licences: { city_fa: string }[] }>(`provinces/${fact.province}/licences.json`).licences.filter((l) =>
      fact.spellings.includes(l.city_fa),
    ).length;

  async function cityFilter(page: Page): Promise<Locator> {
    const select = page.getByLabel('شهر', { exact: true });
    await expect(select.locator('option').nth(1)).toBeAttached();
    return select;
  }

  test('the registry\'s city filter shows «پاکدشت» once, with both spellings counted', async ({ page }) => {
    expect(fact.province).toBe(PROVINCE.tehran);
    expect(fact.spellings.length, 'the data spells the city several ways').toBeGreaterThan(1);
    expect(direct()).toBe(fact.count);
    await gotoApp(page, `/licences?province=${fact.province}`, { locale: 'fa' });
    const select = await cityFilter(page);
    await expect(page.getByTestId('result-count')).toHaveAttribute('data-count', /^[1-9]/);
    const shown = await optionTexts(select);
    const label = `${fact.name} (${toPersianDigits(String(fact.count))})`;
    expect(shown.filter((o) => fact.spellings.some((s) => o.startsWith(s)))).toEqual([label]);
    // Persian order here too: پ after ب, before ت.
    expectBefore(shown, shown.find((o) => o.startsWith('باغستان ')) ?? 'باغستان', label);
    expectBefore(shown, label, shown.find((o) => o.startsWith('تهران ')) ?? 'تهران');

    await select.selectOption({ label });
    await expect(page).toHaveURL(new RegExp(`city=${encodeURIComponent(fact.name)}`));
    await expect(page.getByTestId('result-count')).toHaveAttribute('data-count', String(fact.count));
  });

  test('a link with the Arabic spelling selects the one entry and lists both', async ({ page }) => {
    const other = fact.spellings.find((s) => s !== fact.name);
    expect(other, 'another spelling').toBeTruthy();
    await gotoApp(page, `/licences?province=${fact.province}&city=${encodeURIComponent(other ?? '')}`, { locale: 'fa' });
    const select = await cityFilter(page);
    await expect(page.getByTestId('result-count')).toHaveAttribute('data-count', String(fact.count));
    const label = `${fact.name} (${toPersianDigits(String(fact.count))})`;
    await expect(select.locator('option:checked')).toHaveText(label);
    const shown = await optionTexts(select);
    expect(shown.filter((o) => fact.spellings.some((s) => o.startsWith(s)))).toEqual([label]);
  });
});
