import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource, EntityManager } from 'typeorm';
import type { Env } from '../../config/env';
import type { PurgedStretch } from './audit-purge.entity';

/**
 * The tamper-evident audit log (issue 6), as plain functions so the API's sealer, `npm run audit:verify`, the
 * backup/restore commands and the tests all run the same code.
 *
 * Rows are inserted unsealed and in parallel (a plan read must not wait for a chain lock). The sealer takes the
 * unsealed rows in id order, in batches, under one PostgreSQL advisory lock (so one API instance seals at a time),
 * and gives each the next chain_seq, chain_prev = the hash of the row before it, and
 * chain_hash = HMAC-SHA256(key, chain_prev + "\n" + canonical row). The chain's order is the order of sealing.
 * Verification walks the chain in chain_seq order in batches (never the whole table in memory) and reports every
 * changed, deleted or inserted row with its place. The key never reaches the database, so a database
 * administrator can neither forge a row nor re-hash a changed one.
 */

/** chain_prev of the very first row. */
export const GENESIS_HASH = '0'.repeat(64);
/** pg_advisory_xact_lock key of the sealer (and of purges, which must not race it). */
export const SEAL_LOCK_KEY = 75_130_001;
/** Seconds an unsealed row may wait before verify calls it a suspicious insertion. */
export const DEFAULT_GRACE_SECONDS = 300;
/**
 * Batch size for bulk sealing (seed-scale, verify, backup). Unsealed rows in id order spread over many monthly
 * partitions, and each batch costs one UPDATE per month it touches, so big batches make that overhead per row small.
 */
export const BULK_SEAL_BATCH = 50_000;

type Db = DataSource | EntityManager;
/** Anything with TypeORM's `query` (rows back): a DataSource, an EntityManager, or a wrapped pg client. */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

const TS = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** Every column as exact text, in the canonical order. Adding a column to audit_log means adding it here. */
const CONTENT_COLUMNS = `id::text AS id, ${TS('occurred_at')} AS occurred_at, user_id::text AS user_id, user_role,
  organisation_id::text AS organisation_id, family_id::text AS family_id, subject_id::text AS subject_id, resource,
  action, result, basis, emergency::text AS emergency, ip, request_id, details::text AS details`;
const CHAIN_COLUMNS = `chain_seq::text AS chain_seq, chain_prev, chain_hash, ${TS('chain_sealed_at')} AS chain_sealed_at`;

interface ContentRow {
  id: string;
  occurred_at: string;
  user_id: string | null;
  user_role: string | null;
  organisation_id: string | null;
  family_id: string | null;
  subject_id: string | null;
  resource: string;
  action: string;
  result: string;
  basis: string | null;
  emergency: string;
  ip: string | null;
  request_id: string | null;
  details: string | null;
}
interface SealedRow extends ContentRow {
  chain_seq: string;
  chain_prev: string;
  chain_hash: string;
  chain_sealed_at: string;
}

