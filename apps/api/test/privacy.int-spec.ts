import type { CorrectionRequestResponse, PrivacyExport } from '@gezinsplan/contracts';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { createMemberWithLogin, familyId, grantCustody, userId } from './support/fixtures';
import { pdfText } from './support/pdf-text';
import { startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
const PASSWORD = 'Wachtwoord-privacy-1';
const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
const isoYearsAgo = (years: number) => {
  const d = new Date();
  d.setFullYear(d.getFullYear() - years);
  d.setDate(d.getDate() - 1);
  return d.toISOString().slice(0, 10);
};

let worker: string;
let fam: string;
let parent: { email: string; userId: string; memberId: string };
let youth17: { email: string; userId: string; memberId: string };
let youth13: { email: string; userId: string; memberId: string };
let parentToken: string;
let youth17Token: string;
const familyName = `Gezin Inzage ${randomUUID().slice(0, 6)}`;

beforeAll(async () => {
  t = await startTestApp();
  worker = await t.token('toegang@heerlen.demo');
  fam = (await request(t.http).post('/api/families').set(auth(worker)).send({ displayName: familyName })).body.id;
  youth17 = await createMemberWithLogin(t.ds, fam, {
    role: 'youth',
    name: 'Sanne Inzage',
    birthDate: isoYearsAgo(17),
    password: PASSWORD,
  });
  youth13 = await createMemberWithLogin(t.ds, fam, {
    role: 'youth',
    name: 'Tim Inzage',
    birthDate: isoYearsAgo(13),
    password: PASSWORD,
  });
  parent = await createMemberWithLogin(t.ds, fam, {
    role: 'parent',
    name: 'Petra Inzage',
    birthDate: '1980-02-02',
    password: PASSWORD,
  });
  await grantCustody(t.ds, parent.memberId, fam);
  const goal = (title: string, memberIds: string[]) =>
    request(t.http)
      .post(`/api/families/${fam}/plan/goals`)
      .set(auth(worker))
      .send({ title, lifeDomain: 'education', memberIds })
      .expect(201);
  await goal('Tim gaat elke dag naar school', [youth13.memberId]);
  await goal('Sanne vindt een stageplek', [youth17.memberId]);
  await goal('Het gezin eet samen', []);
  parentToken = await t.token(parent.email, PASSWORD);
  youth17Token = await t.token(youth17.email, PASSWORD);
});
afterAll(() => t.close());

describe('data subject access export', () => {
  it('gives a parent with custody the whole family file as JSON, and logs the export', async () => {
    const res = await request(t.http).get(`/api/families/${fam}/privacy-export`).set(auth(parentToken));
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="mijn-gegevens-/);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.body as PrivacyExport;
    expect(body.format).toBe('gezinsplan-privacy-export');
    expect(body.subject).toMatchObject({ userId: parent.userId, role: 'parent', name: 'Petra Inzage' });
    expect(body.family.displayName).toBe(familyName);
    expect(body.family.members.map((m) => m.name).sort()).toEqual(['Petra Inzage', 'Sanne Inzage', 'Tim Inzage']);
    expect(body.plan?.goals.map((g) => g.title).sort()).toEqual(
      ['Het gezin eet samen', 'Tim gaat elke dag naar school'].sort(),
    );
    for (const key of [
      'involvements',
      'planVersions',
      'zrm',
      'allocations',
      'evaluations',
      'complaints',
      'notifications',
      'correctionRequests',
      'emergencyAccess',
      'accessLog',
    ]) {
      expect(Array.isArray((body as unknown as Record<string, unknown>)[key])).toBe(true);
    }
    // The regisseur registered the family and wrote goals: that is in the access log, oldest first.
    expect(body.accessLog.length).toBeGreaterThan(0);
    expect(body.accessLog.some((e) => e.actor.organisation !== null && e.action === 'create')).toBe(true);
    const times = body.accessLog.map((e) => e.occurredAt);
    expect([...times].sort()).toEqual(times);
    const audit: { result: string; basis: string; details: { format: string } }[] = await t.ds.query(
      `SELECT result, basis, details FROM audit_log WHERE user_id = $1 AND resource = 'privacy-export' AND family_id = $2`,
      [parent.userId, fam],
    );
    expect(audit).toEqual([{ result: 'success', basis: 'own-family', details: { format: 'json' } }]);
  });

  it('gives the same as a readable Dutch PDF', async () => {
    const res = await request(t.http)
      .get(`/api/families/${fam}/privacy-export/pdf`)
      .set(auth(parentToken))
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = res.body as Buffer;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(2000);
    expect(pdfText(pdf)).toBeDefined();
  });

  it('gives a youth from 16 only their own data', async () => {
    const res = await request(t.http).get(`/api/families/${fam}/privacy-export`).set(auth(youth17Token));
    expect(res.status).toBe(200);
    const body = res.body as PrivacyExport;
    expect(body.family.members.map((m) => m.id)).toEqual([youth17.memberId]);
    expect(body.family.network).toEqual([]);
    expect(body.plan?.goals.map((g) => g.title).sort()).toEqual(['Het gezin eet samen', 'Sanne vindt een stageplek']);
    expect(JSON.stringify(body)).not.toContain('Tim gaat elke dag naar school');
    expect(body.accessLog.every((e) => e.actor.userId === youth17.userId)).toBe(true);
    expect(body.emergencyAccess).toEqual([]);
    expect(body.allocations).toEqual([]);
  });

  it('refuses a youth under 16, another family (404) and professionals (403)', async () => {
    const young = await t.token(youth13.email, PASSWORD);
    const under16 = await request(t.http).get(`/api/families/${fam}/privacy-export`).set(auth(young));
    expect(under16.status).toBe(403);
    expect(under16.body.code).toBe('FORBIDDEN');
    const other = await familyId(t.ds, 'De Vries');
    const foreign = await request(t.http).get(`/api/families/${other}/privacy-export`).set(auth(parentToken));
    expect(foreign.status).toBe(404);
    expect(foreign.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
    const pro = await request(t.http).get(`/api/families/${fam}/privacy-export`).set(auth(worker));
    expect(pro.status).toBe(403);
    const denied: { n: string }[] = await t.ds.query(
      `SELECT count(*) AS n FROM audit_log WHERE resource = 'privacy-export' AND result = 'denied' AND user_id = ANY($1::uuid[])`,
      [[youth13.userId, parent.userId]],
    );
    expect(Number(denied[0].n)).toBe(2);
  });
});

describe('the access log (NEN 7513)', () => {
  const log = (token: string, query: string) =>
    request(t.http).get(`/api/families/${fam}/access-log${query}`).set(auth(token));

  it('filters by period and order, for the parent and the regisseur', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const all = await log(parentToken, `?from=2020-01-01&to=${today}&order=asc&limit=200`);
    expect(all.status).toBe(200);
    expect(all.body.total).toBeGreaterThan(0);
    const times = (all.body.items as { occurredAt: string }[]).map((i) => i.occurredAt);
    expect([...times].sort()).toEqual(times);
    expect(all.body.items[0]).toMatchObject({
      actor: { organisation: expect.any(String), role: 'access_team' },
      basis: expect.any(String),
      emergency: false,
    });
    const before = await log(parentToken, '?to=2000-01-01');
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ items: [], total: 0 });
    const regisseur = await log(worker, `?from=${today}`);
    expect(regisseur.status).toBe(200);
    expect(regisseur.body.total).toBeGreaterThan(0);
  });

  it('answers 400 on bad dates and a period that ends before it starts', async () => {
    for (const q of ['?from=gisteren', '?to=2026-02-30', '?from=2026-03-02&to=2026-03-01', '?order=sideways']) {
      const res = await log(parentToken, q);
      expect([q, res.status]).toEqual([q, 400]);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
  });
});

