// The Vazirmatn subset (tools/subset-font.mjs) must cover every Persian-script character the pages
// show, or the browser silently falls back to another font for those glyphs. When this fails, add
// the listed code points to CHARACTERS in tools/subset-font.mjs (and mind the size budget).
// Latin text is drawn by the system font on purpose (the @font-face's unicode-range).
import { readFileSync } from 'node:fs';
import { test, expect, gotoApp, type Locale } from './helpers';
import { routePaths } from './fixtures';

// Every route of the app (tests/e2e/fixtures.ts), the 404 page included.
const ROUTES = routePaths();

async function subsetFont(): Promise<{ covered: Set<string>; ranges: [number, number][] }> {
  const mod = await import('../../tools/subset-font.mjs');
  return { covered: new Set([...(mod.CHARACTERS as string)]), ranges: mod.UNICODE_RANGES };
}

const inRanges = (ranges: [number, number][], ch: string) =>
  ranges.some(([from, to]) => ch.codePointAt(0)! >= from && ch.codePointAt(0)! <= to);

test('the @font-face unicode-range is the subset\'s, and covers every kept character', async () => {
  const { covered, ranges } = await subsetFont();
  const css = readFileSync('style/tokens.css', 'utf8');
  const declared = css.match(/unicode-range:\s*([^;]+);/)?.[1] ?? '';
  const hex = (n: number) => n.toString(16).toUpperCase().padStart(4, '0');
  expect(declared.split(',').map((r) => r.trim())).toEqual(ranges.map(([a, b]) => `U+${hex(a)}-${hex(b)}`));
  const outside = [...covered].filter((ch) => !inRanges(ranges, ch)).map((ch) => `U+${hex(ch.codePointAt(0)!)}`);
  expect(outside, 'kept characters the font is never used for').toEqual([]);
});

for (const locale of ['fa', 'en'] as Locale[]) {
  test(`the font subset covers the ${locale} UI`, async ({ page }) => {
    test.slow();
    const { covered, ranges } = await subsetFont();
    const missing = new Map<string, string>();
    for (const route of ROUTES) {
      await gotoApp(page, route, { locale });
      await expect(page.locator('h1')).toHaveText(/\S/);
      // Let data-driven content arrive; the footer is last to fill in.
      await expect(page.locator('[data-testid=dataset-version]')).not.toHaveText(/…|\.\.\./);
      const text = await page.evaluate(() => document.title + '\n' + document.body.innerText);
      for (const ch of text) {
        if (!inRanges(ranges, ch) || covered.has(ch) || missing.has(ch)) continue;
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
