// The post-build stages (tools/postbuild.mjs runs tools/postbuild/{split,csp,sw}.mjs) and the
// service worker they generate, without a browser: the inline loader leaves index.html, the
// worker's cache version follows the content of every precached file, a new worker deletes the
// shell caches of older deployments on activation (the saved API data stays), and a build that
// was not code-split is stopped with a message naming scripts/build.sh.
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

test('install precaches the shell; activate deletes older shells and keeps saved data', async () => {
  const { sw } = postbuild(BUILD);
  const v = version(sw);
  const store = new Map<string, Map<string, unknown>>([
    ['pishkhan-shell-0000000000000000', new Map()],
    ['pishkhan-data-v1', new Map([['https://x.example/api/v1/meta.json', 'saved']])],
    ['someone-elses-cache', new Map()],
  ]);
  const cacheOf = (name: string) => {
    if (!store.has(name)) store.set(name, new Map());
    const c = store.get(name)!;
    return {
      addAll: async (urls: string[]) => urls.forEach((u) => c.set(u, 'precached')),
      put: async (k: string, val: unknown) => void c.set(String(k), val),
      match: async (k: string) => c.get(String(k)),
    };
  };
  const listeners: Record<string, (e: unknown) => void> = {};
  let claimed = false;
  const self = {
    registration: { scope: 'https://x.example/' },
    addEventListener: (type: string, f: (e: unknown) => void) => (listeners[type] = f),
    skipWaiting: async () => undefined,
    clients: { claim: async () => void (claimed = true) },
  };
  const caches = {
    open: async (n: string) => cacheOf(n),
    keys: async () => [...store.keys()],
    delete: async (n: string) => store.delete(n),
    match: async () => undefined,
  };
  vm.runInNewContext(sw, { self, caches, URL, Headers, setTimeout, clearTimeout, Promise, fetch: () => Promise.reject(new Error('offline')) });

  const run = async (type: string) => {
    let done: Promise<unknown> = Promise.resolve();
    listeners[type]({ waitUntil: (p: Promise<unknown>) => (done = p) });
    await done;
  };
  await run('install');
  const shell = store.get(`pishkhan-shell-${v}`);
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
  await run('activate');
  expect([...store.keys()].sort()).toEqual([`pishkhan-shell-${v}`, 'pishkhan-data-v1', 'someone-elses-cache'].sort());
  expect(store.get('pishkhan-data-v1')!.size).toBe(1);
  expect(claimed).toBe(true);
});

test('offline before any page was opened under the worker: the precached shell and config.json', async () => {
  // A first visit: its requests went out before the worker took over, so nothing but the
  // install's precache is on the device when the network goes.
  const { sw } = postbuild(BUILD);
  const store = new Map<string, Map<string, unknown>>();
  const cacheOf = (name: string) => {
    if (!store.has(name)) store.set(name, new Map());
    const c = store.get(name)!;
    const key = (k: unknown) => (typeof k === 'string' ? k : (k as { url: string }).url);
    return {
      addAll: async (urls: string[]) => urls.forEach((u) => c.set(u, `precached ${u}`)),
      put: async (k: unknown, val: unknown) => void c.set(key(k), val),
      match: async (k: unknown) => c.get(key(k)),
    };
  };
  const caches = {
    open: async (n: string) => cacheOf(n),
    keys: async () => [...store.keys()],
    delete: async (n: string) => store.delete(n),
    match: async (k: unknown) => {
      for (const name of store.keys()) {
        const hit = await cacheOf(name).match(k);
        if (hit) return hit;
      }
      return undefined;
    },
  };
  const listeners: Record<string, (e: unknown) => void> = {};
  const self = {
    registration: { scope: 'https://x.example/' },
    addEventListener: (type: string, f: (e: unknown) => void) => (listeners[type] = f),
    skipWaiting: async () => undefined,
    clients: { claim: async () => undefined },
  };
  vm.runInNewContext(sw, {
    self, caches, URL, Headers, Response, setTimeout, clearTimeout, Promise,
    fetch: () => Promise.reject(new TypeError('Failed to fetch')),
  });
  let installed: Promise<unknown> = Promise.resolve();
  listeners.install({ waitUntil: (p: Promise<unknown>) => (installed = p) });
  await installed;

  const get = async (url: string, mode = 'cors') => {
    let answer: Promise<unknown> | undefined;
    listeners.fetch({ request: { url, method: 'GET', mode, headers: new Headers() }, respondWith: (p: Promise<unknown>) => (answer = p) });
    expect(answer, `the worker answers ${url}`).toBeTruthy();
    return answer;
  };
  // Any path of the app, opened offline: the shell, precached as './'.
  expect(await get('https://x.example/offices/IR-23/IR-23-00001', 'navigate')).toBe('precached https://x.example/');
  // config.json: the deployment's precached copy, so the app starts.
  expect(await get('https://x.example/config.json')).toBe('precached https://x.example/config.json');
  // API data never fetched: the marked 503 the app turns into "not available offline".
  const meta = (await get('https://x.example/api/v1/meta.json')) as Response;
  expect(meta.status).toBe(503);
  expect(meta.headers.get('x-pishkhan-offline')).toBe('1');
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
