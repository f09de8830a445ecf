// Pishkhan service worker (generated into dist/sw.js by tools/postbuild.mjs; do not edit there).
//
// - The app shell (HTML, JS, WASM, CSS, font, config) is precached per deployment in a
//   versioned cache; older versions are deleted on activation, so a new deployment is picked
//   up on the next visit (navigations are network-first) without a stale-app trap.
// - Every JSON document is network-first with a time-out; the last good copy is kept and
//   served when the network fails, marked with `x-pishkhan-cached-at` so the app can say
//   "offline — data from <date>". With no copy, a 503 marked `x-pishkhan-offline` is returned.
// - Offline before any page was opened under the worker (a first visit: its requests went out
//   before the worker took over), a navigation gets the precached shell and config.json its
//   precached copy, so the app still starts and shows what the device holds (saved offices).
// - A request with an `Authorization` header (an official's document, fetched with their access
//   token) is not touched: never cached, never answered from a cache, so nothing read while
//   signed in can be shown to the next person on this device after sign-out.
const VERSION = '__VERSION__';
const SHELL = `pishkhan-shell-${VERSION}`;
const DATA = 'pishkhan-data-v1';
const PRECACHE = __PRECACHE__;
const NETWORK_TIMEOUT_MS = 6000;
const scopeUrl = new URL(self.registration.scope);
const indexUrl = new URL('index.html', scopeUrl).href;
// The shell as precached: PRECACHE lists it as './' (the scope URL), not as index.html.
const shellUrl = scopeUrl.href;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(SHELL)
      .then((cache) => cache.addAll(PRECACHE.map((p) => new URL(p, scopeUrl).href)))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys
        .filter((k) => k.startsWith('pishkhan-shell-') && k !== SHELL)
        .map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

function withTimeout(promise, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), ms);
    promise.then((v) => { clearTimeout(timer); resolve(v); }, (e) => { clearTimeout(timer); reject(e); });
  });
}

async function navigation(request) {
  try {
    const response = await withTimeout(fetch(request), NETWORK_TIMEOUT_MS);
    if (response.ok) {
      const cache = await caches.open(SHELL);
      await cache.put(indexUrl, response.clone());
    }
    return response;
  } catch (_) {
    const cached = (await caches.match(indexUrl)) || (await caches.match(shellUrl));
    return cached || Response.error();
  }
}

async function data(request) {
  const cache = await caches.open(DATA);
  try {
    const response = await withTimeout(fetch(request), NETWORK_TIMEOUT_MS);
    if (response.ok) {
      const headers = new Headers(response.headers);
      headers.set('x-pishkhan-cached-at', new Date().toISOString());
      const body = await response.clone().arrayBuffer();
      await cache.put(request, new Response(body, { status: 200, headers }));
      return response;
    }
    if (response.status >= 500) {
      const cached = await cache.match(request);
      if (cached) return cached;
    }
    return response;
  } catch (_) {
    // The last good copy, else the deployment's own (config.json is precached with the shell).
    const cached = (await cache.match(request)) || (await (await caches.open(SHELL)).match(request));
    if (cached) return cached;
    return new Response('{"error":"offline"}', {
      status: 503,
      headers: { 'content-type': 'application/json', 'x-pishkhan-offline': '1' },
    });
  }
}

async function shell(request) {
  const cached = await caches.match(request);
  return cached || fetch(request);
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  if (request.headers.has('authorization')) return;
  const url = new URL(request.url);
  if (request.mode === 'navigate') {
    event.respondWith(navigation(request));
  } else if (url.pathname.endsWith('/config.json')) {
    event.respondWith(data(request));
  } else if (url.pathname.endsWith('.json')) {
    event.respondWith(data(request));
  } else if (url.origin === scopeUrl.origin) {
    event.respondWith(shell(request));
  }
});
