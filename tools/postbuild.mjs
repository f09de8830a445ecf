// Trunk post_build hook: makes dist/ run under a strict Content Security Policy
// (`script-src 'self'`, no inline script) by moving Trunk's inline module loader into a
// hashed external file. Runs on the staging directory before Trunk publishes it.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('postbuild: TRUNK_STAGING_DIR is not set (run me from a Trunk hook)');
  process.exit(1);
}
const publicUrl = process.env.TRUNK_PUBLIC_URL || '/';
const htmlPath = join(staging, 'index.html');
let html = readFileSync(htmlPath, 'utf8');

const inline = /<script type="module">([\s\S]*?)<\/script>/;
const match = html.match(inline);
if (!match) {
  console.error('postbuild: no inline module script found in index.html; did Trunk change its loader?');
  process.exit(1);
}
const code = match[1].trim() + '\n';
const hash = createHash('sha256').update(code).digest('hex').slice(0, 16);
const file = `boot-${hash}.js`;
writeFileSync(join(staging, file), code);
html = html.replace(inline, `<script type="module" src="${publicUrl}${file}"></script>`);
if (/<script(?![^>]*\bsrc=)[^>]*>/.test(html)) {
  console.error('postbuild: index.html still has an inline script');
  process.exit(1);
}
writeFileSync(htmlPath, html);
console.log(`postbuild: loader moved to ${file}`);

// The service worker: precache the app shell of this deployment (everything but the API data).
function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}
const shell = files(staging)
  .map((p) => relative(staging, p).split('\\').join('/'))
  // The map (vendor/leaflet) is lazy: it costs nothing until opened, so it is not precached.
  .filter((p) => !p.startsWith('api/') && !p.startsWith('vendor/') && p !== 'sw.js' && !p.endsWith('.txt'))
  .filter((p) => p !== 'index.html')
  .sort();
const precache = ['./', ...shell];
// The version covers every precached file's name AND content: a file that keeps its name (the
// font, the manifest, icons) but changes still gives a new cache, so no visitor is pinned to it.
const versionHash = createHash('sha256').update(html);
for (const p of shell) {
  versionHash.update(`\0${p}\0`).update(readFileSync(join(staging, p)));
}
const version = versionHash.digest('hex').slice(0, 16);
const here = dirname(fileURLToPath(import.meta.url));
const template = readFileSync(join(here, 'sw.template.js'), 'utf8');
writeFileSync(join(staging, 'sw.js'), template
  .replace("'__VERSION__'", JSON.stringify(version))
  .replace('__PRECACHE__', JSON.stringify(precache, null, 2)));
console.log(`postbuild: sw.js precaches ${precache.length} files (version ${version})`);
