// Hostile data is inert: the fault API's `hostile` dataset puts <script>, <img onerror>,
// javascript: URLs, U+202E bidi overrides, 10,000-character strings and phone numbers with letters
// into names, addresses, notes and links (tests/fault-api/server.mjs, hostile()). On every page
// that shows them: no script ran, no javascript: link, every overridden text bidi-isolated,
// tel: links digits and + only. And the API base cannot be overridden from outside config.json.
import { test, expect, gotoApp } from './helpers';
import { routePaths } from './fixtures';
import { faultTag, useFaultApi } from './fault-api';
import type { Page } from '@playwright/test';

// The routes that show data records (tests/e2e/fixtures.ts); the finder without a place and the
// 404 page show none.
const routes = () => routePaths(['finder', 'not-found']);

type Findings = {
  pwned: unknown;
  scripts: number;
  injected: string[];
  badLinks: string[];
  badTel: string[];
  unisolated: string[];
  rloTexts: number;
  literalMarkup: number;
};

/** Everything the assertions need, read in the page. */
async function inspect(page: Page): Promise<Findings> {
  return page.evaluate(() => {
    const w = window as unknown as { __pwned?: unknown };
    const all = [...document.querySelectorAll('*')];
    // Elements or attributes that only exist if data was parsed as markup.
    const injected: string[] = [];
    for (const el of all) {
      for (const attr of [...el.attributes]) {
        if (/^on/i.test(attr.name)) injected.push(`${el.tagName} ${attr.name}`);
        if (/^\s*(javascript|data|vbscript):/i.test(attr.value) && attr.name !== 'content') {
          injected.push(`${el.tagName} ${attr.name}=${attr.value.slice(0, 40)}`);
        }
      }
    }
    document.querySelectorAll('img[src="x"]').forEach(() => injected.push('img[src=x]'));
    const badLinks = [...document.querySelectorAll('a[href]')]
      .map((a) => a.getAttribute('href') ?? '')
      .filter((href) => {
        if (/^tel:/i.test(href)) return false;
        // Map directions are built by the app from the numeric location only.
        if (/^geo:-?[0-9.]+,-?[0-9.]+$/.test(href)) return false;
        const url = new URL(href, document.baseURI);
        return !['http:', 'https:'].includes(url.protocol);
      });
    const badTel = [...document.querySelectorAll('a[href^="tel:" i]')]
      .map((a) => a.getAttribute('href') ?? '')
      .filter((href) => !/^tel:\+?[0-9]+$/.test(href));
    // Every text with a bidi override must sit in an isolating element below <body>.
    const isolated = (el: Element | null): boolean => {
      for (let e = el; e && e !== document.body && e !== document.documentElement; e = e.parentElement) {
        if (e.tagName === 'BDI' || e.hasAttribute('dir')) return true;
        const ub = getComputedStyle(e).unicodeBidi;
        if (ub === 'isolate' || ub === 'isolate-override' || ub === 'plaintext') return true;
      }
      return false;
    };
    const unisolated: string[] = [];
    let rloTexts = 0;
    let literalMarkup = 0;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent ?? '';
      if (text.includes('<script>') || text.includes('<img')) literalMarkup++;
      if (!text.includes('\u202E')) continue;
      rloTexts++;
      if (!isolated(n.parentElement)) {
        unisolated.push(`${n.parentElement?.outerHTML.slice(0, 120)}`);
      }
    }
    return {
      pwned: w.__pwned,
      scripts: document.querySelectorAll('body script').length,
      injected,
      badLinks,
      badTel,
      unisolated,
      rloTexts,
      literalMarkup,
    };
  });
}

