import request from 'supertest';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../src/database/data-source';
import {
  AUDIT_STAGING_TABLE,
  createAuditStaging,
  ensureAuditPartitions,
  purgeAuditBefore,
  sealAuditLog,
  sealStagedAuditRows,
  verifyAuditChain,
  type VerifyResult,
} from '../src/modules/audit/audit-chain';
import { familyId } from './support/fixtures';
import { freshDatabase, type FreshDatabase } from './support/fresh-database';
import { startTestApp, TEST_AUDIT_CHAIN_KEY as KEY, type TestApp } from './support/test-app';

/**
 * The tamper-evident audit log (issue 6) and its monthly partitions (issue 7), on a database of its own: this
 * spec breaks the chain on purpose, as a superuser going around the append-only trigger.
 */
let db: FreshDatabase;
let t: TestApp;
let ds: DataSource;
const tokens: Record<string, string> = {};
const api = () => request(t.http);
const as = (who: string) => ({ Authorization: `Bearer ${tokens[who]}` });

const unsealed = async () =>
  Number((await ds.query('SELECT count(*)::int AS n FROM audit_log WHERE chain_seq IS NULL'))[0].n);

async function waitSealed(timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while ((await unsealed()) > 0) {
    if (Date.now() > until) throw new Error('the sealer did not seal the audit rows in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** As a superuser with triggers off: what an attacker with database access could do. */
async function tamper(sql: string, params: unknown[] = []): Promise<void> {
  await ds.transaction(async (m) => {
    await m.query('SET LOCAL session_replication_role = replica');
    await m.query(sql, params);
  });
}

const kinds = (r: VerifyResult) => r.issues.map((i) => `${i.kind}@${i.seq ?? '-'}#${i.id ?? '-'}`);

beforeAll(async () => {
  db = await freshDatabase('audit_chain');
  t = await startTestApp({ databaseUrl: db.url, env: { AUDIT_SEAL_INTERVAL_MS: '100' } });
  ds = createDataSource(db.url);
  await ds.initialize();
  for (const who of ['toegang@heerlen.demo', 'beleid@zuidlimburg.demo']) tokens[who] = await t.token(who);
});

afterAll(async () => {
  await t?.close();
  if (ds?.isInitialized) await ds.destroy();
  await db?.drop();
});

describe('audit log: reads count, the sealer chains every row', () => {
  it('logs opening a plan, exporting a PDF and a dashboard drill-down, and seals them', async () => {
    const deVries = await familyId(ds, 'De Vries');
    const worker = as('toegang@heerlen.demo');
    expect((await api().get(`/api/families/${deVries}/plan`).set(worker)).status).toBe(200);
    const pdf = await api().get(`/api/families/${deVries}/plan/pdf`).set(worker).buffer(true);
    expect(pdf.status).toBe(200);
    const drill = await api()
      .get('/api/indicators')
      .query({ municipality: 'Heerlen' })
      .set(as('beleid@zuidlimburg.demo'));
    expect(drill.status).toBe(200);

    const rows: { resource: string; action: string; family_id: string | null; details: Record<string, unknown> }[] =
      await ds.query(
        `SELECT a.resource, a.action, a.family_id, a.details FROM audit_log a JOIN app_user u ON u.id = a.user_id
         WHERE u.email IN ('toegang@heerlen.demo', 'beleid@zuidlimburg.demo') AND a.action = 'read' ORDER BY a.id`,
      );
    expect(rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ resource: 'plan', family_id: deVries, details: null }),
        expect.objectContaining({
          resource: 'plan',
          family_id: deVries,
          details: expect.objectContaining({ export: 'pdf' }),
        }),
        expect.objectContaining({
          resource: 'indicators',
          details: expect.objectContaining({ municipality: 'Heerlen' }),
        }),
      ]),
    );

    await waitSealed();
    const result = await verifyAuditChain(ds, KEY, { seal: false });
    expect(result.issues).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.checked).toBeGreaterThanOrEqual(3);
    expect(result.firstSeq).toBe('1');
    expect(result.lastSeq).toBe(String(result.checked));
  });

  it('does not serialise requests: parallel reads all land and are chained in one gap-free sequence', async () => {
    const deVries = await familyId(ds, 'De Vries');
    const before = Number((await ds.query('SELECT count(*)::int AS n FROM audit_log'))[0].n);
    const results = await Promise.all(
      Array.from({ length: 30 }, () => api().get(`/api/families/${deVries}/plan`).set(as('toegang@heerlen.demo'))),
    );
    expect(results.every((r) => r.status === 200)).toBe(true);
    await waitSealed();
    const after = Number((await ds.query('SELECT count(*)::int AS n FROM audit_log'))[0].n);
    expect(after - before).toBeGreaterThanOrEqual(30);
    const [{ n, max }] = await ds.query('SELECT count(*)::int AS n, max(chain_seq)::int AS max FROM audit_log');
    expect(max).toBe(n);
    expect((await verifyAuditChain(ds, KEY, { seal: false })).issues).toEqual([]);
  });

  it('the trigger allows only the one-time seal: no update, no delete, no re-seal, no truncate', async () => {
    const [row] = await ds.query('SELECT id FROM audit_log WHERE chain_seq IS NOT NULL ORDER BY id LIMIT 1');
    await expect(ds.query(`UPDATE audit_log SET resource = 'x' WHERE id = $1`, [row.id])).rejects.toThrow(
      /append-only: UPDATE/,
    );
    await expect(ds.query(`UPDATE audit_log SET chain_hash = 'f' WHERE id = $1`, [row.id])).rejects.toThrow(
      /append-only/,
    );
    await expect(ds.query('DELETE FROM audit_log WHERE id = $1', [row.id])).rejects.toThrow(/append-only: DELETE/);
    await expect(ds.query('TRUNCATE audit_log')).rejects.toThrow(/append-only: TRUNCATE/);
    await expect(ds.query('TRUNCATE audit_log_default')).rejects.toThrow(/append-only: TRUNCATE/);
    // Sealing may not smuggle in a change of content either.
    const [fresh] = await ds.query(
      `INSERT INTO audit_log (resource, action, result) VALUES ('test', 'read', 'success') RETURNING id`,
    );
    await expect(
      ds.query(
        `UPDATE audit_log SET chain_seq = 999999, chain_prev = 'a', chain_hash = 'b', chain_sealed_at = now(),
         resource = 'changed' WHERE id = $1`,
        [fresh.id],
      ),
    ).rejects.toThrow(/append-only/);
    await waitSealed();
  });
});

