// Two deployments, one after the other, under a tab that stays open (issue 18): a second nginx
// with the production site (nginx/pishkhan.conf through scripts/lib.sh's nginx_prepare) serves
// a directory this spec deploys into the way docs/deploy.md says: hashed files first, then
// index.html, config.json and sw.js, then the previous build's files deleted (`rsync --delete`).
//
// Build B is build A (dist/) with every content hash changed and every reference to it
// rewritten, sw.js's version included: what the server sees of a new release (new names, old
// ones gone), without a second 5-minute release build. The sample API is the same for both
// (a symbolic link to dist/api).
//
// Also here: the boot time-out of index.html's start-up guard (src/platform/startup.js), on the
// main test server, with Playwright's clock instead of a 20-second wait.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import vm from 'node:vm';
import { brotliCompressSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, gotoApp, DIST_DIR, LOCALE_KEY } from './helpers';

const ROOT = join(__dirname, '..', '..');
/** The files of a build that a deploy uploads last, in this order (docs/deploy.md): the route shells (`*.html`), config.json, sw.js. */
const last = (names: string[]) => [...names.filter((f) => f.endsWith('.html')), 'config.json', 'sw.js'];
/** A content hash in a build file's name (Trunk's and the post-build's: 15 or 16 hex digits). */
const HASHED = /-([0-9a-f]{8,16})(?:_bg)?\.(?:js|wasm|css)$/;

/** Every file under dir (relative, with '/'), the API data left out. */
function files(dir: string, sub = ''): string[] {
  return readdirSync(join(dir, sub)).flatMap((name) => {
    const rel = sub ? `${sub}/${name}` : name;
    if (rel === 'api') return [];
    return statSync(join(dir, rel)).isDirectory() ? files(dir, rel) : [rel];
  });
}

/** A build directory: the release build (A), or A with every hash replaced (B). */
function makeBuild(into: string, from: string, rehash: boolean): void {
  mkdirSync(into, { recursive: true });
  const flip = (hex: string) => [...hex].map((c) => (15 - parseInt(c, 16)).toString(16)).join('');
  const hashes = new Map<string, string>();
  for (const f of files(from)) {
    const m = f.match(HASHED);
    if (m && rehash) hashes.set(m[1], flip(m[1]));
  }
  const swVersion = readFileSync(join(from, 'sw.js'), 'utf8').match(/const VERSION = "([0-9a-f]{16})";/)?.[1];
  expect(swVersion, 'dist/sw.js has a version').toBeTruthy();
  if (rehash) hashes.set(swVersion!, flip(swVersion!));
  const rename = (s: string) => {
    for (const [a, b] of hashes) s = s.replaceAll(a, b);
    return s;
  };
  for (const f of files(from)) {
    // A brotli copy (tools/postbuild/compress.mjs) is made again below from its file as written.
    if (f.endsWith('.br')) continue;
    const target = join(into, rename(f));
    mkdirSync(dirname(target), { recursive: true });
    if (rehash && /\.(?:html|js|css|json|webmanifest)$/.test(f)) {
      writeFileSync(target, rename(readFileSync(join(from, f), 'utf8')));
    } else {
      copyFileSync(join(from, f), target);
    }
  }
  for (const f of files(from).filter((name) => name.endsWith('.br'))) {
    const target = join(into, rename(f.slice(0, -'.br'.length)));
    writeFileSync(`${target}.br`, brotliCompressSync(readFileSync(target)));
  }
}

/** Deploys build into site as docs/deploy.md says; then deletes what the build does not have. */
function deploy(build: string, site: string, opts: { only?: 'index.html' | 'hashed'; deleteOld?: boolean } = {}): void {
  const names = files(build);
  const first = names.filter((f) => !last(names).includes(f));
  const order = opts.only === 'index.html' ? ['index.html'] : opts.only === 'hashed' ? first : [...first, ...last(names)];
  for (const f of order) {
    mkdirSync(dirname(join(site, f)), { recursive: true });
    copyFileSync(join(build, f), join(site, f));
  }
  if (opts.deleteOld ?? true) {
    for (const f of files(site)) if (!names.includes(f)) rmSync(join(site, f));
  }
}

