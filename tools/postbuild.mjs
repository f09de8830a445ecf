// Trunk post_build hook, run on the staging directory before Trunk publishes it:
// 1. ships the lazily loaded WebAssembly modules that tools/bin/wasm-bindgen split off (one per
//    page, plus shared chunks), wasm-opt'ed and content-hashed, with their loader;
// 2. makes dist/ run under a strict Content Security Policy (`script-src 'self'`, no inline
//    script) by moving Trunk's inline module loader into a hashed external file;
// 3. writes the service worker with this deployment's precache list.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('postbuild: TRUNK_STAGING_DIR is not set (run me from a Trunk hook)');
  process.exit(1);
}
const publicUrl = process.env.TRUNK_PUBLIC_URL || '/';
const hash16 = (data) => createHash('sha256').update(data).digest('hex').slice(0, 16);

// 1. Code splitting. The glue JS of a split build imports the split loader `./__wasm_split.js`.
const splitImport = () => /from\s*(["'])\.\/__wasm_split\.js\1/g;
const glues = readdirSync(staging).filter(
  (name) => name.endsWith('.js') && splitImport().test(readFileSync(join(staging, name), 'utf8')),
);
if (glues.length > 1) {
  console.error(`postbuild: more than one split WebAssembly app (${glues.join(', ')}); expected one`);
  process.exit(1);
}
if (glues.length === 1) {
  shipSplitModules(glues[0]);
} else {
  console.log('postbuild: no split points in this build');
}

function shipSplitModules(glue) {
  const source = process.env.TRUNK_SOURCE_DIR || process.cwd();
  const target = process.env.CARGO_TARGET_DIR || join(source, 'target');
  const profile = process.env.TRUNK_PROFILE || 'release';
  const splitDir = join(target, 'wasm-bindgen', profile, 'wasm-split');
  const loaderPath = join(splitDir, '__wasm_split.js');
  if (!existsSync(loaderPath)) {
    console.error(`postbuild: ${glue} imports ./__wasm_split.js but ${loaderPath} is missing (was tools/bin/wasm-bindgen on PATH?)`);
    process.exit(1);
  }
  // The same wasm-opt settings as the main module (index.html's data-wasm-opt-params).
  const html = readFileSync(process.env.TRUNK_HTML_FILE || join(source, 'index.html'), 'utf8');
  const params = (html.match(/data-wasm-opt-params="([^"]*)"/) || [, ''])[1].split(/\s+/).filter(Boolean);
  let loader = readFileSync(loaderPath, 'utf8');
  const chunks = readdirSync(splitDir).filter((n) => /^(split|chunk)_.+\.wasm$/.test(n)).sort();
  let bytes = 0;
  for (const name of chunks) {
    const out = join(staging, name);
    if (profile === 'release') {
      execFileSync('wasm-opt', ['-Oz', ...params, join(splitDir, name), '-o', out], { stdio: 'inherit' });
    } else {
      writeFileSync(out, readFileSync(join(splitDir, name)));
    }
    const data = readFileSync(out);
    const hashed = name.replace(/\.wasm$/, `-${hash16(data)}.wasm`);
    writeFileSync(join(staging, hashed), data);
    unlinkSync(out);
    bytes += data.length;
    const quoted = `"./${name}"`;
    if (!loader.includes(quoted)) {
      console.error(`postbuild: the split loader does not name ${name}`);
      process.exit(1);
    }
    loader = loader.split(quoted).join(`"./${hashed}"`);
  }
  // The loader imports the glue by wasm-bindgen's name; in dist/ it has Trunk's hashed name.
  const stem = glue.replace(/-[0-9a-f]+\.js$/, '');
  const glueImport = new RegExp(`from\\s*(["'])\\./${stem}\\.js\\1`, 'g');
  if (!loader.match(glueImport)) {
    console.error(`postbuild: the split loader does not import ./${stem}.js`);
    process.exit(1);
  }
  loader = loader.replace(glueImport, `from "./${glue}"`);
  const loaderName = `__wasm_split-${hash16(loader)}.js`;
  writeFileSync(join(staging, loaderName), loader);
  const gluePath = join(staging, glue);
  writeFileSync(gluePath, readFileSync(gluePath, 'utf8').replace(splitImport(), `from "./${loaderName}"`));
  console.log(`postbuild: ${chunks.length} lazily loaded modules (${bytes} bytes), loader ${loaderName}`);
}

// 2. Strict CSP.
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

// 3. The service worker: precache the app shell of this deployment (everything but the API data).
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
