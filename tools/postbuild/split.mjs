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
import { execFile } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { existsSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fail, hash16, PostbuildError, sha256File } from './util.mjs';

const NOT_SPLIT = 'build with scripts/build.sh, which puts tools/bin (the splitting wasm-bindgen wrapper) first on PATH';

// The glue JS of a split build imports the split loader `./__wasm_split.js`.
const splitImport = () => /from\s*(["'])\.\/__wasm_split\.js\1/g;

export async function split({ staging, source, profile, htmlFile, targetDir }) {
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
  // wasm-opt runs on every module, as many at a time as there are cores (about 70 modules).
  if (profile === 'release') {
    await pool(chunks, availableParallelism(), (name) =>
      run('wasm-opt', ['-Oz', ...params, join(splitDir, name), '-o', join(staging, name)]));
  } else {
    for (const name of chunks) writeFileSync(join(staging, name), readFileSync(join(splitDir, name)));
  }
  let bytes = 0;
  const packed = [];
  for (const name of chunks) {
    const out = join(staging, name);
    const data = readFileSync(out);
    unlinkSync(out);
    bytes += data.length;
    const quoted = `"./${name}"`;
    if (!loader.includes(quoted)) {
      fail(`the split loader does not name ${name}`);
    }
    if (name.startsWith('chunk_') && data.length < PACK_BELOW) {
      packed.push({ name, data });
      continue;
    }
    const hashed = name.replace(/\.wasm$/, `-${hash16(data)}.wasm`);
    writeFileSync(join(staging, hashed), data);
    loader = loader.split(quoted).join(`"./${hashed}"`);
  }
  loader = pack(staging, loader, packed);
  loader = compact(loader);
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

// Shared chunks smaller than this travel in packs, chunk_pack_<module>-<hash>.wasm. wasm-split
// makes one chunk per set of modules sharing code: about 50 of them are a few hundred bytes to a
// few KB, and a cold finder asked for each one separately (on a phone's 150 ms round trip and a
// browser's 6 connections per host, about a second of requests).
const PACK_BELOW = 8192;
// The order in which a visitor most likely first needs the lazily loaded modules: the pack of a
// module holds the small chunks it needs that no module before it in this order needs, so a page
// downloads no packed chunk it does not use, except when it comes later in this order than one it
// shares code with and a visitor opens it first. `/` itself loads services_doc (the services
// decoder) at once, and search on "near me". Modules missing here come last, by name.
const PACK_ORDER = ['services_doc', 'search', 'finder', 'office', 'saved_offices', 'services', 'officials', 'auth', 'about', 'bench'];

// pack(staging, loader, packed): writes the small chunks into one content-hashed file per module
// (no header: the loader knows each chunk's offset and length) and points each packed chunk's
// fetch in the loader at its slice. A pack is fetched once, on the first of its chunks a page
// needs; a failed fetch is not kept, so the loader's own retry (makeLoad) fetches it again.
function pack(staging, loader, packed) {
  if (packed.length === 0) return loader;
  const deps = new Map();
  for (const m of loader.matchAll(/export const __wasm_split_load_split_(\w+) = wrapAsyncCb\(makeLoad\([\s\S]*?\n, \[([^\]]*)\]\)\);/g)) {
    deps.set(m[1], new Set([...m[2].matchAll(/__(chunk_\d+)\b/g)].map((d) => `${d[1]}.wasm`)));
  }
  if (deps.size === 0) fail('the split loader has no module loaders in the expected form (export const __wasm_split_load_split_<name> = wrapAsyncCb(makeLoad(…, [chunks])))');
  const order = [...PACK_ORDER.filter((m) => deps.has(m)), ...[...deps.keys()].filter((m) => !PACK_ORDER.includes(m)).sort()];
  const left = new Map(packed.map((c) => [c.name, c.data]));
  const packs = [];
  for (const module of order) {
    const mine = [...left.keys()].filter((c) => deps.get(module).has(c)).sort();
    if (mine.length === 0) continue;
    packs.push({ module, chunks: mine.map((name) => ({ name, data: left.get(name) })) });
    mine.forEach((c) => left.delete(c));
  }
  // A chunk no module names (not expected) stays a file of its own.
  for (const [name, data] of left) {
    const hashed = name.replace(/\.wasm$/, `-${hash16(data)}.wasm`);
    writeFileSync(join(staging, hashed), data);
    loader = loader.split(`"./${name}"`).join(`"./${hashed}"`);
  }
  const files = [];
  packs.forEach(({ module, chunks }, p) => {
    const data = Buffer.concat(chunks.map((c) => c.data));
    const name = `chunk_pack_${module}-${hash16(data)}.wasm`;
    writeFileSync(join(staging, name), data);
    files.push(name);
    let offset = 0;
    for (const { name: chunk, data: bytes } of chunks) {
      const fetchIt = new RegExp(`fetch\\(new URL\\("\\./${chunk.replace('.', '\\.')}", import\\.meta\\.url\\)\\)`);
      if (!fetchIt.test(loader)) {
        fail(`the split loader does not fetch ${chunk} as expected (fetch(new URL("./${chunk}", import.meta.url)))`);
      }
      loader = loader.replace(fetchIt, `__packed(${p}, ${offset}, ${bytes.length})`);
      offset += bytes.length;
    }
    console.log(`postbuild: ${name}: ${chunks.length} small shared chunks (${data.length} bytes)`);
  });
  const helper = [
    '// tools/postbuild/split.mjs: the small shared chunks, fetched a pack at a time, each one a slice.',
    `const __packFiles = ${JSON.stringify(files.map((f) => `./${f}`))};`,
    'const __packs = [];',
    'function __packed(pack, offset, length) {',
    '  if (__packs[pack] === undefined) {',
    '    const load = fetch(new URL(__packFiles[pack], import.meta.url)).then((r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error(`${r.status} ${r.url}`))));',
    '    load.catch(() => { if (__packs[pack] === load) __packs[pack] = undefined; });',
    '    __packs[pack] = load;',
    '  }',
    "  return __packs[pack].then((b) => new Response(b.slice(offset, offset + length), { headers: { 'content-type': 'application/wasm' } }));",
    '}',
    '',
  ];
  return withHelper(loader, helper);
}

// withHelper(loader, lines): the loader with these lines after its imports (its first line
// imports the glue).
function withHelper(loader, lines) {
  const end = loader.indexOf('\n') + 1;
  return loader.slice(0, end) + lines.join('\n') + loader.slice(end);
}

// compact(loader): every module's and chunk's loader in wasm-split's form (a fetch, its
// rejection silenced until it is awaited, then instantiateStreaming) becomes one call of a helper
// holding that form once: the loader is part of the first load, and it has one of these for each
// of the ~100 modules and chunks (14.5 → 6.8 KB to parse, 83 B brotli less). Fails the build if any is left in
// another form, since then wasm-split's output has changed and this rewrite would be partial.
const LOAD_BODY = /makeLoad\(\(\) => \{\n\s*const src = ((?:fetch\(new URL\("\.\/[^"]+", import\.meta\.url\)\))|(?:__packed\(\d+, \d+, \d+\)));\n\s*src\.catch\(\(\) => \{\}\);\n\s*return async \(imports\) => \(WebAssembly\.instantiateStreaming\(src, imports\)\);\n\}\n, \[/g;
function compact(loader) {
  const before = loader.split('makeLoad(').length - 2; // less the definition
  let n = 0;
  loader = loader.replace(LOAD_BODY, (_, src) => { n += 1; return `__streamed(() => ${src}, [`; });
  if (n === 0 || n !== before) {
    fail(`the split loader has ${before} module loaders, ${n} in the expected form (makeLoad(() => { const src = fetch(…); src.catch(() => {}); return async (imports) => (WebAssembly.instantiateStreaming(src, imports)); }, [deps]))`);
  }
  const helper = [
    '// tools/postbuild/split.mjs: every loader below in one form (wasm-split writes it out for each).',
    'function __streamed(fetcher, deps) {',
    '  return makeLoad(() => {',
    '    const src = fetcher();',
    '    src.catch(() => {});',
    '    return async (imports) => WebAssembly.instantiateStreaming(src, imports);',
    '  }, deps);',
    '}',
    '',
  ];
  return withHelper(loader, helper);
}

// run(cmd, args): the command's exit, its output passed through; fails the build on an error.
function run(cmd, args) {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      if (stdout) process.stdout.write(stdout);
      if (stderr) process.stderr.write(stderr);
      if (err) reject(new PostbuildError(`${cmd} ${args.join(' ')}: ${err.message}`));
      else resolve();
    });
  });
}

// pool(items, n, job): job(item) for every item, at most n at a time.
async function pool(items, n, job) {
  const queue = [...items];
  await Promise.all(Array.from({ length: Math.max(1, n) }, async () => {
    while (queue.length) await job(queue.shift());
  }));
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
