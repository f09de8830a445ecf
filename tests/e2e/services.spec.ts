// Service catalogue and service page: search (Arabic letters and Latin), channel filter, the
// link to the finder and what the finder shows, agency-only services, the documents checklist
// across a reload, fees, and the print stylesheet.
import { test, expect, gotoApp, apiJson, type Locale } from './helpers';
import { PROVINCE, servicePath, SERVICE_ID } from './fixtures';

// UI conventions of the catalogue and service page (keep every selector here).
const SEL = {
  search: '[data-testid=service-search]',
  searchForm: 'form[role=search]',
  resultCount: '[data-testid=result-count]',
  card: '[data-testid=service-card]',
  group: '[data-testid=agency-group]',
  noResults: '[data-testid=no-results]',
  channelRadio: (value: string) => `[data-testid=channel-filter] input[value="${value}"]`,
  agencyFilter: '[data-testid=agency-filter]',
  service: '[data-testid=service]',
  notFound: '[data-testid=service-not-found]',
  finderLink: '[data-testid=finder-link]',
  channelAgency: '[data-testid=channel-agency]',
  agencyOnly: '[data-testid=agency-only]',
  nearbyOffice: '[data-testid=nearby-office]',
  chooseOffice: '[data-testid=choose-office]',
  chosenOffice: '[data-testid=chosen-office]',
  checklistItem: '[data-testid=checklist-item]',
  fee: '[data-testid=fee] [data-fee]',
  print: '[data-testid=print]',
  deviceNotice: '[data-testid=device-notice]',
};

const CHECKLIST_PREFIX = 'pishkhan.checklist.';
const LAST_LOCATION = 'pishkhan.last_location';
// Azadi Square, Tehran.
const TEHRAN = { lat: 35.6997, lon: 51.338 };

type Service = { id: string; channels: string[]; documents_fa: string[]; fee_rials: number | null };
type Office = { id: string; province_id: string; services: string[] };

const services = () => apiJson<{ services: Service[] }>('services.json').services;
const offices = (province: string) =>
  apiJson<{ offices: Office[] }>(`provinces/${province}/offices.json`).offices;

async function cardIds(page: import('@playwright/test').Page): Promise<string[]> {
  return page.locator(SEL.card).evaluateAll((els) => els.map((e) => e.getAttribute('data-service-id') ?? ''));
}

test.describe('catalogue', () => {
  for (const [query, locale] of [
    ['كارت ملي', 'fa'],
    ['smart id', 'en'],
  ] as [string, Locale][]) {
    test(`search «${query}» finds the national ID card service, and the URL keeps it`, async ({ page }) => {
      await gotoApp(page, '/services', { locale });
      await expect(page.locator(SEL.group).first()).toBeVisible();
      await expect(page.locator(SEL.searchForm)).toBeVisible();
      await page.locator(SEL.search).fill(query);
      await expect(page).toHaveURL(/[?&]q=/);
      // Searching shows one ranked list: the ID card service comes first.
      await expect(page.locator(SEL.group)).toHaveCount(0);
      await expect(page.locator(SEL.card).first()).toHaveAttribute('data-service-id', SERVICE_ID);
      const shown = await page.locator(SEL.card).count();
      expect(shown).toBeLessThan(services().length);
      await expect(page.locator(SEL.resultCount)).toHaveAttribute('aria-live', 'polite');

      // Reload keeps the search.
      await page.reload();
      await expect(page.locator(SEL.search)).toHaveValue(query);
      await expect(page.locator(SEL.card).first()).toHaveAttribute('data-service-id', SERVICE_ID);
      await expect(page.locator(SEL.card)).toHaveCount(shown);
    });
  }

  test('the channel filter lists exactly the online services, and back restores the whole catalogue', async ({ page }) => {
    const all = services();
    const online = all.filter((s) => s.channels.includes('online')).map((s) => s.id);
    expect(online.length).toBeGreaterThan(0);
    await gotoApp(page, '/services', { locale: 'en' });
    await expect(page.locator(SEL.card)).toHaveCount(all.length);
    await page.locator(SEL.channelRadio('online')).check();
    await expect(page).toHaveURL(/channel=online/);
    await expect(page.locator(SEL.card)).toHaveCount(online.length);
    expect((await cardIds(page)).sort()).toEqual([...online].sort());
    await expect(page.locator(SEL.resultCount)).toContainText(`${online.length} of ${all.length}`);

    await page.locator(SEL.channelRadio('agency')).check();
    const agency = all.filter((s) => s.channels.includes('agency')).map((s) => s.id);
    await expect(page.locator(SEL.card)).toHaveCount(agency.length);

    await page.goBack();
    await expect(page).toHaveURL(/channel=online/);
    await expect(page.locator(SEL.card)).toHaveCount(online.length);
    await expect(page.locator(SEL.channelRadio('online'))).toBeChecked();
  });

  test('with a known location, a Pishkhan service no office there offers says so and stays listed', async ({ page }) => {
    // In the sample data no office offers tax-file-registration although it is a Pishkhan service.
    const id = 'tax-file-registration';
    expect(services().find((s) => s.id === id)?.channels).toContain('pishkhan');
    expect(offices(PROVINCE.tehran).some((o) => o.services.includes(id))).toBe(false);
    await page.addInitScript(
      ([key, value]) => sessionStorage.setItem(key, value),
      [LAST_LOCATION, JSON.stringify(TEHRAN)] as const,
    );
    await gotoApp(page, '/services?agency=tax', { locale: 'en' });
    const card = page.locator(`${SEL.card}[data-service-id="${id}"]`);
    await expect(card.locator('[data-testid=not-offered-note]')).toContainText('Tehran');
    await expect(page.locator(`${SEL.card}[data-service-id="${SERVICE_ID}"]`)).toHaveCount(0);
    await gotoApp(page, '/services?q=smart%20id');
    await expect(page.locator(`${SEL.card}[data-service-id="${SERVICE_ID}"]`)).toBeVisible();
    await expect(page.locator('[data-testid=not-offered-note]')).toHaveCount(0);
  });

  test('bad query values are ignored, not fatal', async ({ page }) => {
    await gotoApp(page, '/services?channel=teleport&agency=%3Cscript%3E', { locale: 'en' });
    await expect(page.locator(SEL.card)).toHaveCount(services().length);
    await expect(page.locator(SEL.channelRadio(''))).toBeChecked();
  });

  test('a search with no match says so and offers to clear it', async ({ page }) => {
    await gotoApp(page, '/services?q=zzzzqqq', { locale: 'fa' });
    await expect(page.locator(SEL.noResults)).toBeVisible();
    await page.locator(SEL.noResults).getByRole('button').click();
    await expect(page.locator(SEL.card)).toHaveCount(services().length);
  });
});

