import type { PlanResponse } from '@gezinsplan/contracts';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import request from 'supertest';
import { ENCRYPTED_COLUMNS, reencryptColumns } from '../src/common/crypto/encrypted-columns';
import { FieldCipher } from '../src/common/crypto/field-cipher';
import { cipherFor } from '../src/config/config.module';
import { RetentionScheduler } from '../src/modules/retention/retention.scheduler';
import { createParent, involve } from './support/fixtures';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * `reencryptColumns` as this test's own run. Runs take turns database-wide (an advisory lock), and every app start
 * runs the plaintext sweep in the background (RetentionScheduler): while that holds the lock, a call returns
 * `ran: false` (CI saw this once, 25 November 2026).
 */
async function ownRun(...args: Parameters<typeof reencryptColumns>): ReturnType<typeof reencryptColumns> {
  for (const deadline = Date.now() + 20_000; ;) {
    const result = await reencryptColumns(...args);
    if (result.ran || Date.now() > deadline) return result;
    await new Promise((r) => setTimeout(r, 100));
  }
}

const REGISSEUR = 'toegang@heerlen.demo';
const PROVIDER = 'zorg@kompas.demo';
const PASSWORD = 'Wachtwoord-geheim-1';

interface Setup {
  familyId: string;
  goalId: string;
  parentToken: string;
}

/** A family of Heerlen with Kompas involved (consent), one goal and a parent account. */
async function setUp(t: TestApp, name: string): Promise<Setup & { as: (email: string) => Record<string, string> }> {
  const tokens: Record<string, string> = {
    [REGISSEUR]: await t.token(REGISSEUR),
    [PROVIDER]: await t.token(PROVIDER),
  };
  const as = (email: string) => ({ Authorization: `Bearer ${tokens[email]}` });
  const familyId = (await request(t.http).post('/api/families').set(as(REGISSEUR)).send({ displayName: name })).body
    .id as string;
  const [kompas] = (await t.ds.query(`SELECT id FROM organisation WHERE name LIKE 'Kompas%'`)) as { id: string }[];
  await involve(t.ds, familyId, kompas.id, true);
  const goal = await request(t.http)
    .post(`/api/families/${familyId}/plan/goals`)
    .set(as(REGISSEUR))
    .send({ title: 'Naar school', lifeDomain: 'parenting' });
  expect(goal.status).toBe(201);
  const goalId = goal.body.id as string;
  const parent = await createParent(t.ds, familyId, `Ouder ${name}`, PASSWORD);
  return { familyId, goalId, parentToken: await t.token(parent.email, PASSWORD), as };
}

const plan = async (t: TestApp, familyId: string, token: Record<string, string>) =>
  (await request(t.http).get(`/api/families/${familyId}/plan`).set(token)).body as PlanResponse;

