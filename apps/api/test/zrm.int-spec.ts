import { ZRM_DOMAINS } from '@gezinsplan/contracts';
import request from 'supertest';
import { createParent, familyId } from './support/fixtures';
import { startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
const tokens: Record<string, string> = {};
const as = (who: string) => ({ Authorization: `Bearer ${tokens[who]}` });
const all = (edition: 'zrm-11' | 'zrm-2017', score: number) =>
  Object.fromEntries(ZRM_DOMAINS[edition].map((d) => [d, score]));

beforeAll(async () => {
  t = await startTestApp();
  for (const email of ['toegang@heerlen.demo', 'zorg@kompas.demo', 'jeugd@devries.demo', 'ouder@devries.demo'])
    tokens[email] = await t.token(email);
});
afterAll(() => t.close());

describe('self-sufficiency matrix (ZRM)', () => {
  it('records dated assessments per adult member and shows the change and the order of approach', async () => {
    const fam = (
      await request(t.http).post('/api/families').set(as('toegang@heerlen.demo')).send({ displayName: 'Gezin Zeegers' })
    ).body.id as string;
    const adult = await createParent(t.ds, fam, 'Rob Zeegers', 'Wachtwoord-zrm-1');
    const first = await request(t.http)
      .post(`/api/families/${fam}/zrm`)
      .set(as('toegang@heerlen.demo'))
      .send({
        memberId: adult.memberId,
        edition: 'zrm-11',
        assessedOn: '2026-01-10',
        scores: { ...all('zrm-11', 3), finances: 1, housing: 2 },
      });
    expect(first.status).toBe(201);
    expect(first.body.assessedBy.displayName).toBe('Fleur Hendriks');
    await request(t.http)
      .post(`/api/families/${fam}/zrm`)
      .set(as('toegang@heerlen.demo'))
      .send({
        memberId: adult.memberId,
        edition: 'zrm-11',
        assessedOn: '2026-06-10',
        scores: { ...all('zrm-11', 3), finances: 3, housing: 2, justice: 4 },
      })
      .expect(201);
    const overview = await request(t.http).get(`/api/families/${fam}/zrm`).set(as('toegang@heerlen.demo'));
    expect(overview.status).toBe(200);
    const rob = overview.body.find((o: { memberId: string }) => o.memberId === adult.memberId);
    expect(rob.assessments.map((a: { assessedOn: string }) => a.assessedOn)).toEqual(['2026-01-10', '2026-06-10']);
    expect(rob.changeSinceFirst).toMatchObject({ finances: 2, housing: 0, justice: 1, mental_health: 0 });
    expect(rob.suggestedOrder[0]).toEqual({ domain: 'housing', score: 2 });
  });

  it('supports the 13-domain 2017 edition', async () => {
    const fam = (
      await request(t.http).post('/api/families').set(as('toegang@heerlen.demo')).send({ displayName: 'Gezin Dirksen' })
    ).body.id as string;
    const adult = await createParent(t.ds, fam, 'Eva Dirksen', 'Wachtwoord-zrm-2');
    const res = await request(t.http)
      .post(`/api/families/${fam}/zrm`)
      .set(as('toegang@heerlen.demo'))
      .send({ memberId: adult.memberId, edition: 'zrm-2017', assessedOn: '2026-11-01', scores: all('zrm-2017', 4) });
    expect(res.status).toBe(201);
    expect(Object.keys(res.body.scores)).toHaveLength(13);
  });

  it('refuses incomplete or out-of-range scores with 400 naming each domain, and stores nothing', async () => {
    const deVries = await familyId(t.ds, 'De Vries');
    const [sanne]: { id: string }[] = await t.ds.query(`SELECT id FROM family_member WHERE name = 'Sanne de Vries'`);
    const before = await t.ds.query('SELECT count(*) FROM zrm_assessment');
    const scores: Record<string, number> = { ...all('zrm-11', 3), finances: 6, moon: 2 };
    delete scores.justice;
    const res = await request(t.http)
      .post(`/api/families/${deVries}/zrm`)
      .set(as('toegang@heerlen.demo'))
      .send({ memberId: sanne.id, edition: 'zrm-11', assessedOn: '2026-11-01', scores });
    expect(res.status).toBe(400);
    expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'scores.finances',
      'scores.justice',
      'scores.moon',
    ]);
    expect(await t.ds.query('SELECT count(*) FROM zrm_assessment')).toEqual(before);
  });

  it('assesses adults only, and only for those who may see the family', async () => {
    const deVries = await familyId(t.ds, 'De Vries');
    const [noah]: { id: string }[] = await t.ds.query(`SELECT id FROM family_member WHERE name = 'Noah de Vries'`);
    const child = await request(t.http)
      .post(`/api/families/${deVries}/zrm`)
      .set(as('toegang@heerlen.demo'))
      .send({ memberId: noah.id, edition: 'zrm-11', assessedOn: '2026-11-01', scores: all('zrm-11', 3) });
    expect(child.status).toBe(422);
    expect((await request(t.http).get(`/api/families/${deVries}/zrm`).set(as('zorg@kompas.demo'))).status).toBe(404);
    expect((await request(t.http).get(`/api/families/${deVries}/zrm`).set(as('jeugd@devries.demo'))).status).toBe(403);
    const parentView = await request(t.http).get(`/api/families/${deVries}/zrm`).set(as('ouder@devries.demo'));
    expect(parentView.body.find((o: { name: string }) => o.name === 'Sanne de Vries').assessments).toHaveLength(2);
  });
});
