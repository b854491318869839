// npm run bench:explain [-- --families 50000]
//
// EXPLAIN (ANALYZE, BUFFERS) of every SQL statement the API runs for the benchmarked endpoints, taken from the
// real requests with PostgreSQL's auto_explain (no copy of the queries that could drift from the code): starts
// the cached scale database and the production API, sends each request once to warm up and once with
// auto_explain on, and prints the plans per endpoint (also written to dist/bench/explain.txt).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import {
  BENCH_USERS,
  ROOT,
  cleanup,
  ensureApiBuild,
  ensureSeeded,
  fail,
  login,
  parseArgs,
  startApiAndBaseline,
  startPg,
} from './lib.mjs';

const args = parseArgs(process.argv.slice(2));
const FAMILIES = Number(args.families ?? 50_000);

async function main() {
  ensureApiBuild(args.build === 'true');
  const folder = await ensureSeeded(FAMILIES);
  let capture = null;
  const db = await startPg(folder, (line) => capture?.push(line));
  const admin = new pg.Client(db.url);
  admin.on('error', () => undefined);
  await admin.connect();
  const { appUrl: base } = await startApiAndBaseline({
    databaseUrl: db.url,
    folder,
    logLevel: 'warn',
    baseline: false,
  });
  const worker = await login(base, BENCH_USERS.worker);
  const provider = await login(base, BENCH_USERS.provider);
  const policy = await login(base, BENCH_USERS.policy);
  const [fam] = (
    await admin.query(
      `SELECT f.id FROM family f JOIN plan p ON p.family_id = f.id AND p.status NOT IN ('closed', 'draft')
        WHERE f.regisseur_user_id = $1 ORDER BY f.id LIMIT 1`,
      [worker.user.id],
    )
  ).rows;
  const [progressGoal] = (
    await admin.query(
      `SELECT g.id FROM goal g JOIN plan p ON p.id = g.plan_id AND p.status NOT IN ('closed', 'draft')
         JOIN involvement i ON i.family_id = g.family_id AND i.organisation_id = $1 AND i.until IS NULL
       ORDER BY g.id LIMIT 1`,
      [provider.user.organisation.id],
    )
  ).rows;
  if (!fam || !progressGoal) fail('The scale data has no plan for the bench users');
  const goalOf = async () =>
    (await admin.query(`SELECT id, version FROM goal WHERE family_id = $1 ORDER BY priority LIMIT 1`, [fam.id]))
      .rows[0];

  const call = async (token, method, path, body, headers = {}) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!res.ok) fail(`${method} ${path} answered ${res.status}: ${await res.text()}`);
  };
  const endpoints = [
    ['open plan: GET /api/families/:id/plan', () => call(worker.token, 'GET', `/api/families/${fam.id}/plan`)],
    [
      'goal update: PATCH /api/goals/:id',
      async () => {
        const g = await goalOf();
        await call(
          worker.token,
          'PATCH',
          `/api/goals/${g.id}`,
          { title: 'Doel (explain)' },
          { 'if-match': `"${g.version}"` },
        );
      },
    ],
    [
      'post progress: POST /api/goals/:id/progress',
      () => call(provider.token, 'POST', `/api/goals/${progressGoal.id}/progress`, { note: 'Explain', score: 6 }),
    ],
    ['worklist: GET /api/families?limit=200', () => call(worker.token, 'GET', '/api/families?limit=200')],
    ['dashboard: GET /api/indicators', () => call(policy.token, 'GET', '/api/indicators')],
  ];
  const settings = {
    'auto_explain.log_analyze': 'on',
    'auto_explain.log_buffers': 'on',
    'auto_explain.log_nested_statements': 'on',
    'auto_explain.log_format': "'text'",
  };
  for (const [k, v] of Object.entries(settings)) await admin.query(`ALTER SYSTEM SET ${k} = ${v}`);
  const out = [];
  try {
    for (const [name, send] of endpoints) {
      await send(); // warm: the pool's connections, caches
      await admin.query(`ALTER SYSTEM SET auto_explain.log_min_duration = 0`);
      await admin.query('SELECT pg_reload_conf()');
      await new Promise((r) => setTimeout(r, 300));
      capture = [];
      await send();
      await new Promise((r) => setTimeout(r, 300));
      const lines = capture;
      capture = null;
      await admin.query(`ALTER SYSTEM SET auto_explain.log_min_duration = -1`);
      await admin.query('SELECT pg_reload_conf()');
      const plans = lines
        .join('\n')
        .split(/\n(?=\S.*LOG:\s+duration:)/)
        .filter((p) => p.includes('Query Text') && !p.includes('pg_reload_conf') && !p.includes('ALTER SYSTEM'));
      out.push(`\n=== ${name}: ${plans.length} statements ===\n`);
      for (const p of plans) out.push(p.replace(/^.*LOG:\s+/, '').trim(), '');
    }
  } finally {
    for (const k of [...Object.keys(settings), 'auto_explain.log_min_duration']) {
      await admin.query(`ALTER SYSTEM RESET ${k}`).catch(() => undefined);
    }
    await admin.query('SELECT pg_reload_conf()').catch(() => undefined);
    await admin.end();
  }
  const text = `EXPLAIN (ANALYZE, BUFFERS) via auto_explain, ${FAMILIES} families, ${new Date().toISOString()}\n${out.join('\n')}`;
  console.log(text);
  mkdirSync(join(ROOT, 'dist/bench'), { recursive: true });
  writeFileSync(join(ROOT, 'dist/bench/explain.txt'), text);
  console.log('\nWritten: dist/bench/explain.txt');
}

main()
  .then(() => cleanup())
  .then(() => process.exit(0))
  .catch(async (err) => {
    console.error(
      `\nbench:explain failed: ${err instanceof Error ? (err.benchFailure ? err.message : err.stack) : err}`,
    );
    await cleanup();
    process.exit(1);
  });
