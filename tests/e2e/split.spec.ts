// Code splitting (src/app/lazy.rs, tools/bin/wasm-bindgen, tools/postbuild.mjs): `/` downloads
// only the main WebAssembly module; each other page's code arrives when the page is first opened;
// a page module that cannot be downloaded gives a notice with "Try again", never a crash.
import { readdirSync, statSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect, gotoApp, DIST_DIR } from './helpers';

const SPLIT_MODULE = /\/split_split_(\w+)-[0-9a-f]{16}\.wasm$/;
// The page modules (src/app/lazy.rs): the finder, an office's page, the services catalogue
// (+ service page), the officials' pages (licences, licence, dashboard, gaps), about.
const PAGES = ['finder', 'office', 'services', 'officials', 'about'];
// Split off below the pages: the services decoder `/` fetches beside services.json, the
// saved-offices list, the nationwide search through the index (api::lazy::search), the
// benchmark's hooks (src/bench.rs), and the officials' sign-in (platform::auth, its controls and
// the /auth/callback page).
const PARTS = ['services_doc', 'saved_offices', 'search', 'bench', 'auth'];

/** The page whose module a URL is, if it is one. */
const pageModule = (url: string) => {
  const name = new URL(url).pathname.match(SPLIT_MODULE)?.[1];
  return name && PAGES.includes(name) ? name : undefined;
};

/** The page modules `page` requests from now on, in order (a list that grows). */
const pageModulesFetched = (page: Page) => {
  const fetched: string[] = [];
  page.on('request', (req) => {
    const name = pageModule(req.url());
    if (name) fetched.push(name);
  });
  return fetched;
};

test('dist/ has one content-hashed module per lazily loaded page, and the loader names them', () => {
  const files = readdirSync(DIST_DIR);
  const modules = files.map((f) => `/${f}`.match(SPLIT_MODULE)?.[1]).filter(Boolean).sort();
  expect(modules).toEqual([...PAGES, ...PARTS].sort());
  const loaders = files.filter((f) => /^__wasm_split-[0-9a-f]{16}\.js$/.test(f));
  expect(loaders).toHaveLength(1);
  // No unhashed leftovers that a CDN would cache for a year under a reused name.
  expect(files.filter((f) => /^(split|chunk)_.*\.wasm$/.test(f) && !/-[0-9a-f]{16}\.wasm$/.test(f))).toEqual([]);
});

test('/ loads no page module; opening a page fetches its module once', async ({ page }) => {
  const fetched = pageModulesFetched(page);
  await gotoApp(page, '/', { locale: 'en' });
  await expect(page.locator('main h1')).toHaveText(/\S/);
  await page.waitForLoadState('networkidle');
  expect(fetched, 'page modules downloaded by /').toEqual([]);

  await page.locator('.app-nav a[href$="/services"]').click();
  await expect(page.locator('main h1')).toHaveText('Government services');
  expect(fetched).toEqual(['services']);

  // Back home and to the services page again: the module is not fetched a second time.
  await page.locator('.app-header__brand').click();
  await expect(page.locator('#home-search')).toBeVisible();
  await page.locator('.app-nav a[href$="/services"]').click();
  await expect(page.locator('main h1')).toHaveText('Government services');
  expect(fetched).toEqual(['services']);
});

