// Puts two runs of tests/bench/bench.mjs side by side (before/after a change):
//
//   node tests/bench/compare.mjs .cache/bench-before.md .cache/bench-after.md
//
// Reads the measurement table (the one with the ×1 and ×10 columns) of each output and prints one
// markdown table: measurement | before ×1 | before ×10 | after ×1 | after ×10. Rows present in
// only one run are kept (the other cells empty); notes are left out (they are in each run's table).
import { readFileSync } from 'node:fs';

const [beforeFile, afterFile] = process.argv.slice(2);
if (!beforeFile || !afterFile) {
  console.error('usage: node tests/bench/compare.mjs BEFORE.md AFTER.md');
  process.exit(2);
}

function measurements(file) {
  const rows = new Map();
  let inTable = false;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.startsWith('| measurement |')) { inTable = true; continue; }
    if (!inTable) continue;
    if (!line.startsWith('|')) { if (rows.size) break; continue; }
    if (line.startsWith('|---')) continue;
    // Split on unescaped pipes only.
    const cells = line.slice(1, -1).split(/(?<!\\)\|/).map((c) => c.trim());
    rows.set(cells[0], { x1: cells[1] ?? '', x10: cells[2] ?? '' });
  }
  return rows;
}

const before = measurements(beforeFile);
const after = measurements(afterFile);
const names = [...after.keys(), ...[...before.keys()].filter((k) => !after.has(k))];
const out = ['| measurement | before ×1 | before ×10 | after ×1 | after ×10 |', '|---|---|---|---|---|'];
for (const name of names) {
  const b = before.get(name) ?? { x1: '', x10: '' };
  const a = after.get(name) ?? { x1: '', x10: '' };
  out.push(`| ${name} | ${b.x1} | ${b.x10} | ${a.x1} | ${a.x10} |`);
}
console.log(out.join('\n'));
