// The benchmark behind scripts/bench.sh (not a test: it measures and prints, it never fails on a
// slow figure). Prints ONE markdown table on stdout; progress goes to stderr. Every measurement
// that fails becomes "n/a (<reason>)" in its row instead of aborting the table.
//
//   BENCH_BASE_URL  the site (dist/ served by the repo's nginx), e.g. http://127.0.0.1:8090/
//   BENCH_DIST      the dist/ directory (first-load sizes)
//   BENCH_X10       URL path of the ×10 dataset's api/v1 on the same origin (e.g. bench-x10/api/v1)
//   BENCH_LIGHTHOUSE=0  skip Lighthouse (heavy); BENCH_BROWSER=0 skip the Playwright part; BENCH_ROUNDS (default 5) keystroke rounds
import { chromium } from '@playwright/test';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { installReferenceSearch } from './fold.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');
const BASE = (process.env.BENCH_BASE_URL ?? 'http://127.0.0.1:8090/').replace(/\/?$/, '/');
const DIST = process.env.BENCH_DIST ?? join(repo, 'dist');
const X10 = process.env.BENCH_X10 ?? 'bench-x10/api/v1';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const CHROME = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const CHROME_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--enable-precise-memory-info',
];
const TEHRAN = { latitude: 35.6997, longitude: 51.338 };
const QUERIES = ['كرج', 'تهران خیابان', '10451', 'پیشخوان ولیعصر', 'karaj', 'ولی عصر'];

const log = (...a) => console.error('[bench]', ...a);
const rows = [];
const row = (measure, value, gzip = '', brotli = '', note = '') =>
  rows.push([measure, value, gzip, brotli, note]);
const na = (e) => `n/a (${String(e?.message ?? e).split('\n')[0].slice(0, 120)})`;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const ms = (n) => `${n.toFixed(2)} ms`;

async function measure(label, fn) {
  const t0 = Date.now();
  try {
    await fn();
  } catch (e) {
    log(`${label} failed:`, e?.stack ?? e);
    row(label, na(e));
  }
  log(`${label}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

// ---------------------------------------------------------------- first-load sizes
// The same list the CI size check uses (scripts/size-budget.sh --list): one definition of "first load".
function firstLoadFiles() {
  const out = execFileSync('bash', [join(repo, 'scripts', 'size-budget.sh'), '--list', DIST], { encoding: 'utf8' });
  return out.split('\n').filter(Boolean);
}

function kind(file) {
  const name = file.split('/').pop();
  if (name.endsWith('.html')) return 'HTML';
  if (name.startsWith('boot-')) return 'boot JS';
  if (name.startsWith('__wasm_split-')) return 'JS split loader';
  if (name.endsWith('.wasm')) return 'WASM';
  if (name.endsWith('.js')) return 'JS glue';
  if (name.endsWith('.css')) return 'CSS';
  if (name.endsWith('.woff2')) return 'font';
  return 'other';
}

function sizes() {
  let raw = 0, gz = 0, br = 0;
  for (const f of firstLoadFiles()) {
    const rel = f.slice(resolve(DIST).length + 1);
    if (!existsSync(f)) { row(`first load: ${rel}`, 'n/a (missing)'); continue; }
    const r = statSync(f).size;
    const g = execFileSync('gzip', ['-9', '-c', f], { maxBuffer: 1 << 28 }).length;
    const b = execFileSync('brotli', ['-q', '11', '-c', f], { maxBuffer: 1 << 28 }).length;
    raw += r; gz += g; br += b;
    row(`first load: ${kind(f)} \`${rel.replace(/-[0-9a-f]{8,16}/, '-…')}\``, `${r} B`, `${g} B`, `${b} B`);
  }
  row('**first load total** (budget 250,000 B br, aim 200,000 B)', `${raw} B (${kb(raw)})`, `${gz} B (${kb(gz)})`,
    `**${br} B (${kb(br)})**`, br <= 250_000 ? (br <= 200_000 ? 'within aim' : 'within budget') : 'OVER budget');
}

// ---------------------------------------------------------------- browser helpers
let browser;
async function newPage(opts = {}) {
  const context = await browser.newContext({
    baseURL: BASE,
    serviceWorkers: 'block',
    locale: 'fa-IR',
    ...opts,
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => log('pageerror:', e.message));
  return { context, page };
}

/** Sum of encoded (on-the-wire) bytes of every response, via CDP. */
async function trackBytes(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const state = { bytes: 0, requests: 0 };
  cdp.on('Network.loadingFinished', (e) => { state.bytes += e.encodedDataLength; state.requests += 1; });
  return state;
}

async function waitForApp(page) {
  await page.waitForFunction(() => window.wasmBindings && !document.getElementById('boot'), null, { timeout: 30_000 });
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor((s.length - 1) / 2)]; };
const p95 = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)]; };

