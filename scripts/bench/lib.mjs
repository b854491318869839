// Shared helpers of the benchmark scripts: paths, free ports, child processes that are always cleaned up,
// the cached scale-seeded PostgreSQL data folder, logging in, percentiles.
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const API_DIST = join(ROOT, 'dist/apps/api/apps/api/src');
export const MAIN_JS = join(API_DIST, 'main.js');
export const CLI_JS = join(API_DIST, 'database/cli.js');
export const BENCH_PASSWORD = 'Gezinsplan-bench-2026';
export const BENCH_USERS = {
  worker: 'bench-toegang@schaal.test',
  provider: 'bench-zorg@schaal.test',
  policy: 'bench-beleid@schaal.test',
};
/** The pool size of the API (DATABASE_POOL_SIZE's default, apps/api/src/database/data-source.ts), used by the baseline too. */
export const POOL_SIZE = 10;
/**
 * How the API runs in production: the Dockerfile's NODE_OPTIONS and `npm start` cap the JavaScript heap alike.
 * BENCH_API_NODE_OPTIONS replaces it, to compare heap settings (docs/performance.md, the heap table).
 */
export const API_NODE_OPTIONS = process.env.BENCH_API_NODE_OPTIONS ?? '--max-old-space-size=256';
/**
 * glibc's malloc as the Dockerfile and `npm start` set it: a fixed mmap threshold, so big native blocks (argon2's
 * 19 MiB per password hash) go back to the system when freed instead of staying in malloc's arenas
 * (docs/performance.md, memory). BENCH_API_MALLOC_MMAP_THRESHOLD='' leaves glibc's default, to compare.
 */
export const API_MALLOC_MMAP_THRESHOLD = process.env.BENCH_API_MALLOC_MMAP_THRESHOLD ?? '131072';

if (Number(process.versions.node.split('.')[0]) < 24) {
  console.error(
    `The bench needs Node 24 (this is ${process.version}): run it through npm, or put node_modules/.bin first on PATH`,
  );
  process.exit(2);
}

export function fail(message) {
  const error = new Error(message);
  error.benchFailure = true;
  throw error;
}

/** `--name value` / `--name=value` / `--flag` arguments. */
export function parseArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(argv[i]);
    if (!m) fail(`Unknown argument ${argv[i]} (use --name value)`);
    if (m[2] !== undefined) out[m[1]] = m[2];
    else if (argv[i + 1] !== undefined && !argv[i + 1].startsWith('--')) out[m[1]] = argv[++i];
    else out[m[1]] = 'true';
  }
  return out;
}

export function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

