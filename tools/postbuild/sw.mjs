// Post-build stage 4: the service worker, dist/sw.js from tools/sw.template.js, with this
// deployment's precache list (the app shell: everything but the API data, the lazily used map
// library and sw.js itself) and a version that changes whenever any precached file does.
// Runs after every stage that writes a shipped file (compress.mjs only adds their brotli copies).
import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SHELLS } from './shells.mjs';
import { files } from './util.mjs';

export function sw({ staging }) {
  const html = readFileSync(join(staging, 'index.html'), 'utf8');
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
  // The route shells this build has (shells.mjs), as the navigation fallback reads them.
  const routes = Object.fromEntries(SHELLS.filter((s) => !s.neutral && shell.concat('index.html').includes(s.file))
    .map((s) => [s.path, s.file === 'index.html' ? './' : s.file]));
  const fallback = SHELLS.find((s) => s.neutral && shell.includes(s.file))?.file ?? './';
  const tools = join(dirname(fileURLToPath(import.meta.url)), '..');
  const template = readFileSync(join(tools, 'sw.template.js'), 'utf8');
  writeFileSync(join(staging, 'sw.js'), template
    .replace("'__VERSION__'", JSON.stringify(version))
    .replace('__PRECACHE__', JSON.stringify(precache, null, 2))
    .replace('__ROUTES__', JSON.stringify(routes))
    .replace('__FALLBACK__', JSON.stringify(fallback)));
  console.log(`postbuild: sw.js precaches ${precache.length} files (version ${version})`);
}
