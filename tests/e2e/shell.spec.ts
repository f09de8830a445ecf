// Pre-rendered route shells (issue 14; tools/postbuild/shells.mjs writes them from the running
// app, src/platform/startup.js swaps them for the app): with JavaScript off every static route's
// served HTML already shows its heading and the navigation, in Persian, and its search form
// works; a path with an id or an unknown one gets the neutral shell; the app takes over without
// a layout shift and without two of anything; a returning visitor who chose English never sees
// the Persian shell; text typed into the shell's search box before the app ran is kept.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, gotoApp, LOCALE_KEY } from './helpers';
import { officePath, servicePath, licencePath, UNKNOWN } from './fixtures';

const ROOT = join(__dirname, '..', '..');

type Shell = { path: string; file: string; neutral?: boolean };
/** The shells the build writes, as tools/postbuild/shells.mjs lists them. */
const SHELLS: Shell[] = JSON.parse(execFileSync('node', ['--input-type=module', '-e',
  "const { SHELLS } = await import('./tools/postbuild/shells.mjs'); console.log(JSON.stringify(SHELLS))"], { cwd: ROOT, encoding: 'utf8' }));
const STATIC = SHELLS.filter((s) => !s.neutral).map((s) => `/${s.path}`);
/** Paths the server answers with the neutral shell. */
const NEUTRAL = [officePath(), servicePath(), licencePath(), UNKNOWN.path];
/** Persian (Arabic-script) letters. */
const PERSIAN = /[\u0600-\u06FF]/;
const rel = (path: string) => `./${path.replace(/^\/+/, '')}`;

/** The API held unanswered: the app stays as it is before its data (as the shells were made). */
async function holdApi(page: Page): Promise<void> {
  await page.route(/\/api\/v1\//, () => undefined);
}

test.describe('with JavaScript off', () => {
  test.use({ javaScriptEnabled: false });

  test('every static route\'s HTML has its heading and the navigation, in Persian, as the app draws them', async ({ page, browser, baseURL }) => {
    const base = new URL(baseURL!).pathname;
    const headings = new Map<string, string>();
    for (const path of STATIC) {
      await page.goto(rel(path));
      const h1 = page.locator('main h1');
      await expect(h1, path).toHaveCount(1);
      const text = (await h1.textContent())!.trim();
      expect(text, path).toMatch(PERSIAN);
      headings.set(path, text);
      await expect(page.locator('html'), path).toHaveAttribute('lang', 'fa');
      await expect(page.locator('html'), path).toHaveAttribute('dir', 'rtl');
      const nav = page.locator('nav#app-nav');
      await expect(nav, path).toBeVisible();
      for (const section of ['offices', 'services', 'licences', 'dashboard', 'about']) {
        await expect(nav.locator(`a[href="${base}${section}"]`), `${path}: ${section}`).toHaveCount(1);
      }
      await expect(page, `${path}: the page's own title`).toHaveTitle(/ — پیشخوان$/);
    }
    // The same headings as the app's own first view (so the shells are the app's, not a copy).
    const live = await browser.newContext({ javaScriptEnabled: true, serviceWorkers: 'block' });
    try {
      const app = await live.newPage();
      for (const path of STATIC) {
        await app.goto(new URL(rel(path), baseURL).href);
        await expect(app.locator('#boot'), path).toHaveCount(0, { timeout: 20_000 });
        await expect(app.locator('main h1'), path).toHaveText(headings.get(path)!);
      }
    } finally {
      await live.close();
    }
  });

  test('a path with an id and an unknown path get the neutral shell: navigation and a loading line, no heading', async ({ page }) => {
    for (const path of NEUTRAL) {
      const res = await page.goto(rel(path));
      expect(res!.status(), path).toBe(200);
      await expect(page.locator('nav#app-nav'), path).toBeVisible();
      await expect(page.locator('main .app-loading'), path).toBeVisible();
      await expect(page.locator('main h1'), path).toHaveCount(0);
      await expect(page.locator('#home-search'), `${path}: nothing of the home page`).toHaveCount(0);
      await expect(page.locator('[aria-current]'), `${path}: no link marked as this page`).toHaveCount(0);
    }
  });

  test('the home page\'s search box is a form to the finder, read there', async ({ page }) => {
    await page.goto('./');
    await page.locator('#home-search').fill('کرج');
    await page.locator('form[role=search] button[type=submit]').click();
    await expect(page).toHaveURL(/\/offices\?q=/);
    expect(new URL(page.url()).searchParams.get('q')).toBe('کرج');
    await expect(page.locator('main h1')).toHaveCount(1);
    await expect(page.locator('#finder-search')).toBeVisible();
  });
});

/** Where each of these is drawn: the shell's (inside #boot) or the app's. */
const PARTS = ['header', 'nav#app-nav', 'main', 'main h1', 'main > :first-child', 'footer'];
async function boxes(page: Page, within: string): Promise<Record<string, number[] | null>> {
  return page.evaluate(([parts, within]) => Object.fromEntries((parts as string[]).map((sel) => {
    const el = [...document.querySelectorAll(sel)].find((e) => (within === 'shell') === !!e.closest('#boot'));
    const r = el?.getBoundingClientRect();
    return [sel, r ? [r.x, r.y, r.width, r.height].map(Math.round) : null];
  })), [PARTS, within] as const);
}

for (const viewport of [{ width: 360, height: 740 }, { width: 1280, height: 800 }]) {
  test.describe(`take-over at ${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport });

    test('the app replaces the shell where it stands, with no layout shift, and the shell is gone', async ({ page }) => {
      test.slow();
      // Layout shifts from the start of each page.
      await page.addInitScript(() => {
        const w = window as unknown as { __cls: number };
        w.__cls = 0;
        new PerformanceObserver((list) => {
          for (const e of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[]) {
            if (!e.hadRecentInput) w.__cls += e.value;
          }
        }).observe({ type: 'layout-shift', buffered: true });
      });
      await holdApi(page);
      // The app's WebAssembly waits until the shell has been measured.
      let release = () => {};
      let gate = Promise.resolve();
      await page.route(/\/pishkhan-[0-9a-f]+_bg\.wasm$/, async (route) => {
        await gate;
        await route.continue();
      });
      const figures: string[] = [];
      for (const path of [...STATIC, NEUTRAL[0]]) {
        gate = new Promise<void>((r) => (release = r));
        // Not until `load`: the preload of the held WebAssembly would hold that too.
        await page.goto(rel(path), { waitUntil: 'domcontentloaded' });
        await expect(page.locator('#boot.app-shell header'), path).toBeVisible();
        const shell = await boxes(page, 'shell');
        release();
        await expect(page.locator('#boot'), path).toHaveCount(0, { timeout: 20_000 });
        // Two frames after the swap: its shift (if any) has been reported.
        const cls = await page.evaluate(() => new Promise<number>((r) =>
          requestAnimationFrame(() => requestAnimationFrame(() => r((window as unknown as { __cls: number }).__cls)))));
        figures.push(`${path} ${cls.toFixed(4)}`);
        expect(cls, `CLS from navigation across the take-over of ${path}`).toBeLessThanOrEqual(0.02);
        const app = await boxes(page, 'app');
        if (NEUTRAL.includes(path)) {
          // The app's page adds its heading under the same header.
          expect(app.header, path).toEqual(shell.header);
        } else {
          expect(app, `${path}: the app's first view is drawn exactly where the shell was`).toEqual(shell);
          await expect(page.locator('h1'), path).toHaveCount(1);
        }
        for (const part of ['header', 'main', 'footer', '#app-nav']) {
          await expect(page.locator(part), `${path}: one ${part}`).toHaveCount(1);
        }
        await expect(page.locator('header'), path).toBeVisible();
      }
      test.info().annotations.push({ type: 'CLS', description: figures.join(', ') });
      console.log(`take-over CLS at ${viewport.width}×${viewport.height}: ${figures.join(', ')}`);
    });
  });
}

