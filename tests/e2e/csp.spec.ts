// The app runs under the production Content Security Policy, served by nginx with the repo's
// configuration, with zero violations on every route: `securitypolicyviolation` events are
// collected from the first script on, and the helpers fixture fails on console CSP errors.
import { test, expect, gotoApp, apiJson } from './helpers';

/** The policy of issue 6, as nginx/pishkhan.conf sends it (no tile or API host configured). */
const POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
];

type Licences = { licences: { number: string }[] };

function routes(): string[] {
  const licence = apiJson<Licences>('provinces/IR-23/licences.json').licences[0]?.number ?? 'x';
  return [
    '/',
    '/offices',
    '/offices?province=IR-23',
    '/offices/IR-23/IR-23-00001',
    '/services',
    '/services/smart-id-card',
    '/licences',
    `/licences/IR-23/${encodeURIComponent(licence)}`,
    '/dashboard',
    '/about',
    '/no-such-page',
  ];
}

test('index.html is served with the strict policy', async ({ request }) => {
  const res = await request.get('./');
  const csp = res.headers()['content-security-policy'] ?? '';
  const directives = csp.split(';').map((d) => d.trim()).filter(Boolean);
  expect(directives).toEqual(POLICY);
  const html = await res.text();
  expect(html, 'no inline script').not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  expect(html, 'no inline style attribute').not.toMatch(/\sstyle=/);
  expect(html, 'no <style> element').not.toMatch(/<style[\s>]/);
});

test.describe('no CSP violation', () => {
  for (const route of routes()) {
    test(route, async ({ page }) => {
      await page.addInitScript(() => {
        const w = window as unknown as { __csp: string[] };
        w.__csp = [];
        document.addEventListener('securitypolicyviolation', (e) => {
          w.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
        });
      });
      await gotoApp(page, route);
      await expect(page.locator('h1')).toHaveText(/\S/);
      await expect(page.locator('[data-testid=dataset-version]')).not.toHaveText(/…|\.\.\./);
      await page.waitForLoadState('networkidle');
      // Use the page a little: language switch re-renders every text.
      await page.locator('[data-testid=lang-switch]').click();
      await expect(page.locator('html')).toHaveAttribute('lang', /en|fa/);
      await page.waitForLoadState('networkidle');
      const violations = await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
      expect(violations).toEqual([]);
      await expect(page.locator('[data-testid=crash]')).toHaveCount(0);
    });
  }
});
