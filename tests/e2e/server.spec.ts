// The web server contract (nginx/pishkhan.conf, which scripts/test.sh serves): SPA fallback
// without swallowing API 404s, cache policy, MIME types, compression and security headers.
// Plain HTTP requests; no browser page.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { test, expect, DIST_DIR } from './helpers';
import { officePath, UNKNOWN } from './fixtures';

const IMMUTABLE = 'public, max-age=31536000, immutable';

/** A GET with the request line exactly as given (HTTP/1.0, no normalisation of the path). */
function rawGet(origin: string, path: string): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port || 80), hostname, () => {
      socket.write(`GET ${path} HTTP/1.0\r\nHost: ${hostname}\r\nConnection: close\r\n\r\n`);
    });
    const chunks: Buffer[] = [];
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', reject);
    socket.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head, ...rest] = text.split('\r\n\r\n');
      const [statusLine, ...lines] = head.split('\r\n');
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: rest.join('\r\n\r\n') });
    });
  });
}

/** Hashed build outputs referenced by dist/index.html, by extension. */
function builtAsset(ext: 'js' | 'wasm' | 'css'): string {
  const html = readFileSync(join(DIST_DIR, 'index.html'), 'utf8');
  const re = new RegExp(`["']/?(?:[^"'\\s]*/)?([^"'/\\s]+-[0-9a-f]{8,16}(?:_bg)?\\.${ext})["']`, 'g');
  const names = [...html.matchAll(re)].map((m) => m[1]);
  expect(names.length, `dist/index.html references no hashed .${ext}`).toBeGreaterThan(0);
  // The largest: a file under nginx's gzip_min_length (the 200-byte boot module) is rightly sent
  // as it is.
  return names.sort((a, b) => statSync(join(DIST_DIR, b)).size - statSync(join(DIST_DIR, a)).size)[0];
}