/** The key: AUDIT_CHAIN_KEY, or outside production one generated once and kept in DATA_DIR (like JWT_SECRET). */
export function auditChainKey(env: Env): string {
  if (env.AUDIT_CHAIN_KEY) return env.AUDIT_CHAIN_KEY;
  if (env.NODE_ENV === 'production') throw new Error('AUDIT_CHAIN_KEY is required when NODE_ENV=production');
  const file = join(env.DATA_DIR, 'audit-chain-key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(env.DATA_DIR, { recursive: true });
  const key = randomBytes(48).toString('base64url');
  writeFileSync(file, key, { mode: 0o600 });
  return key;
}

export function rowHash(key: string, prev: string, seq: string, sealedAt: string, r: ContentRow): string {
  const content = JSON.stringify([
    seq,
    sealedAt,
    r.id,
    r.occurred_at,
    r.user_id,
    r.user_role,
    r.organisation_id,
    r.family_id,
    r.subject_id,
    r.resource,
    r.action,
    r.result,
    r.basis,
    r.emergency,
    r.ip,
    r.request_id,
    r.details,
  ]);
  return createHmac('sha256', key).update(prev).update('\n').update(content).digest('hex');
}

function purgeMac(key: string, before: string, partitions: string[], rows: string, stretches: PurgedStretch[]): string {
  const canonical = JSON.stringify([
    before,
    partitions,
    rows,
    stretches.map((s) => [s.from, s.to, s.rows, s.firstPrev, s.lastHash]),
  ]);
  return createHmac('sha256', key).update('audit_purge\n').update(canonical).digest('hex');
}

/** The last link of the chain: the highest sealed row, or the end of a purged stretch when that is higher. */
async function chainHead(m: Db): Promise<{ seq: bigint; hash: string }> {
  const [row] = (await m.query(
    `SELECT chain_seq::text AS seq, chain_hash AS hash FROM audit_log WHERE chain_seq IS NOT NULL
     ORDER BY chain_seq DESC, id DESC LIMIT 1`,
  )) as { seq: string; hash: string }[];
  const [purged] = (await m.query(
    `SELECT s->>'to' AS seq, s->>'lastHash' AS hash FROM audit_purge, jsonb_array_elements(stretches) s
     ORDER BY (s->>'to')::bigint DESC LIMIT 1`,
  )) as { seq: string; hash: string }[];
  let head = { seq: 0n, hash: GENESIS_HASH };
  if (row && BigInt(row.seq) > head.seq) head = { seq: BigInt(row.seq), hash: row.hash };
  if (purged && BigInt(purged.seq) > head.seq) head = { seq: BigInt(purged.seq), hash: purged.hash };
  return head;
}

export interface SealOptions {
  batchSize?: number;
  /** Stop after this many batches (the interval sealer keeps each tick short). */
  maxBatches?: number;
  /** Wait for the lock (verify, purge, shutdown) instead of leaving the work to the instance holding it. */
  wait?: boolean;
}

/** Seals unsealed rows in id order; returns how many. Safe to call from many processes at once. */
export async function sealAuditLog(ds: DataSource, key: string, options: SealOptions = {}): Promise<number> {
  const batchSize = options.batchSize ?? 2000;
  const maxBatches = options.maxBatches ?? Number.POSITIVE_INFINITY;
  let total = 0;
  for (let batch = 0; batch < maxBatches; batch++) {
    const sealed = await ds.transaction((m) => sealBatch(m, key, batchSize, options.wait ?? false));
    total += sealed;
    if (sealed < batchSize) break;
  }
  return total;
}

/**
 * The chain links of `rows` (in this order) after `head`, sealed at `now`: each row's position, the hash before it
 * and its own hash, as columns for one statement.
 */
function link(
  key: string,
  head: { seq: bigint; hash: string },
  now: string,
  rows: ContentRow[],
): { ids: string[]; seqs: string[]; prevs: string[]; hashes: string[] } {
  let { seq, hash } = head;
  const out = { ids: [] as string[], seqs: [] as string[], prevs: [] as string[], hashes: [] as string[] };
  for (const r of rows) {
    seq += 1n;
    const next = rowHash(key, hash, seq.toString(), now, r);
    out.ids.push(r.id);
    out.seqs.push(seq.toString());
    out.prevs.push(hash);
    out.hashes.push(next);
    hash = next;
  }
  return out;
}

async function sealBatch(m: EntityManager, key: string, batchSize: number, wait: boolean): Promise<number> {
  if (wait) {
    await m.query('SELECT pg_advisory_xact_lock($1)', [SEAL_LOCK_KEY]);
  } else {
    const [{ locked }] = (await m.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [SEAL_LOCK_KEY])) as {
      locked: boolean;
    }[];
    if (!locked) return 0;
  }
  const rows = (await m.query(
    `SELECT ${CONTENT_COLUMNS} FROM audit_log a WHERE a.chain_seq IS NULL ORDER BY a.id LIMIT $1`,
    [batchSize],
  )) as ContentRow[];
  if (rows.length === 0) return 0;
  const [{ now }] = (await m.query(`SELECT ${TS('now()')} AS now`)) as { now: string }[];
  // Each row is found through its partition's primary key; a hash join would read the whole month.
  await m.query('SET LOCAL enable_hashjoin = off');
  await m.query('SET LOCAL enable_mergejoin = off');
  const { ids, seqs, prevs, hashes } = link(key, await chainHead(m), now, rows);
  const ats = rows.map((r) => r.occurred_at);
  // One UPDATE per month, bounded on occurred_at so PostgreSQL touches only that partition.
  const months = new Map<string, number[]>();
  ats.forEach((at, i) => {
    const month = at.slice(0, 7);
    const list = months.get(month) ?? [];
    list.push(i);
    months.set(month, list);
  });
  for (const [month, idx] of months) {
    const [y, mo] = month.split('-').map(Number);
    const lo = new Date(Date.UTC(y, mo - 1, 1)).toISOString();
    const hi = new Date(Date.UTC(y, mo, 1)).toISOString();
    const pick = (list: string[]) => idx.map((i) => list[i]);
    await m.query(
      `UPDATE audit_log a SET chain_seq = v.seq, chain_prev = v.prev, chain_hash = v.hash, chain_sealed_at = $6::timestamptz
       FROM unnest($1::bigint[], $2::timestamptz[], $3::bigint[], $4::text[], $5::text[]) AS v(id, at, seq, prev, hash)
       WHERE a.id = v.id AND a.occurred_at = v.at AND a.chain_seq IS NULL
         AND a.occurred_at >= $7::timestamptz AND a.occurred_at < $8::timestamptz`,
      [pick(ids), pick(ats), pick(seqs), pick(prevs), pick(hashes), now, lo, hi],
    );
  }
  return rows.length;
}

