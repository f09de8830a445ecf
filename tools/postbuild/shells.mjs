// Post-build stage 3: pre-rendered route shells (issue 14). For every static route, the HTML the
// server sends already shows what the route shows before its data: header and navigation, the
// page's heading and intro, its search form, the loading state — in the deployment's default
// language (config.json's `default_locale`).
//
// They are not written by hand: this stage runs the app itself. It serves the staging directory
// (under the public URL) on 127.0.0.1, opens each route in Debian's Chromium with the API held
// unanswered (the page stays in its pre-data state) and config.json answered, waits for the
// page's <h1>, and writes what the app rendered into the body into that route's file, inside the
// same <head> as index.html: dist/index.html (home), dist/offices/index.html, … Paths with an id
// (/offices/:province/:id, …) and unknown paths get dist/app.html: the same header, navigation
// and footer, a loading line in <main>, no page heading (the server's SPA fallback, see
// nginx/pishkhan.conf and docs/deploy.md).
//
// In the browser, src/platform/startup.js keeps the shell on screen until the app has rendered
// its own first view, then swaps them in one task (typed text and focus carried over); style/
// base.css hides the app's nodes meanwhile. Runs before sw.mjs, which precaches the shells.
import { createServer } from 'node:http';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fail } from './util.mjs';

/** Every static route (src/app/mod.rs) and its file; the neutral shell for everything else. */
export const SHELLS = [
  { path: '', file: 'index.html' },
  { path: 'offices', file: 'offices/index.html' },
  { path: 'services', file: 'services/index.html' },
  { path: 'licences', file: 'licences/index.html' },
  { path: 'dashboard', file: 'dashboard/index.html' },
  { path: 'dashboard/gaps', file: 'dashboard/gaps/index.html' },
  { path: 'about', file: 'about/index.html' },
  // A page with an id, rendered before its data: header, navigation, a loading line (its
  // heading, which names the kind of page, is dropped).
  { path: 'services/-', file: 'app.html', neutral: true },
];

/** The placeholder of index.html that a shell replaces (the boot time-out fills it too). */
const BOOT = /<div id="boot" class="app-boot" role="status">[\s\S]*?<\/div>/;

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json',
  '.woff2': 'font/woff2', '.svg': 'image/svg+xml', '.webmanifest': 'application/manifest+json',
};

