// The Vazirmatn subset (tools/subset-font.mjs) must cover every character the pages show, or the
// browser silently falls back to another font for those glyphs. When this fails, add the listed
// code points to CHARACTERS in tools/subset-font.mjs (and mind the size budget).
import { test, expect, gotoApp, type Locale } from './helpers';

const ROUTES = ['/', '/offices', '/offices/IR-23/IR-23-00001', '/services', '/services/smart-id-card',
  '/licences', '/dashboard', '/about', '/no-such-page'];

async function subsetCharacters(): Promise<Set<string>> {
  const mod = await import('../../tools/subset-font.mjs');
  return new Set([...(mod.CHARACTERS as string)]);
}

for (const locale of ['fa', 'en'] as Locale[]) {
  test(`the font subset covers the ${locale} UI`, async ({ page }) => {
    test.slow();
    const covered = await subsetCharacters();
    const missing = new Map<string, string>();
    for (const route of ROUTES) {
      await gotoApp(page, route, { locale });
      await expect(page.locator('h1')).toHaveText(/\S/);
      // Let data-driven content arrive; the footer is last to fill in.
      await expect(page.locator('[data-testid=dataset-version]')).not.toHaveText(/…|\.\.\./);
      const text = await page.evaluate(() => document.title + '\n' + document.body.innerText);
      for (const ch of text) {
        if (/\s/u.test(ch) || covered.has(ch) || missing.has(ch)) continue;
        missing.set(ch, route);
      }
    }
    const report = [...missing].map(
      ([ch, route]) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} "${ch}" on ${route}`,
    );
    expect(report, 'characters shown but not in the font subset').toEqual([]);

    const fonts = await page.evaluate(async () => {
      await document.fonts.ready;
      return [...document.fonts].map((f) => `${f.family.replace(/"/g, '')}:${f.status}`);
    });
    expect(fonts).toContain('Vazirmatn:loaded');
  });
}