/** The boot script a build's index.html loads ("/boot-<hash>.js"). */
function bootOf(build: string): string {
  const m = readFileSync(join(build, 'index.html'), 'utf8').match(/src="(\/boot-[0-9a-f]{16}\.js)"/);
  expect(m, 'index.html loads a boot script').toBeTruthy();
  return m![1];
}

let workDir = '';
let A = '';
let B = '';
let SITE = '';
let server: ChildProcess | undefined;
let origin = '';

test.describe('two deployments under an open tab', () => {
  test.describe.configure({ mode: 'serial' });

  test.beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'pishkhan-deploy-'));
    [A, B, SITE] = ['build-a', 'build-b', 'site'].map((d) => join(workDir, d));
    makeBuild(A, DIST_DIR, false);
    makeBuild(B, DIST_DIR, true);
    expect(bootOf(B)).not.toBe(bootOf(A));
    // nginx with the production site on a free port (from the test port + 30 up).
    const base = Number(new URL(process.env.PISHKHAN_BASE_URL ?? 'http://127.0.0.1:8089').port) + 30;
    mkdirSync(SITE, { recursive: true });
    const out = execFileSync('bash', ['-c', `source scripts/lib.sh && port="$(free_port ${base})" && echo "$port" && nginx_prepare "$port" "${SITE}"`], { cwd: ROOT, encoding: 'utf8' })
      .trim().split('\n');
    const [port, prefix] = [out[0], out[out.length - 1]];
    server = spawn('nginx', ['-p', prefix, '-c', `${prefix}/nginx.conf`, '-e', `${prefix}/error.log`], { stdio: 'ignore' });
    origin = `http://127.0.0.1:${port}`;
    await expect.poll(async () => fetch(`${origin}/robots.txt`).then((r) => r.status, () => 0), { timeout: 10_000 }).not.toBe(0);
  });

  test.afterAll(() => {
    server?.kill();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  test.beforeEach(() => {
    rmSync(SITE, { recursive: true, force: true });
    mkdirSync(SITE);
    symlinkSync(join(DIST_DIR, 'api'), join(SITE, 'api'));
    deploy(A, SITE);
  });

  /** Opens path on the deploy server in English (stored before the app starts, once per tab). */
  async function open(page: Page, path: string) {
    await page.addInitScript(([key]) => {
      if (!sessionStorage.getItem('seeded')) {
        localStorage.setItem(key, 'en');
        sessionStorage.setItem('seeded', '1');
      }
    }, [LOCALE_KEY] as const);
    await page.goto(`${origin}${path}`);
    // The app took over from the route's shell (or the boot time-out replaced it).
    await expect(page.locator('#boot.app-shell')).toHaveCount(0, { timeout: 20_000 });
  }
  const runningBoot = (page: Page) => page.locator('script[type="module"][src*="boot-"]').getAttribute('src');

  test('without a worker: a page whose module is gone says "new version", and Reload runs B', async ({ page }) => {
    await open(page, '/');
    await expect(page.locator('#home-search')).toBeVisible();
    expect(await runningBoot(page)).toBe(bootOf(A));

    deploy(B, SITE);
    expect(existsSync(join(SITE, bootOf(A)))).toBe(false);
    await page.locator('.app-nav a[href$="/about"]').click();
    const notice = page.locator('[data-testid=new-version]');
    await expect(notice).toBeVisible();
    await expect(notice).toHaveAttribute('role', 'alert');
    await expect(page.locator('main h1')).toHaveText('A new version of Pishkhan is available');
    await expect(page.locator('[data-testid=page-unavailable]'), 'not blamed on the network').toHaveCount(0);
    await page.locator('[data-testid=lang-switch]').click();
    await expect(page.locator('main h1')).toHaveText('نسخهٔ تازه‌ای از پیشخوان آمده است');
    await page.locator('[data-testid=lang-switch]').click();

    await notice.locator('[data-testid=reload]').click();
    await expect(page.locator('[data-testid=about-dataset]')).toBeVisible();
    expect(await runningBoot(page)).toBe(bootOf(B));
  });

  test('with the worker: the open tab keeps its modules after B replaces A; reload runs B; offline works', async ({ browser }) => {
    test.slow();
    const context = await browser.newContext({ serviceWorkers: 'allow' });
    const page = await context.newPage();
    try {
      await open(page, '/');
      await expect(page.locator('#home-search')).toBeVisible();
      await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
      const shellA = `pishkhan-shell-${readFileSync(join(A, 'sw.js'), 'utf8').match(/const VERSION = "([0-9a-f]{16})";/)![1]}`;
      const shellB = `pishkhan-shell-${readFileSync(join(B, 'sw.js'), 'utf8').match(/const VERSION = "([0-9a-f]{16})";/)![1]}`;
      await expect.poll(() => page.evaluate(() => caches.keys()), { timeout: 15_000 }).toContain(shellA);

      // B is deployed and A's files deleted; the browser's update check (here forced) installs B's worker.
      deploy(B, SITE);
      await page.evaluate(async () => {
        const changed = new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
        await (await navigator.serviceWorker.getRegistration())?.update();
        await changed;
      });
      // The tab's controller is B's worker as soon as it activates; its activate handler (which
      // decides which caches stay) has run once its state says so.
      await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller?.state), { timeout: 10_000 }).toBe('activated');
      expect(await page.evaluate(() => caches.keys())).toEqual(expect.arrayContaining([shellA, shellB]));
      // The browser's HTTP cache may still hold A's files (the worker's install fetched them all),
      // but it evicts long before the worker's caches do: cleared, so only the kept cache can answer.
      await (await context.newCDPSession(page)).send('Network.clearBrowserCache');

      // The tab still runs A, and opens a page whose module it never loaded: from A's kept cache.
      expect(await runningBoot(page)).toBe(bootOf(A));
      await page.locator('.app-nav a[href$="/about"]').click();
      await expect(page.locator('[data-testid=about-dataset]')).toBeVisible();
      await expect(page.locator('[data-testid=new-version]')).toHaveCount(0);
      await expect(page.locator('[data-testid=page-unavailable]')).toHaveCount(0);

      // A reload runs B.
      await page.reload();
      await expect(page.locator('[data-testid=about-dataset]')).toBeVisible();
      expect(await runningBoot(page)).toBe(bootOf(B));

      // Offline after the deploy: B's shell starts, and a page not opened yet comes from B's precache.
      await context.setOffline(true);
      await page.reload();
      await expect(page.locator('[data-testid=about-dataset]')).toBeVisible();
      expect(await runningBoot(page)).toBe(bootOf(B));
      await page.locator('.app-nav a[href$="/services"]').click();
      await expect(page.locator('main h1')).toHaveText('Government services');
      await expect(page.locator('[data-testid=page-unavailable]')).toHaveCount(0);
    } finally {
      await context.close();
    }
  });

  test('index.html uploaded before its hashed files: "did not start" with Reload, not "Loading…" forever', async ({ page }) => {
    deploy(B, SITE, { only: 'index.html', deleteOld: false });
    await open(page, '/');
    const failed = page.locator('[data-testid=boot-failed]');
    await expect(failed).toBeVisible();
    await expect(failed).toHaveAttribute('role', 'alert');
    await expect(failed).toContainText('Pishkhan did not start');
    await expect(failed).toContainText('پیشخوان باز نشد');
    await expect(page.locator('#boot.app-shell')).toHaveCount(0);

    // The rest of the upload arrives: Reload starts B.
    deploy(B, SITE, { only: 'hashed', deleteOld: false });
    await failed.getByRole('link', { name: 'Reload' }).click();
    await expect(page.locator('#home-search')).toBeVisible();
    await expect(page.locator('#boot')).toHaveCount(0);
    expect(await runningBoot(page)).toBe(bootOf(B));
  });
});

