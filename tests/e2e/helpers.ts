// Shared test fixtures. Every spec imports `test` and `expect` from here, not from
// '@playwright/test', so each test automatically fails when the page crashed:
//   - an uncaught exception (`pageerror`),
//   - a Rust panic (the WebAssembly traps: a WebAssembly.RuntimeError, or in a debug build the
//     panic message containing "panicked"),
//   - a Content-Security-Policy violation (nginx sends the production CSP; a blocked script or
//     style would otherwise show up only as a mysteriously broken page).
// A test that provokes one of these on purpose lists it: test.use({ allowedPageErrors: [/…/] }).
import { test as base, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export { expect };

export type Locale = 'fa' | 'en';

/** localStorage key of the chosen UI language (src/platform/storage.rs). */
export const LOCALE_KEY = 'pishkhan.locale';

/** The built site being served, for tests that read the sample API from disk. */
export const DIST_DIR = process.env.PISHKHAN_DIST ?? join(__dirname, '..', '..', 'dist');

type Fixtures = {
  allowedPageErrors: RegExp[];
  pageErrors: string[];
  failOnPageErrors: void;
};

export const test = base.extend<Fixtures>({
  allowedPageErrors: [[], { option: true }],

  // The problems seen so far; a test may inspect it.
  pageErrors: async ({}, use) => {
    await use([]);
  },

  failOnPageErrors: [
    async ({ page, pageErrors, allowedPageErrors }, use) => {
      const allowed = (text: string) => allowedPageErrors.some((re) => re.test(text));
      const record = (text: string) => {
        if (!allowed(text)) pageErrors.push(text);
      };
      page.on('pageerror', (err) => record(`uncaught exception: ${err.stack ?? err.message}`));
      page.on('console', (msg) => {
        const text = msg.text();
        if (text.includes('panicked')) record(`panic: ${text}`);
        else if (msg.type() === 'error' && text.includes('Content Security Policy')) {
          record(`CSP violation: ${text}`);
        }
      });
      await use();
      expect(pageErrors, 'the page logged uncaught exceptions, panics or CSP violations').toEqual([]);
    },
    { auto: true },
  ],
});

/**
 * Opens `path` (relative to baseURL) and waits until the app has taken over from the route's
 * shell. With `locale`, the language is stored in localStorage before the app starts — once per
 * tab, so a later switch in the UI survives a reload.
 */
export async function gotoApp(page: Page, path = '/', opts: { locale?: Locale; started?: boolean } = {}): Promise<void> {
  if (opts.locale) {
    await page.addInitScript(
      ([key, value]) => {
        const seeded = '__pishkhan_test_locale_seeded';
        try {
          if (!sessionStorage.getItem(seeded)) {
            localStorage.setItem(key, value);
            sessionStorage.setItem(seeded, '1');
          }
        } catch {
          // Storage unavailable (opaque origin): the app falls back to its default.
        }
      },
      [LOCALE_KEY, opts.locale] as const,
    );
  }
  await page.goto(stripLeadingSlash(path));
  // The served HTML is the route's pre-rendered shell (tools/postbuild/shells.mjs), with the
  // app hidden behind it until it takes over: wait for that, so no locator finds both (the boot
  // time-out replaces the shell too). `started: false` for a test of an app that never starts.
  if (opts.started ?? true) await expect(page.locator('#boot.app-shell')).toHaveCount(0, { timeout: 20_000 });
}

// baseURL may carry a sub-path (http://host/pishkhan/): "offices" resolves under it, "/offices"
// would not.
function stripLeadingSlash(path: string): string {
  return `./${path.replace(/^\/+/, '')}`;
}

/** Reads a JSON file of the built sample API, e.g. apiJson('provinces/IR-23/licences.json'). */
export function apiJson<T = unknown>(relative: string): T {
  return JSON.parse(readFileSync(join(DIST_DIR, 'api', 'v1', relative), 'utf8')) as T;
}
