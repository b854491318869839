import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, openSync, readSync, closeSync } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { createGunzip, createGzip } from 'node:zlib';
import { Client } from 'pg';
import { MIGRATIONS } from '@gezinsplan/migrations';
import { DataSource } from 'typeorm';
import { ensureAuditPartitions, verifyAuditChain, type VerifyResult } from '../modules/audit/audit-chain';
import { dataSourceOptions } from './data-source';

/**
 * Backup and restore (issue 6).
 *
 * - `pg_dump -Fc` / `pg_restore` when a pg_dump at least as new as the server is on PATH (a deployment with its
 *   own PostgreSQL and client tools).
 * - Otherwise a logical dump written here: one REPEATABLE READ READ ONLY transaction (a consistent snapshot),
 *   the migration level, every table of the public schema as JSON lines (row_to_json, exact for every type the
 *   schema uses), the sequences; gzip. The embedded PostgreSQL 18 ships no pg_dump and Debian's is older, so this
 *   is the path used in development and in the tests.
 *
 * Restore needs an empty database: it migrates it to the dump's level, loads the rows with triggers off
 * (session_replication_role = replica, so a superuser), sets the sequences, applies newer migrations, compares
 * row counts and verifies the audit hash chain.
 */

export const LOGICAL_FORMAT = 'gezinsplan-logical-dump';
const FETCH = 2000;

export interface DumpHeader {
  format: typeof LOGICAL_FORMAT;
  version: 1;
  createdAt: string;
  serverVersion: string;
  migrations: string[];
  tables: { name: string; columns: string[] }[];
  sequences: { name: string; value: string | null; called: boolean }[];
  /** Range of audit_log.occurred_at, so restore creates the partitions first. */
  auditRange: { from: string | null; to: string | null };
}

export interface BackupResult {
  method: 'pg_dump' | 'logical';
  file: string;
  counts: Record<string, number>;
}

/** Major version of a pg_dump/pg_restore on PATH, or null. */
export function clientToolMajor(tool: 'pg_dump' | 'pg_restore'): number | null {
  const out = spawnSync(tool, ['--version'], { encoding: 'utf8' });
  if (out.status !== 0) return null;
  const m = /(\d+)(?:\.\d+)?/.exec(out.stdout);
  return m ? Number(m[1]) : null;
}

async function serverMajor(client: Client): Promise<number> {
  const { rows } = await client.query<{ v: string }>('SHOW server_version_num');
  return Math.floor(Number(rows[0].v) / 10000);
}

const q = (ident: string) => `"${ident.replace(/"/g, '""')}"`;

/**
 * Writes a backup of the database at `url` to `file`. `method`: 'auto' (pg_dump when usable), or force one.
 * Seal the audit log first (the CLI does) so the dump carries a complete chain.
 */
export async function backupDatabase(
  url: string,
  file: string,
  method: 'auto' | 'pg_dump' | 'logical' = 'auto',
): Promise<BackupResult> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const major = await serverMajor(client);
    const dumpMajor = clientToolMajor('pg_dump');
    const usePgDump = method === 'pg_dump' || (method === 'auto' && dumpMajor !== null && dumpMajor >= major);
    if (usePgDump) {
      const run = spawnSync('pg_dump', ['-Fc', '--no-owner', '--no-privileges', '-f', file, '-d', url], {
        encoding: 'utf8',
      });
      if (run.status !== 0) throw new Error(`pg_dump failed: ${run.stderr.trim()}`);
      return { method: 'pg_dump', file, counts: {} };
    }
    return { method: 'logical', file, counts: await logicalDump(client, file) };
  } finally {
    await client.end();
  }
}