// The page's data arrives after its first view (here: held until that view is drawn). What it
// adds must grow the page below, never move what is in view: the footer starts below the first
// screen (style/layout.css, .app-main), and lists and panels draw where their loading line was.
// Lighthouse's mobile screen and the smallest phone the app is built for.
for (const viewport of [{ width: 412, height: 823 }, { width: 360, height: 740 }]) {
  test(`at ${viewport.width}×${viewport.height}, the data arriving after the first view moves nothing in view (CLS ≤ 0.02)`, async ({ page }) => {
    test.slow();
    await page.setViewportSize(viewport);
    await page.addInitScript(() => {
      const w = window as unknown as { __cls: number; __shifted: string[] };
      w.__cls = 0;
      w.__shifted = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as unknown as { value: number; hadRecentInput: boolean; sources: { node?: Element }[] }[]) {
          if (e.hadRecentInput) continue;
          w.__cls += e.value;
          w.__shifted.push(...e.sources.map((src) => `${src.node?.nodeName ?? '?'}.${(src.node as Element | undefined)?.className ?? ''}`));
        }
      }).observe({ type: 'layout-shift', buffered: true });
    });
    let release = () => {};
    let gate = Promise.resolve();
    await page.route(/\/api\/v1\/(?!meta\.json)/, async (route) => {
      await gate;
      await route.continue();
    });
    const figures: string[] = [];
    for (const path of ['/offices?province=IR-23', officePath(), '/services', servicePath(), '/licences?province=IR-23', '/dashboard']) {
      gate = new Promise<void>((r) => (release = r));
      await page.goto(rel(path), { waitUntil: 'domcontentloaded' });
      // The app's own first view, before its data.
      await expect(page.locator('#boot'), path).toHaveCount(0, { timeout: 20_000 });
      await expect(page.locator('main h1'), path).toHaveCount(1);
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      release();
      await page.waitForLoadState('networkidle');
      await expect(page.locator('main .app-loading'), `${path}: its data is in`).toHaveCount(0, { timeout: 20_000 });
      const [cls, shifted] = await page.evaluate(() => new Promise<[number, string[]]>((r) =>
        requestAnimationFrame(() => requestAnimationFrame(() => {
          const w = window as unknown as { __cls: number; __shifted: string[] };
          r([w.__cls, w.__shifted]);
        }))));
      figures.push(`${path} ${cls.toFixed(4)}`);
      expect(cls, `CLS of ${path} from navigation until its data is drawn (moved: ${shifted.join(', ')})`).toBeLessThanOrEqual(0.02);
    }
    test.info().annotations.push({ type: 'CLS', description: figures.join(', ') });
  });
}