test('a page module that fails to download: a notice with Try again, and the app keeps working', async ({ page }) => {
  let block = true;
  await page.route(/\/split_split_about-[0-9a-f]{16}\.wasm$/, (route) => (block ? route.abort('failed') : route.continue()));
  await gotoApp(page, '/', { locale: 'en' });
  await expect(page.locator('#home-search')).toBeVisible();

  await page.locator('.app-nav a[href$="/about"]').click();
  const notice = page.locator('[data-testid=page-unavailable]');
  await expect(notice).toBeVisible();
  await expect(notice).toHaveAttribute('role', 'alert');
  await expect(page.locator('main h1')).toHaveText('This page could not be downloaded');
  await expect(page.locator('main h1')).toBeFocused();
  await expect(page.locator('[data-testid=crash]')).toHaveCount(0);
  await expect(page).toHaveTitle(/could not be downloaded/);

  // Persian too.
  await page.locator('[data-testid=lang-switch]').click();
  await expect(page.locator('main h1')).toHaveText('این صفحه بارگیری نشد');
  await page.locator('[data-testid=lang-switch]').click();

  // The rest of the app works meanwhile.
  await page.locator('.app-nav a[href$="/services"]').click();
  await expect(page.locator('main h1')).toHaveText('Government services');
  await page.locator('.app-nav a[href$="/about"]').click();
  await expect(notice).toBeVisible();

  // The network is back: Try again brings the page, without a reload.
  block = false;
  await notice.locator('[data-testid=retry]').click();
  await expect(page.locator('[data-testid=about-dataset]')).toBeVisible();
  await expect(notice).toHaveCount(0);
});

test('a page opened directly: its module downloads beside config.json, not after it', async ({ page }) => {
  const order: string[] = [];
  page.on('request', (req) => {
    const url = req.url();
    if (url.endsWith('/config.json')) order.push('config');
    else if (pageModule(url)) order.push(pageModule(url)!);
  });
  let releaseConfig: () => void = () => {};
  const configHeld = new Promise<void>((resolve) => (releaseConfig = resolve));
  await page.route(/\/config\.json$/, async (route) => {
    await configHeld;
    await route.continue();
  });
  // The app cannot start while config.json is held: do not wait for it to take over.
  await gotoApp(page, '/about', { locale: 'en', started: false });
  // config.json is held back: the page's module is requested meanwhile.
  await expect.poll(() => order).toContain('about');
  releaseConfig();
  await expect(page.locator('#boot.app-shell')).toHaveCount(0, { timeout: 20_000 });
  await expect(page.locator('[data-testid=about-dataset]')).toBeVisible();
  expect(order.filter((x) => x === 'about')).toHaveLength(1);
});

test('a slow page module: the old page stays until the new one arrives, then focus moves to its heading', async ({ page }) => {
  await page.route(/\/split_split_officials-[0-9a-f]{16}\.wasm$/, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1200));
    await route.continue();
  });
  await gotoApp(page, '/about', { locale: 'en' });
  await expect(page.locator('[data-testid=about-dataset]')).toBeVisible();
  await page.locator('.app-nav a[href$="/dashboard"]').click();
  await expect(page.locator('[data-testid=route-progress]')).toHaveClass(/app-route-progress--active/);
  await expect(page.locator('[data-testid=about-dataset]')).toBeVisible();
  await expect(page.locator('main h1')).not.toHaveText(/About/i, { timeout: 5_000 });
  await expect(page.locator('main h1')).toBeFocused();
  await expect(page.locator('[data-testid=route-progress]')).not.toHaveClass(/app-route-progress--active/);
});

test('the saved-offices list is downloaded only on a device that has saved offices', async ({ page }) => {
  const fetched: string[] = [];
  page.on('request', (req) => {
    if (/\/split_split_saved_offices-[0-9a-f]{16}\.wasm$/.test(new URL(req.url()).pathname)) fetched.push(req.url());
  });
  await gotoApp(page, '/', { locale: 'en' });
  await expect(page.locator('#home-search')).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(fetched).toEqual([]);
});

test('config.json is fetched once, by the preload index.html starts with the HTML', async ({ page }) => {
  const requests: string[] = [];
  const warnings: string[] = [];
  page.on('request', (req) => {
    if (new URL(req.url()).pathname.endsWith('/config.json')) requests.push(req.url());
  });
  page.on('console', (msg) => {
    if (/preload/i.test(msg.text())) warnings.push(msg.text());
  });
  await gotoApp(page, '/', { locale: 'en' });
  await expect(page.locator('#home-search')).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(requests).toHaveLength(1);
  expect(warnings, 'unused or mismatched preloads').toEqual([]);
});