/** The unlogged table a bulk loader fills instead of audit_log; `sealStagedAuditRows` moves it in, sealed. */
export const AUDIT_STAGING_TABLE = 'audit_log_staging';

/** Creates (empty) the staging table: audit_log's columns and defaults (ids from audit_log's sequence). */
export async function createAuditStaging(db: Queryable): Promise<void> {
  await db.query(`DROP TABLE IF EXISTS ${AUDIT_STAGING_TABLE}`);
  await db.query(`CREATE UNLOGGED TABLE ${AUDIT_STAGING_TABLE} (LIKE audit_log INCLUDING DEFAULTS)`);
}

/**
 * The seed-time path of sealing (issue 7): rows a bulk loader wrote into the staging table enter audit_log
 * already sealed, in id order, in big batches: one INSERT … SELECT per batch instead of an UPDATE of every
 * row (a second version of the row, every index touched again, the append-only trigger per row). The chain is
 * exactly the one `sealAuditLog` would build: rows already waiting in audit_log are sealed first, then the
 * staged rows get the next positions in id order, each hashed over the same canonical text (read from the
 * staging table, which has audit_log's column types). Drops the staging table when done; returns the rows moved.
 */
export async function sealStagedAuditRows(ds: DataSource, key: string, batchSize = BULK_SEAL_BATCH): Promise<number> {
  await sealAuditLog(ds, key, { wait: true, batchSize });
  let total = 0;
  let cursor = '0';
  for (;;) {
    const moved = await ds.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock($1)', [SEAL_LOCK_KEY]);
      const rows = (await m.query(
        `SELECT ${CONTENT_COLUMNS} FROM ${AUDIT_STAGING_TABLE} a WHERE a.id > $1::bigint ORDER BY a.id LIMIT $2`,
        [cursor, batchSize],
      )) as ContentRow[];
      if (rows.length === 0) return 0;
      const [{ now }] = (await m.query(`SELECT ${TS('now()')} AS now`)) as { now: string }[];
      const { ids, seqs, prevs, hashes } = link(key, await chainHead(m), now, rows);
      await m.query(
        `INSERT INTO audit_log (id, occurred_at, user_id, user_role, organisation_id, family_id, subject_id, resource,
                                action, result, basis, emergency, ip, request_id, details,
                                chain_seq, chain_prev, chain_hash, chain_sealed_at)
         SELECT s.id, s.occurred_at, s.user_id, s.user_role, s.organisation_id, s.family_id, s.subject_id, s.resource,
                s.action, s.result, s.basis, s.emergency, s.ip, s.request_id, s.details,
                v.seq, v.prev, v.hash, $5::timestamptz
           FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[]) AS v(id, seq, prev, hash)
           JOIN ${AUDIT_STAGING_TABLE} s ON s.id = v.id`,
        [ids, seqs, prevs, hashes, now],
      );
      cursor = ids[ids.length - 1];
      return rows.length;
    });
    total += moved;
    if (moved < batchSize) break;
  }
  await ds.query(`DROP TABLE IF EXISTS ${AUDIT_STAGING_TABLE}`);
  return total;
}

