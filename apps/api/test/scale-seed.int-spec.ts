import * as argon2 from 'argon2';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../src/database/data-source';
import { BENCH_USERS, SCALE_PASSWORD, seedScale } from '../src/database/seed/scale-seed';
import { AUDIT_STAGING_TABLE, verifyAuditChain } from '../src/modules/audit/audit-chain';
import { TEST_AUDIT_CHAIN_KEY } from './support/test-app';

// The scale seed writes thousands of families into Heerlen and the other municipalities, which would show up in
// the demo accounts' worklists and indicators of the shared test database: it gets a database of its own.
let ds: DataSource;
let admin: Client;
const name = `gezinsplan_scale_${process.pid}`;

beforeAll(async () => {
  const url = new URL(process.env.TEST_DATABASE_URL as string);
  url.pathname = '/postgres';
  admin = new Client(url.toString());
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name}`);
  url.pathname = `/${name}`;
  ds = createDataSource(url.toString());
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
}, 120_000);

afterAll(async () => {
  await ds?.destroy();
  await admin?.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin?.end();
});

const count = async (sql: string, params: unknown[] = []) => Number((await ds.query(sql, params))[0].n);

describe('scale seed', () => {
  it('generates consistent families with plans, history, help, evaluations and audit rows', async () => {
    const message = await seedScale(ds, { families: 300, batch: 120, auditKey: TEST_AUDIT_CHAIN_KEY });
    expect(message).toContain('300 families');

    expect(await count('SELECT count(*) AS n FROM family')).toBe(300);
    expect(await count('SELECT count(DISTINCT municipality) AS n FROM family')).toBeGreaterThanOrEqual(10);
    // Every open family has a regisseur with a current regie assignment; closed ones have none current.
    expect(
      await count(`SELECT count(*) AS n FROM family f WHERE f.status <> 'closed' AND (f.regisseur_user_id IS NULL
                   OR NOT EXISTS (SELECT 1 FROM regie_assignment r WHERE r.family_id = f.id AND r.ended_at IS NULL
                                    AND r.user_id = f.regisseur_user_id))`),
    ).toBe(0);
    expect(
      await count(`SELECT count(*) AS n FROM family f WHERE f.status = 'closed'
                   AND EXISTS (SELECT 1 FROM regie_assignment r WHERE r.family_id = f.id AND r.ended_at IS NULL)`),
    ).toBe(0);
    // Exactly one plan per family, living unless the family closed.
    expect(
      await count(`SELECT count(*) AS n FROM family f JOIN plan p ON p.family_id = f.id
                    WHERE (f.status = 'closed') <> (p.status = 'closed')`),
    ).toBe(0);
    expect(await count('SELECT count(*) AS n FROM plan_section')).toBe(300 * 5);
    expect(await count('SELECT count(*) AS n FROM goal')).toBeGreaterThanOrEqual(600);
    expect(await count('SELECT count(*) AS n FROM progress_note')).toBeGreaterThan(3000);
    // Every foreign key holds although the seed skips the triggers: spot-check the big tables.
    expect(
      await count(`SELECT count(*) AS n FROM progress_note n LEFT JOIN goal g ON g.id = n.goal_id
                   LEFT JOIN app_user u ON u.id = n.author_user_id WHERE g.id IS NULL OR u.id IS NULL
                      OR g.family_id <> n.family_id`),
    ).toBe(0);
    expect(
      await count(`SELECT count(*) AS n FROM agreement a LEFT JOIN goal g ON g.id = a.goal_id
                    WHERE g.id IS NULL OR g.family_id <> a.family_id`),
    ).toBe(0);
    expect(
      await count(`SELECT count(*) AS n FROM allocation a LEFT JOIN family_member m ON m.id = a.youth_member_id
                    WHERE m.id IS NULL OR m.family_id <> a.family_id OR m.role <> 'child'`),
    ).toBe(0);
    // Ended help carries a JZ588 stop reason; evaluations point at an agreed version of their plan.
    expect(await count(`SELECT count(*) AS n FROM allocation WHERE status = 'stopped' AND end_reason IS NULL`)).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM allocation WHERE end_reason IS NOT NULL`)).toBeGreaterThan(0);
    expect(
      await count(`SELECT count(*) AS n FROM evaluation e WHERE NOT EXISTS (
                     SELECT 1 FROM plan_version v WHERE v.plan_id = e.plan_id AND v.number = e.plan_version_number)`),
    ).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM evaluation_goal`)).toBeGreaterThan(0);
    // The audit trail: a create for every progress note.
    expect(await count(`SELECT count(*) AS n FROM audit_log WHERE resource = 'progress' AND action = 'create'`)).toBe(
      await count('SELECT count(*) AS n FROM progress_note'),
    );
    // With the chain key the audit rows went in already sealed (the seed-time path): no row left unsealed, the
    // staging table is gone, and the chain verifies from the first row to the last.
    expect(await count(`SELECT count(*) AS n FROM audit_log WHERE chain_seq IS NULL`)).toBe(0);
    expect(await ds.query(`SELECT to_regclass('${AUDIT_STAGING_TABLE}') AS t`)).toEqual([{ t: null }]);
    const chain = await verifyAuditChain(ds, TEST_AUDIT_CHAIN_KEY, { seal: false });
    expect(chain.issues).toEqual([]);
    expect(chain.checked).toBe(await count('SELECT count(*) AS n FROM audit_log'));
    expect(chain.lastSeq).toBe(String(chain.checked));

    // The worklist's stored signals were filled although the seed inserts with triggers off: equal to their
    // definition for every family, and set wherever a family has a plan.
    expect(
      await count(`SELECT count(*) AS n FROM family f JOIN family_signal_source s ON s.family_id = f.id
                    WHERE (f.signal_plan_status, f.signal_evaluation_date, f.signal_open_due, f.signal_one_plan_until)
                          IS DISTINCT FROM (s.plan_status, s.evaluation_date, s.open_due, s.one_plan_until)`),
    ).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM family WHERE signal_plan_status IS NOT NULL`)).toBe(
      await count(`SELECT count(DISTINCT family_id) AS n FROM plan`),
    );
    expect(await count(`SELECT count(*) AS n FROM family WHERE signal_open_due IS NOT NULL`)).toBeGreaterThan(0);

    // The bench accounts log in with the documented password; the worker is regisseur of living families.
    const [worker] = await ds.query('SELECT id, password_hash FROM app_user WHERE email = $1', [BENCH_USERS.worker]);
    expect(await argon2.verify(worker.password_hash, SCALE_PASSWORD)).toBe(true);
    expect(await count(`SELECT count(*) AS n FROM app_user WHERE email = ANY($1)`, [Object.values(BENCH_USERS)])).toBe(
      3,
    );
    expect(
      await count(`SELECT count(*) AS n FROM family WHERE regisseur_user_id = $1 AND status <> 'closed'`, [worker.id]),
    ).toBeGreaterThan(0);

    // A second run changes nothing.
    expect(await seedScale(ds, { families: 300 })).toContain('already holds it');
    expect(await count('SELECT count(*) AS n FROM family')).toBe(300);
  }, 180_000);

  it('refuses a family count that is not a whole number of at least 100', async () => {
    await expect(seedScale(ds, { families: 12 })).rejects.toThrow('at least 100');
  });
});
