import type { PlanResponse } from '@gezinsplan/contracts';
import request from 'supertest';
import { createMemberWithLogin } from './support/fixtures';
import { startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
const PASSWORD = 'Wachtwoord-rechten-1';
const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
let worker: string;

beforeAll(async () => {
  t = await startTestApp();
  worker = await t.token('toegang@heerlen.demo');
});
afterAll(() => t.close());

const register = async (name: string) =>
  (await request(t.http).post('/api/families').set(auth(worker)).send({ displayName: name })).body.id as string;
const isoYearsAgo = (years: number) => {
  const d = new Date();
  d.setFullYear(d.getFullYear() - years);
  return d.toISOString().slice(0, 10);
};

describe('citizen service numbers', () => {
  it('are stored encrypted, shown to the access team in the family detail only, and checked with the 11-test', async () => {
    const fam = await register('Gezin Bsn');
    const bad = await request(t.http)
      .post(`/api/families/${fam}/members`)
      .set(auth(worker))
      .send({ role: 'parent', name: 'Kim Bsn', birthDate: '1985-01-01', citizenServiceNumber: '123456789' });
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].field).toBe('citizenServiceNumber');
    const ok = await request(t.http).post(`/api/families/${fam}/members`).set(auth(worker)).send({
      role: 'parent',
      name: 'Kim Bsn',
      birthDate: '1985-01-01',
      citizenServiceNumber: '111222333',
      hasCustody: true,
    });
    expect(ok.status).toBe(201);
    expect(ok.body.citizenServiceNumber).toBe('111222333');

    const [row]: { citizen_service_number_encrypted: string }[] = await t.ds.query(
      'SELECT citizen_service_number_encrypted FROM family_member WHERE id = $1',
      [ok.body.id],
    );
    expect(row.citizen_service_number_encrypted).toMatch(/^v2:k0:/); // v2: key id k0 (FIELD_ENCRYPTION_KEY alone); v1 values still read
    expect(row.citizen_service_number_encrypted).not.toContain('111222333');

    const detail = await request(t.http).get(`/api/families/${fam}`).set(auth(worker));
    expect(detail.body.members[0].citizenServiceNumber).toBe('111222333');
    const list = await request(t.http).get('/api/families?q=Bsn').set(auth(worker));
    expect(JSON.stringify(list.body)).not.toContain('111222333');
    // The parent reads her own family without the number.
    const parent = await createMemberWithLogin(t.ds, fam, {
      role: 'parent',
      name: 'Rik Bsn',
      birthDate: '1984-01-01',
      password: PASSWORD,
    });
    const asParent = await request(t.http)
      .get(`/api/families/${fam}`)
      .set(auth(await t.token(parent.email, PASSWORD)));
    expect(asParent.status).toBe(200);
    expect(JSON.stringify(asParent.body)).not.toContain('111222333');
  });
});