async function logicalDump(client: Client, file: string): Promise<Record<string, number>> {
  const gzip = createGzip();
  const out = createWriteStream(file, { mode: 0o600 });
  gzip.pipe(out);
  const write = async (line: string) => {
    if (!gzip.write(`${line}\n`)) await once(gzip, 'drain');
  };
  const counts: Record<string, number> = {};
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    const tables = (
      await client.query<{ name: string }>(
        `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname <> 'migrations'
         ORDER BY c.relname`,
      )
    ).rows;
    const header: DumpHeader = {
      format: LOGICAL_FORMAT,
      version: 1,
      createdAt: new Date().toISOString(),
      serverVersion: (await client.query<{ v: string }>('SHOW server_version')).rows[0].v,
      migrations: (await client.query<{ name: string }>('SELECT name FROM migrations ORDER BY id')).rows.map(
        (r) => r.name,
      ),
      tables: [],
      sequences: (
        await client.query<{ name: string; value: string | null; called: boolean }>(
          `SELECT sequencename AS name, last_value::text AS value, last_value IS NOT NULL AS called
           FROM pg_sequences WHERE schemaname = 'public' ORDER BY sequencename`,
        )
      ).rows,
      auditRange: (
        await client.query<{ from: string | null; to: string | null }>(
          `SELECT min(occurred_at)::text AS "from", max(occurred_at)::text AS "to" FROM audit_log`,
        )
      ).rows[0],
    };
    for (const { name } of tables) {
      const cols = await client.query<{ name: string }>(
        `SELECT attname AS name FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped
         AND attgenerated = '' ORDER BY attnum`,
        [q(name)],
      );
      header.tables.push({ name, columns: cols.rows.map((c) => c.name) });
    }
    await write(JSON.stringify(header));
    for (const table of header.tables) {
      await write(JSON.stringify({ table: table.name }));
      const list = table.columns.map(q).join(', ');
      await client.query(
        `DECLARE dump_rows NO SCROLL CURSOR FOR SELECT row_to_json(t)::text AS j FROM (SELECT ${list} FROM ${q(table.name)}) t`,
      );
      let n = 0;
      for (;;) {
        const { rows } = await client.query<{ j: string }>(`FETCH ${FETCH} FROM dump_rows`);
        for (const r of rows) await write(r.j);
        n += rows.length;
        if (rows.length < FETCH) break;
      }
      await client.query('CLOSE dump_rows');
      counts[table.name] = n;
      await write(JSON.stringify({ end: table.name, rows: n }));
    }
    await write(JSON.stringify({ done: true, counts }));
  } finally {
    await client.query('ROLLBACK');
  }
  gzip.end();
  await once(out, 'finish');
  return counts;
}

export interface RestoreResult {
  method: 'pg_restore' | 'logical';
  counts: Record<string, number>;
  verify: VerifyResult;
}

function isPgCustomDump(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(5);
    readSync(fd, buf, 0, 5, 0);
    return buf.toString('latin1') === 'PGDMP';
  } finally {
    closeSync(fd);
  }
}

/**
 * Restores `file` into the EMPTY database at `url`, then checks row counts (logical dumps) and verifies the audit
 * hash chain with `auditKey`. Throws when anything does not match.
 */