// tools/postbuild/split.mjs packs the small shared chunks, one pack per lazily loaded module:
// a cold finder asked for about 50 of them one request each.
test('a cold finder fetches its small shared chunks in one pack, and a failed pack can be retried', async ({ page }) => {
  const files = readdirSync(DIST_DIR);
  expect(files.filter((f) => /^chunk_pack_finder-[0-9a-f]{16}\.wasm$/.test(f))).toHaveLength(1);
  const wasm: string[] = [];
  page.on('request', (req) => {
    const path = new URL(req.url()).pathname;
    if (path.endsWith('.wasm')) wasm.push(path.split('/').pop()!);
  });
  let block = true;
  await page.route(/\/chunk_pack_finder-[0-9a-f]{16}\.wasm$/, (route) => (block ? route.abort('failed') : route.continue()));
  await gotoApp(page, '/', { locale: 'en' });
  await expect(page.locator('#home-search')).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(wasm.filter((f) => f.startsWith('chunk_pack_finder-')), 'the finder\'s pack is not fetched by /').toEqual([]);
  await page.locator('.app-nav a[href$="/offices"]').click();
  const notice = page.locator('[data-testid=page-unavailable]');
  await expect(notice).toBeVisible();

  block = false;
  await notice.locator('[data-testid=retry]').click();
  await expect(page.locator('main h1')).toHaveText('Find an office');
  await expect(notice).toHaveCount(0);
  // The pack twice (failed, then the retry); every other shared chunk once (the loader keeps
  // what arrived; the finder's own module is asked for again by the retry); the chunks left as
  // files of their own are the large ones (8 KB and over).
  expect(wasm.filter((f) => f.startsWith('chunk_pack_finder-'))).toHaveLength(2);
  const others = wasm.filter((f) => !f.startsWith('chunk_pack_finder-'));
  const chunks = others.filter((f) => f.startsWith('chunk_'));
  expect(new Set(chunks).size, chunks.join(', ')).toBe(chunks.length);
  for (const f of others.filter((f) => /^chunk_\d+-/.test(f))) {
    expect(statSync(`${DIST_DIR}/${f}`).size, f).toBeGreaterThanOrEqual(8192);
  }
  expect(new Set(others).size, `wasm files for / and the finder: ${others.join(', ')}`).toBeLessThan(20);
});

// src/platform/startup.js fetches config.json (index.html's preload) and, once it has read the
// API's address, preloads meta.json: the first data request starts with the HTML, not after the
// WebAssembly has downloaded, compiled and run. The app takes both (dom::started_config).
test('meta.json is requested while the WebAssembly is still downloading, and config.json and meta.json only once', async ({ page }) => {
  const requests: string[] = [];
  const warnings: string[] = [];
  page.on('request', (req) => {
    const path = new URL(req.url()).pathname;
    if (path.endsWith('/config.json') || path.endsWith('/meta.json')) requests.push(path.split('/').pop()!);
  });
  page.on('console', (msg) => {
    if (/preload/i.test(msg.text())) warnings.push(msg.text());
  });
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  let wasmAsked = false;
  await page.route(/\/pishkhan-[0-9a-f]{16}_bg\.wasm$/, async (route) => {
    wasmAsked = true;
    await held;
    await route.continue();
  });
  // Not waiting for `load`: the page's module scripts wait for the held WebAssembly.
  await page.goto('./', { waitUntil: 'commit' });
  await expect.poll(() => wasmAsked).toBe(true);
  // The main module is held back: meta.json is asked for meanwhile.
  await expect.poll(() => requests).toContain('meta.json');
  release();
  await expect(page.locator('#home-search')).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(requests.filter((r) => r === 'config.json')).toHaveLength(1);
  expect(requests.filter((r) => r === 'meta.json')).toHaveLength(1);
  expect(warnings, 'unused or mismatched preloads').toEqual([]);
});

