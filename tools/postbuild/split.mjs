// Post-build stage 1: the lazily loaded WebAssembly modules.
//
// tools/bin/wasm-bindgen (first on PATH through scripts/build.sh) cut cargo's wasm into the
// first-load module and the lazily loaded modules (split_*.wasm: one per group of pages a visitor
// uses together and per piece of `/` split off it; chunk_*.wasm: code several of them share),
// left in <target>/wasm-bindgen/<profile>/wasm-split/ with their loader __wasm_split.js. This
// stage runs wasm-opt on each module, ships it under a content-hashed name, rewrites the loader
// to those names and to the glue's hashed name, ships the loader content-hashed too, and points
// the glue at it.
//
// A build that was not split (a plain `trunk build` without tools/bin first on PATH) fails here:
// it would silently put every page into the first-load module.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fail, hash16, sha256File } from './util.mjs';

const NOT_SPLIT = 'build with scripts/build.sh, which puts tools/bin (the splitting wasm-bindgen wrapper) first on PATH';

// The glue JS of a split build imports the split loader `./__wasm_split.js`.
const splitImport = () => /from\s*(["'])\.\/__wasm_split\.js\1/g;

export function split({ staging, source, profile, htmlFile, targetDir }) {
  const glues = readdirSync(staging).filter(
    (name) => name.endsWith('.js') && splitImport().test(readFileSync(join(staging, name), 'utf8')),
  );
  if (glues.length > 1) {
    fail(`more than one split WebAssembly app (${glues.join(', ')}); expected one`);
  }
  if (glues.length === 0) {
    fail(`the WebAssembly was not code-split (no glue JS imports ./__wasm_split.js): ${NOT_SPLIT}`);
  }
  const glue = glues[0];
  const bindgenDir = join(targetDir, 'wasm-bindgen', profile);
  const splitDir = join(bindgenDir, 'wasm-split');
  const loaderPath = join(splitDir, '__wasm_split.js');
  if (!existsSync(loaderPath)) {
    fail(`${glue} imports ./__wasm_split.js but ${loaderPath} is missing: ${NOT_SPLIT}`);
  }
  checkFresh(splitDir, bindgenDir);

  // The same wasm-opt settings as the main module (index.html's data-wasm-opt-params).
  const html = readFileSync(htmlFile, 'utf8');
  const params = (html.match(/data-wasm-opt-params="([^"]*)"/) || [, ''])[1].split(/\s+/).filter(Boolean);
  let loader = readFileSync(loaderPath, 'utf8');
  const chunks = readdirSync(splitDir).filter((n) => /^(split|chunk)_.+\.wasm$/.test(n)).sort();
  if (chunks.length === 0) {
    fail(`${splitDir} holds no split_*.wasm or chunk_*.wasm modules: ${NOT_SPLIT}`);
  }
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
      fail(`the split loader does not name ${name}`);
    }
    loader = loader.split(quoted).join(`"./${hashed}"`);
  }
  // The loader imports the glue by wasm-bindgen's name; in dist/ it has Trunk's hashed name.
  const stem = glue.replace(/-[0-9a-f]+\.js$/, '');
  const glueImport = new RegExp(`from\\s*(["'])\\./${stem}\\.js\\1`, 'g');
  if (!loader.match(glueImport)) {
    fail(`the split loader does not import ./${stem}.js`);
  }
  loader = loader.replace(glueImport, `from "./${glue}"`);
  const loaderName = `__wasm_split-${hash16(loader)}.js`;
  writeFileSync(join(staging, loaderName), loader);
  const gluePath = join(staging, glue);
  writeFileSync(gluePath, readFileSync(gluePath, 'utf8').replace(splitImport(), `from "./${loaderName}"`));
  console.log(`postbuild: ${chunks.length} lazily loaded modules (${bytes} bytes), loader ${loaderName}`);
}

// The split modules must come from THIS build: tools/bin/wasm-bindgen writes wasm-split/stamp
// (`<out-name> <sha256 of the <out-name>_bg.wasm it produced>`). A wasm-bindgen run without the
// wrapper leaves an older split behind, whose modules would not match the main module.
function checkFresh(splitDir, bindgenDir) {
  const stampPath = join(splitDir, 'stamp');
  if (!existsSync(stampPath)) {
    fail(`${stampPath} is missing (the split is not from tools/bin/wasm-bindgen of this version): ${NOT_SPLIT}`);
  }
  const [outName, sha] = readFileSync(stampPath, 'utf8').trim().split(/\s+/);
  const main = join(bindgenDir, `${outName}_bg.wasm`);
  if (!existsSync(main) || sha256File(main) !== sha) {
    fail(`the split modules in ${splitDir} are not from this build's main module (${main}): ${NOT_SPLIT}`);
  }
}
