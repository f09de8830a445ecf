// Writes `name.br`, brotli at quality 11, beside every content-hashed file of the build (the
// WebAssembly modules, JavaScript and CSS named `…-<16 hex digits>…`), for a server that sends a
// file's precompressed copy when the browser accepts brotli (nginx's brotli_static,
// nginx/pishkhan.conf). Quality 11 takes about a second per megabyte, too slow for a server to
// do per request, and gives the sizes the first-load budget counts (scripts/size-budget.sh).
// Only hashed files: they never change under their name, so a copy can never be stale. The
// route shells, config.json, sw.js and the API data may be replaced by an operator, so the
// server compresses those as it sends them.
// Runs last: the service worker's precache list (sw.mjs) holds the files, not their copies.
import { readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { files } from './util.mjs';

/** A content-hashed build file: Trunk's (`app-<hash>.css`, `pishkhan-<hash>_bg.wasm`) and the post-build's. */
export const HASHED = /-[0-9a-f]{16}(?:_bg)?\.(?:js|wasm|css)$/;

export function compress({ staging }) {
  let raw = 0;
  let packed = 0;
  const hashed = files(staging).filter((p) => !relative(staging, p).startsWith('api/') && HASHED.test(p));
  for (const path of hashed) {
    const data = readFileSync(path);
    const br = brotliCompressSync(data, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
        [constants.BROTLI_PARAM_MODE]: path.endsWith('.wasm') ? constants.BROTLI_MODE_GENERIC : constants.BROTLI_MODE_TEXT,
      },
    });
    writeFileSync(`${path}.br`, br);
    raw += data.length;
    packed += br.length;
  }
  console.log(`postbuild: brotli copies of ${hashed.length} hashed files, ${raw} → ${packed} bytes`);
}