test('a returning visitor who chose English never sees the Persian shell', async ({ page }) => {
  // Every frame from the first: what a visible <h1> says, and the page's language.
  await page.addInitScript(() => {
    const w = window as unknown as { __painted: string[] };
    w.__painted = [];
    const sample = () => {
      for (const h1 of document.querySelectorAll('h1')) {
        if (h1.checkVisibility({ visibilityProperty: true } as CheckVisibilityOptions)) w.__painted.push(`${document.documentElement.lang}: ${h1.textContent}`);
      }
      requestAnimationFrame(sample);
    };
    requestAnimationFrame(sample);
  });
  for (const path of ['/', '/services', '/licences']) {
    await gotoApp(page, path, { locale: 'en' });
    await expect(page.locator('main h1')).not.toHaveText(PERSIAN);
    await expect(page.locator('main h1')).toBeVisible();
    const painted = await page.evaluate(() => (window as unknown as { __painted: string[] }).__painted);
    expect(painted.length, `${path}: the sampler saw the heading`).toBeGreaterThan(0);
    expect(painted.filter((p) => PERSIAN.test(p)), `${path}: no Persian heading painted`).toEqual([]);
    expect(painted.every((p) => p.startsWith('en: ')), `${path}: the page was English throughout`).toBe(true);
  }
});

test('text typed into the shell\'s search box before the app started is kept, with the focus', async ({ page }) => {
  // The app's WebAssembly waits until the visitor has typed.
  let release!: () => void;
  const typed = new Promise<void>((r) => (release = r));
  await page.route(/\/pishkhan-[0-9a-f]+_bg\.wasm$/, async (route) => {
    await typed;
    await route.continue();
  });
  await page.goto('./', { waitUntil: 'domcontentloaded' });
  const box = page.locator('#boot #home-search');
  await box.fill('کرج');
  await expect(box).toBeFocused();
  release();
  await expect(page.locator('#boot')).toHaveCount(0, { timeout: 20_000 });
  const app = page.locator('#home-search');
  await expect(app).toHaveValue('کرج');
  await expect(app).toBeFocused();
  // The app has it too (not only the box): Enter searches for it.
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/offices\?/);
});

test('a search sent from the shell before the app started is run by the app, without reloading the page', async ({ page }) => {
  let release!: () => void;
  const sent = new Promise<void>((r) => (release = r));
  await page.route(/\/pishkhan-[0-9a-f]+_bg\.wasm$/, async (route) => {
    await sent;
    await route.continue();
  });
  await page.goto('./', { waitUntil: 'domcontentloaded' });
  // A mark that a reload would wipe.
  await page.evaluate(() => ((window as unknown as { __same: boolean }).__same = true));
  const box = page.locator('#boot #home-search');
  await box.fill('کرج');
  await box.press('Enter');
  // The shell stays where it is: no navigation to the GET form's address.
  await expect(page).not.toHaveURL(/\/offices/);
  release();
  await expect(page.locator('#boot')).toHaveCount(0, { timeout: 20_000 });
  await expect(page).toHaveURL(/\/offices\?/);
  expect(await page.evaluate(() => (window as unknown as { __same?: boolean }).__same)).toBe(true);
});

