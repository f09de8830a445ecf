// The app runs under the production Content Security Policy, served by nginx with the repo's
// configuration, with zero violations on every route: `securitypolicyviolation` events are
// collected from the first script on, and the helpers fixture fails on console CSP errors.
import { test, expect, gotoApp } from './helpers';
import { routePaths } from './fixtures';

/**
 * The policy of issues 6 and 18 (form-action), as nginx/pishkhan.conf sends it (no tile or API host configured). With the
 * test OpenID provider running (scripts/test.sh), connect-src gains its origin and nothing else
 * (issue 15; docs/deploy.md).
 */
const ISSUER = process.env.PISHKHAN_OIDC_ISSUER;
const POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  ISSUER ? `connect-src 'self' ${new URL(ISSUER).origin}` : "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
];

test('index.html is served with the strict policy', async ({ request }) => {
  const res = await request.get('./');
  const csp = res.headers()['content-security-policy'] ?? '';
  const directives = csp.split(';').map((d) => d.trim()).filter(Boolean);
  expect(directives).toEqual(POLICY);
  expect(res.headers()['x-frame-options']).toBe('DENY');
  expect(res.headers()['x-content-type-options']).toBe('nosniff');
  const html = await res.text();
  expect(html, 'no inline script').not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  expect(html, 'no inline style attribute').not.toMatch(/\sstyle=/);
  expect(html, 'no <style> element').not.toMatch(/<style[\s>]/);
});

test('every route shell is as strict: no inline script, style or event handler', async ({ request }) => {
  // The pre-rendered shells (tools/postbuild/shells.mjs): each static route's, and app.html for the rest.
  for (const path of ['./', './offices', './services', './licences', './dashboard', './dashboard/gaps', './about', './offices/IR-23/x', './no-such-page']) {
    const html = await (await request.get(path)).text();
    expect(html, `${path}: a shell`).toContain('<div id="boot" class="app-shell">');
    expect(html, `${path}: no inline script`).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html, `${path}: no inline style attribute`).not.toMatch(/\sstyle=/);
    expect(html, `${path}: no <style> element`).not.toMatch(/<style[\s>]/);
    expect(html, `${path}: no inline event handler`).not.toMatch(/<[^>]+\son[a-z]+=/);
  }
});

test.describe('no CSP violation', () => {
  // Every route of the app (tests/e2e/fixtures.ts), the 404 page included.
  for (const route of routePaths()) {
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