test.describe('service page', () => {
  test('a Pishkhan service links to the finder with the service filter applied', async ({ page }) => {
    await gotoApp(page, servicePath(SERVICE_ID), { locale: 'fa' });
    const link = page.locator(SEL.finderLink);
    await expect(link).toBeVisible();
    await expect(link).toHaveAttribute('href', new RegExp(`/offices\\?service=${SERVICE_ID}$`));
  });

  test('with a known location: #near= on the finder link, and the nearest three all offer the service', async ({ page }) => {
    await page.addInitScript(
      ([key, value]) => sessionStorage.setItem(key, value),
      [LAST_LOCATION, JSON.stringify(TEHRAN)] as const,
    );
    await gotoApp(page, servicePath(SERVICE_ID), { locale: 'en' });
    // The position goes into a URL only rounded to about 100 m (route::format_near).
    await expect(page.locator(SEL.finderLink)).toHaveAttribute(
      'href',
      new RegExp(`/offices\\?service=${SERVICE_ID}#near=35\\.7,51\\.338$`),
    );
    await expect(page.locator(SEL.nearbyOffice)).toHaveCount(3);
    const byId = new Map(offices(PROVINCE.tehran).map((o) => [o.id, o]));
    for (const id of await page.locator(SEL.nearbyOffice).evaluateAll((els) => els.map((e) => e.getAttribute('data-office-id')))) {
      expect(byId.get(id ?? '')?.services, `office ${id}`).toContain(SERVICE_ID);
    }
    // "Print with this office" puts the office on the page (and in the printout).
    await page.locator(SEL.chooseOffice).first().click();
    await expect(page).toHaveURL(new RegExp(`[?&]office=${PROVINCE.tehran}-`));
    await expect(page.locator(SEL.chosenOffice)).toBeVisible();
  });

  // FINDER HALF: needs the finder page (/offices, feat/finder). It is written against the URL
  // contract `/offices?service=<id>&province=IR-xx` and checks, against the sample data, that
  // every office the finder lists offers the service.
  test('finder half: the finder shows only offices offering the service', async ({ page }) => {
    const province = PROVINCE.tehran;
    const data = new Map(offices(province).map((o) => [o.id, o]));
    await gotoApp(page, `/offices?service=${SERVICE_ID}&province=${province}`, { locale: 'en' });
    const officeLinks = page.locator(`main a[href*="/offices/${province}/"]`);
    await expect(officeLinks.first()).toBeVisible();
    const hrefs = await officeLinks.evaluateAll((els) => els.map((e) => e.getAttribute('href') ?? ''));
    const ids = [...new Set(hrefs.map((h) => decodeURIComponent(h.split('/').pop() ?? '')))];
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) {
      expect(data.get(id)?.services, `office ${id}`).toContain(SERVICE_ID);
    }
  });

  test('an agency-only service says so and does not send anyone to a Pishkhan office', async ({ page }) => {
    const passport = services().find((s) => s.id === 'passport');
    expect(passport?.channels).toEqual(['agency']);
    await gotoApp(page, '/services/passport', { locale: 'en' });
    await expect(page.locator(SEL.agencyOnly)).toBeVisible();
    await expect(page.locator(SEL.finderLink)).toHaveCount(0);
    await expect(page.locator('main a[href*="offices"]')).toHaveCount(0);
  });

  test('fees: amount in rials and tomans with Persian grouping, free and unpublished differ', async ({ page }) => {
    await gotoApp(page, servicePath(SERVICE_ID), { locale: 'fa' });
    await expect(page.locator(SEL.fee)).toHaveAttribute('data-fee', 'amount');
    await expect(page.locator(SEL.fee)).toContainText('۱٬۴۵۰٬۰۰۰ ریال');
    await expect(page.locator(SEL.fee)).toContainText('۱۴۵٬۰۰۰ تومان');
    await gotoApp(page, '/services/insurance-records');
    await expect(page.locator(SEL.fee)).toHaveAttribute('data-fee', 'free');
    await gotoApp(page, '/services/self-employed-insurance');
    await expect(page.locator(SEL.fee)).toHaveAttribute('data-fee', 'unpublished');
  });

  test('an unknown service id gets a clear "not found" with a way back', async ({ page }) => {
    await gotoApp(page, '/services/no-such-service', { locale: 'en' });
    await expect(page.locator(SEL.notFound)).toBeVisible();
    await expect(page.locator('h1')).toHaveText('Service not found');
    await page.locator(SEL.notFound).getByRole('link').click();
    await expect(page).toHaveURL(/\/services$/);
  });
});

