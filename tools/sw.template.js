// Pishkhan service worker (generated into dist/sw.js by tools/postbuild.mjs; do not edit there).
//
// - The app shell (HTML, JS, WASM, CSS, font, config, and every lazily loaded module) is
//   precached per deployment in a versioned cache, index.html under the scope URL ('./') and
//   the other route shells (tools/postbuild/shells.mjs: offices/index.html, …, and app.html for
//   every other path) under their own names. Install fails (and the old worker stays) unless the
//   HTML it got names this build's boot script: a worker never holds another build's shell.
// - On activation the previous deployment's shell cache is kept and older ones are deleted: a
//   tab still running the previous build can lazily load the modules it had not opened yet even
//   after the server deleted them; a tab two builds behind gets a 404 and the app offers a
//   reload ("a new version is available"). Navigations are network-first, so a new deployment
//   is used on the next visit.
// - A navigation updates its route's shell (the one the server answers that path with, as
//   ROUTES says) only with an HTML 200 of this same build (never robots.txt, a JSON file or
//   another build's index.html). Offline, a navigation gets its route's shell, else the neutral
//   one (app.html), so an unknown path never shows the home page.
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
// The shell's one key: PRECACHE lists it as './' (the scope URL); navigations store and read it there.
const shellUrl = scopeUrl.href;
// Each static route's shell ('' is the home page, './'), and the one for every other path.
const ROUTES = __ROUTES__;
const FALLBACK = new URL(__FALLBACK__, scopeUrl).href;

/** The key of the shell the server answers a navigation to `url` with. */
function shellKey(url) {
  const path = new URL(url).pathname;
  const rel = path.startsWith(scopeUrl.pathname) ? path.slice(scopeUrl.pathname.length).replace(/\/+$/, '') : null;
  const file = rel === 'index.html' ? ROUTES[''] : rel === null ? undefined : ROUTES[rel];
  return file === undefined ? FALLBACK : new URL(file, scopeUrl).href;
}
// This build's boot script (boot-<hash>.js, tools/postbuild/csp.mjs): how a page of HTML is known
// to be this build's shell.
const BOOT = PRECACHE.find((p) => /(^|\/)boot-[0-9a-f]{16}\.js$/.test(p));

/** Whether `html` is this build's index.html (it loads this build's boot script). */
function isOwnShell(html) {
  return BOOT !== undefined && html.includes(new URL(BOOT, scopeUrl).pathname);
}

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(SHELL);
    await cache.addAll(PRECACHE.map((p) => new URL(p, scopeUrl).href));
    // index.html uploaded after sw.js (or a cache in between serving an old one): not this
    // build's shell. Fail the install; the browser tries again on a later visit.
    const html = await cache.match(shellUrl);
    if (!html || !isOwnShell(await html.text())) {
      await caches.delete(SHELL);
      throw new Error(`the server's index.html is not build ${VERSION}'s`);
    }
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    // caches.keys() lists caches in creation order: the last other shell is the previous build's.
    const older = (await caches.keys()).filter((k) => k.startsWith('pishkhan-shell-') && k !== SHELL);
    await Promise.all(older.slice(0, -1).map((k) => caches.delete(k)));
    await self.clients.claim();
  })());
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
    const type = response.headers.get('content-type') || '';
    if (response.status === 200 && type.startsWith('text/html')) {
      const copy = response.clone();
      if (isOwnShell(await response.clone().text())) {
        await (await caches.open(SHELL)).put(shellKey(request.url), copy);
      }
    }
    return response;
  } catch (_) {
    // This build's shell of the route first; any kept build's if this one's was never stored;
    // then the neutral shell, then the home page's (a build from before the route shells).
    const own = await caches.open(SHELL);
    for (const key of new Set([shellKey(request.url), FALLBACK, shellUrl])) {
      const cached = (await own.match(key)) || (await caches.match(key));
      if (cached) return cached;
    }
    return Response.error();
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