describe('audit log partitions and retention purge', () => {
  it('routes rows to their month, creates partitions ahead, and moves rows out of DEFAULT', async () => {
    const parts: { name: string }[] = await ds.query(
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
       WHERE i.inhparent = 'audit_log'::regclass`,
    );
    const now = new Date();
    const month = (d: Date) => `audit_log_y${d.getUTCFullYear()}m${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
    expect(parts.map((p) => p.name)).toEqual(
      expect.arrayContaining([
        'audit_log_default',
        month(now),
        month(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 3, 1))),
      ]),
    );

    expect(await ensureAuditPartitions(ds, new Date('2023-01-01'), new Date('2023-03-31'))).toBe(3);
    expect(await ensureAuditPartitions(ds, new Date('2023-01-01'), new Date('2023-03-31'))).toBe(0);
    const insert = (at: string) =>
      ds.query(
        `INSERT INTO audit_log (occurred_at, resource, action, result) VALUES ($1, 'seed', 'read', 'success')
         RETURNING id, tableoid::regclass::text AS part`,
        [at],
      );
    expect((await insert('2023-01-15T10:00:00Z'))[0].part).toBe('audit_log_y2023m01');
    expect((await insert('2023-02-10T10:00:00Z'))[0].part).toBe('audit_log_y2023m02');
    expect((await insert('2023-03-05T10:00:00Z'))[0].part).toBe('audit_log_y2023m03');
    // No partition for June 2022 yet: the row still lands (DEFAULT), and moves once the month is created.
    const [orphan] = await insert('2022-06-20T10:00:00Z');
    expect(orphan.part).toBe('audit_log_default');
    await sealAuditLog(ds, KEY, { wait: true });
    expect(await ensureAuditPartitions(ds, new Date('2022-06-01'), new Date('2022-06-30'))).toBe(1);
    const [moved] = await ds.query('SELECT tableoid::regclass::text AS part, chain_seq FROM audit_log WHERE id = $1', [
      orphan.id,
    ]);
    expect(moved.part).toBe('audit_log_y2022m06');
    expect(moved.chain_seq).not.toBeNull();
    expect((await verifyAuditChain(ds, KEY, { seal: false })).issues).toEqual([]);

    // The family+time index exists on every partition (used by the per-family access log).
    const [{ n }] = await ds.query(
      `SELECT count(*)::int AS n FROM pg_indexes WHERE tablename = 'audit_log_y2023m01' AND indexdef LIKE '%(family_id, occurred_at)%'`,
    );
    expect(n).toBe(1);
  });

  it('purgeAuditBefore drops whole old months, records the purge, and the chain still verifies', async () => {
    const before = await verifyAuditChain(ds, KEY);
    expect(before.ok).toBe(true);
    const purged = await purgeAuditBefore(ds, KEY, new Date('2023-03-01T00:00:00Z'));
    expect(purged.partitions).toEqual(['audit_log_y2022m06', 'audit_log_y2023m01', 'audit_log_y2023m02']);
    expect(purged.rows).toBe('3');
    expect(await ds.query(`SELECT to_regclass('audit_log_y2023m01') AS t`)).toEqual([{ t: null }]);
    // March 2023 lies partly after the date: kept.
    expect((await ds.query(`SELECT count(*)::int AS n FROM audit_log_y2023m03`))[0].n).toBe(1);
    const [record] = await ds.query('SELECT partitions, rows::int AS rows FROM audit_purge');
    expect(record).toEqual({ partitions: purged.partitions, rows: 3 });
    const [logged] = await ds.query(
      `SELECT details FROM audit_log WHERE resource = 'audit_log' AND action = 'delete' ORDER BY id DESC LIMIT 1`,
    );
    expect(logged.details.retentionPurge.partitions).toEqual(purged.partitions);

    const after = await verifyAuditChain(ds, KEY);
    expect(after.issues).toEqual([]);
    expect(after.purgedRows).toBe('3');
    expect(after.checked).toBe(before.checked - 3 + 1); // the purge's own audit row joined the chain
  });
});