export type ChainIssueKind =
  /** The row's content or seal no longer matches its hash: changed after sealing, or forged. */
  | 'changed'
  /** chain_seq positions missing (not covered by a recorded purge): rows deleted. */
  | 'missing'
  /** A second row claims a chain position that is already taken: inserted. */
  | 'inserted'
  /** The row does not link to the row (or purge) before it: the chain was cut or re-stitched here. */
  | 'relinked'
  /** Unsealed although older than the grace period: inserted behind the application's back (suspicious). */
  | 'unsealed'
  /** A purge record whose MAC does not match: forged or altered. */
  | 'forged-purge';

export interface ChainIssue {
  kind: ChainIssueKind;
  /** Chain position concerned (for `missing`: the first missing one). */
  seq: string | null;
  /** audit_log.id of the row concerned (for `missing`: the row after the gap). */
  id: string | null;
  occurredAt: string | null;
  message: string;
}

export interface VerifyOptions {
  /** Seal pending rows first (default true; after checking for old unsealed rows). */
  seal?: boolean;
  graceSeconds?: number;
  batchSize?: number;
  /** Stop collecting issues after this many (the walk still completes). */
  maxIssues?: number;
}

export interface VerifyResult {
  ok: boolean;
  /** Sealed rows checked. */
  checked: number;
  /** Rows sealed by this run before checking. */
  sealed: number;
  /** First and last chain position present, and the head hash (write it down to detect tail truncation). */
  firstSeq: string | null;
  lastSeq: string | null;
  headHash: string;
  /** Rows bridged by recorded purges. */
  purgedRows: string;
  issues: ChainIssue[];
  /** Rows sealed later than the grace period after they occurred (e.g. after a crash): worth a look, not a break. */
  lateSealed: number;
}

