// The post-build stages (tools/postbuild.mjs runs tools/postbuild/{split,csp,shells,sw}.mjs) and the
// service worker they generate, without a browser: the inline loader leaves index.html, the
// worker's cache version follows the content of every precached file, and a build that was not
// code-split is stopped with a message naming scripts/build.sh. The worker itself runs in a fake
// worker scope against a fake server (tests below `harness`): through three deployments it keeps
// the previous build's shell and drops older ones (the saved API data stays), stores only its
// own build's HTML as the shell, refuses to install beside another build's index.html, and works
// offline on a first visit. The same in a real browser with real deployments: deploy.spec.ts.
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import vm from 'node:vm';

const ROOT = join(__dirname, '..', '..');

/** Writes a fake Trunk staging dir. */
function staging(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'pishkhan-postbuild-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

// The CSP and service-worker stages, in the driver's order, on a staging dir (the fake build
// below has no split WebAssembly, which the driver's first stage rightly refuses).
const CSP_AND_SW = `
const { csp } = await import(${JSON.stringify(join(ROOT, 'tools', 'postbuild', 'csp.mjs'))});
const { sw } = await import(${JSON.stringify(join(ROOT, 'tools', 'postbuild', 'sw.mjs'))});
const ctx = { staging: process.env.TRUNK_STAGING_DIR, publicUrl: process.env.TRUNK_PUBLIC_URL };
csp(ctx);
sw(ctx);
`;

/** A fake Trunk staging dir through the CSP and service-worker stages; returns the generated sw.js and the names in the dir. */
function postbuild(files: Record<string, string>): { sw: string; html: string; names: string[] } {
  const dir = staging(files);
  try {
    execFileSync('node', ['--input-type=module', '-e', CSP_AND_SW], {
      env: { ...process.env, TRUNK_STAGING_DIR: dir, TRUNK_PUBLIC_URL: '/' },
      stdio: 'pipe',
    });
    return {
      sw: readFileSync(join(dir, 'sw.js'), 'utf8'),
      html: readFileSync(join(dir, 'index.html'), 'utf8'),
      names: readdirSync(dir),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const BUILD = {
  'index.html':
    '<!doctype html><html><head><link rel="stylesheet" href="/base-0123456789abcdef.css">' +
    '<script type="module">import init from "/pishkhan-0123456789abcdef.js"; init("/pishkhan-0123456789abcdef_bg.wasm");</script>' +
    '</head><body></body></html>',
  'pishkhan-0123456789abcdef.js': 'export default function init() {}',
  'pishkhan-0123456789abcdef_bg.wasm': 'wasm',
  'base-0123456789abcdef.css': 'body{}',
  'fonts/vazirmatn-subset.woff2': 'font v1',
  'manifest.webmanifest': '{}',
  'config.json': '{"api_base_url":"api/v1"}',
  'api/v1/meta.json': '{}',
};

const version = (sw: string) => sw.match(/const VERSION = "([0-9a-f]{16})";/)?.[1];

test('the inline loader moves to an external boot script', () => {
  const { html, names } = postbuild(BUILD);
  expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  const boot = names.find((n) => /^boot-[0-9a-f]{16}\.js$/.test(n));
  expect(boot).toBeTruthy();
  expect(html).toContain(`<script type="module" src="/${boot}"></script>`);
});

test('the worker version changes with the content of any precached file, and only then', () => {
  const a = version(postbuild(BUILD).sw);
  expect(a).toBeTruthy();
  expect(version(postbuild(BUILD).sw), 'deterministic').toBe(a);
  // Same names, new font content: a new version (the old cached font must not stick).
  expect(version(postbuild({ ...BUILD, 'fonts/vazirmatn-subset.woff2': 'font v2' }).sw)).not.toBe(a);
  // A new hashed build.
  const renamed = Object.fromEntries(Object.entries(BUILD).map(([k, v]) => [k.replace('0123456789abcdef', 'fedcba9876543210'), v.replaceAll('0123456789abcdef', 'fedcba9876543210')]));
  expect(version(postbuild(renamed).sw)).not.toBe(a);
  // API data is not part of the shell.
  expect(version(postbuild({ ...BUILD, 'api/v1/meta.json': '{"x":1}' }).sw)).toBe(a);
});

/**
 * The build's files as a fake server answers them (nginx/pishkhan.conf: a route without a file
 * extension is its shell, `route/index.html`, else app.html — index.html in a build without route
 * shells; a missing file is a 404).
 */
function server(files: Record<string, string>) {
  return async (input: unknown) => {
    const url = new URL(typeof input === 'string' ? input : (input as { url: string }).url);
    const route = url.pathname.slice(1).replace(/\/$/, '');
    const fallback = files['app.html'] !== undefined ? 'app.html' : 'index.html';
    const path = /\.[a-z0-9]+$/.test(url.pathname) ? url.pathname.slice(1)
      : route === '' ? 'index.html' : files[`${route}/index.html`] !== undefined ? `${route}/index.html` : fallback;
    const body = files[path];
    if (body === undefined) return new Response('Not Found', { status: 404, headers: { 'content-type': 'text/html' } });
    const type = path.endsWith('.html') ? 'text/html; charset=utf-8' : path.endsWith('.json') ? 'application/json' : 'text/plain';
    return new Response(body, { status: 200, headers: { 'content-type': type } });
  };
}

type Stored = { body: string; status: number; headers: [string, string][] };
type Fetch = (input: unknown) => Promise<Response>;

/**
 * The generated worker in a fake ServiceWorkerGlobalScope, with a CacheStorage that keeps caches
 * in creation order (as browsers do) and answers with real Responses. `net.fetch` is the network;
 * swap it to deploy another build or go offline.
 */
function harness(sw: string, store = new Map<string, Map<string, Stored>>()) {
  const net: { fetch: Fetch } = { fetch: () => Promise.reject(new TypeError('Failed to fetch')) };
  const key = (k: unknown) => (typeof k === 'string' ? k : (k as { url: string }).url);
  const revive = (s: Stored | undefined) => (s ? new Response(s.body, { status: s.status, headers: s.headers }) : undefined);
  const cacheOf = (name: string) => {
    if (!store.has(name)) store.set(name, new Map());
    const c = store.get(name)!;
    const put = async (k: unknown, res: Response) =>
      void c.set(key(k), { body: await res.text(), status: res.status, headers: [...res.headers.entries()] });
    return {
      put,
      addAll: async (urls: string[]) => {
        for (const u of urls) {
          const res = await net.fetch(u);
          if (!res.ok) throw new TypeError(`addAll: ${u} answered ${res.status}`);
          await put(u, res);
        }
      },
      match: async (k: unknown) => revive(c.get(key(k))),
    };
  };
  const caches = {
    open: async (n: string) => cacheOf(n),
    keys: async () => [...store.keys()],
    delete: async (n: string) => store.delete(n),
    has: async (n: string) => store.has(n),
    match: async (k: unknown) => {
      for (const c of store.values()) if (c.has(key(k))) return revive(c.get(key(k)));
      return undefined;
    },
  };
  const listeners: Record<string, (e: unknown) => void> = {};
  const state = { claimed: false, skipped: false };
  const self = {
    registration: { scope: 'https://x.example/' },
    addEventListener: (type: string, f: (e: unknown) => void) => (listeners[type] = f),
    skipWaiting: async () => void (state.skipped = true),
    clients: { claim: async () => void (state.claimed = true) },
  };
  vm.runInNewContext(sw, {
    self, caches, URL, Headers, Response, setTimeout, clearTimeout, Promise,
    fetch: (input: unknown) => net.fetch(input),
  });
  const lifecycle = async (type: 'install' | 'activate') => {
    let done: Promise<unknown> = Promise.resolve();
    listeners[type]({ waitUntil: (p: Promise<unknown>) => (done = p) });
    await done;
  };
  /** What the worker answers for a GET (undefined: it leaves the request to the browser). */
  const get = async (url: string, mode = 'cors', headers = new Headers()) => {
    let answer: Promise<Response> | undefined;
    listeners.fetch({ request: { url, method: 'GET', mode, headers }, respondWith: (p: Promise<Response>) => (answer = p) });
    return answer ? await answer : undefined;
  };
  return { store, net, state, lifecycle, get };
}

/** BUILD deployed again with every hash renamed (a new build, as the server sees it). */
function rebuilt(files: Record<string, string>, from: string, to: string): Record<string, string> {
  return Object.fromEntries(Object.entries(files).map(([k, v]) => [k.replaceAll(from, to), v.replaceAll(from, to)]));
}

// The CSP stage, route shells made from its index.html (as tools/postbuild/shells.mjs does, each
// marked with its route), then the service-worker stage.
const CSP_SHELLS_SW = `
const { writeFileSync, readFileSync, mkdirSync } = await import('node:fs');
const { csp } = await import(${JSON.stringify(join(ROOT, 'tools', 'postbuild', 'csp.mjs'))});
const { sw } = await import(${JSON.stringify(join(ROOT, 'tools', 'postbuild', 'sw.mjs'))});
const dir = process.env.TRUNK_STAGING_DIR;
const ctx = { staging: dir, publicUrl: process.env.TRUNK_PUBLIC_URL };
csp(ctx);
const html = readFileSync(dir + '/index.html', 'utf8');
mkdirSync(dir + '/offices');
writeFileSync(dir + '/offices/index.html', html.replace('<body>', '<body data-shell="offices">'));
writeFileSync(dir + '/app.html', html.replace('<body>', '<body data-shell="neutral">'));
sw(ctx);
`;

/** The files as deployed: BUILD after the post-build stages (index.html with its boot script, sw.js; with `shells`, the route shells). */
function deployed(files: Record<string, string>, shells = false): { sw: string; files: Record<string, string> } {
  const dir = staging(files);
  try {
    execFileSync('node', ['--input-type=module', '-e', shells ? CSP_SHELLS_SW : CSP_AND_SW], {
      env: { ...process.env, TRUNK_STAGING_DIR: dir, TRUNK_PUBLIC_URL: '/' },
      stdio: 'pipe',
    });
    const out: Record<string, string> = {};
    for (const name of readdirSync(dir, { recursive: true }) as string[]) {
      try {
        out[name.split('\\').join('/')] = readFileSync(join(dir, name), 'utf8');
      } catch {
        // a directory
      }
    }
    return { sw: out['sw.js'], files: out };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('install precaches the shell under the fallback key; activate keeps saved data', async () => {
  const { sw, files } = deployed(BUILD);
  const v = version(sw);
  const w = harness(sw, new Map([
    ['pishkhan-data-v1', new Map([['https://x.example/api/v1/meta.json', { body: 'saved', status: 200, headers: [] }]])],
    ['someone-elses-cache', new Map()],
  ]));
  w.net.fetch = server(files);
  await w.lifecycle('install');
  const shell = w.store.get(`pishkhan-shell-${v}`);
  expect(shell, 'the versioned shell cache').toBeTruthy();
  expect([...shell!.keys()].map((u) => u.replace(/boot-[0-9a-f]{16}\.js$/, 'boot-<hash>.js')).sort()).toEqual(
    [
      'https://x.example/',
      'https://x.example/base-0123456789abcdef.css',
      'https://x.example/config.json',
      'https://x.example/fonts/vazirmatn-subset.woff2',
      'https://x.example/manifest.webmanifest',
      'https://x.example/pishkhan-0123456789abcdef.js',
      'https://x.example/pishkhan-0123456789abcdef_bg.wasm',
      'https://x.example/boot-<hash>.js',
    ].sort(),
  );
  expect(shell!.get('https://x.example/')!.body).toBe(files['index.html']);
  expect(w.state.skipped).toBe(true);
  await w.lifecycle('activate');
  expect([...w.store.keys()].sort()).toEqual([`pishkhan-shell-${v}`, 'pishkhan-data-v1', 'someone-elses-cache'].sort());
  expect(w.store.get('pishkhan-data-v1')!.size).toBe(1);
  expect(w.state.claimed).toBe(true);
});

test('install fails when the server still has another build\'s index.html (sw.js uploaded before it)', async () => {
  const a = deployed(BUILD);
  const b = deployed(rebuilt(BUILD, '0123456789abcdef', 'fedcba9876543210'));
  const w = harness(b.sw);
  // B's hashed files and sw.js are up, index.html is still A's.
  w.net.fetch = server({ ...b.files, 'index.html': a.files['index.html'] });
  await expect(w.lifecycle('install')).rejects.toThrow(/index\.html is not build/);
  expect(w.state.skipped, 'the old worker stays').toBe(false);
  expect([...w.store.keys()], 'no half-made shell is left').toEqual([]);
});

test('three deployments: activate keeps the previous build\'s modules, drops older ones', async () => {
  const builds = ['0123456789abcdef', 'aaaaaaaaaaaaaaaa', 'bbbbbbbbbbbbbbbb'].map((h) =>
    deployed(h === '0123456789abcdef' ? BUILD : rebuilt(BUILD, '0123456789abcdef', h)));
  const store = new Map<string, Map<string, Stored>>();
  const workers = builds.map((b) => {
    const w = harness(b.sw, store);
    w.net.fetch = server(b.files);
    return w;
  });
  for (const w of workers.slice(0, 2)) {
    await w.lifecycle('install');
    await w.lifecycle('activate');
  }
  const [va, vb, vc] = builds.map((b) => `pishkhan-shell-${version(b.sw)}`);
  expect([...store.keys()]).toEqual([va, vb]);
  // A tab still on build A, after B was deployed and A's files deleted from the server: its
  // not yet opened module comes from the kept cache.
  const gone = server(builds[1].files);
  workers[1].net.fetch = gone;
  const oldModule = await workers[1].get('https://x.example/pishkhan-0123456789abcdef_bg.wasm');
  expect(oldModule!.status).toBe(200);
  expect(await oldModule!.text()).toBe('wasm');
  // Build C: A's shell goes, B's stays for B's tabs.
  await workers[2].lifecycle('install');
  await workers[2].lifecycle('activate');
  expect([...store.keys()]).toEqual([vb, vc]);
  workers[2].net.fetch = server(builds[2].files);
  expect((await workers[2].get('https://x.example/pishkhan-0123456789abcdef_bg.wasm'))!.status, 'two builds behind: a 404').toBe(404);
  expect((await workers[2].get('https://x.example/pishkhan-aaaaaaaaaaaaaaaa_bg.wasm'))!.status).toBe(200);
});

test('only this build\'s HTML navigations update the shell; offline, any route gets it', async () => {
  const { sw, files } = deployed(BUILD);
  const other = deployed(rebuilt(BUILD, '0123456789abcdef', 'fedcba9876543210'));
  const w = harness(sw);
  w.net.fetch = server({ ...files, 'robots.txt': 'User-agent: *', 'api/v1/meta.json': '{"raw":true}' });
  await w.lifecycle('install');
  await w.lifecycle('activate');
  const shellNow = () => w.store.get(`pishkhan-shell-${version(sw)}`)!.get('https://x.example/')!.body;
  // A navigation to a non-HTML file (robots.txt, a JSON document) is passed through, not stored.
  expect(await (await w.get('https://x.example/robots.txt', 'navigate'))!.text()).toBe('User-agent: *');
  expect(await (await w.get('https://x.example/api/v1/meta.json', 'navigate'))!.text()).toBe('{"raw":true}');
  expect(shellNow()).toBe(files['index.html']);
  // Another build's index.html (deployed while this worker runs): shown, not stored as this build's shell.
  w.net.fetch = server(other.files);
  expect(await (await w.get('https://x.example/about', 'navigate'))!.text()).toBe(other.files['index.html']);
  expect(shellNow()).toBe(files['index.html']);
  // This build's own, edited by the operator: stored under the fallback key.
  const edited = files['index.html'].replace('<body>', '<body data-edited>');
  w.net.fetch = server({ ...files, 'index.html': edited });
  await w.get('https://x.example/offices', 'navigate');
  expect(shellNow()).toBe(edited);
  // Offline: every route (and the file itself) gets that shell.
  w.net.fetch = () => Promise.reject(new TypeError('Failed to fetch'));
  for (const route of ['https://x.example/', 'https://x.example/about', 'https://x.example/robots.txt']) {
    expect(await (await w.get(route, 'navigate'))!.text(), route).toBe(edited);
  }
});

test('offline before any page was opened under the worker: the precached shell and config.json', async () => {
  // A first visit: its requests went out before the worker took over, so nothing but the
  // install's precache is on the device when the network goes.
  const { sw, files } = deployed(BUILD);
  const w = harness(sw);
  w.net.fetch = server(files);
  await w.lifecycle('install');
  w.net.fetch = () => Promise.reject(new TypeError('Failed to fetch'));
  // Any path of the app, opened offline: the shell, precached as './'.
  expect(await (await w.get('https://x.example/offices/IR-23/IR-23-00001', 'navigate'))!.text()).toBe(files['index.html']);
  // config.json: the deployment's precached copy, so the app starts.
  expect(await (await w.get('https://x.example/config.json'))!.text()).toBe(files['config.json']);
  // API data never fetched: the marked 503 the app turns into "not available offline".
  const meta = (await w.get('https://x.example/api/v1/meta.json'))!;
  expect(meta.status).toBe(503);
  expect(meta.headers.get('x-pishkhan-offline')).toBe('1');
});

test('route shells: a navigation stores its route\'s shell; offline, a static route gets its own, any other path the neutral one', async () => {
  const { sw, files } = deployed(BUILD, true);
  expect(sw, 'the worker precaches the shells').toContain('"offices/index.html"');
  const w = harness(sw);
  w.net.fetch = server(files);
  await w.lifecycle('install');
  await w.lifecycle('activate');
  const cached = (key: string) => w.store.get(`pishkhan-shell-${version(sw)}`)!.get(`https://x.example/${key}`)?.body;
  // Online: the edited offices shell is stored under its own key; the home page's is untouched.
  const edited = files['offices/index.html'].replace('<body', '<body data-edited');
  w.net.fetch = server({ ...files, 'offices/index.html': edited });
  expect(await (await w.get('https://x.example/offices?province=IR-23', 'navigate'))!.text()).toBe(edited);
  expect(cached('offices/index.html')).toBe(edited);
  expect(cached('')).toBe(files['index.html']);
  // Offline.
  w.net.fetch = () => Promise.reject(new TypeError('Failed to fetch'));
  const offline = async (path: string) => (await (await w.get(`https://x.example/${path}`, 'navigate'))!.text());
  expect(await offline('')).toBe(files['index.html']);
  expect(await offline('index.html')).toBe(files['index.html']);
  expect(await offline('offices')).toBe(edited);
  expect(await offline('offices/')).toBe(edited);
  for (const path of ['offices/IR-23/IR-23-00001', 'services/smart-id-card', 'no-such-page']) {
    expect(await offline(path), `${path}: the neutral shell, never the home page`).toBe(files['app.html']);
  }
});

test('a request with an Authorization header is left to the browser: never cached or answered', async () => {
  const { sw, files } = deployed(BUILD);
  const w = harness(sw);
  w.net.fetch = server(files);
  await w.lifecycle('install');
  const signedIn = new Headers({ authorization: 'Bearer t' });
  expect(await w.get('https://x.example/api/v1/provinces/IR-23/licences.json', 'cors', signedIn)).toBeUndefined();
  expect(await w.get('https://x.example/config.json', 'cors', signedIn)).toBeUndefined();
  expect(w.store.has('pishkhan-data-v1')).toBe(false);
});

test('a build that was not code-split stops the post-build, naming scripts/build.sh', () => {
  const dir = staging(BUILD);
  try {
    let failure: { status?: number; stderr?: Buffer } | undefined;
    try {
      execFileSync('node', [join(ROOT, 'tools', 'postbuild.mjs')], {
        env: { ...process.env, TRUNK_STAGING_DIR: dir, TRUNK_PUBLIC_URL: '/' },
        stdio: 'pipe',
      });
    } catch (err) {
      failure = err as { status?: number; stderr?: Buffer };
    }
    expect(failure, 'postbuild.mjs must fail').toBeTruthy();
    expect(failure?.status).not.toBe(0);
    expect(String(failure?.stderr)).toMatch(/not code-split.*scripts\/build\.sh/);
    // Nothing was published half-done: no boot script, no service worker.
    expect(readdirSync(dir).filter((n) => n.startsWith('boot-') || n === 'sw.js')).toEqual([]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