// startup.js also starts, with meta.json, the documents a route asks for before it has read
// meta.json (firstDocuments): each is requested while the WebAssembly is still held back, and
// the page's own fetch of it takes that download.
const FIRST_DOCUMENTS: [string, string[]][] = [
  ['/offices?province=IR-23', ['services.json']],
  ['/offices#near=35.7,51.338', ['services.json']],
  ['/offices/IR-23/IR-23-00001', ['services.json']],
  ['/services', ['services.json', 'agencies.json']],
  ['/services/smart-id-card', ['services.json', 'agencies.json']],
];
for (const [route, docs] of FIRST_DOCUMENTS) {
  test(`${route}: ${docs.join(', ')} start with the HTML, and the page uses those downloads`, async ({ page }) => {
    const requests: string[] = [];
    const warnings: string[] = [];
    page.on('request', (req) => {
      const path = new URL(req.url()).pathname;
      const at = path.indexOf('/api/v1/');
      if (at >= 0) requests.push(path.slice(at + '/api/v1/'.length));
    });
    page.on('console', (msg) => {
      if (/preload/i.test(msg.text())) warnings.push(msg.text());
    });
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/pishkhan-[0-9a-f]{16}_bg\.wasm$/, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`.${route}`, { waitUntil: 'commit' });
    for (const doc of docs) await expect.poll(() => requests, `${doc} while the WebAssembly is held`).toContain(doc);
    const early = [...requests];
    release();
    await expect(page.locator('main h1')).toHaveCount(1, { timeout: 20_000 });
    await page.waitForLoadState('networkidle');
    await expect(page.locator('main .app-loading')).toHaveCount(0);
    for (const doc of docs) expect(requests.filter((r) => r === doc), `${doc} once (early: ${early.join(', ')})`).toHaveLength(1);
    expect(warnings, 'unused or mismatched preloads').toEqual([]);
  });
}

// tools/postbuild/shells.mjs: a route's shell preloads the lazily loaded modules the route needs
// before its data (found by running it), so they download beside the main module.
test('a route opened directly preloads its page module from the HTML, and uses that download', async ({ page, request }) => {
  const html = await (await request.get('offices')).text();
  expect(html).toMatch(/<link rel="preload" href="[^"]*split_split_finder-[0-9a-f]{16}\.wasm" crossorigin="anonymous" as="fetch"/);
  const home = await (await request.get('./')).text();
  expect(home, 'the home page preloads no page module').not.toMatch(/split_split_(finder|office|services|officials|about)-/);
  const fetched: string[] = [];
  const warnings: string[] = [];
  page.on('request', (req) => {
    const name = pageModule(req.url());
    if (name) fetched.push(name);
  });
  page.on('console', (msg) => {
    if (/preload/i.test(msg.text())) warnings.push(msg.text());
  });
  await gotoApp(page, '/offices', { locale: 'en' });
  await expect(page.locator('main h1')).toHaveText('Find an office');
  await page.waitForLoadState('networkidle');
  expect(fetched).toEqual(['finder']);
  expect(warnings, 'unused or mismatched preloads').toEqual([]);
});

// src/app/lazy.rs: an office's page has a module of its own, which the finder fetches in the
// background once its first results are on screen.
test("an office's page opened directly downloads no finder code", async ({ page }) => {
  const fetched = pageModulesFetched(page);
  await gotoApp(page, '/offices/IR-23/IR-23-00001', { locale: 'en' });
  await expect(page.locator('main article h1')).toHaveText(/\S/);
  await page.waitForLoadState('networkidle');
  expect(fetched, 'page modules downloaded by an office page').toEqual(['office']);
});

test("the finder fetches an office page's code once it shows results, so opening one does not wait for it", async ({ page }) => {
  const fetched = pageModulesFetched(page);
  await gotoApp(page, '/offices?province=IR-23', { locale: 'en' });
  await expect(page.locator('[data-testid=office-result]').first()).toBeVisible();
  await expect.poll(() => fetched).toContain('office');
  await page.locator('[data-testid=office-result] a').first().click();
  await expect(page.locator('main article h1')).toHaveText(/\S/);
  expect(fetched.filter((m) => m === 'office')).toHaveLength(1);
  expect(fetched.filter((m) => m === 'finder')).toHaveLength(1);
});