describe('correction requests (AVG art. 16)', () => {
  it('are filed by the family, answered once by the regisseur with If-Match, and the answer is kept', async () => {
    const bad = await request(t.http)
      .post(`/api/families/${fam}/correction-requests`)
      .set(auth(parentToken))
      .send({ whatIsWrong: '', shouldBe: 'x', extra: true });
    expect(bad.status).toBe(400);
    const filed = await request(t.http)
      .post(`/api/families/${fam}/correction-requests`)
      .set(auth(parentToken))
      .send({ whatIsWrong: 'Mijn geboortedatum klopt niet', shouldBe: '2 februari 1980', itemType: 'member' });
    expect(filed.status).toBe(201);
    const created = filed.body as CorrectionRequestResponse;
    expect(created).toMatchObject({ status: 'open', version: 1, answer: null });
    expect(filed.headers.etag).toBe('"1"');
    const regisseurId = await userId(t.ds, 'toegang@heerlen.demo');
    const notes: { kind: string }[] = await t.ds.query(
      `SELECT kind FROM notification WHERE user_id = $1 AND item_id = $2`,
      [regisseurId, created.id],
    );
    expect(notes).toEqual([{ kind: 'correction-requested' }]);

    // A youth from 12 files their own; the youth does not see the parent's request.
    const own = await request(t.http)
      .post(`/api/families/${fam}/correction-requests`)
      .set(auth(youth17Token))
      .send({ whatIsWrong: 'Mijn school staat er verkeerd in', shouldBe: 'Sintermeertencollege' });
    expect(own.status).toBe(201);
    const youthList = await request(t.http).get(`/api/families/${fam}/correction-requests`).set(auth(youth17Token));
    expect((youthList.body as CorrectionRequestResponse[]).map((r) => r.id)).toEqual([own.body.id]);
    const regisseurList = await request(t.http).get(`/api/families/${fam}/correction-requests`).set(auth(worker));
    expect((regisseurList.body as CorrectionRequestResponse[]).length).toBe(2);

    const answer = (token: string, ifMatch: string | null, body: object) => {
      const r = request(t.http).post(`/api/correction-requests/${created.id}/answer`).set(auth(token));
      if (ifMatch) r.set('If-Match', ifMatch);
      return r.send(body);
    };
    expect((await answer(worker, null, { decision: 'granted', answer: 'Aangepast' })).status).toBe(428);
    expect((await answer(worker, '"1"', { decision: 'maybe', answer: 'Aangepast' })).status).toBe(400);
    const horizon = await t.token('zorg@horizon.demo');
    expect((await answer(horizon, '"1"', { decision: 'refused', answer: 'Nee hoor' })).status).toBe(404);
    const horizonDenied: { n: string }[] = await t.ds.query(
      `SELECT count(*) AS n FROM audit_log WHERE resource = 'correction-request' AND result = 'denied'
          AND family_id = $1 AND user_id = $2`,
      [fam, await userId(t.ds, 'zorg@horizon.demo')],
    );
    expect(Number(horizonDenied[0].n)).toBe(1);
    const granted = await answer(worker, '"1"', {
      decision: 'granted',
      answer: 'De geboortedatum is aangepast naar 2 februari 1980.',
    });
    expect(granted.status).toBe(200);
    expect(granted.body).toMatchObject({ status: 'granted', version: 2, answeredBy: expect.any(String) });
    expect((granted.body as CorrectionRequestResponse).history.map((h) => h.event)).toEqual(['filed', 'granted']);

    const stale = await answer(worker, '"1"', { decision: 'refused', answer: 'Toch niet' });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'VERSION_CONFLICT', details: { currentVersion: 2 } });
    const again = await answer(worker, '"2"', { decision: 'refused', answer: 'Toch niet' });
    expect(again.status).toBe(422);

    const parentView = await request(t.http).get(`/api/families/${fam}/correction-requests`).set(auth(parentToken));
    const mine = (parentView.body as CorrectionRequestResponse[]).find((r) => r.id === created.id);
    expect(mine).toMatchObject({ status: 'granted', answer: 'De geboortedatum is aangepast naar 2 februari 1980.' });
    const told: { kind: string }[] = await t.ds.query(
      `SELECT kind FROM notification WHERE user_id = $1 AND item_id = $2`,
      [parent.userId, created.id],
    );
    expect(told).toEqual([{ kind: 'correction-answered' }]);
    const audit: { action: string; result: string }[] = await t.ds.query(
      `SELECT action, result FROM audit_log WHERE resource = 'correction-request' AND subject_id = $1 ORDER BY id`,
      [created.id],
    );
    expect(audit).toEqual([
      { action: 'create', result: 'success' },
      { action: 'update', result: 'success' },
      { action: 'update', result: 'conflict' },
    ]);
  });
});
