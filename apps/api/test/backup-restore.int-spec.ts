import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { backupDatabase, clientToolMajor, restoreDatabase } from '../src/database/backup';
import { createDataSource } from '../src/database/data-source';
import { ensureAuditPartitions, verifyAuditChain } from '../src/modules/audit/audit-chain';
import { familyId } from './support/fixtures';
import { freshDatabase, type FreshDatabase } from './support/fresh-database';
import { startTestApp, TEST_AUDIT_CHAIN_KEY as KEY } from './support/test-app';

/**
 * Backup and restore (issue 6): a backup of a database with plans, versions and a sealed audit chain, restored
 * into a fresh database, holds every row unchanged and the chain verifies. Uses pg_dump when one at least as new as
 * the server is on PATH, otherwise the logical dump (the embedded PostgreSQL 18 ships no pg_dump).
 */
const dbs: FreshDatabase[] = [];
let src: FreshDatabase;
let dir: string;
let file: string;

const TABLES = ['family', 'family_member', 'plan', 'plan_section', 'goal', 'plan_version', 'audit_log', 'app_user'];

async function fingerprint(url: string): Promise<Record<string, { n: number; md5: string }>> {
  const ds = new DataSource({ type: 'postgres', url });
  await ds.initialize();
  try {
    const out: Record<string, { n: number; md5: string }> = {};
    for (const table of TABLES) {
      const [row] = await ds.query(
        `SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS md5 FROM "${table}" t`,
      );
      out[table] = row;
    }
    return out;
  } finally {
    await ds.destroy();
  }
}

async function fresh(prefix: string): Promise<FreshDatabase> {
  const db = await freshDatabase(prefix);
  dbs.push(db);
  return db;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gezinsplan-backup-'));
  file = join(dir, 'gezinsplan.backup');
  src = await fresh('backup_src');
  const t = await startTestApp({ databaseUrl: src.url, env: { AUDIT_SEAL_INTERVAL_MS: '100' } });
  try {
    const token = await t.token('toegang@heerlen.demo');
    const deVries = await familyId(t.ds, 'De Vries');
    const auth = { Authorization: `Bearer ${token}` };
    expect((await request(t.http).get(`/api/families/${deVries}/plan`).set(auth)).status).toBe(200);
    expect((await request(t.http).get(`/api/families/${deVries}/plan/versions`).set(auth)).status).toBe(200);
    // An audit row of an old month, in its own partition.
    await ensureAuditPartitions(t.ds, new Date('2024-05-01'), new Date('2024-05-31'));
    await t.ds.query(
      `INSERT INTO audit_log (occurred_at, resource, action, result) VALUES ('2024-05-07T08:00:00Z', 'plan', 'read', 'success')`,
    );
  } finally {
    await t.close(); // seals what is left
  }
});

afterAll(async () => {
  for (const db of dbs) await db.drop().catch(() => undefined);
});

describe('backup and restore', () => {
  it('restores every plan, version and audit row intact, with a valid hash chain', async () => {
    const srcDs = createDataSource(src.url);
    await srcDs.initialize();
    const sourceChain = await verifyAuditChain(srcDs, KEY, { seal: false });
    await srcDs.destroy();
    expect(sourceChain.issues).toEqual([]);
    expect(sourceChain.checked).toBeGreaterThan(2);

    const serverMajor = 18;
    const expected = (clientToolMajor('pg_dump') ?? 0) >= serverMajor ? 'pg_dump' : 'logical';
    const backup = await backupDatabase(src.url, file);
    expect(backup.method).toBe(expected);
    if (backup.method === 'logical') expect(backup.counts.audit_log).toBe(sourceChain.checked);

    const dst = await fresh('backup_dst');
    const restored = await restoreDatabase(dst.url, file, KEY);
    expect(restored.verify.issues).toEqual([]);
    expect(restored.verify.checked).toBe(sourceChain.checked);
    expect(restored.verify.headHash).toBe(sourceChain.headHash);

    const [before, after] = [await fingerprint(src.url), await fingerprint(dst.url)];
    for (const table of TABLES) expect(before[table].n).toBeGreaterThan(0);
    expect(after).toEqual(before);

    const dstDs = createDataSource(dst.url);
    await dstDs.initialize();
    try {
      const [old] = await dstDs.query(
        `SELECT tableoid::regclass::text AS part FROM audit_log WHERE occurred_at = '2024-05-07T08:00:00Z'`,
      );
      expect(old.part).toBe('audit_log_y2024m05');
      // Sequences continue after the restored rows, and the restored database takes new, chained rows.
      const [row] = await dstDs.query(
        `INSERT INTO audit_log (resource, action, result) VALUES ('plan', 'read', 'success') RETURNING id::int AS id`,
      );
      const [{ max }] = await dstDs.query('SELECT max(id)::int AS max FROM audit_log WHERE chain_seq IS NOT NULL');
      expect(row.id).toBeGreaterThan(max);
      const again = await verifyAuditChain(dstDs, KEY);
      expect(again.issues).toEqual([]);
      expect(again.checked).toBe(sourceChain.checked + 1);
    } finally {
      await dstDs.destroy();
    }
  });

  it('refuses a database that is not empty', async () => {
    await expect(restoreDatabase(src.url, file, KEY)).rejects.toThrow(/empty database/);
  });

  it('refuses a truncated logical dump and leaves no half-loaded data', async () => {
    const logical = join(dir, 'logical.backup');
    await backupDatabase(src.url, logical, 'logical');
    const lines = gunzipSync(readFileSync(logical)).toString('utf8').trimEnd().split('\n');
    const cut = join(dir, 'cut.backup');
    writeFileSync(cut, gzipSync(lines.slice(0, Math.floor(lines.length / 2)).join('\n') + '\n'));
    const dst = await fresh('backup_cut');
    await expect(restoreDatabase(dst.url, cut, KEY)).rejects.toThrow(/truncated|incomplete/);
    const ds = new DataSource({ type: 'postgres', url: dst.url });
    await ds.initialize();
    try {
      const [{ n }] = await ds.query('SELECT count(*)::int AS n FROM family');
      expect(n).toBe(0);
    } finally {
      await ds.destroy();
    }
  });
});