describe("custody per child and the youth's own say from 16", () => {
  it('shows a parent goals about a child only with custody of that child, and about a 16+ youth only when the youth agrees', async () => {
    const fam = await register('Gezin Gezag');
    // Children first: a parent created with custody gets custody of the children already there.
    const young = await createMemberWithLogin(t.ds, fam, {
      role: 'youth',
      name: 'Tim Gezag',
      birthDate: isoYearsAgo(13),
      password: PASSWORD,
    });
    const older = await createMemberWithLogin(t.ds, fam, {
      role: 'youth',
      name: 'Sara Gezag',
      birthDate: isoYearsAgo(17),
      password: PASSWORD,
    });
    const mother = await createMemberWithLogin(t.ds, fam, {
      role: 'parent',
      name: 'Moeder Gezag',
      birthDate: '1980-01-01',
      hasCustody: true,
      password: PASSWORD,
    });
    const stepfather = await createMemberWithLogin(t.ds, fam, {
      role: 'parent',
      name: 'Stiefvader Gezag',
      birthDate: '1979-01-01',
      password: PASSWORD,
    });
    // Blended family: the stepfather's own daughter joins; only he has custody of her.
    const bo = await request(t.http)
      .post(`/api/families/${fam}/members`)
      .set(auth(worker))
      .send({ role: 'child', name: 'Bo Gezag', birthDate: isoYearsAgo(9), custodyHolders: [stepfather.memberId] });
    expect(bo.status).toBe(201);
    const wrong = await request(t.http)
      .post(`/api/families/${fam}/members`)
      .set(auth(worker))
      .send({ role: 'child', name: 'X', birthDate: isoYearsAgo(5), custodyHolders: [young.memberId] });
    expect([wrong.status, wrong.body.details[0].field]).toEqual([400, 'custodyHolders']);

    const detail = (await request(t.http).get(`/api/families/${fam}`).set(auth(worker))).body;
    const custodyOf = (name: string) => detail.members.find((m: { name: string }) => m.name === name).custodyOf.sort();
    expect(custodyOf('Moeder Gezag')).toEqual([young.memberId, older.memberId].sort());
    expect(custodyOf('Stiefvader Gezag')).toEqual([bo.body.id]);

    for (const [title, memberIds] of [
      ['Voor iedereen', []],
      ['Tim gaat naar de sportclub', [young.memberId]],
      ['Sara kiest een opleiding', [older.memberId]],
      ['Bo went aan het nieuwe huis', [bo.body.id]],
    ] as const) {
      await request(t.http)
        .post(`/api/families/${fam}/plan/goals`)
        .set(auth(worker))
        .send({ title, lifeDomain: 'education', memberIds })
        .expect(201);
    }
    const titles = async (email: string) =>
      (
        (
          await request(t.http)
            .get(`/api/families/${fam}/plan`)
            .set(auth(await t.token(email, PASSWORD)))
        ).body as PlanResponse
      ).goals
        .map((g) => g.title)
        .sort();

    expect(await titles(mother.email)).toEqual(['Tim gaat naar de sportclub', 'Voor iedereen']);
    expect(await titles(stepfather.email)).toEqual(['Bo went aan het nieuwe huis', 'Voor iedereen']);
    expect(await titles(older.email)).toEqual(['Sara kiest een opleiding', 'Voor iedereen']);

    const share = await request(t.http)
      .put('/api/me/sharing')
      .set(auth(await t.token(older.email, PASSWORD)))
      .send({ sharesWithParents: true });
    expect(share.status).toBe(200);
    expect(share.body.sharesWithParents).toBe(true);
    expect(await titles(mother.email)).toEqual([
      'Sara kiest een opleiding',
      'Tim gaat naar de sportclub',
      'Voor iedereen',
    ]);
    expect(await titles(stepfather.email)).toEqual(['Bo went aan het nieuwe huis', 'Voor iedereen']); // her consent does not replace custody

    const tooYoung = await request(t.http)
      .put('/api/me/sharing')
      .set(auth(await t.token(young.email, PASSWORD)))
      .send({ sharesWithParents: true });
    expect(tooYoung.status).toBe(422);
    expect(
      (await request(t.http).put('/api/me/sharing').set(auth(worker)).send({ sharesWithParents: true })).status,
    ).toBe(403);
  });
});

describe('plan life cycle', () => {
  it('moves agreed -> in progress -> evaluated, and refuses other jumps', async () => {
    const fam = await register('Gezin Cyclus');
    const plan = async () =>
      (await request(t.http).get(`/api/families/${fam}/plan`).set(auth(worker))).body as PlanResponse;
    const draft = await plan();
    const early = await request(t.http)
      .patch(`/api/families/${fam}/plan`)
      .set(auth(worker))
      .set('If-Match', `"${draft.version}"`)
      .send({ status: 'evaluated' });
    expect(early.status).toBe(422);
    await request(t.http)
      .post(`/api/families/${fam}/plan/versions`)
      .set(auth(worker))
      .send({ revision: draft.revision, onBehalfReason: 'Ouders akkoord in gesprek' })
      .expect(201);
    let p = await plan();
    expect(p.status).toBe('agreed');
    await request(t.http)
      .patch(`/api/families/${fam}/plan`)
      .set(auth(worker))
      .set('If-Match', `"${p.version}"`)
      .send({ status: 'in_progress', evaluationDate: '2027-05-01' })
      .expect(200);
    p = await plan();
    expect(p).toMatchObject({ status: 'in_progress', evaluationDate: '2027-05-01' });
    await request(t.http)
      .patch(`/api/families/${fam}/plan`)
      .set(auth(worker))
      .set('If-Match', `"${p.version}"`)
      .send({ status: 'evaluated' })
      .expect(200);
    p = await plan();
    expect(p).toMatchObject({ status: 'evaluated', evaluationDate: '2027-05-01' }); // a status change keeps the date
  });
});
