// The web server contract (nginx/pishkhan.conf, which scripts/test.sh serves): SPA fallback
// without swallowing API 404s, cache policy, MIME types, compression and security headers.
// Plain HTTP requests; no browser page.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, DIST_DIR } from './helpers';
import { officePath, UNKNOWN } from './fixtures';

const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Hashed build outputs referenced by dist/index.html, by extension. */
function builtAsset(ext: 'js' | 'wasm' | 'css'): string {
  const html = readFileSync(join(DIST_DIR, 'index.html'), 'utf8');
  const re = new RegExp(`["']/?(?:[^"'\\s]*/)?([^"'/\\s]+-[0-9a-f]{8,16}(?:_bg)?\\.${ext})["']`);
  const m = html.match(re);
  expect(m, `dist/index.html references no hashed .${ext}`).toBeTruthy();
  return m![1];
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

  test('a missing hashed asset is a 404, not index.html', async ({ request }) => {
    const res = await request.get('./pishkhan-0123456789abcdef_bg.wasm');
    expect(res.status()).toBe(404);
  });
});
