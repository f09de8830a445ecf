// Post-build stage 3: the first load's JavaScript, minified (release builds only). wasm-bindgen's
// glue (pishkhan-<hash>.js), the split loader (__wasm_split-<hash>.js), Trunk's boot module
// (boot-<hash>.js) and the start-up guard (startup.js) ship as written otherwise: 9.8 KB of the
// glue's 75 KB compresses to 7.5 KB brotli once minified. terser (npm, BSD-2-Clause) does it, with
// names that other files import (`export`s) and every property name kept: the WebAssembly module
// finds its imports by property name. The hashed names stay those of the unminified files: the
// minified text is a fixed function of them, so one name still means one content.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { minify as terser } from 'terser';
import { fail } from './util.mjs';

const FILES = /^(?:[\w-]+-[0-9a-f]{16}\.js|startup\.js)$/;

export async function minify({ staging, profile }) {
  if (profile !== 'release') return;
  let before = 0;
  let after = 0;
  for (const name of readdirSync(staging).filter((f) => FILES.test(f)).sort()) {
    const path = join(staging, name);
    const source = readFileSync(path, 'utf8');
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
    before += source.length;
    after += out.code.length;
  }
  console.log(`postbuild: JavaScript minified, ${before} → ${after} bytes`);
}
