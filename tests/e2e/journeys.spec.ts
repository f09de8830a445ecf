// Journeys, trust and reporting (issue 17): a service's step-by-step with the nearest offices
// and the checklist in its office step; the licence page's QR code decodes to its own address;
// the office page's complaint link carries the office code, and is absent when not configured.
import jsQR from 'jsqr';
import type { BrowserContext } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiJson, DIST_DIR, expect, gotoApp, test } from './helpers';
import { licencePath, officePath, pickLicenceNumber, PROVINCE, SERVICE_ID, servicePath } from './fixtures';

type Step = { kind: string; title_en: string };
type Service = { id: string; steps?: Step[]; documents_en: string[] };
type Office = { id: string; code: string; licence_number: string | null; status: string };

// page.route must see every request: the service worker's fetches would bypass it.
test.use({ serviceWorkers: 'block' });

const LAST_LOCATION = 'pishkhan.last_location';
// Azadi Square, Tehran.
const TEHRAN = { lat: 35.6997, lon: 51.338 };

const service = (id: string) => {
  const s = apiJson<{ services: Service[] }>('services.json').services.find((x) => x.id === id);
  if (!s) throw new Error(`services.json has no ${id}`);
  return s;
};

test.describe('journeys', () => {
  test('a service with steps shows them in order, the office step with the nearest offices and the checklist', async ({ page }) => {
    const steps = service(SERVICE_ID).steps ?? [];
    expect(steps.length, 'the sample smart ID card has steps').toBeGreaterThan(2);
    await page.addInitScript(
      ([key, value]) => sessionStorage.setItem(key, value),
      [LAST_LOCATION, JSON.stringify(TEHRAN)] as const,
    );
    await gotoApp(page, servicePath(SERVICE_ID), { locale: 'en' });
    const journey = page.getByRole('region', { name: 'Step by step: how to get it done' });
    await expect(journey).toBeVisible();
    const items = journey.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 3 }) });
    await expect(items).toHaveCount(steps.length);
    const headings = await journey.getByRole('heading', { level: 3 }).allInnerTexts();
    expect(headings.map((h) => h.replace(/\s+/g, ' ').trim())).toEqual(
      steps.map((s, i) => `${i + 1} Step ${i + 1}: ${s.title_en}`),
    );
    // The first office step holds the nearest offices offering the service and the checklist.
    const officeIndex = steps.findIndex((s) => s.kind === 'office');
    const officeStep = page.locator('[data-testid=journey-step]').nth(officeIndex);
    await expect(officeStep.locator('[data-testid=nearby-office]')).toHaveCount(3);
    await expect(officeStep.getByRole('checkbox')).toHaveCount(service(SERVICE_ID).documents_en.length);
    // Only once on the page.
    await expect(page.locator('[data-testid=nearby-office]')).toHaveCount(3);
    await expect(page.locator('[data-testid=checklist-item]')).toHaveCount(service(SERVICE_ID).documents_en.length);
    // Online steps link out over https only; the tracking step says where to follow it.
    for (const href of await journey.locator('[data-testid=step-link]').evaluateAll((els) => els.map((e) => e.getAttribute('href')))) {
      expect(href).toMatch(/^https:\/\//);
    }
    await expect(journey.locator('[data-testid=step-tracking]')).toContainText('tracking code');
    await expect(journey.getByRole('link', { name: /Follow your request/ })).toHaveAttribute('href', /^https:\/\//);
  });

  test('a USSD step is a tel: link with # encoded', async ({ page }) => {
    await gotoApp(page, servicePath('insurance-records'), { locale: 'en' });
    await expect(page.locator('[data-testid=step-ussd] a')).toHaveAttribute('href', 'tel:*1420*4%23');
  });

  test('a service without steps looks as before', async ({ page }) => {
    const without = apiJson<{ services: Service[] }>('services.json').services.find((s) => !s.steps?.length && s.documents_en.length);
    expect(without).toBeTruthy();
    await gotoApp(page, servicePath(without?.id), { locale: 'en' });
    await expect(page.getByRole('heading', { level: 2, name: 'Documents to bring' })).toBeVisible();
    await expect(page.locator('[data-testid=journey]')).toHaveCount(0);
  });

  test('unknown step kinds are shown as "other", unreadable steps are counted', async ({ page }) => {
    await page.route('**/api/v1/services.json', async (route) => {
      const body = JSON.parse(readFileSync(join(DIST_DIR, 'api', 'v1', 'services.json'), 'utf8'));
      const s = body.services.find((x: Service) => x.id === SERVICE_ID);
      s.steps = [
        { kind: 'teleport', title_fa: 'گام', title_en: 'Beam yourself' },
        { kind: 'online', title_en: 'No Persian title' },
        { kind: 'online', title_fa: 'بد', title_en: 'A bad link', link: 'javascript:alert(1)' },
      ];
      await route.fulfill({ json: body });
    });
    await gotoApp(page, servicePath(SERVICE_ID), { locale: 'en' });
    const steps = page.locator('[data-testid=journey-step]');
    await expect(steps).toHaveCount(2);
    await expect(steps.first().locator('[data-testid=step-kind]')).toHaveText('Other');
    await expect(page.locator('[data-testid=steps-skipped]')).toContainText('One step');
    await expect(page.locator('[data-testid=step-link]')).toHaveCount(0);
  });
});

