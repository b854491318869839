// npm run bench:serve [-- --families 50000]: starts the bench's PostgreSQL (seeded data folder), the production API
// and the baseline, and keeps them running for hands-on profiling (autocannon by hand, EXPLAIN, top). Writes the
// URLs and the bench accounts' access tokens to tmp/bench-serve.json; ctrl-c stops everything.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  API_NODE_OPTIONS,
  BENCH_USERS,
  cleanup,
  MAIN_JS,
  POOL_SIZE,
  ROOT,
  benchAuditChainKey,
  benchFieldKey,
  ensureApiBuild,
  ensureSeeded,
  freePort,
  login,
  parseArgs,
  startNode,
  startPg,
  waitForHttp,
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
const secrets = {
  JWT_SECRET: randomBytes(32).toString('hex'),
  FIELD_ENCRYPTION_KEY: benchFieldKey(folder),
  AUDIT_CHAIN_KEY: benchAuditChainKey(folder),
};
const appPort = await freePort();
const app = startNode('the API', MAIN_JS, {
  NODE_OPTIONS: API_NODE_OPTIONS,
  ...secrets,
  NODE_ENV: 'production',
  PORT: String(appPort),
  DATABASE_URL: socketUrl,
  MIGRATE_ON_BOOT: 'true',
  SEED_DEMO: 'false',
  ACCESS_TOKEN_TTL_SECONDS: '3600',
  LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
  MFA_REQUIRED: 'false',
  LOG_LEVEL: args['log-level'] ?? 'info',
  DATA_DIR: join(ROOT, 'tmp/bench-app'),
});
const basePort = await freePort();
const baseline = startNode('the baseline', join(ROOT, 'scripts/bench/baseline.mjs'), {
  ...secrets,
  DATABASE_URL: socketUrl,
  PORT: String(basePort),
  POOL_SIZE: String(POOL_SIZE),
});
const APP = `http://127.0.0.1:${appPort}`;
const BASE = `http://127.0.0.1:${basePort}`;
await waitForHttp(`${APP}/api/health`, app);
await waitForHttp(`${BASE}/health`, baseline);
const tokens = {};
for (const [role, email] of Object.entries(BENCH_USERS)) tokens[role] = await login(APP, email);
const out = { app: APP, appPid: app.pid, baseline: BASE, baselinePid: baseline.pid, databaseUrl, tokens };
writeFileSync(join(ROOT, 'tmp/bench-serve.json'), JSON.stringify(out, null, 2));
console.log(`API ${APP} (pid ${app.pid}), baseline ${BASE} (pid ${baseline.pid}), ${databaseUrl}`);
console.log('Tokens in tmp/bench-serve.json; ctrl-c stops.');
app.stderr.pipe(process.stderr);
baseline.stderr.pipe(process.stderr);
await new Promise(() => undefined);
