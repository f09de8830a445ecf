// The stylesheets of style/, in cascade order, as one file: public/styles/app.css, which
// index.html links (one request instead of eight, and brotli compresses them together). Comments
// and indentation are dropped (they explain the source, not the page: −1.7 KB brotli). The file is
// written only when it changes, so `trunk serve` does not rebuild in a loop. Run by
// tools/prebuild.sh.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// Cascade order: tokens first, print last (it is all inside `@media print`).
const FILES = ['tokens', 'base', 'layout', 'components', 'services', 'licences', 'finder', 'print'];
const OUT = join(root, 'public', 'styles', 'app.css');

function strip(css) {
  return css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^[ \t]+/gm, '')
    .replace(/\n{2,}/g, '\n')
    .trim();
}

const bundle = `${FILES.map((f) => strip(readFileSync(join(root, 'style', `${f}.css`), 'utf8'))).join('\n')}\n`;
let current = null;
try {
  current = readFileSync(OUT, 'utf8');
} catch {
  // not written yet
}
if (current !== bundle) {
  mkdirSync(dirname(OUT), { recursive: true });
  writeFileSync(OUT, bundle);
}