test.describe('boot time-out', () => {
  test('an app that has not started after 20 s says so with Reload', async ({ page }) => {
    await page.clock.install();
    // Time stands still but for runFor below (the page's own start-up takes real time).
    await page.clock.pauseAt(Date.now() + 1_000);
    // The WebAssembly never arrives (a stalled connection).
    await page.route(/\/pishkhan-[0-9a-f]+_bg\.wasm$/, () => undefined);
    await gotoApp(page, '/', { locale: 'en', started: false });
    // The shell stays, hidden (its language is not the one this visitor chose).
    await expect(page.locator('#boot.app-shell')).toBeHidden();
    await expect(page.locator('#boot.app-shell')).toHaveCount(1);
    await page.clock.runFor(19_000);
    await expect(page.locator('[data-testid=boot-failed]')).toHaveCount(0);
    await page.clock.runFor(2_000);
    const failed = page.locator('[data-testid=boot-failed]');
    await expect(failed).toBeVisible();
    await expect(failed.getByRole('link', { name: 'Reload' })).toHaveAttribute('href', page.url());
  });

  test('an app that started is left alone by the time-out', async ({ page }) => {
    await page.clock.install();
    await gotoApp(page, '/', { locale: 'en' });
    await expect(page.locator('#home-search')).toBeVisible();
    await page.clock.runFor(25_000);
    await expect(page.locator('#boot')).toHaveCount(0);
    await expect(page.locator('[data-testid=boot-failed]')).toHaveCount(0);
    await expect(page.locator('#home-search')).toBeVisible();
  });
});