describe('free-text notes encrypted at rest', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await t.app.get(RetentionScheduler).encrypted;
  });
  afterAll(() => t.close());

  it('stores progress notes, comments and complaint subjects encrypted and reads them back through the API', async () => {
    const s = await setUp(t, 'Gezin Geheim');
    const note = 'Noor was deze week vier dagen op school, vrijdag niet.';
    const progress = await request(t.http)
      .post(`/api/goals/${s.goalId}/progress`)
      .set(s.as(PROVIDER))
      .send({ note, score: 6 });
    expect(progress.status).toBe(201);
    expect(progress.body.note).toBe(note);
    const comment = 'Wij vinden dat het goed gaat, maar de ochtenden blijven lastig.';
    const c = await request(t.http)
      .post(`/api/goals/${s.goalId}/comments`)
      .set('Authorization', `Bearer ${s.parentToken}`)
      .send({ text: comment });
    expect(c.status).toBe(201);
    expect(c.body.text).toBe(comment);
    const subject = 'Te lang gewacht op de start van de hulp voor Noor.';
    expect(
      (
        await request(t.http)
          .post(`/api/families/${s.familyId}/complaints`)
          .set(s.as(REGISSEUR))
          .send({ receivedOn: '2026-10-01', subject })
      ).status,
    ).toBe(201);

    const [rawNote] = await t.ds.query(`SELECT note FROM progress_note WHERE id = $1`, [progress.body.id]);
    const [rawComment] = await t.ds.query(`SELECT text FROM plan_comment WHERE id = $1`, [c.body.id]);
    const [rawSubject] = await t.ds.query(`SELECT subject FROM complaint WHERE family_id = $1`, [s.familyId]);
    for (const [raw, plain] of [
      [rawNote.note, note],
      [rawComment.text, comment],
      [rawSubject.subject, subject],
    ]) {
      expect(raw).toMatch(/^v2:k0:[A-Za-z0-9_-]+:[A-Za-z0-9_-]+:[A-Za-z0-9_-]+$/);
      expect(raw).not.toContain('school');
      expect(raw).not.toContain(plain.slice(0, 10));
    }

    const read = await plan(t, s.familyId, s.as(REGISSEUR));
    const goal = read.goals.find((g) => g.id === s.goalId);
    expect(goal?.progress.map((p) => p.note)).toContain(note);
    expect(JSON.stringify(read)).toContain(comment);
    const complaints = await request(t.http).get(`/api/families/${s.familyId}/complaints`).set(s.as(REGISSEUR));
    expect(complaints.body.map((x: { subject: string }) => x.subject)).toEqual([subject]);
  });

  it('encrypts notes still in plain text (written before encryption) and reads both forms meanwhile', async () => {
    const s = await setUp(t, 'Gezin Oud');
    const [user] = (await t.ds.query(`SELECT id FROM app_user WHERE email = $1`, [PROVIDER])) as { id: string }[];
    const legacy = 'Oude notitie van voor de versleuteling.';
    const [row] = (await t.ds.query(
      `INSERT INTO progress_note (goal_id, family_id, author_user_id, note, score, noted_on)
       VALUES ($1, $2, $3, $4, 5, '2025-01-01') RETURNING id`,
      [s.goalId, s.familyId, user.id, legacy],
    )) as { id: string }[];
    const before = await plan(t, s.familyId, s.as(REGISSEUR));
    expect(before.goals[0].progress.map((p) => p.note)).toContain(legacy);

    const result = await ownRun(t.ds, t.app.get(FieldCipher), 'plaintext', 2);
    expect(result.ran).toBe(true);
    expect(result.rewritten['progress_note.note']).toBeGreaterThanOrEqual(1);
    const [raw] = await t.ds.query(`SELECT note FROM progress_note WHERE id = $1`, [row.id]);
    expect(raw.note).toMatch(/^v2:/);
    const after = await plan(t, s.familyId, s.as(REGISSEUR));
    expect(after.goals[0].progress.map((p) => p.note)).toContain(legacy);
    // Nothing left in plain text in any encrypted column, on the whole database.
    for (const { table, column } of ENCRYPTED_COLUMNS) {
      const [{ n }] = await t.ds.query(
        `SELECT count(*)::int AS n FROM "${table}" WHERE "${column}" IS NOT NULL AND "${column}" !~ '^v[12]:'`,
      );
      expect({ table, column, n }).toEqual({ table, column, n: 0 });
    }
  });
});