/** The RGBA pixels of a PNG, decoded by the browser in a blank page of its own (no CSP there). */
async function pixels(context: BrowserContext, png: Buffer): Promise<{ width: number; height: number; data: number[] }> {
  const blank = await context.newPage();
  try {
    return await blank.evaluate(async (b64) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.width;
      canvas.height = img.height;
      const g = canvas.getContext('2d');
      if (!g) throw new Error('no 2d canvas');
      g.drawImage(img, 0, 0);
      const d = g.getImageData(0, 0, img.width, img.height);
      return { width: img.width, height: img.height, data: Array.from(d.data) };
    }, png.toString('base64'));
  } finally {
    await blank.close();
  }
}

test.describe('licence QR code', () => {
  test("the QR code on a licence page decodes to that page's address", async ({ page }) => {
    const number = pickLicenceNumber();
    await gotoApp(page, licencePath(number), { locale: 'en' });
    const code = page.getByRole('img', { name: /QR code of/ });
    await expect(code).toBeVisible();
    const shot = await pixels(page.context(), await code.screenshot());
    const found = jsQR(new Uint8ClampedArray(shot.data), shot.width, shot.height);
    expect(found, 'jsQR finds a QR code in the screenshot').not.toBeNull();
    expect(found?.data).toBe(new URL(licencePath(number), page.url()).href);
    expect(found?.data).toBe(page.url());
  });
});

test.describe('reporting an office', () => {
  const office = () => {
    const o = apiJson<{ offices: Office[] }>(`provinces/${PROVINCE.tehran}/offices.json`).offices.find((x) => x.licence_number);
    if (!o) throw new Error('no licensed office in Tehran');
    return o;
  };

  test('with complaints configured, the complaint link carries the office code and licence number', async ({ page }) => {
    const config = JSON.parse(readFileSync(join(DIST_DIR, 'config.json'), 'utf8'));
    config.complaints = {
      url: 'https://complaints.example.ir/new?office={office_code}&licence={licence_number}',
      phone: '111',
      sms: '3000111',
    };
    config.feedback = { email: 'data@example.ir' };
    await page.route('**/config.json', (route) => route.fulfill({ json: config, headers: { 'cache-control': 'no-store' } }));
    const o = office();
    await gotoApp(page, officePath(o.id), { locale: 'en' });
    const link = page.getByRole('link', { name: 'Report a problem with this office' });
    await expect(link).toHaveAttribute(
      'href',
      `https://complaints.example.ir/new?office=${encodeURIComponent(o.code)}&licence=${o.licence_number}`,
    );
    await expect(page.getByRole('link', { name: 'Call the complaints line' })).toHaveAttribute('href', 'tel:111');
    await expect(page.getByRole('link', { name: 'Text the complaints line' })).toHaveAttribute('href', new RegExp(`^sms:3000111\\?body=${o.code}`));
    await expect(page.locator('[data-testid=report-office-code]')).toHaveText(o.code);
    await expect(page.getByRole('button', { name: 'Copy the office code' })).toBeVisible();
    const feedback = page.getByRole('link', { name: 'Report wrong information' });
    await expect(feedback).toHaveAttribute('href', /^mailto:data@example\.ir\?subject=/);
    expect(decodeURIComponent((await feedback.getAttribute('href')) ?? '')).toContain(o.id);
    // The published fee beside each service, and "charged more? report it" leading to the channel.
    await expect(page.getByTestId('office-service-fee').first()).toHaveText(/\S/);
    await page.getByTestId('charged-more').getByRole('link', { name: 'report it' }).click();
    await expect(page.getByRole('heading', { name: 'Report a problem', exact: true })).toBeFocused();
  });

  test('with neither configured, the links are absent', async ({ page }) => {
    await gotoApp(page, officePath(office().id), { locale: 'en' });
    await expect(page.getByRole('heading', { name: 'Licence' })).toBeVisible();
    await expect(page.locator('[data-testid=report]')).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'Report a problem with this office' })).toHaveCount(0);
    await expect(page.getByTestId('charged-more')).toHaveCount(0);
  });

  test('the licence panel shows status in words, the latest inspection and a verify link', async ({ page }) => {
    const o = office();
    await gotoApp(page, officePath(o.id), { locale: 'en' });
    const panel = page.locator('[data-testid=licence-panel]');
    await expect(panel.locator('[data-testid=licence-status]')).toHaveText(/\w/);
    await expect(panel.locator('[data-testid=licence-inspection]')).toHaveText(/(\(.+\) on .+|None on record)/);
    await expect(panel.getByRole('link', { name: "Check this licence in the regulator's register" })).toHaveAttribute(
      'href',
      new RegExp(`/licences/${PROVINCE.tehran}/${o.licence_number}$`),
    );
  });

  test('an office whose licence was revoked says so plainly on its page', async ({ page }) => {
    const o = office();
    // The sample links no revoked licence to an office: revoke this one in whatever document
    // the page reads it from (an index licence shard, or the province's register).
    const revoke = (licences: { number: string; status: string }[]) => {
      for (const l of licences) if (l.number === o.licence_number) l.status = 'revoked';
    };
    await page.route('**/index/licences/*.json', async (route) => {
      const body = await (await route.fetch()).json();
      for (const list of Object.values(body.licences as Record<string, { number: string; status: string }[]>)) revoke(list);
      await route.fulfill({ json: body });
    });
    await page.route('**/licences.json', async (route) => {
      const body = await (await route.fetch()).json();
      revoke(body.licences);
      await route.fulfill({ json: body });
    });
    await gotoApp(page, officePath(o.id), { locale: 'en' });
    await expect(page.locator('[data-testid=licence-warning]')).toContainText("This office's licence is not active");
    await expect(page.locator('[data-testid=licence-status]')).toHaveText('Revoked');
  });
});
