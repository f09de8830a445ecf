// Post-build stage 3: the first load's JavaScript, minified (release builds only). wasm-bindgen's
// glue (pishkhan-<hash>.js), the split loader (__wasm_split-<hash>.js), Trunk's boot module
// (boot-<hash>.js) and the start-up guard (startup.js) ship as written otherwise: 9.8 KB of the
// glue's 75 KB compresses to 7.5 KB brotli once minified. terser (npm, BSD-2-Clause) does it, with
// names that other files import (`export`s) and every property name kept: the WebAssembly module
// finds its imports by property name. The hashed names stay those of the unminified files: the
// minified text is a fixed function of them, so one name still means one content. Before that,
// the glue loses the classes nothing can use (unusedClasses below).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { minify as terser } from 'terser';
import { fail } from './util.mjs';

const FILES = /^(?:[\w-]+-[0-9a-f]{16}\.js|startup\.js)$/;

// unusedClasses(glue): wasm-bindgen writes a JavaScript class for every Rust type a linked crate
// exports with #[wasm_bindgen], whether or not anything uses it. Leptos links wasm-streams (for
// server functions, which this app has none of), so the glue carried its three stream adapters
// (IntoUnderlyingSource, …Sink, …ByteSource: ~0.4 KB brotli of the first load) though no code
// path creates one. A class is dropped when the WebAssembly never hands one to JavaScript (no
// `NAME.__wrap(`), nothing constructs it (`new NAME(`) and no other file imports it (the split
// loader imports only initSync); terser then drops what only it used. Each class is removed with
// its Symbol.dispose line and its FinalizationRegistry, in wasm-bindgen's layout; anything else
// fails the build rather than leave a half-removed class.
function unusedClasses(name, source, others) {
  const dropped = [];
  for (const [, cls] of source.matchAll(/^export class (\w+) \{$/gm)) {
    if (source.includes(`${cls}.__wrap(`) || source.includes(`new ${cls}(`)) continue;
    if (others.some((text) => new RegExp(`\\b${cls}\\b`).test(text))) continue;
    const start = source.indexOf(`export class ${cls} {\n`);
    const end = source.indexOf('\n}\n', start);
    const dispose = `if (Symbol.dispose) ${cls}.prototype[Symbol.dispose] = ${cls}.prototype.free;\n`;
    const registry = new RegExp(`const ${cls}Finalization = \\(typeof FinalizationRegistry === 'undefined'\\)\\n[^\\n]*\\n[^\\n]*;\\n`);
    if (end < 0 || source.slice(end + 3, end + 3 + dispose.length) !== dispose || !registry.test(source)) {
      fail(`${name}: class ${cls} is not in wasm-bindgen's expected layout (class, Symbol.dispose line, ${cls}Finalization)`);
    }
    source = source.slice(0, start) + source.slice(end + 3 + dispose.length);
    source = source.replace(registry, '');
    if (new RegExp(`\\b${cls}\\b`).test(source)) fail(`${name}: class ${cls} is still named after its removal`);
    dropped.push(cls);
  }
  return { source, dropped };
}

export async function minify({ staging, profile }) {
  if (profile !== 'release') return;
  let before = 0;
  let after = 0;
  const names = readdirSync(staging).filter((f) => FILES.test(f)).sort();
  const texts = new Map(names.map((n) => [n, readFileSync(join(staging, n), 'utf8')]));
  for (const name of names) {
    const path = join(staging, name);
    let source = texts.get(name);
    if (/^export class \w+ \{$/m.test(source)) {
      const others = names.filter((n) => n !== name).map((n) => texts.get(n));
      const result = unusedClasses(name, source, others);
      source = result.source;
      if (result.dropped.length) console.log(`postbuild: ${name}: classes nothing uses dropped: ${result.dropped.join(', ')}`);
    }
    // startup.js is a classic script (document.currentScript); the others are modules.
    const module = name !== 'startup.js';
    let out;
    try {
      out = await terser(source, { module, compress: { passes: 2 }, mangle: true, format: { comments: false } });
    } catch (err) {
      fail(`terser could not minify ${name}: ${err.message}`);
    }
    if (typeof out.code !== 'string' || out.code.length === 0) fail(`terser gave nothing for ${name}`);
    writeFileSync(path, out.code);
    before += texts.get(name).length;
    after += out.code.length;
  }
  console.log(`postbuild: JavaScript minified, ${before} → ${after} bytes`);
}
