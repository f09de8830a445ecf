// Take-away and next steps: Share (the device's share sheet, else the link copied and said so),
// Copy address, and Directions / Call as large links on every result card and the office page.
import { test, expect, gotoApp, apiJson } from './helpers';
import type { Locator, Page } from '@playwright/test';
import { PROVINCE, officePath } from './fixtures';

type Office = {
  id: string;
  code: string;
  name_en: string;
  city_en: string;
  address_fa: string;
  phone?: string | null;
  location?: { lat: number; lon: number } | null;
};

const offices = (province: string) => apiJson<{ offices: Office[] }>(`provinces/${province}/offices.json`).offices;

/** An office with a location and a phone number. */
function reachableOffice(province: string): Office {
  const office = offices(province).find((o) => o.location && o.phone);
  if (!office) throw new Error(`no office with a location and a phone in ${province}`);
  return office;
}

/** The device has no share sheet (most desktops). */
const withoutShareSheet = (page: Page) =>
  page.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'share', { value: undefined, configurable: true });
  });

const clipboardText = (page: Page) => page.evaluate(() => navigator.clipboard.readText());

/** The touch target's height in CSS pixels. */
async function height(locator: Locator): Promise<number> {
  const box = await locator.boundingBox();
  expect(box, 'the element is laid out').toBeTruthy();
  return box?.height ?? 0;
}

test.describe('share and copy', () => {
  test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

  test('without a share sheet, Share copies the page link and says so; Copy address copies the address', async ({ page }) => {
    const office = reachableOffice(PROVINCE.tehran);
    await withoutShareSheet(page);
    await gotoApp(page, officePath(office.id), { locale: 'en' });
    await expect(page.locator('h1')).toHaveText(office.name_en);
    const status = page.locator('[data-testid=share-status]');
    await expect(status).toHaveAttribute('role', 'status');
    await expect(status).toHaveText('');
    await page.locator('[data-testid=share]').click();
    await expect(status).toHaveText('Link copied.');
    expect(await clipboardText(page)).toBe(page.url());

    await page.locator('[data-testid=copy]').click();
    await expect(page.locator('[data-testid=copy-status]')).toHaveText('Copied.');
    expect(await clipboardText(page)).toBe(`${office.city_en}, ${office.address_fa}`);

    // In Persian, the same, in Persian.
    await page.locator('[data-testid=lang-switch]').click();
    await expect(status).toHaveText('پیوند کپی شد.');
    await expect(page.locator('[data-testid=share]')).toHaveText('اشتراک‌گذاری این دفتر');
  });

  test('with a share sheet, Share hands it the link and the name; closing the sheet says nothing', async ({ page }) => {
    const office = reachableOffice(PROVINCE.tehran);
    await page.addInitScript(() => {
      const w = window as unknown as { __shared: unknown[]; __cancel: boolean };
      w.__shared = [];
      w.__cancel = false;
      Object.defineProperty(Navigator.prototype, 'share', {
        configurable: true,
        value: async (data: unknown) => {
          w.__shared.push(data);
          if (w.__cancel) throw new DOMException('Share canceled', 'AbortError');
        },
      });
    });
    await gotoApp(page, officePath(office.id), { locale: 'en' });
    await expect(page.locator('h1')).toHaveText(office.name_en);
    await page.locator('[data-testid=share]').click();
    await expect(page.locator('[data-testid=share-status]')).toHaveText('Shared.');
    const shared = await page.evaluate(() => (window as unknown as { __shared: unknown[] }).__shared);
    expect(shared).toEqual([{ title: office.name_en, url: page.url() }]);

    await page.evaluate(() => ((window as unknown as { __cancel: boolean }).__cancel = true));
    await page.locator('[data-testid=share]').click();
    await expect.poll(() => page.evaluate(() => (window as unknown as { __shared: unknown[] }).__shared.length)).toBe(2);
    await expect(page.locator('[data-testid=share-status]')).toHaveText('');
  });

  test('a clipboard that refuses: "could not copy", with the text to copy by hand', async ({ page }) => {
    const office = reachableOffice(PROVINCE.tehran);
    await withoutShareSheet(page);
    await page.addInitScript(() => {
      Clipboard.prototype.writeText = () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError'));
    });
    await gotoApp(page, officePath(office.id), { locale: 'en' });
    await expect(page.locator('h1')).toHaveText(office.name_en);
    await page.locator('[data-testid=share]').click();
    const status = page.locator('[data-testid=share-status]');
    await expect(status).toContainText('Could not copy.');
    await expect(status.locator('bdi')).toHaveText(page.url());
    await page.locator('[data-testid=copy]').click();
    await expect(page.locator('[data-testid=copy-status]')).toContainText('Could not copy.');
    await expect(page.locator('[data-testid=copy-status] bdi')).toHaveText(`${office.city_en}, ${office.address_fa}`);
  });
});

test.describe('Directions and Call on a phone', () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test('every result card has them, with the office coordinates and digits, 44 px tall', async ({ page }) => {
    const office = reachableOffice(PROVINCE.qom);
    await gotoApp(page, `/offices?province=${PROVINCE.qom}&q=${office.code}`, { locale: 'en' });
    const card = page.locator(`[data-testid=office-result][data-office-id="${office.id}"]`);
    await expect(card).toBeVisible();
    const { lat, lon } = office.location as { lat: number; lon: number };
    const directions = card.locator('[data-testid=directions-link]');
    const call = card.locator('[data-testid=call-link]');
    await expect(directions).toHaveAttribute('href', `https://nshn.ir/?lat=${lat.toFixed(6)}&lng=${lon.toFixed(6)}`);
    await expect(directions).toHaveText('Directions');
    await expect(directions).toHaveAccessibleName(`Directions to ${office.name_en}`);
    await expect(call).toHaveAttribute('href', `tel:${(office.phone ?? '').replace(/[^0-9+]/g, '')}`);
    await expect(call).toHaveAttribute('href', /^tel:\+?[0-9]+$/);
    await expect(call).toHaveAccessibleName(`Call ${office.name_en}`);
    expect(await height(directions)).toBeGreaterThanOrEqual(44);
    expect(await height(call)).toBeGreaterThanOrEqual(44);
    // Every card that shows one is as large.
    for (const link of await page.locator('[data-testid=office-result] [data-testid=office-actions] a').all()) {
      expect(await height(link)).toBeGreaterThanOrEqual(44);
    }

    await page.locator('[data-testid=lang-switch]').click();
    await expect(directions).toHaveText('مسیریابی');
    await expect(call).toHaveText('تماس');
  });

  test('the office page: Directions, Call, the map links and the phone number are 44 px tall', async ({ page }) => {
    const office = reachableOffice(PROVINCE.tehran);
    await gotoApp(page, officePath(office.id), { locale: 'fa' });
    await expect(page.locator('[data-testid=office-summary]')).toBeVisible();
    const targets = [
      page.locator('[data-testid=office-page] [data-testid=directions-link]'),
      page.locator('[data-testid=office-page] [data-testid=call-link]'),
      page.locator('[data-testid=office-phone]'),
      page.locator('[data-testid=share]'),
      page.locator('[data-testid=copy]'),
      page.locator('[data-testid=save-office]'),
      ...(await page.locator('[data-testid=directions] a').all()),
    ];
    for (const target of targets) {
      await expect(target).toBeVisible();
      expect(await height(target)).toBeGreaterThanOrEqual(44);
    }
    await expect(page.locator('[data-testid=directions] a')).toHaveCount(4);
  });
});