/** Time from navigation to the first `[data-testid=office-result]`, median of `runs` cold loads. */
async function timeToFirstResult(label, path, opts = {}, runs = 3) {
  const times = [], bytes = [], reqs = [];
  for (let i = 0; i < runs; i++) {
    const { context, page } = await newPage(opts);
    try {
      const net = await trackBytes(page);
      const t0 = Date.now();
      await page.goto(path, { waitUntil: 'commit' });
      try {
        await page.locator('[data-testid=office-result]').first().waitFor({ timeout: 30_000 });
      } catch (e) {
        const finder = await page.locator('[data-testid=results], [data-testid=search-input], [data-testid=place-picker]').count();
        if (!finder) throw new Error('finder not built');
        throw e;
      }
      times.push(Date.now() - t0);
      await page.waitForLoadState('networkidle').catch(() => {});
      bytes.push(net.bytes); reqs.push(net.requests);
    } finally {
      await context.close();
    }
  }
  row(`${label}: navigation → first office result (median of ${runs} cold loads)`, `${median(times)} ms`, '', '',
    `runs: ${times.join(', ')} ms; \`${path}\``);
  row(`${label}: bytes transferred (nginx gzip-6, cold)`, `${median(bytes)} B (${kb(median(bytes))})`, '', '',
    `${median(reqs)} requests`);
}

// ---------------------------------------------------------------- in-page search benchmark
async function loadIntoPage(page, apiPath) {
  return page.evaluate(async (api) => {
    const meta = await (await fetch(`${api}/meta.json`)).json();
    const ids = meta.provinces.map((p) => p.id);
    const bench = await window.wasmBindings.search_bench();
    const ref = new window.ReferenceSearch();
    let fetchMs = 0, wasmMs = 0, jsMs = 0, bytes = 0;
    for (const id of ids) {
      let t = performance.now();
      const text = await (await fetch(`${api}/provinces/${id}/offices.json`)).text();
      fetchMs += performance.now() - t;
      bytes += text.length;
      t = performance.now();
      bench.add_document(id, text);
      wasmMs += performance.now() - t;
      t = performance.now();
      ref.addOffices(JSON.parse(text).offices);
      jsMs += performance.now() - t;
    }
    let t = performance.now();
    bench.build();
    wasmMs += performance.now() - t;
    window.__bench = bench;
    window.__ref = ref;
    return { n: bench.len(), refN: ref.haystacks.length, fetchMs, wasmMs, jsMs, bytes };
  }, apiPath);
}

async function keystrokes(page, queries, rounds) {
  return page.evaluate(({ queries, rounds }) => {
    const wasm = [], js = [], mismatches = [];
    for (let round = 0; round <= rounds; round++) {
      for (const q of queries) {
        const chars = [...q];
        for (let i = 1; i <= chars.length; i++) {
          const prefix = chars.slice(0, i).join('');
          let t = performance.now();
          const a = window.__bench.search(prefix);
          const tw = performance.now() - t;
          t = performance.now();
          const b = window.__ref.search(prefix);
          const tj = performance.now() - t;
          if (round === 0) { if (a !== b) mismatches.push(`${prefix}: wasm ${a}, js ${b}`); continue; } // warm-up
          wasm.push(tw); js.push(tj);
        }
      }
    }
    return { wasm, js, mismatches };
  }, { queries, rounds });
}

async function searchBench(label, apiPath) {
  const { context, page } = await newPage();
  try {
    await page.addInitScript(`(${installReferenceSearch.toString()})()`);
    await page.goto('./about');
    await waitForApp(page);
    const load = await loadIntoPage(page, apiPath);
    log(`${label}: ${load.n} offices, ${(load.bytes / 1e6).toFixed(1)} MB JSON`);
    const r = await keystrokes(page, QUERIES, ROUNDS);
    const wm = median(r.wasm), wp = p95(r.wasm), jm = median(r.js), jp = p95(r.js);
    row(`search per keystroke, ${label} (${load.n} offices): WebAssembly median / p95`, `${ms(wm)} / **${ms(wp)}**`, '', '',
      `${r.wasm.length} keystrokes (${QUERIES.length} queries × ${ROUNDS} rounds)`);
    row(`search per keystroke, ${label}: plain-JS reference median / p95`, `${ms(jm)} / ${ms(jp)}`, '', '',
      r.mismatches.length ? `result counts differ: ${r.mismatches.slice(0, 3).join('; ')}` : 'same result counts on every keystroke');
    row(`search speed ratio, ${label} (JS time ÷ WASM time)`, `median ×${(jm / Math.max(wm, 1e-3)).toFixed(2)}, p95 ×${(jp / Math.max(wp, 1e-3)).toFixed(2)}`, '', '',
      '>1 means the WebAssembly search is faster');
    row(`index build, ${label}: decode+index (WASM) vs JSON.parse+fold (JS)`, `${ms(load.wasmMs)} vs ${ms(load.jsMs)}`);
  } finally {
    await context.close();
  }
}

