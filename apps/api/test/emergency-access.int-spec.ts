import type { AccessLogEntry, EmergencyAccessGrant } from '@gezinsplan/contracts';
import { randomInt, randomUUID } from 'node:crypto';
import request from 'supertest';
import { createMemberWithLogin, createProfessional, organisationId, userId } from './support/fixtures';
import { startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
const PASSWORD = 'Wachtwoord-noodtoegang-1';
const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

/** A random citizen service number that passes the 11-test, so tests never collide on the shared database. */
function randomBsn(): string {
  for (;;) {
    const digits = Array.from({ length: 8 }, () => randomInt(10));
    if (digits[0] === 0) continue;
    const sum = digits.reduce((acc, d, i) => acc + d * (9 - i), 0);
    const last = sum % 11;
    if (last === 10) continue;
    return [...digits, last].join('');
  }
}
const randomBirthDate = () => `19${randomInt(50, 99)}-0${randomInt(1, 9)}-1${randomInt(0, 9)}`;

let worker: string;
let kompas: string;
let fam: string;
const bsn = randomBsn();
const birthDate = randomBirthDate();
const familyName = `Gezin Nood ${randomUUID().slice(0, 6)}`;
const reason = 'Crisis in de nacht: kind gevonden op straat, veiligheid nagaan';

beforeAll(async () => {
  t = await startTestApp();
  worker = await t.token('toegang@heerlen.demo');
  kompas = await t.token('zorg@kompas.demo');
  fam = (await request(t.http).post('/api/families').set(auth(worker)).send({ displayName: familyName })).body.id;
  await request(t.http)
    .post(`/api/families/${fam}/members`)
    .set(auth(worker))
    .send({ role: 'parent', name: 'Noor Nood', birthDate, citizenServiceNumber: bsn, hasCustody: true })
    .expect(201);
});
afterAll(() => t.close());

const ask = (token: string, body: object) => request(t.http).post('/api/emergency-access').set(auth(token)).send(body);

describe('emergency access (break the glass)', () => {
  it('refuses a request without a reason, and answers an unknown person like any miss', async () => {
    const before: { n: string }[] = await t.ds.query('SELECT count(*) AS n FROM emergency_access');
    const none = await ask(kompas, { citizenServiceNumber: bsn, birthDate });
    expect(none.status).toBe(400);
    expect(none.body.details.map((d: { field: string }) => d.field)).toContain('reason');
    const short = await ask(kompas, { citizenServiceNumber: bsn, birthDate, reason: 'nodig' });
    expect(short.status).toBe(400);
    const wrongDate = await ask(kompas, { citizenServiceNumber: bsn, birthDate: '1901-01-01', reason });
    const unknown = await ask(kompas, { citizenServiceNumber: randomBsn(), birthDate, reason });
    expect(wrongDate.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(wrongDate.body).toEqual(unknown.body);
    const after: { n: string }[] = await t.ds.query('SELECT count(*) AS n FROM emergency_access');
    expect(after[0].n).toBe(before[0].n);
    const audit: { details: Record<string, unknown> }[] = await t.ds.query(
      `SELECT details FROM audit_log WHERE resource = 'emergency-access' AND result = 'denied' AND user_id = $1`,
      [await userId(t.ds, 'zorg@kompas.demo')],
    );
    expect(audit.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(audit)).not.toContain(bsn);
  });

  it('grants time-limited access that is audited as emergency, notifies the regisseur and shows in the access log', async () => {
    expect((await request(t.http).get(`/api/families/${fam}`).set(auth(kompas))).status).toBe(404);
    const started = Date.now();
    const res = await ask(kompas, { citizenServiceNumber: bsn, birthDate, reason });
    expect(res.status).toBe(201);
    const grant = res.body as EmergencyAccessGrant;
    expect(grant).toMatchObject({ familyId: fam, familyName, reason, active: true, organisation: expect.any(String) });
    const minutes = (new Date(grant.expiresAt).getTime() - started) / 60_000;
    expect(minutes).toBeGreaterThan(59);
    expect(minutes).toBeLessThan(61);

    const family = await request(t.http)
      .get(`/api/families/${fam}`)
      .set(auth(kompas))
      .set('X-Request-Id', `nood-${grant.id}`);
    expect(family.status).toBe(200);
    expect((await request(t.http).get(`/api/families/${fam}/plan`).set(auth(kompas))).status).toBe(200);
    const kompasId = await userId(t.ds, 'zorg@kompas.demo');
    const rows: { resource: string; basis: string; emergency: boolean }[] = await t.ds.query(
      `SELECT resource, basis, emergency FROM audit_log WHERE user_id = $1 AND family_id = $2 AND result = 'success' ORDER BY id`,
      [kompasId, fam],
    );
    expect(rows.map((r) => r.resource)).toEqual(['emergency-access', 'family', 'plan']);
    expect(rows.every((r) => r.emergency && r.basis === 'emergency')).toBe(true);

    // Not in the worklist: emergency access is for one file, not for browsing.
    const list = await request(t.http)
      .get(`/api/families?q=${encodeURIComponent(familyName)}`)
      .set(auth(kompas));
    expect(list.body.total).toBe(0);
    const mine = await request(t.http).get('/api/emergency-access').set(auth(kompas));
    expect((mine.body as EmergencyAccessGrant[]).map((g) => g.id)).toContain(grant.id);

    const regisseurId = await userId(t.ds, 'toegang@heerlen.demo');
    const notes: { kind: string; message: string }[] = await t.ds.query(
      `SELECT kind, message FROM notification WHERE user_id = $1 AND item_id = $2`,
      [regisseurId, grant.id],
    );
    expect(notes).toHaveLength(1);
    expect(notes[0].kind).toBe('emergency-access');
    expect(notes[0].message).toContain(reason);

    const parent = await createMemberWithLogin(t.ds, fam, {
      role: 'parent',
      name: 'Sem Nood',
      birthDate: '1979-03-03',
      password: PASSWORD,
    });
    const parentToken = await t.token(parent.email, PASSWORD);
    const log = await request(t.http).get(`/api/families/${fam}/access-log?limit=200`).set(auth(parentToken));
    expect(log.status).toBe(200);
    const flagged = (log.body.items as AccessLogEntry[]).filter((e) => e.emergency);
    expect(flagged.length).toBeGreaterThanOrEqual(3);
    expect(flagged.every((e) => e.basis === 'emergency' && e.actor.role === 'provider')).toBe(true);

    // Someone who can already see the family does not need (and does not get) a grant.
    const own = await ask(worker, { citizenServiceNumber: bsn, birthDate, reason });
    expect(own.status).toBe(422);

    // The grant ends on its own.
    await t.ds.query(`UPDATE emergency_access SET expires_at = now() - interval '1 minute' WHERE id = $1`, [grant.id]);
    expect((await request(t.http).get(`/api/families/${fam}`).set(auth(kompas))).status).toBe(404);
    expect((await request(t.http).get(`/api/families/${fam}/plan`).set(auth(kompas))).status).toBe(404);
    const after = await request(t.http).get('/api/emergency-access').set(auth(kompas));
    expect((after.body as EmergencyAccessGrant[]).map((g) => g.id)).not.toContain(grant.id);
  });

  it('is limited per professional per hour, and closed to parents, youths and policy', async () => {
    const email = await createProfessional(
      t.ds,
      'provider',
      await organisationId(t.ds, 'Kompas Gezinsbegeleiding'),
      PASSWORD,
    );
    const token = await t.token(email, PASSWORD);
    for (let i = 0; i < 5; i++) {
      expect((await ask(token, { citizenServiceNumber: randomBsn(), birthDate, reason })).status).toBe(404);
    }
    const limited = await ask(token, { citizenServiceNumber: bsn, birthDate, reason });
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('RATE_LIMITED');
    for (const who of ['ouder@devries.demo', 'jeugd@devries.demo', 'beleid@zuidlimburg.demo']) {
      expect((await ask(await t.token(who), { citizenServiceNumber: bsn, birthDate, reason })).status).toBe(403);
    }
  });
});