// The shell's first paint is its only paint, in its own font (src/platform/startup.js): drawn
// in a fallback font first, its boxes moved when Vazirmatn arrived, and the app's copy, drawn
// later in Vazirmatn, was a new and larger paint that moved the page's LCP to the WebAssembly.
type Rec = { cls: number; lcp: number[]; fcp: number | null; took: number | null; seen: boolean };
test.describe('the shell is painted once, in its font', () => {
  /** Records from the start of the page: layout shifts, LCP entries, the first contentful paint,
   * and when the shell was swapped for the app. */
  async function record(page: Page): Promise<void> {
    await page.addInitScript(() => {
      const w = window as unknown as { __rec: Rec };
      w.__rec = { cls: 0, lcp: [], fcp: null, took: null, seen: false };
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[]) {
          if (!e.hadRecentInput) w.__rec.cls += e.value;
        }
      }).observe({ type: 'layout-shift', buffered: true });
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__rec.lcp.push(e.startTime);
      }).observe({ type: 'largest-contentful-paint', buffered: true });
      new MutationObserver(() => {
        const boot = document.getElementById('boot');
        if (boot?.classList.contains('app-shell')) w.__rec.seen = true;
        if (w.__rec.seen && !boot && w.__rec.took === null) w.__rec.took = performance.now();
      }).observe(document, { childList: true, subtree: true });
    });
  }
  const rec = (page: Page) => page.evaluate(() => new Promise<Rec>((r) =>
    requestAnimationFrame(() => requestAnimationFrame(() => {
      const rec = (window as unknown as { __rec: Rec }).__rec;
      rec.fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null;
      r(rec);
    }))));
  const shellHeading = (page: Page) => page.locator('#boot.app-shell h1');
  const painted = (page: Page) => shellHeading(page).evaluate((h) => h.checkVisibility({ visibilityProperty: true } as CheckVisibilityOptions));

  test('while the font is on its way the shell is hidden; it appears in Vazirmatn and nothing moves', async ({ page }) => {
    await record(page);
    let release = () => {};
    const font = new Promise<void>((r) => (release = r));
    await page.route(/\/fonts\/vazirmatn-subset\.woff2$/, async (route) => {
      await font;
      await route.continue();
    });
    // The app held back too: this is the shell alone.
    await page.route(/\/pishkhan-[0-9a-f]+_bg\.wasm$/, () => undefined);
    await page.goto('./', { waitUntil: 'domcontentloaded' });
    await expect(shellHeading(page)).toHaveCount(1);
    await page.waitForTimeout(400);
    expect(await painted(page), 'no shell drawn in a fallback font').toBe(false);
    expect((await rec(page)).fcp, 'nothing painted yet').toBeNull();
    release();
    await expect.poll(() => painted(page)).toBe(true);
    expect(await page.evaluate(() => document.fonts.check('1em Vazirmatn', '\u067e')), 'drawn in its font').toBe(true);
    await expect.poll(async () => (await rec(page)).fcp, { message: 'the shell was painted' }).not.toBeNull();
    expect((await rec(page)).cls, 'no layout shift').toBe(0);
  });

  test('a font that does not come holds the shell back 1.5 s at most', async ({ page }) => {
    await page.route(/\/fonts\/vazirmatn-subset\.woff2$/, () => undefined);
    await page.route(/\/pishkhan-[0-9a-f]+_bg\.wasm$/, () => undefined);
    await page.goto('./', { waitUntil: 'domcontentloaded' });
    const start = Date.now();
    await expect.poll(() => painted(page), { timeout: 5_000 }).toBe(true);
    const waited = Date.now() - start;
    expect(waited, 'shown at the time-out').toBeLessThan(3_000);
    await expect(page.locator('#boot.app-shell #home-search')).toBeVisible();
  });

  test('the app\'s copy of the shell is not a new largest paint', async ({ page }) => {
    // Lighthouse's phone screen, where the largest text is the note under "near me".
    await page.setViewportSize({ width: 412, height: 823 });
    await record(page);
    // The font and then the app after the HTML, as on a phone's connection.
    await page.route(/\/fonts\/vazirmatn-subset\.woff2$/, async (route) => {
      await new Promise((r) => setTimeout(r, 500));
      await route.continue();
    });
    let release = () => {};
    const gate = new Promise<void>((r) => (release = r));
    await page.route(/\/pishkhan-[0-9a-f]+_bg\.wasm$/, async (route) => {
      await gate;
      await route.continue();
    });
    await page.goto('./', { waitUntil: 'domcontentloaded' });
    await expect.poll(() => painted(page)).toBe(true);
    await expect.poll(() => page.evaluate(() => document.fonts.check('1em Vazirmatn', '\u067e'))).toBe(true);
    await rec(page);
    release();
    await expect(page.locator('#boot')).toHaveCount(0, { timeout: 20_000 });
    await expect(page.locator('main h1')).toBeVisible();
    const r = await rec(page);
    expect(r.took, 'the app took over').not.toBeNull();
    // Drawn in the same font as the shell, the same text is the same size.
    expect(r.lcp.length, `LCP entries at ${r.lcp.map(Math.round).join(', ')} ms, take-over at ${Math.round(r.took!)} ms`).toBe(1);
    expect(r.lcp[0]).toBeLessThan(r.took!);
    expect(r.cls).toBeLessThanOrEqual(0.02);
  });
});