test.describe('the hostile dataset is inert', () => {
  for (const route of routes()) {
    test(route, async ({ page }, info) => {
      await useFaultApi(page, faultTag(info), 'hostile', { timeoutMs: 10_000 });
      await gotoApp(page, route, { locale: 'fa' });
      await expect(page.locator('h1')).toHaveText(/\S/);
      // The footer shows meta.json's (hostile) dataset version once the data is in.
      await expect(page.locator('[data-testid=dataset-version]')).toContainText('\u202E');
      await page.waitForLoadState('networkidle');
      const found = await inspect(page);
      expect(found.pwned, 'window.__pwned: a script from the data ran').toBeUndefined();
      expect(found.injected, 'markup or script URLs from the data').toEqual([]);
      expect(await page.locator('a[href^="javascript:" i]').count()).toBe(0);
      expect(found.badLinks, 'links that are not http(s)').toEqual([]);
      expect(found.badTel, 'tel: links with more than digits and +').toEqual([]);
      expect(found.unisolated, 'U+202E text outside a bidi-isolating element').toEqual([]);
      expect(found.rloTexts, 'hostile values are shown (as text)').toBeGreaterThan(0);
      await expect(page.locator('[data-testid=crash]')).toHaveCount(0);

      // The same in English (other fields: name_en, summary_en, …).
      await page.locator('[data-testid=lang-switch]').click();
      await expect(page.locator('html')).toHaveAttribute('lang', 'en');
      const en = await inspect(page);
      expect(en.pwned).toBeUndefined();
      expect(en.injected).toEqual([]);
      expect(en.badLinks).toEqual([]);
      expect(en.badTel).toEqual([]);
      expect(en.unisolated).toEqual([]);
    });
  }
});

test('the API base comes only from config.json: no query parameter or stored value redirects it', async ({ page, baseURL }) => {
  const own = new URL(baseURL ?? 'http://127.0.0.1').origin;
  const foreign: string[] = [];
  page.on('request', (r) => {
    if (new URL(r.url()).origin !== own) foreign.push(r.url());
  });
  await page.route((url) => url.hostname.endsWith('evil.example'), (r) => r.abort());
  await page.addInitScript(() => {
    if (location.protocol !== 'http:' && location.protocol !== 'https:') return;
    const evil = 'https://evil.example/v1';
    for (const key of ['pishkhan.api_base_url', 'api_base_url', 'pishkhan.api', 'apiBaseUrl']) {
      localStorage.setItem(key, evil);
      sessionStorage.setItem(key, evil);
    }
    localStorage.setItem('pishkhan.config', JSON.stringify({ api_base_url: evil }));
  });
  const evil = encodeURIComponent('https://evil.example/v1');
  await gotoApp(page, `/about?api_base_url=${evil}&api=${evil}&config=${encodeURIComponent('https://evil.example/config.json')}#api_base_url=${evil}`);
  await expect(page.locator('[data-testid=about-dataset]')).toBeVisible();
  await expect(page.locator('main code')).toHaveText(`${own}/api/v1`);
  expect(foreign, 'requests to other origins').toEqual([]);
});

test.describe('URLs are checked by the browser\'s rules', () => {
  for (const [name, base] of [
    ['a backslash', '/\\evil.example/api'],
    ['a tab', '/\t/evil.example/api'],
    ['credentials', 'https://user:secret@127.0.0.1/api/v1'],
  ] as const) {
    test(`an api_base_url with ${name} is a clear configuration error, never used or printed`, async ({ page }) => {
      const asked: string[] = [];
      page.on('request', (r) => asked.push(r.url()));
      await page.route('**/config.json', (route) =>
        route.fulfill({ json: { api_base_url: base }, headers: { 'cache-control': 'no-store' } }));
      await gotoApp(page, '/about', { locale: 'en' });
      const error = page.locator('[data-testid=config-error]');
      await expect(error).toBeVisible();
      await expect(error).toContainText('api_base_url');
      await expect(error).not.toContainText('secret');
      await expect(error).not.toContainText('evil.example');
      expect(asked.filter((u) => u.includes('evil.example') || u.includes('meta.json')), 'no API request').toEqual([]);
    });
  }

  for (const [name, url, shown] of [
    ['user info', 'https://my.gov.ir@evil.example/', 'evil.example'],
    ['a bidi override', 'https://files.example.ir/\u202Egnp.exe', 'files.example.ir'],
  ] as const) {
    test(`a link from data with ${name} is shown as the host it goes to`, async ({ page }) => {
      await page.route('**/api/v1/services.json', async (route) => {
        const response = await route.fetch();
        const doc = await response.json();
        for (const s of doc.services) if (s.id === 'insurance-records') s.online_url = url;
        await route.fulfill({ response, json: doc });
      });
      await gotoApp(page, '/services/insurance-records', { locale: 'en' });
      const link = page.locator('[data-testid=online-link]');
      await expect(link).toBeVisible();
      await expect(link.locator('.app-service__url')).toHaveText(shown);
      expect(new URL((await link.getAttribute('href')) ?? '').hostname).toBe(shown);
    });
  }
});
