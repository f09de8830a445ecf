// Trunk post_build hook (Trunk.toml), run on the staging directory before Trunk publishes it.
// The stages, in this order (each in tools/postbuild/):
//   1. split.mjs — ships the lazily loaded WebAssembly modules tools/bin/wasm-bindgen split off,
//      wasm-opt'ed and content-hashed, with their loader; fails when the build was not split
//      (build with scripts/build.sh);
//   2. csp.mjs   — moves Trunk's inline module loader into a hashed file (strict CSP);
//   3. minify.mjs — minifies the first load's JavaScript (release builds);
//   4. shells.mjs — runs the built app in Chromium and writes each route's pre-rendered shell
//      (dist/index.html, dist/offices/index.html, …, and dist/app.html for every other path);
//   5. sw.mjs    — writes the service worker with this deployment's precache list;
//   6. compress.mjs — writes a brotli -q 11 copy (`name.br`) of each content-hashed file, which
//      nginx/pishkhan.conf serves (brotli_static).
import { join } from 'node:path';
import { compress } from './postbuild/compress.mjs';
import { csp } from './postbuild/csp.mjs';
import { minify } from './postbuild/minify.mjs';
import { split } from './postbuild/split.mjs';
import { sw } from './postbuild/sw.mjs';
import { shells } from './postbuild/shells.mjs';
import { PostbuildError } from './postbuild/util.mjs';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('postbuild: TRUNK_STAGING_DIR is not set (run me from a Trunk hook)');
  process.exit(1);
}
const source = process.env.TRUNK_SOURCE_DIR || process.cwd();
const ctx = {
  staging,
  source,
  publicUrl: process.env.TRUNK_PUBLIC_URL || '/',
  profile: process.env.TRUNK_PROFILE || 'release',
  htmlFile: process.env.TRUNK_HTML_FILE || join(source, 'index.html'),
  targetDir: process.env.CARGO_TARGET_DIR || join(source, 'target'),
};

try {
  for (const stage of [split, csp, minify, shells, sw, compress]) await stage(ctx);
} catch (err) {
  if (!(err instanceof PostbuildError)) throw err;
  console.error(`postbuild: ${err.message}`);
  process.exit(1);
}