const cleanups = [];
/** Runs on normal exit, on an error and on ctrl-c, newest first. */
export function onCleanup(fn) {
  cleanups.unshift(fn);
}
let cleaning = null;
export function cleanup() {
  cleaning ??= (async () => {
    for (const fn of cleanups.splice(0)) {
      try {
        await fn();
      } catch (err) {
        console.error(`cleanup: ${err instanceof Error ? err.message : err}`);
      }
    }
  })();
  return cleaning;
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping the app, the baseline and PostgreSQL…`);
    cleanup().finally(() => process.exit(130));
  });
}

/** Starts a node child process that is killed (by its pid) when the bench ends. */
export function startNode(name, script, env, { quiet = true } = {}) {
  const child = spawn(process.execPath, [script], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', quiet ? 'ignore' : 'inherit', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr = (stderr + d).slice(-4000);
  });
  child.exited = new Promise((res) => child.on('exit', (code) => res(code)));
  child.stderrTail = () => stderr;
  onCleanup(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await child.exited;
      clearTimeout(timer);
    }
  });
  child.label = name;
  return child;
}

export async function waitForHttp(url, child, timeoutMs = 120_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child && child.exitCode !== null) {
      fail(`${child.label} exited with code ${child.exitCode} before it answered:\n${child.stderrTail()}`);
    }
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  fail(`${child?.label ?? url} did not answer ${url} within ${timeoutMs / 1000}s`);
}

/** Builds the API unless its build is there (or `force`). */
export function ensureApiBuild(force = false) {
  if (!force && existsSync(MAIN_JS)) return;
  console.log('Building the API (nx run api:build)…');
  const nx = join(ROOT, 'node_modules/.bin/nx');
  const r = spawnSync(nx, ['run', 'api:build', '--output-style=static'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, NX_DAEMON: 'false' },
  });
  if (r.status !== 0) fail('nx run api:build failed');
}

const require = createRequire(import.meta.url);
export function embedded() {
  return require(join(API_DIST, 'database/embedded.js'));
}

/** PostgreSQL settings of the bench database (a small dedicated server, as in production). */
const PG_SETTINGS = {
  shared_buffers: "'1GB'",
  effective_cache_size: "'4GB'",
  work_mem: "'16MB'",
  random_page_cost: '1.1',
  jit: 'off',
  max_connections: '200',
  // Fewer checkpoints: while seeding (full-page writes after each one) and while measuring (their I/O shows in p99).
  max_wal_size: "'8GB'",
  checkpoint_timeout: "'30min'",
  // Loaded, not active: the bench reads pg_stat_statements per scenario; bench:explain switches auto_explain on.
  shared_preload_libraries: 'pg_stat_statements, auto_explain',
};

/**
 * The cache key of a seeded data folder: the family count, the migrations and the seed itself. Reruns with the
 * same key reuse the folder (the bench's own writes stay in it; they are a rounding error at region scale).
 */
export function dataFolder(families) {
  const h = createHash('sha256');
  h.update(readFileSync(join(ROOT, 'migrations/index.ts')));
  h.update(readFileSync(join(ROOT, 'apps/api/src/database/seed/scale-seed.ts')));
  h.update(JSON.stringify(PG_SETTINGS));
  return join(ROOT, 'tmp/bench-data', `f${families}-${h.digest('hex').slice(0, 10)}`);
}

/** Seeds the folder with `seed:scale` unless it exists; a half-seeded folder is never kept. */
export async function ensureSeeded(families, log = console.log) {
  const folder = dataFolder(families);
  if (existsSync(join(folder, 'postgres/PG_VERSION')) && existsSync(join(folder, 'seeded'))) return folder;
  const partial = `${folder}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  log(`Seeding ${families} families into ${partial} (cached for the next run)…`);
  // The server settings first (initdb happens here), so the seed runs with them too.
  await configure(partial);
  const port = await freePort();
  const started = Date.now();
  const child = spawn(process.execPath, [CLI_JS, 'seed-scale', '--families', String(families), '--data-dir', partial], {
    cwd: ROOT,
    env: { ...process.env, EMBEDDED_PG_PORT: String(port), DATABASE_URL: '' },
    stdio: 'inherit',
  });
  onCleanup(() => {
    if (child.exitCode === null) child.kill('SIGTERM');
  });
  const code = await new Promise((res) => child.on('exit', res));
  if (code !== 0) fail(`seed:scale failed (exit ${code}); the partial folder ${partial} was left for inspection`);
  // Encrypt the seed's plain-text notes now, with the folder's own key, so the API does not do it in the
  // background while it is being measured.
  const encrypt = spawn(process.execPath, [CLI_JS, 'encrypt-notes', '--data-dir', partial], {
    cwd: ROOT,
    env: {
      ...process.env,
      EMBEDDED_PG_PORT: String(port),
      DATABASE_URL: '',
      FIELD_ENCRYPTION_KEY: benchFieldKey(partial),
    },
    stdio: 'inherit',
  });
  onCleanup(() => {
    if (encrypt.exitCode === null) encrypt.kill('SIGTERM');
  });
  const encrypted = await new Promise((res) => encrypt.on('exit', res));
  if (encrypted !== 0) fail(`encrypting the seeded notes failed (exit ${encrypted})`);
  await configure(partial, async (c) => {
    await c.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    await c.query('VACUUM ANALYZE');
  });
  writeFileSync(join(partial, 'seeded'), `${families} families, ${Math.round((Date.now() - started) / 1000)}s\n`);
  rmSync(folder, { recursive: true, force: true });
  renameSync(partial, folder);
  return folder;
}

/** Starts the folder's PostgreSQL, applies PG_SETTINGS (ALTER SYSTEM, from the next start on), runs `then`, stops. */
export async function configure(folder, then) {
  const pg = await startPg(folder);
  try {
    const { Client } = require('pg');
    const c = new Client(pg.url);
    await c.connect();
    for (const [k, v] of Object.entries(PG_SETTINGS)) await c.query(`ALTER SYSTEM SET ${k} = ${v}`);
    await then?.(c);
    await c.end();
  } finally {
    await pg.stop();
  }
}

/** Starts the embedded PostgreSQL of a data folder on a free port; stopped at cleanup. */
export async function startPg(folder, log) {
  const port = await freePort();
  const tail = [];
  let db;
  try {
    db = await embedded().startEmbeddedPostgres({
      dataDir: join(folder, 'postgres'),
      port,
      database: 'gezinsplan',
      log: (line) => {
        tail.push(line.trim());
        if (tail.length > 20) tail.shift();
        log?.(line);
      },
    });
  } catch (err) {
    fail(`PostgreSQL did not start in ${folder}: ${err?.message ?? ''}\n${tail.filter(Boolean).join('\n')}`);
  }
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await db.stop();
  };
  onCleanup(stop);
  // The API and the baseline reach a PostgreSQL on the same machine over its Unix socket, as a single-server
  // deployment does: on this VM each statement over TCP loopback costs noticeably more (docs/performance.md).
  const socketDir = '/tmp';
  const socketUrl = existsSync(join(socketDir, `.s.PGSQL.${port}`))
    ? db.url.replace(/@[^/]+\//, `@${encodeURIComponent(socketDir)}:${port}/`)
    : db.url;
  return { url: db.url, socketUrl, port, stop };
}

export async function login(base, email) {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: BENCH_PASSWORD }),
  });
  if (!res.ok) fail(`Login of ${email} failed: ${res.status} ${await res.text()}`);
  const body = await res.json();
  return { token: body.accessToken, user: body.user };
}