/** Walks the whole chain in chain_seq order, in batches, and reports every break with its place. */
export async function verifyAuditChain(
  ds: DataSource,
  key: string,
  options: VerifyOptions = {},
): Promise<VerifyResult> {
  const grace = options.graceSeconds ?? DEFAULT_GRACE_SECONDS;
  const batchSize = options.batchSize ?? 5000;
  const maxIssues = options.maxIssues ?? 1000;
  const issues: ChainIssue[] = [];
  const report = (issue: ChainIssue) => {
    if (issues.length < maxIssues) issues.push(issue);
  };

  const unsealed = (await ds.query(
    `SELECT a.id::text AS id, ${TS('a.occurred_at')} AS occurred_at FROM audit_log a
     WHERE a.chain_seq IS NULL AND a.occurred_at < now() - make_interval(secs => $1) ORDER BY a.id LIMIT $2`,
    [grace, maxIssues],
  )) as { id: string; occurred_at: string }[];
  for (const u of unsealed) {
    report({
      kind: 'unsealed',
      seq: null,
      id: u.id,
      occurredAt: u.occurred_at,
      message: `row id ${u.id} (${u.occurred_at}) is not sealed although older than ${grace} s: suspicious insertion`,
    });
  }
  const sealed = options.seal === false ? 0 : await sealAuditLog(ds, key, { wait: true });

  const stretches = new Map<string, PurgedStretch>();
  let purgedRows = 0n;
  const purges = (await ds.query(
    `SELECT p.id::text AS id, to_char(p.before AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS before,
            p.partitions, p.rows::text AS rows, p.stretches, p.mac FROM audit_purge p ORDER BY p.id`,
  )) as { id: string; before: string; partitions: string[]; rows: string; stretches: PurgedStretch[]; mac: string }[];
  for (const p of purges) {
    if (purgeMac(key, p.before, p.partitions, p.rows, p.stretches) !== p.mac) {
      report({
        kind: 'forged-purge',
        seq: null,
        id: null,
        occurredAt: null,
        message: `audit_purge record ${p.id} (before ${p.before}) does not match its MAC: forged or altered`,
      });
      continue;
    }
    for (const s of p.stretches) stretches.set(s.from, s);
  }

  let expected = 1n;
  let lastHash = GENESIS_HASH;
  let lastId: string | null = null;
  let checked = 0;
  let lateSealed = 0;
  let firstSeq: string | null = null;
  const bridge = () => {
    for (let s = stretches.get(expected.toString()); s; s = stretches.get(expected.toString())) {
      if (s.firstPrev !== lastHash) {
        report({
          kind: 'relinked',
          seq: s.from,
          id: null,
          occurredAt: null,
          message: `purged stretch ${s.from}-${s.to} does not link to the chain before it`,
        });
      }
      lastHash = s.lastHash;
      expected = BigInt(s.to) + 1n;
      purgedRows += BigInt(s.rows);
    }
  };
  let cursor: [string, string] = ['0', '0'];
  for (;;) {
    const rows = (await ds.query(
      `SELECT ${CONTENT_COLUMNS}, ${CHAIN_COLUMNS},
              (chain_sealed_at - occurred_at > make_interval(secs => $4)) AS late
       FROM audit_log a WHERE a.chain_seq IS NOT NULL AND (a.chain_seq, a.id) > ($1::bigint, $2::bigint)
       ORDER BY a.chain_seq, a.id LIMIT $3`,
      [cursor[0], cursor[1], batchSize, grace],
    )) as (SealedRow & { late: boolean })[];
    for (const r of rows) {
      const seq = BigInt(r.chain_seq);
      firstSeq ??= r.chain_seq;
      checked++;
      if (r.late) lateSealed++;
      const at = { seq: r.chain_seq, id: r.id, occurredAt: r.occurred_at };
      if (seq < expected) {
        report({
          kind: 'inserted',
          ...at,
          message: `row id ${r.id} claims chain position ${r.chain_seq}, which is already taken: inserted`,
        });
        continue;
      }
      if (seq > expected) bridge();
      if (seq > expected) {
        report({
          kind: 'missing',
          seq: expected.toString(),
          id: r.id,
          occurredAt: r.occurred_at,
          message:
            `chain positions ${expected}-${seq - 1n} are missing between ` +
            `${lastId ? `row id ${lastId}` : 'the start'} and row id ${r.id} (seq ${r.chain_seq}): deleted`,
        });
      } else if (r.chain_prev !== lastHash) {
        report({
          kind: 'relinked',
          ...at,
          message: `row id ${r.id} (seq ${r.chain_seq}) does not link to the row before it: chain re-stitched`,
        });
      }
      if (rowHash(key, r.chain_prev, r.chain_seq, r.chain_sealed_at, r) !== r.chain_hash) {
        report({
          kind: 'changed',
          ...at,
          message: `row id ${r.id} (seq ${r.chain_seq}, ${r.occurred_at}) does not match its hash: changed or forged`,
        });
      }
      lastHash = r.chain_hash;
      lastId = r.id;
      expected = seq + 1n;
    }
    if (rows.length < batchSize) break;
    const last = rows[rows.length - 1];
    cursor = [last.chain_seq, last.id];
  }
  bridge();
  return {
    ok: issues.length === 0,
    checked,
    sealed,
    firstSeq,
    lastSeq: expected > 1n ? (expected - 1n).toString() : null,
    headHash: lastHash,
    purgedRows: purgedRows.toString(),
    issues,
    lateSealed,
  };
}

