// Initial JavaScript of the production web build, gzipped: the scripts index.html loads plus every chunk they
// import statically (dynamic `import()` chunks are lazy and load per feature). Fails above the budget.
// Usage: node scripts/bundle-size.mjs [dist/apps/web/browser] [budget kB]
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const dir = process.argv[2] ?? 'dist/apps/web/browser';
const budgetKb = Number(process.argv[3] ?? 250);
const html = readFileSync(join(dir, 'index.html'), 'utf8');
const entries = [...html.matchAll(/<script[^>]*src="([^"]+\.js)"/g)].map((m) => m[1]);

const initial = new Set();
const queue = [...entries];
while (queue.length) {
  const file = queue.shift();
  if (initial.has(file)) continue;
  initial.add(file);
  const code = readFileSync(join(dir, file), 'utf8');
  // Static imports only: `import{a}from"./chunk-X.js"` or `import"./chunk-X.js"`, not `import("./chunk-X.js")`.
  for (const m of code.matchAll(/(?:from|import)\s*"\.\/([^"]+\.js)"/g)) queue.push(m[1]);
}

const gz = (file) => gzipSync(readFileSync(join(dir, file)), { level: 9 }).length;
const all = readdirSync(dir).filter((f) => f.endsWith('.js'));
const initialKb = [...initial].reduce((sum, f) => sum + gz(f), 0) / 1024;
const lazy = all.filter((f) => !initial.has(f));
const lazyKb = lazy.reduce((sum, f) => sum + gz(f), 0) / 1024;

console.log(`web bundle: initial ${initialKb.toFixed(1)} kB gzipped in ${initial.size} files (budget ${budgetKb} kB)`);
console.log(`            lazy ${lazyKb.toFixed(1)} kB gzipped in ${lazy.length} chunks`);
if (initialKb > budgetKb) {
  console.error(`Initial JavaScript is over budget by ${(initialKb - budgetKb).toFixed(1)} kB`);
  process.exit(1);
}