async function memory() {
  const { context, page } = await newPage();
  try {
    const cdp = await context.newCDPSession(page);
    await page.goto('./offices?province=IR-23');
    let how = 'finder page /offices?province=IR-23 after its first result';
    try {
      await page.locator('[data-testid=office-result]').first().waitFor({ timeout: 30_000 });
    } catch {
      how = 'finder not built: Tehran offices.json added to a SearchBench on /about';
      await waitForApp(page);
      await page.evaluate(async () => {
        const text = await (await fetch('api/v1/provinces/IR-23/offices.json')).text();
        window.__tehran = await window.wasmBindings.search_bench();
        window.__tehran.add_document('IR-23', text);
        window.__tehran.build();
      });
    }
    await cdp.send('HeapProfiler.collectGarbage');
    const wasmBytes = await page.evaluate(() => window.wasmBindings.wasm_memory_bytes());
    const heap = await cdp.send('Runtime.getHeapUsage');
    row('memory after loading Tehran: WebAssembly linear memory', `${wasmBytes} B (${(wasmBytes / 1048576).toFixed(1)} MB)`, '', '', how);
    row('memory after loading Tehran: JS heap used (after GC)', `${heap.usedSize} B (${(heap.usedSize / 1048576).toFixed(1)} MB)`, '', '', `of ${(heap.totalSize / 1048576).toFixed(1)} MB allocated`);
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------- Lighthouse
function lighthouse(path) {
  const url = new URL(path, BASE).href;
  const outDir = join(repo, '.cache', 'lighthouse');
  mkdirSync(outDir, { recursive: true });
  const out = join(outDir, `${path.replace(/[^a-z0-9]+/gi, '_') || 'home'}.json`);
  const res = spawnSync(join(repo, 'node_modules', '.bin', 'lighthouse'), [
    url, '--output=json', `--output-path=${out}`, '--quiet', '--form-factor=mobile',
    `--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run`,
  ], { env: { ...process.env, CHROME_PATH: CHROME }, encoding: 'utf8', timeout: 240_000 });
  if (res.status !== 0 && !existsSync(out)) throw new Error(`lighthouse exit ${res.status}: ${(res.stderr || '').trim().split('\n').pop()}`);
  const report = JSON.parse(readFileSync(out, 'utf8'));
  if (report.runtimeError) throw new Error(report.runtimeError.message);
  const c = report.categories;
  const s = (k) => (c[k]?.score == null ? 'n/a' : Math.round(c[k].score * 100));
  const failing = Object.values(report.audits)
    .filter((a) => a.score !== null && a.score < 1 && ['binary', 'numeric'].includes(a.scoreDisplayMode)
      && ['accessibility', 'best-practices', 'seo'].some((k) => c[k]?.auditRefs.some((r) => r.id === a.id && r.weight > 0)))
    .map((a) => a.id);
  const lcp = report.audits['largest-contentful-paint']?.displayValue ?? '?';
  const tbt = report.audits['total-blocking-time']?.displayValue ?? '?';
  row(`Lighthouse mobile \`${path}\`: performance / accessibility / best practices / SEO`,
    `${s('performance')} / ${s('accessibility')} / ${s('best-practices')} / ${s('seo')}`, '', '',
    `LCP ${lcp}, TBT ${tbt}${failing.length ? `; failing: ${failing.join(', ')}` : ''}`);
}

// ---------------------------------------------------------------- main
async function main() {
  await measure('sizes', async () => sizes());
  if (process.env.BENCH_BROWSER === '0') row('browser measurements', 'n/a (skipped: BENCH_BROWSER=0)');
  else try {
    browser = await chromium.launch({ executablePath: CHROME, args: CHROME_ARGS });
  } catch (e) {
    row('browser measurements', na(e));
  }
  if (browser) {
    await measure('near me', () => timeToFirstResult('near me, Tehran (geolocation 35.6997,51.3380)',
      './offices?near=35.69970,51.33800', { geolocation: TEHRAN, permissions: ['geolocation'] }));
    await measure('text search', () => timeToFirstResult('text search «ولیعصر» in Tehran',
      `./offices?province=IR-23&q=${encodeURIComponent('ولیعصر')}`));
    await measure('search 13k', () => searchBench('whole country ×1', 'api/v1'));
    await measure('search 130k', () => searchBench('×10 dataset', X10));
    await measure('memory', memory);
    await browser.close();
  }
  if (process.env.BENCH_LIGHTHOUSE !== '0') {
    for (const path of ['./', './offices?province=IR-23', './services']) {
      await measure(`lighthouse ${path}`, async () => lighthouse(path.replace(/^\.\//, '/').replace(/^\/$/, '/')));
    }
  } else {
    row('Lighthouse', 'n/a (skipped: BENCH_LIGHTHOUSE=0)');
  }

  const esc = (s) => String(s).replaceAll('|', '\\|');
  const out = ['| measurement | value | gzip -9 | brotli -q 11 | notes |', '|---|---|---|---|---|'];
  for (const r of rows) out.push(`| ${r.map(esc).join(' | ')} |`);
  console.log(`\nPishkhan benchmark — ${new Date().toISOString()} — ${BASE}\n`);
  console.log(out.join('\n'));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