/** Serves `staging` under `publicUrl`; any path that is not a file gets `html` (the SPA fallback). */
function serve(staging, publicUrl, html) {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    const rel = path.startsWith(publicUrl) ? path.slice(publicUrl.length) : null;
    const file = rel === null ? null : normalize(join(staging, rel));
    if (file && file.startsWith(staging + sep) && existsSync(file) && statSync(file).isFile()) {
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(readFileSync(file));
    } else {
      res.writeHead(rel === null ? 404 : 200, { 'content-type': TYPES['.html'] });
      res.end(html);
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** In the page: the app's body, as a shell (markers, scripts and the placeholder left out). */
function capture(neutral) {
  const main = document.querySelector('main');
  // The skip link: the app moves the focus itself; in the shell (no script yet, or none at all)
  // "#main-content" would resolve against <base href> and open the home page.
  const skip = document.querySelector('a[href="#main-content"]');
  if (skip && neutral) skip.remove();
  else if (skip) skip.setAttribute('href', `${location.pathname}#main-content`);
  if (neutral) {
    // The loading line only: no heading, nothing of a particular page.
    const loading = main.querySelector('.app-loading');
    main.replaceChildren(...(loading ? [loading] : []));
    for (const a of document.querySelectorAll('[aria-current]')) a.removeAttribute('aria-current');
  }
  // Test hooks belong to the app (a test never finds the shell's copy of an element), and cost
  // first-load bytes.
  for (const el of document.body.querySelectorAll('[data-testid]')) el.removeAttribute('data-testid');
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_COMMENT);
  const comments = [];
  while (walker.nextNode()) comments.push(walker.currentNode);
  for (const c of comments) c.remove();
  const parts = [...document.body.children]
    .filter((el) => !['SCRIPT', 'NOSCRIPT'].includes(el.tagName) && el.id !== 'boot')
    .map((el) => el.outerHTML);
  return {
    body: parts.join('\n'),
    lang: document.documentElement.lang,
    dir: document.documentElement.dir,
    title: document.title,
  };
}

const escapeHtml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export async function shells({ staging, publicUrl }) {
  const indexPath = join(staging, 'index.html');
  // index.html's comments are for its readers here, not first-load bytes for every visitor (and
  // Trunk leaves blank lines where its <link data-trunk> tags were).
  const template = readFileSync(indexPath, 'utf8').replace(/<!--[\s\S]*?-->/g, '').replace(/\n\s*\n/g, '\n');
  if (!BOOT.test(template)) fail('index.html has no <div id="boot" class="app-boot" role="status"> placeholder for the shells');
  let config;
  try {
    config = JSON.parse(readFileSync(join(staging, 'config.json'), 'utf8'));
  } catch (e) {
    fail(`shells: config.json is unreadable (${e.message})`);
  }
  const chrome = process.env.CHROME_PATH || '/usr/bin/chromium';
  if (!existsSync(chrome)) fail(`shells: no Chromium at ${chrome} (scripts/setup.sh installs Debian's)`);
  const { chromium } = await import('@playwright/test');
  const server = await serve(staging, publicUrl, template);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const base = `${origin}${publicUrl}`;
  const apiBase = new URL(String(config.api_base_url ?? ''), base).href.replace(/\/?$/, '/');
  const browser = await chromium.launch({
    executablePath: chrome,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const written = [];
  try {
    const context = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 1280, height: 800 } });
    // The API is held unanswered, so every page stays as it is before its data; anything off
    // this server is refused.
    await context.route(() => true, (route) => {
      const url = route.request().url();
      if (url.startsWith(apiBase)) return undefined;
      return url.startsWith(origin) ? route.continue() : route.abort();
    });
    for (const shell of SHELLS) {
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(e.message));
      // The lazily loaded modules this route downloads before its data: its shell preloads
      // them, so they arrive beside the main module instead of after it has run.
      const modules = [];
      page.on('request', (req) => {
        const url = req.url();
        if (url.startsWith(base) && /\.wasm$/.test(url) && !/_bg\.wasm$/.test(url) && !modules.includes(url)) modules.push(url);
      });
      await page.goto(base + shell.path);
      const ready = shell.neutral ? 'main .app-loading' : 'main h1';
      try {
        await page.waitForFunction((sel) => !document.getElementById('boot') && document.querySelector(sel), ready, { timeout: 60_000 });
        // Two frames: anything the first view schedules (effects) has run.
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      } catch {
        fail(`shells: ${publicUrl}${shell.path} did not show '${ready}' before its data${errors.length ? ` (${errors.join('; ')})` : ''}`);
      }
      const got = await page.evaluate(capture, !!shell.neutral);
      await page.close();
      // The API base as the browser resolved it names this server: keep the path only.
      const body = got.body.replaceAll(origin, '');
      // The strict CSP refuses inline styles (and scripts): a shell may carry none.
      if (/<script|\sstyle=|\son[a-z]+=/i.test(body)) fail(`shells: ${publicUrl}${shell.path} rendered an inline script, style or handler`);
      let html = template
        .replace(BOOT, () => `<div id="boot" class="app-shell">\n${body}\n</div>`)
        .replace(/<html lang="[^"]*" dir="[^"]*">/, `<html lang="${got.lang}" dir="${got.dir}">`);
      const preloads = modules
        .map((url) => `<link rel="preload" href="${publicUrl}${url.slice(base.length)}" crossorigin="anonymous" as="fetch" type="application/wasm">`)
        .join('\n');
      if (preloads && !shell.neutral) html = html.replace('</head>', () => `${preloads}\n</head>`);
      if (!shell.neutral && got.title) {
        html = html.replace(/<title>[^<]*<\/title>/, () => `<title>${escapeHtml(got.title)}</title>`);
      }
      const out = join(staging, shell.file);
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, html);
      written.push(shell.file);
    }
  } finally {
    await browser.close();
    server.close();
  }
  console.log(`postbuild: route shells ${written.join(', ')}`);
}