test.describe('documents checklist', () => {
  test('ticks survive a reload', async ({ page }) => {
    await gotoApp(page, servicePath(SERVICE_ID), { locale: 'fa' });
    const items = page.locator(SEL.checklistItem);
    await expect(items).toHaveCount(4);
    await items.nth(0).check();
    await items.nth(2).check();
    await page.reload();
    await expect(items.nth(0)).toBeChecked();
    await expect(items.nth(1)).not.toBeChecked();
    await expect(items.nth(2)).toBeChecked();
    await items.nth(0).uncheck();
    await page.reload();
    await expect(items.nth(0)).not.toBeChecked();
    await expect(items.nth(2)).toBeChecked();
  });

  test('ticks of documents no longer listed are dropped with a note; the others stay', async ({ page }) => {
    const docs = services().find((s) => s.id === SERVICE_ID)?.documents_fa ?? [];
    expect(docs.length).toBeGreaterThan(1);
    await page.addInitScript(
      ([key, value]) => {
        if (!sessionStorage.getItem('seeded-stale')) {
          localStorage.setItem(key, value);
          sessionStorage.setItem('seeded-stale', '1');
        }
      },
      [`${CHECKLIST_PREFIX}${SERVICE_ID}`, JSON.stringify(['مدرکی که دیگر لازم نیست', docs[1]])] as const,
    );
    await gotoApp(page, servicePath(SERVICE_ID), { locale: 'fa' });
    await expect(page.locator('[data-testid=checklist-changed]')).toBeVisible();
    await expect(page.locator(SEL.checklistItem).nth(1)).toBeChecked();
    await expect(page.locator(SEL.checklistItem).nth(0)).not.toBeChecked();
    // The stale tick is pruned at once: the note does not come back.
    await page.reload();
    await expect(page.locator(SEL.checklistItem).nth(1)).toBeChecked();
    await expect(page.locator('[data-testid=checklist-changed]')).toHaveCount(0);
  });

  test('a corrupt stored checklist is left as it is, with a notice, never a crash', async ({ page }) => {
    await page.addInitScript((key) => {
      if (!sessionStorage.getItem('seeded-corrupt')) {
        localStorage.setItem(key, '{not json');
        sessionStorage.setItem('seeded-corrupt', '1');
      }
    }, `${CHECKLIST_PREFIX}${SERVICE_ID}`);
    await gotoApp(page, servicePath(SERVICE_ID), { locale: 'en' });
    await expect(page.locator(SEL.deviceNotice)).toContainText('could not be read');
    await expect(page.locator(SEL.checklistItem)).toHaveCount(4);
    // Left as it is: what the user made is never deleted.
    expect(await page.evaluate((key) => localStorage.getItem(key), `${CHECKLIST_PREFIX}${SERVICE_ID}`)).toBe('{not json');
  });
});

test.describe('print', () => {
  test('the print stylesheet hides navigation and keeps checklist, fee and chosen office', async ({ page }) => {
    const office = offices(PROVINCE.tehran).find((o) => o.services.includes(SERVICE_ID));
    expect(office).toBeTruthy();
    await gotoApp(page, `${servicePath(SERVICE_ID)}?office=${office?.id}`, { locale: 'fa' });
    await expect(page.locator(SEL.chosenOffice)).toContainText(/\S/);
    await expect(page.locator(SEL.checklistItem).first()).toBeVisible();
    await page.emulateMedia({ media: 'print' });
    const display = (selector: string) =>
      page.locator(selector).first().evaluate((el) => getComputedStyle(el).display);
    for (const hidden of ['header', 'footer', 'nav', '.app-skip-link', SEL.print, SEL.finderLink]) {
      expect(await display(hidden), hidden).toBe('none');
    }
    for (const shown of ['[data-testid=checklist]', '[data-testid=fee]', SEL.chosenOffice, 'h1']) {
      expect(await display(shown), shown).not.toBe('none');
    }
    await page.emulateMedia({ media: 'screen' });
    expect(await display('header')).not.toBe('none');
  });
});