/**
 * Creates the monthly audit_log partitions for every month from `from` to `to` (inclusive) that does not exist
 * yet (SQL: `SELECT audit_log_ensure_partitions(from, to)`); rows of those months that already landed in the
 * DEFAULT partition move into the new one. Call it before bulk-inserting audit rows for past or future months.
 */
export async function ensureAuditPartitions(db: Queryable, from: Date, to: Date): Promise<number> {
  const [{ created }] = (await db.query('SELECT audit_log_ensure_partitions($1::date, $2::date) AS created', [
    from.toISOString().slice(0, 10),
    to.toISOString().slice(0, 10),
  ])) as { created: number }[];
  return created;
}

export interface PurgeResult {
  partitions: string[];
  rows: string;
}

/**
 * Retention: drops every monthly audit_log partition that lies entirely before `before` (never the DEFAULT one),
 * after sealing, and records the purge (with the hashes at the edges of every removed stretch of the chain and a
 * MAC) in audit_purge, so verify bridges the gap instead of reporting a deletion. The purge itself is logged as
 * an audit row.
 */
export async function purgeAuditBefore(ds: DataSource, key: string, before: Date): Promise<PurgeResult> {
  await sealAuditLog(ds, key, { wait: true });
  const result = await ds.transaction(async (m) => {
    await m.query('SELECT pg_advisory_xact_lock($1)', [SEAL_LOCK_KEY]);
    const parts = (await m.query(
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
       WHERE i.inhparent = 'audit_log'::regclass AND c.relname ~ '^audit_log_y[0-9]{4}m[0-9]{2}$' ORDER BY c.relname`,
    )) as { name: string }[];
    const drop = parts
      .map((p) => p.name)
      .filter((name) => {
        const [, y, mo] = /^audit_log_y(\d{4})m(\d{2})$/.exec(name) as RegExpExecArray;
        return Date.UTC(Number(y), Number(mo), 1) <= before.getTime();
      });
    if (drop.length === 0) return { partitions: [], rows: '0' };
    const union = drop.map((p) => `SELECT chain_seq FROM "${p}"`).join(' UNION ALL ');
    const islands = (await m.query(
      `SELECT min(chain_seq)::text AS "from", max(chain_seq)::text AS "to", count(*)::text AS rows
       FROM (SELECT chain_seq, chain_seq - row_number() OVER (ORDER BY chain_seq) AS grp
             FROM (${union}) x WHERE chain_seq IS NOT NULL) y
       GROUP BY grp ORDER BY min(chain_seq)`,
    )) as { from: string; to: string; rows: string }[];
    const [{ total }] = (await m.query(`SELECT count(*)::text AS total FROM (${union}) x`)) as { total: string }[];
    const stretches: PurgedStretch[] = [];
    for (const island of islands) {
      const [first] = (await m.query(
        'SELECT chain_prev FROM audit_log WHERE chain_seq = $1::bigint ORDER BY id LIMIT 1',
        [island.from],
      )) as { chain_prev: string }[];
      const [last] = (await m.query(
        'SELECT chain_hash FROM audit_log WHERE chain_seq = $1::bigint ORDER BY id LIMIT 1',
        [island.to],
      )) as { chain_hash: string }[];
      stretches.push({ ...island, firstPrev: first.chain_prev, lastHash: last.chain_hash });
    }
    const beforeIso = before.toISOString();
    await m.query(
      `INSERT INTO audit_purge (before, partitions, rows, stretches, mac) VALUES ($1, $2, $3, $4::jsonb, $5)`,
      [beforeIso, drop, total, JSON.stringify(stretches), purgeMac(key, beforeIso, drop, total, stretches)],
    );
    for (const p of drop) await m.query(`DROP TABLE "${p}"`);
    await m.query(
      `INSERT INTO audit_log (resource, action, result, details) VALUES ('audit_log', 'delete', 'success', $1::jsonb)`,
      [JSON.stringify({ retentionPurge: { before: beforeIso, partitions: drop, rows: total } })],
    );
    return { partitions: drop, rows: total };
  });
  return result;
}