test.describe('nginx', () => {
  test('security headers on every response', async ({ request }) => {
    for (const path of ['./', './offices', './api/v1/meta.json', './api/v1/no-such-file.json']) {
      const res = await request.get(path);
      const h = res.headers();
      expect(h['content-security-policy'], path).toContain("default-src 'self'");
      expect(h['content-security-policy'], path).toContain("script-src 'self' 'wasm-unsafe-eval'");
      expect(h['content-security-policy'], path).toContain("frame-ancestors 'none'");
      expect(h['x-content-type-options'], path).toBe('nosniff');
      expect(h['referrer-policy'], path).toBe('strict-origin');
      expect(h['permissions-policy'], path).toBe('geolocation=(self)');
      expect(h['content-security-policy'], path).toContain("form-action 'self'");
      expect(h['strict-transport-security'], path).toBe('max-age=31536000');
    }
  });

  // Requests nginx refuses itself used to get its bare "400 Bad Request" page (issue 18).
  test('a URL nginx refuses (400, 414) gets the app with that status, not a bare error page', async ({ request, baseURL }) => {
    const prefix = new URL(baseURL ?? 'http://127.0.0.1/').pathname.replace(/\/$/, '');
    const cases: [string, number][] = [
      [`${prefix}/%00`, 400],
      [`${prefix}/offices/%`, 400],
      [`${prefix}/..%2F..%2Fetc%2Fpasswd`, 400],
      [`${prefix}/offices/${'x'.repeat(9000)}`, 414],
    ];
    const origin = new URL(baseURL ?? 'http://127.0.0.1/').origin;
    for (const [path, status] of cases) {
      // A raw request line: fetch and Playwright would normalise '%' and '..' first.
      const res = await rawGet(origin, path);
      expect(res.status, path.slice(0, 40)).toBe(status);
      expect(res.headers['content-type'], path.slice(0, 40)).toContain('text/html');
      expect(res.body, path.slice(0, 40)).toContain('id="boot"');
      expect(res.body, path.slice(0, 40)).toMatch(/src="[^"]*boot-[0-9a-f]{16}\.js"/);
      expect(res.headers['content-security-policy'], path.slice(0, 40)).toContain("default-src 'self'");
    }
  });

  test('client routes fall back to index.html, revalidated on every use', async ({ request }) => {
    for (const path of ['/', officePath(), UNKNOWN.path].map((p) => `.${p}`)) {
      const res = await request.get(path);
      expect(res.status(), path).toBe(200);
      expect(res.headers()['content-type'], path).toContain('text/html');
      expect(res.headers()['cache-control'], path).toBe('no-cache');
      expect(await res.text(), path).toContain('<html');
    }
  });

  test('API files are served as JSON and missing ones are real 404s', async ({ request }) => {
    const meta = await request.get('./api/v1/meta.json');
    expect(meta.status()).toBe(200);
    expect(meta.headers()['content-type']).toContain('application/json');
    expect(meta.headers()['cache-control']).toBe('no-cache');
    expect(meta.headers()['etag']).toBeTruthy();

    const missing = await request.get('./api/v1/provinces/IR-99/offices.json');
    expect(missing.status()).toBe(404);
    expect(await missing.text()).not.toContain('data-trunk');
  });

  test('config.json is revalidated on every use', async ({ request }) => {
    const res = await request.get('./config.json');
    expect(res.status()).toBe(200);
    expect(res.headers()['cache-control']).toBe('no-cache');
  });

  test('hashed assets are immutable, with the right MIME types, compressed', async ({ request }) => {
    const expected = { wasm: 'application/wasm', js: 'javascript', css: 'text/css' } as const;
    for (const ext of ['wasm', 'js', 'css'] as const) {
      const name = builtAsset(ext);
      const res = await request.get(`./${name}`, { headers: { 'Accept-Encoding': 'gzip' } });
      expect(res.status(), name).toBe(200);
      expect(res.headers()['content-type'], name).toContain(expected[ext]);
      expect(res.headers()['cache-control'], name).toBe(IMMUTABLE);
      expect(res.headers()['content-encoding'], name).toBe('gzip');
    }
  });

  // tools/postbuild/compress.mjs writes `name.br` beside each hashed file; brotli_static sends it.
  test('brotli: a hashed file from its -q 11 copy, the rest compressed as sent, gzip without brotli', async ({ request }) => {
    for (const ext of ['wasm', 'js', 'css'] as const) {
      const name = builtAsset(ext);
      const copy = join(DIST_DIR, `${name}.br`);
      expect(existsSync(copy), `${name}.br`).toBe(true);
      const res = await request.get(`./${name}`, { headers: { 'Accept-Encoding': 'gzip, deflate, br' } });
      expect(res.headers()['content-encoding'], name).toBe('br');
      // The copy itself, byte for byte on the wire, and the file once decoded.
      expect(Number(res.headers()['content-length']), name).toBe(statSync(copy).size);
      expect((await res.body()).equals(readFileSync(join(DIST_DIR, name))), name).toBe(true);
      expect(res.headers()['vary'], name).toContain('Accept-Encoding');
      const gz = await request.get(`./${name}`, { headers: { 'Accept-Encoding': 'gzip' } });
      expect(gz.headers()['content-encoding'], name).toBe('gzip');
      expect((await gz.body()).equals(readFileSync(join(DIST_DIR, name))), name).toBe(true);
      const direct = await request.get(`./${name}.br`);
      expect(direct.status(), `${name}.br by name`).toBe(404);
    }
    // What an operator may replace has no copy that could go stale: compressed as it is sent.
    for (const path of ['./', './offices', './config.json', './api/v1/meta.json']) {
      const res = await request.get(path, { headers: { 'Accept-Encoding': 'br' } });
      expect(res.status(), path).toBe(200);
      expect(res.headers()['content-encoding'], path).toBe('br');
    }
    for (const file of ['index.html', 'config.json', 'sw.js', 'api/v1/meta.json']) {
      expect(existsSync(join(DIST_DIR, `${file}.br`)), `${file}.br`).toBe(false);
    }
  });

  test('the service worker and manifest are revalidated, with the right MIME types', async ({ request }) => {
    test.skip(!existsSync(join(DIST_DIR, 'sw.js')), 'no service worker in this build');
    const sw = await request.get('./sw.js');
    expect(sw.status()).toBe(200);
    expect(sw.headers()['content-type']).toContain('javascript');
    expect(sw.headers()['cache-control']).toBe('no-cache');
    if (existsSync(join(DIST_DIR, 'manifest.webmanifest'))) {
      const manifest = await request.get('./manifest.webmanifest');
      expect(manifest.headers()['content-type']).toContain('application/manifest+json');
      expect(manifest.headers()['cache-control']).toBe('no-cache');
    }
  });

  test('the start-up guard (same name every build) is revalidated, as JavaScript', async ({ request }) => {
    const res = await request.get('./startup.js');
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain('javascript');
    expect(res.headers()['cache-control']).toBe('no-cache');
  });

  test('a missing hashed asset is a 404, not index.html', async ({ request }) => {
    const res = await request.get('./pishkhan-0123456789abcdef_bg.wasm');
    expect(res.status()).toBe(404);
  });
});