describe('bulk sealing (seed-time path)', () => {
  it('sealStagedAuditRows moves staged rows into audit_log already sealed, in id order, after pending rows', async () => {
    await ensureAuditPartitions(ds, new Date('2024-05-01'), new Date('2024-07-31'));
    await createAuditStaging(ds);
    const [pending] = await ds.query(
      `INSERT INTO audit_log (resource, action, result) VALUES ('pending', 'read', 'success') RETURNING id`,
    );
    const staged: { id: string }[] = await ds.query(
      `INSERT INTO ${AUDIT_STAGING_TABLE} (occurred_at, resource, action, result, emergency, details, user_role)
       VALUES ('2024-07-02T08:00:00.123456Z', 'staged', 'read', 'success', true, '{"b": [1, "x"], "a": null}', 'policy'),
              ('2024-05-09T10:00:00Z', 'staged', 'create', 'success', false, NULL, NULL),
              ('2024-06-30T23:59:59.999999Z', 'staged', 'list', 'denied', false, '{"q": "é \\"quoted\\""}', 'parent')
       RETURNING id::text AS id`,
    );
    expect(BigInt(staged[0].id)).toBeGreaterThan(BigInt(pending.id));
    // Batches of two: the chain continues across batches.
    expect(await sealStagedAuditRows(ds, KEY, 2)).toBe(3);
    expect(await ds.query(`SELECT to_regclass('${AUDIT_STAGING_TABLE}') AS t`)).toEqual([{ t: null }]);
    const rows: { id: string; seq: string; part: string; emergency: boolean; details: unknown }[] = await ds.query(
      `SELECT id::text AS id, chain_seq::text AS seq, tableoid::regclass::text AS part, emergency, details
         FROM audit_log WHERE resource IN ('staged', 'pending') ORDER BY id`,
    );
    expect(rows.map((r) => r.id)).toEqual([String(pending.id), ...staged.map((s) => s.id)]);
    // Chain positions follow the ids, and the staged rows come after the row that was waiting in audit_log.
    const seqs = rows.map((r) => BigInt(r.seq));
    expect([...seqs].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(seqs);
    expect(rows.slice(1).map((r) => r.part)).toEqual([
      'audit_log_y2024m07',
      'audit_log_y2024m05',
      'audit_log_y2024m06',
    ]);
    expect(rows[1]).toMatchObject({ emergency: true, details: { a: null, b: [1, 'x'] } });
    expect(await unsealed()).toBe(0);
    const result = await verifyAuditChain(ds, KEY, { seal: false });
    expect(result.issues).toEqual([]);
    expect(result.lastSeq).toBe(rows[rows.length - 1].seq);
  });
});

describe('audit:verify finds every change, deletion and insertion, and says where', () => {
  beforeAll(async () => {
    await t.close(); // no more sealing behind the test's back
    await sealAuditLog(ds, KEY, { wait: true });
    expect((await verifyAuditChain(ds, KEY, { seal: false })).issues).toEqual([]);
  });

  const seqRow = async (seq: number) =>
    (await ds.query('SELECT id::text AS id FROM audit_log WHERE chain_seq = $1', [seq]))[0] as { id: string };

  it('a changed row', async () => {
    const row = await seqRow(3);
    await tamper(`UPDATE audit_log SET details = '{"forged": true}' WHERE id = $1`, [row.id]);
    const result = await verifyAuditChain(ds, KEY, { seal: false });
    expect(result.ok).toBe(false);
    expect(kinds(result)).toEqual([`changed@3#${row.id}`]);
    expect(result.issues[0].message).toContain(`row id ${row.id}`);
  });

  it('a deleted row', async () => {
    const gone = await seqRow(6);
    const next = await seqRow(7);
    await tamper('DELETE FROM audit_log WHERE id = $1', [gone.id]);
    const result = await verifyAuditChain(ds, KEY, { seal: false });
    expect(kinds(result)).toEqual([`changed@3#${(await seqRow(3)).id}`, `missing@6#${next.id}`]);
    expect(result.issues[1].message).toMatch(/chain positions 6-6 are missing/);
  });

  it('a forged row squeezed into the chain, and an unsealed back-dated one', async () => {
    const victim = await seqRow(9);
    const [forged] = await ds.query(
      `INSERT INTO audit_log (occurred_at, resource, action, result, chain_seq, chain_prev, chain_hash, chain_sealed_at)
       SELECT occurred_at, 'plan', 'read', 'success', chain_seq, chain_prev, chain_hash, chain_sealed_at
       FROM audit_log WHERE id = $1 RETURNING id::text AS id`,
      [victim.id],
    );
    const [late] = await ds.query(
      `INSERT INTO audit_log (occurred_at, resource, action, result) VALUES (now() - interval '1 hour', 'plan', 'read', 'success')
       RETURNING id::text AS id`,
    );
    const result = await verifyAuditChain(ds, KEY, { seal: false });
    expect(kinds(result)).toEqual([
      `unsealed@-#${late.id}`,
      `changed@3#${(await seqRow(3)).id}`,
      `missing@6#${(await seqRow(7)).id}`,
      `inserted@9#${forged.id}`,
    ]);
  });

  it('a forged purge record', async () => {
    await tamper('UPDATE audit_purge SET rows = rows + 1');
    const result = await verifyAuditChain(ds, KEY, { seal: false });
    expect(result.issues.map((i) => i.kind)).toEqual(expect.arrayContaining(['forged-purge', 'missing']));
  });

  it('a key that is not the chain key verifies nothing', async () => {
    const result = await verifyAuditChain(ds, 'another-key-that-is-long-enough-0123456789', { seal: false });
    expect(result.issues.filter((i) => i.kind === 'changed').length).toBeGreaterThan(10);
  });
});
