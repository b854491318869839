// npm run bench:serve [-- --families 50000]: starts the bench's PostgreSQL (seeded data folder), the production API
// and the baseline, and keeps them running for hands-on profiling (autocannon by hand, EXPLAIN, top). Writes the
// URLs and the bench accounts' access tokens to tmp/bench-serve.json; ctrl-c stops everything.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  BENCH_USERS,
  cleanup,
  ROOT,
  ensureApiBuild,
  ensureSeeded,
  login,
  parseArgs,
  startApiAndBaseline,
  startPg,
} from './lib.mjs';

process.on('uncaughtException', async (err) => {
  console.error(`bench:serve failed: ${err instanceof Error ? err.message : err}`);
  await cleanup();
  process.exit(1);
});
process.on('unhandledRejection', (err) => process.emit('uncaughtException', err));
const args = parseArgs(process.argv.slice(2));
const families = Number(args.families ?? 50_000);
ensureApiBuild(args.build === 'true');
const folder = await ensureSeeded(families);
const { url: databaseUrl, socketUrl } = await startPg(folder);
const started = await startApiAndBaseline({ databaseUrl: socketUrl, folder, logLevel: args['log-level'] ?? 'info' });
const { app, baseline } = started;
const APP = started.appUrl;
const BASE = started.baselineUrl;
const tokens = {};
for (const [role, email] of Object.entries(BENCH_USERS)) tokens[role] = await login(APP, email);
const out = { app: APP, appPid: app.pid, baseline: BASE, baselinePid: baseline.pid, databaseUrl, tokens };
writeFileSync(join(ROOT, 'tmp/bench-serve.json'), JSON.stringify(out, null, 2));
console.log(`API ${APP} (pid ${app.pid}), baseline ${BASE} (pid ${baseline.pid}), ${databaseUrl}`);
console.log('Tokens in tmp/bench-serve.json; ctrl-c stops.');
app.stderr.pipe(process.stderr);
baseline.stderr.pipe(process.stderr);
await new Promise(() => undefined);