test.describe('startup.js pishkhanBuildReplaced, without a browser', () => {
  /** Runs src/platform/startup.js in a fake page that loads /boot-<ours>.js; fetch answers `answer`. */
  function replaced(answer: () => Promise<Response>): Promise<boolean> {
    const window: Record<string, unknown> = {};
    const ownBoot = { getAttribute: () => '/boot-0123456789abcdef.js' };
    vm.runInNewContext(readFileSync(join(ROOT, 'src', 'platform', 'startup.js'), 'utf8'), {
      window,
      document: { currentScript: { dataset: {} }, querySelector: () => ownBoot, getElementById: () => null, documentElement: { lang: 'fa', dataset: {} } },
      localStorage: { getItem: () => null },
      MutationObserver: class { observe() {} disconnect() {} },
      location: { href: 'https://x.example/' },
      addEventListener: () => undefined,
      setTimeout: () => 0,
      fetch: answer,
    });
    return (window.pishkhanBuildReplaced as () => Promise<boolean>)();
  }
  const html = (boot: string, status = 200, type = 'text/html; charset=utf-8') =>
    () => Promise.resolve(new Response(`<html><script type="module" src="${boot}"></script>`, { status, headers: { 'content-type': type } }));

  test('true only when the server\'s index.html loads another boot script', async () => {
    expect(await replaced(html('/boot-0123456789abcdef.js')), 'the same build').toBe(false);
    expect(await replaced(html('/boot-fedcba9876543210.js')), 'another build').toBe(true);
    expect(await replaced(() => Promise.reject(new TypeError('Failed to fetch'))), 'offline').toBe(false);
    expect(await replaced(html('/boot-fedcba9876543210.js', 503)), 'an error status').toBe(false);
    expect(await replaced(html('/boot-fedcba9876543210.js', 200, 'application/json')), 'not HTML').toBe(false);
    const portal = () => Promise.resolve(new Response('<html>Log in to the Wi-Fi</html>', { headers: { 'content-type': 'text/html' } }));
    expect(await replaced(portal), 'a captive portal is no Pishkhan build').toBe(false);
  });
});