describe('key rotation', () => {
  const oldKey = randomBytes(32).toString('base64');
  const newKey = randomBytes(32).toString('base64');
  let dbUrl: string;
  let sharedUrl: string;

  beforeAll(async () => {
    // Rotation rewrites every encrypted value of a database: it gets a database of its own, so the other specs
    // (which share one database and one key) are never disturbed.
    sharedUrl = process.env.TEST_DATABASE_URL as string;
    const name = `gezinsplan_rotation_${process.pid}`;
    const admin = new Client({ connectionString: sharedUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const url = new URL(sharedUrl);
    url.pathname = `/${name}`;
    dbUrl = url.toString();
    process.env.TEST_DATABASE_URL = dbUrl;
  });
  afterAll(async () => {
    process.env.TEST_DATABASE_URL = sharedUrl;
    const admin = new Client({ connectionString: sharedUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${new URL(dbUrl).pathname.slice(1)}" WITH (FORCE)`);
    await admin.end();
  });

  it('puts a new key first, keeps the old one readable, re-encrypts everything in batches, then drops the old key', async () => {
    const note1 = 'Eerste notitie, met de oude sleutel.';
    const note2 = 'Tweede notitie, met de nieuwe sleutel.';
    // 1. Only the old key (k1). The demo seed's notes are encrypted at boot too.
    let t = await startTestApp({ env: { FIELD_ENCRYPTION_KEYS: `k1:${oldKey}` } });
    await t.app.get(RetentionScheduler).encrypted;
    const s = await setUp(t, 'Gezin Sleutel');
    const first = await request(t.http)
      .post(`/api/goals/${s.goalId}/progress`)
      .set(s.as(PROVIDER))
      .send({ note: note1, score: 4 });
    expect(first.status).toBe(201);
    const [raw1] = await t.ds.query(`SELECT note FROM progress_note WHERE id = $1`, [first.body.id]);
    expect(raw1.note).toMatch(/^v2:k1:/);
    const bsnMember = await request(t.http)
      .post(`/api/families/${s.familyId}/members`)
      .set(s.as(REGISSEUR))
      .send({ role: 'child', name: 'Kind Sleutel', birthDate: '2015-05-05', citizenServiceNumber: '111222333' });
    expect(bsnMember.status).toBe(201);
    await t.close();

    // 2. New key k2 in front, k1 behind: old values still read, new values use k2.
    const ring = `k2:${newKey},k1:${oldKey}`;
    t = await startTestApp({ env: { FIELD_ENCRYPTION_KEYS: ring } });
    await t.app.get(RetentionScheduler).encrypted;
    let tokens = await setUp(t, 'Gezin Sleutel Twee');
    const second = await request(t.http)
      .post(`/api/goals/${s.goalId}/progress`)
      .set(tokens.as(PROVIDER))
      .send({ note: note2, score: 5 });
    expect(second.status).toBe(201);
    const [raw2] = await t.ds.query(`SELECT note FROM progress_note WHERE id = $1`, [second.body.id]);
    expect(raw2.note).toMatch(/^v2:k2:/);
    let read = await plan(t, s.familyId, tokens.as(REGISSEUR));
    expect(read.goals[0].progress.map((p) => p.note)).toEqual(expect.arrayContaining([note1, note2]));

    // 3. Rotate (what `cli.js rotate-keys` runs), in small batches.
    const cipher = cipherFor({ FIELD_ENCRYPTION_KEYS: ring });
    const rotated = await ownRun(t.ds, cipher, 'rotate', 3);
    expect(rotated.ran).toBe(true);
    expect(rotated.rewritten['progress_note.note']).toBeGreaterThanOrEqual(1);
    expect(rotated.rewritten['family_member.citizen_service_number_encrypted']).toBeGreaterThanOrEqual(1);
    for (const { table, column } of ENCRYPTED_COLUMNS) {
      const [{ n }] = await t.ds.query(
        `SELECT count(*)::int AS n FROM "${table}" WHERE "${column}" IS NOT NULL AND "${column}" NOT LIKE 'v2:k2:%'`,
      );
      expect({ table, column, n }).toEqual({ table, column, n: 0 });
    }
    const [raw1After] = await t.ds.query(`SELECT note FROM progress_note WHERE id = $1`, [first.body.id]);
    expect(raw1After.note).not.toBe(raw1.note);
    expect(new FieldCipher([{ id: 'k2', key: Buffer.from(newKey, 'base64') }]).decrypt(raw1After.note)).toBe(note1);
    // A second run has nothing left to do.
    const again = await ownRun(t.ds, cipher, 'rotate', 3);
    expect(again.ran).toBe(true);
    expect(Object.values(again.rewritten).reduce((a, b) => a + b, 0)).toBe(0);
    await t.close();

    // 4. The old key dropped: everything still reads, citizen service numbers included.
    t = await startTestApp({ env: { FIELD_ENCRYPTION_KEYS: `k2:${newKey}` } });
    tokens = await setUp(t, 'Gezin Sleutel Drie');
    read = await plan(t, s.familyId, tokens.as(REGISSEUR));
    expect(read.goals[0].progress.map((p) => p.note)).toEqual(expect.arrayContaining([note1, note2]));
    const family = await request(t.http).get(`/api/families/${s.familyId}`).set(tokens.as(REGISSEUR));
    const withBsn = family.body.members.find((m: { id: string }) => m.id === bsnMember.body.id);
    expect(withBsn.citizenServiceNumber).toBe('111222333');
    await t.close();
  });
});
