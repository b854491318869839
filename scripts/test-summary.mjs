// Adds up the Jest result files of one `npm test` run and prints "Tests: N passed, N failed".
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
let passed = 0;
let failed = 0;
let pending = 0;
for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
  const r = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  pending += r.numPendingTests + (r.numTodoTests ?? 0);
}
if (passed + failed === 0) {
  console.error('No tests ran');
  process.exit(1);
}
console.log(`Tests: ${passed} passed, ${failed} failed${pending ? `, ${pending} skipped` : ''}`);
// Checks that could not run say so here, at the end, so nobody mistakes them for passes (e.g. npm audit).
for (const file of readdirSync(dir).filter((f) => f.startsWith('NOTICE-'))) {
  console.log(`NOTICE: ${readFileSync(join(dir, file), 'utf8').trim()}`);
}
process.exit(failed > 0 || pending > 0 ? 1 : 0);