export async function restoreDatabase(url: string, file: string, auditKey: string): Promise<RestoreResult> {
  const client = new Client({ connectionString: url });
  await client.connect();
  let counts: Record<string, number> = {};
  let method: RestoreResult['method'];
  try {
    const { rows } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`,
    );
    if (rows[0].n > 0) throw new Error('Restore needs an empty database (the public schema has tables)');
    if (isPgCustomDump(file)) {
      method = 'pg_restore';
      const run = spawnSync('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', '-d', url, file], {
        encoding: 'utf8',
      });
      if (run.status !== 0) throw new Error(`pg_restore failed: ${run.stderr.trim()}`);
    } else {
      method = 'logical';
      counts = await logicalRestore(client, url, file);
    }
  } finally {
    await client.end();
  }
  const ds = new DataSource(dataSourceOptions(url));
  await ds.initialize();
  try {
    await ds.runMigrations({ transaction: 'each' });
    for (const [table, expected] of Object.entries(counts)) {
      const [{ n }] = (await ds.query(`SELECT count(*)::int AS n FROM ${q(table)}`)) as { n: number }[];
      if (n !== expected) throw new Error(`Restore check: ${table} has ${n} rows, the dump had ${expected}`);
    }
    const verify = await verifyAuditChain(ds, auditKey, { seal: false });
    if (!verify.ok) {
      throw new Error(`Restore check: the audit chain does not verify: ${verify.issues[0]?.message ?? 'unknown'}`);
    }
    return { method, counts, verify };
  } finally {
    await ds.destroy();
  }
}

async function logicalRestore(client: Client, url: string, file: string): Promise<Record<string, number>> {
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  const it = lines[Symbol.asyncIterator]();
  const first = await it.next();
  if (first.done) throw new Error('Empty dump file');
  const header = JSON.parse(first.value) as DumpHeader;
  if (header.format !== LOGICAL_FORMAT || header.version !== 1) throw new Error('Not a Gezinsplan logical dump');
  const known = MIGRATIONS.map((M) => new M().name ?? M.name);
  header.migrations.forEach((name, i) => {
    if (known[i] !== name) {
      throw new Error(`The dump was made at migration ${name}, which this version does not have at position ${i + 1}`);
    }
  });

  // Schema at the dump's level, so the rows fit exactly; later migrations run after loading.
  const ds = new DataSource({
    ...dataSourceOptions(url),
    migrations: MIGRATIONS.slice(0, header.migrations.length),
  });
  await ds.initialize();
  try {
    await ds.runMigrations({ transaction: 'each' });
  } finally {
    await ds.destroy();
  }

  const columns = new Map(header.tables.map((t) => [t.name, t.columns]));
  const counts: Record<string, number> = {};
  await client.query('BEGIN');
  try {
    await client.query('SET LOCAL session_replication_role = replica');
    // Migrations may have inserted reference rows: the dump's rows replace them.
    await client.query(`TRUNCATE ${header.tables.map((t) => q(t.name)).join(', ')}`);
    if (header.auditRange.from && header.auditRange.to) {
      await ensureAuditPartitionsWith(client, new Date(header.auditRange.from), new Date(header.auditRange.to));
    }
    let table: string | null = null;
    let batch: string[] = [];
    const flush = async () => {
      if (!table || batch.length === 0) return;
      const list = (columns.get(table) ?? []).map(q).join(', ');
      await client.query(
        `INSERT INTO ${q(table)} (${list}) OVERRIDING SYSTEM VALUE
         SELECT ${list} FROM json_populate_recordset(NULL::${q(table)}, $1::json)`,
        [`[${batch.join(',')}]`],
      );
      counts[table] = (counts[table] ?? 0) + batch.length;
      batch = [];
    };
    let done = false;
    for (let next = await it.next(); !next.done; next = await it.next()) {
      const line = next.value;
      if (line.startsWith('{"table":')) {
        table = (JSON.parse(line) as { table: string }).table;
        if (!columns.has(table)) throw new Error(`Dump names an unknown table ${table}`);
        counts[table] = 0;
      } else if (line.startsWith('{"end":')) {
        await flush();
        const end = JSON.parse(line) as { end: string; rows: number };
        if (counts[end.end] !== end.rows) throw new Error(`Dump of ${end.end} is incomplete`);
        table = null;
      } else if (line.startsWith('{"done":')) {
        done = true;
      } else if (table) {
        batch.push(line);
        if (batch.length >= 1000) await flush();
      }
    }
    if (!done) throw new Error('The dump file is truncated');
    for (const s of header.sequences) {
      if (s.value !== null)
        await client.query('SELECT setval($1::regclass, $2::bigint, $3)', [q(s.name), s.value, s.called]);
    }
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
  return counts;
}

/** Partitions for the dump's audit months (when the dump's level has them), so no row lands in DEFAULT. */
async function ensureAuditPartitionsWith(client: Client, from: Date, to: Date): Promise<void> {
  const { rows } = await client.query<{ fn: string | null }>(
    `SELECT to_regprocedure('audit_log_ensure_partitions(date,date)')::text AS fn`,
  );
  if (!rows[0].fn) return;
  await ensureAuditPartitions({ query: async (sql, params) => (await client.query(sql, params)).rows }, from, to);
}