export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function machineFacts() {
  const cpu = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? 'unknown';
  const mem = /MemTotal:\s*(\d+)/.exec(readFileSync('/proc/meminfo', 'utf8'))?.[1];
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  const nproc = spawnSync('nproc').stdout?.toString().trim();
  return { nproc, cpu, ramGb: mem ? Math.round(Number(mem) / 1024 / 1024) : null, load, node: process.version };
}

/** The statements that took the most time since the last reset (needs pg_stat_statements). */
export async function topQueries(db, limit = 6) {
  try {
    const { rows } = await db.query(
      `SELECT calls, round(total_exec_time)::int AS total_ms, round(mean_exec_time::numeric, 2)::float8 AS mean_ms,
              left(regexp_replace(query, '\\s+', ' ', 'g'), 160) AS query
         FROM pg_stat_statements WHERE query NOT ILIKE '%pg_stat_statements%'
        ORDER BY total_exec_time DESC LIMIT $1`,
      [limit],
    );
    return rows;
  } catch {
    return [];
  }
}

export async function resetTopQueries(db) {
  await db.query('SELECT pg_stat_statements_reset()').catch(() => undefined);
}

/**
 * The audit chain key the API must run with (production requires one): the key `seed-scale` generated in the
 * seeded data folder, so the API keeps extending the same chain; AUDIT_CHAIN_KEY when set; otherwise a fresh one.
 */
/**
 * The field-encryption key of the seeded data folder, kept in it: the API encrypts the seed's plain-text notes at
 * boot, so every later run against the same folder must use the same key (a fresh key per run made those notes
 * unreadable: 500s on open plan).
 */
export function benchFieldKey(folder) {
  if (process.env.FIELD_ENCRYPTION_KEY) return process.env.FIELD_ENCRYPTION_KEY;
  if (!folder) {
    // A database of your own (DATABASE_URL): its notes are encrypted with its key; a made-up one would make them
    // unreadable (500s) and the API would encrypt the remaining plain text with it.
    fail('With DATABASE_URL, set FIELD_ENCRYPTION_KEY (and AUDIT_CHAIN_KEY) to the keys that database runs with');
  }
  const file = join(folder, 'bench-field-encryption-key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const key = randomBytes(32).toString('base64');
  writeFileSync(file, key, { mode: 0o600 });
  return key;
}

export function benchAuditChainKey(folder) {
  if (process.env.AUDIT_CHAIN_KEY) return process.env.AUDIT_CHAIN_KEY;
  const file = folder ? join(folder, 'audit-chain-key') : null;
  if (file && existsSync(file)) return readFileSync(file, 'utf8').trim();
  return randomBytes(48).toString('base64url');
}

/**
 * Starts the production build of the API as the bench runs it (production mode, the data folder's keys, no demo
 * seed, password-only bench accounts, the production heap cap) and, unless `baseline` is false, the bare baseline
 * with the same secrets, on free loopback ports; waits until both answer.
 */
export async function startApiAndBaseline({ databaseUrl, folder, logLevel = 'info', baseline = true }) {
  const secrets = {
    JWT_SECRET: randomBytes(32).toString('hex'),
    FIELD_ENCRYPTION_KEY: benchFieldKey(folder),
    AUDIT_CHAIN_KEY: benchAuditChainKey(folder),
  };
  const appPort = await freePort();
  const app = startNode('the API', MAIN_JS, {
    NODE_OPTIONS: API_NODE_OPTIONS,
    ...(API_MALLOC_MMAP_THRESHOLD ? { MALLOC_MMAP_THRESHOLD_: API_MALLOC_MMAP_THRESHOLD } : {}),
    ...secrets,
    NODE_ENV: 'production',
    PORT: String(appPort),
    DATABASE_URL: databaseUrl,
    MIGRATE_ON_BOOT: 'true',
    SEED_DEMO: 'false',
    ACCESS_TOKEN_TTL_SECONDS: '3600',
    LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
    // The bench accounts log in with a password only: the benchmark measures the requests after login, and a
    // production deployment's second factor (MFA_REQUIRED defaults to on) would need a TOTP step per account.
    MFA_REQUIRED: 'false',
    LOG_LEVEL: logLevel,
    DATA_DIR: join(ROOT, 'tmp/bench-app'),
  });
  const out = { app, appUrl: `http://127.0.0.1:${appPort}`, baseline: null, baselineUrl: null };
  if (baseline) {
    const basePort = await freePort();
    out.baseline = startNode('the baseline', join(ROOT, 'scripts/bench/baseline.mjs'), {
      ...secrets,
      DATABASE_URL: databaseUrl,
      PORT: String(basePort),
      POOL_SIZE: String(POOL_SIZE),
    });
    out.baselineUrl = `http://127.0.0.1:${basePort}`;
  }
  await waitForHttp(`${out.appUrl}/api/health`, app);
  if (out.baseline) await waitForHttp(`${out.baselineUrl}/health`, out.baseline);
  return out;
}
