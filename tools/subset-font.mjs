#!/usr/bin/env node
// Subset the Vazirmatn variable font (npm `vazirmatn`, SIL OFL 1.1) to the Persian script the UI
// renders: Persian letters, digits and punctuation, joiners and direction marks. Latin text
// (the English UI, spaces, ASCII punctuation) is left to the system's UI font: its @font-face in
// style/tokens.css has a matching `unicode-range`, so a Latin-only page never downloads this file,
// and a Persian page does not carry ~13 KB of Latin glyphs in its first load.
//
// Writes public/fonts/vazirmatn-subset.woff2 (one variable file, wght 400–800, ~22 KB) and the
// licence beside it (OFL.txt). Runs from Trunk's pre_build hook through tools/prebuild.sh, so it
// is idempotent: it does nothing when the output is newer than the source font and this script.
//
// Usage: node tools/subset-font.mjs [--force]
// Exports CHARACTERS (the kept code points) for tests/e2e/font.spec.ts.
import { mkdir, readFile, stat, writeFile, copyFile, rename } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

const OUT_DIR = join(repo, 'public', 'fonts');
const OUT = join(OUT_DIR, 'vazirmatn-subset.woff2');
const LICENCE_OUT = join(OUT_DIR, 'OFL.txt');

// The UI uses weights 400 (body), 600, 700 and 800. Limiting the axis to that range saves ~13 KB;
// CSS asking for 100–300 or 900 is clamped by the browser to the nearest weight the font has.
const WEIGHT_RANGE = { min: 400, max: 800 };

// OpenType features that Persian shaping needs (joining forms, marks, ligatures such as لا),
// kerning for Latin, and tabular digits (the dashboard uses `font-variant-numeric: tabular-nums`).
// Everything else (stylistic sets, fractions, superscripts…) is dropped: ~8 KB.
const FEATURES = [
  'ccmp', 'locl', 'isol', 'init', 'medi', 'fina', 'rlig', 'rclt', 'calt', 'liga',
  'curs', 'kern', 'mark', 'mkmk', 'tnum',
];

// name table entries kept: copyright (0), family/style/ids (1–6), licence text and URL (13, 14),
// so the OFL notice travels inside the font as the licence asks.
const NAME_IDS = [0, 1, 2, 3, 4, 5, 6, 13, 14];

function range(from, to) {
  let s = '';
  for (let cp = from; cp <= to; cp += 1) s += String.fromCodePoint(cp);
  return s;
}

// Characters to keep. Presentation forms (U+FB50–U+FDFF, U+FE70–U+FEFF) are not listed: text never
// contains them, and the glyphs that shaping substitutes in are kept by HarfBuzz's layout closure.
export const CHARACTERS = [
  // Arabic letters used in Persian text (incl. ة ي ك أ إ ؤ ء, which appear in names), harakat,
  // hamza above/below, superscript alef.
  range(0x0621, 0x063a),
  range(0x0641, 0x0655),
  '\u0670',
  // Persian-specific letters: پ چ ژ ک گ ی, heh-with-yeh ۀ, heh goal ہ, ae ە.
  '\u067e\u0686\u0698\u06a9\u06af\u06cc\u06c0\u06c1\u06d5',
  // Persian digits ۰–۹; Arabic-Indic digits ٠–٩ (input the app normalises, may be echoed back).
  range(0x06f0, 0x06f9),
  range(0x0660, 0x0669),
  // Persian punctuation: ، ؛ ؟ tatweel, ٪ ٫ (decimal) ٬ (thousands).
  '\u060c\u061b\u061f\u0640\u066a\u066b\u066c',
  // Joiners and direction marks: ZWNJ (نیم‌فاصله) is everywhere in Persian; LRM/RLM around numbers.
  '\u200c\u200d\u200e\u200f',
].join('');

// The code point ranges the font is used for: style/tokens.css's `unicode-range` must say the
// same (tests/e2e/font.spec.ts checks both). Presentation forms are included because shaping
// may map text to them.
export const UNICODE_RANGES = [
  [0x0600, 0x06ff],
  [0x200c, 0x200f],
  [0xfb50, 0xfdff],
  [0xfe70, 0xfeff],
];

async function mtime(path) {
  try {
    return (await stat(path)).mtimeMs;
  } catch {
    return -1;
  }
}

function sourceFont() {
  try {
    const pkg = dirname(require.resolve('vazirmatn/package.json'));
    return { font: join(pkg, 'fonts', 'variable', 'Vazirmatn[wght].ttf'), licence: join(pkg, 'OFL.txt') };
  } catch {
    throw new Error('npm package "vazirmatn" is missing: run `npm ci` (scripts/setup.sh does).');
  }
}

async function isFresh(inputs) {
  const out = Math.min(await mtime(OUT), await mtime(LICENCE_OUT));
  if (out < 0) return false;
  const newestInput = Math.max(...(await Promise.all(inputs.map(mtime))));
  return out > newestInput;
}

async function main() {
  const force = process.argv.includes('--force');
  const src = sourceFont();
  const self = fileURLToPath(import.meta.url);
  if (!force && (await isFresh([src.font, src.licence, self]))) return;

  let subsetFont;
  try {
    subsetFont = (await import('subset-font')).default;
  } catch {
    throw new Error('npm package "subset-font" is missing: run `npm ci` (scripts/setup.sh does).');
  }

  const woff2 = await subsetFont(await readFile(src.font), CHARACTERS, {
    targetFormat: 'woff2',
    variationAxes: { wght: WEIGHT_RANGE },
    keepFeatures: FEATURES,
    preserveNameIds: NAME_IDS,
  });

  await mkdir(OUT_DIR, { recursive: true });
  // Write then rename, so an interrupted run never leaves a truncated font that looks fresh.
  await writeFile(`${OUT}.tmp`, woff2);
  await rename(`${OUT}.tmp`, OUT);
  await copyFile(src.licence, LICENCE_OUT);
  console.log(`subset-font: wrote public/fonts/vazirmatn-subset.woff2 (${woff2.length} bytes)`);
}

// Run only as a script: the browser tests import CHARACTERS to check the UI stays covered.
if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  main().catch((err) => {
    console.error(`subset-font: ${err.message}`);
    process.exit(1);
  });
}
