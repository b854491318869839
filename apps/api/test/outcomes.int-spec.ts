import type { AllocationResponse, EvaluationResponse, PlanResponse } from '@gezinsplan/contracts';
import request from 'supertest';
import { createParent, organisationId } from './support/fixtures';
import { startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
const tokens: Record<string, string> = {};
const as = (who: string) => ({ Authorization: `Bearer ${tokens[who]}` });
const api = () => request(t.http);
const FLEUR = 'toegang@heerlen.demo';
const HORIZON = 'zorg@horizon.demo';
const KOMPAS = 'zorg@kompas.demo';

beforeAll(async () => {
  t = await startTestApp();
  for (const email of [FLEUR, HORIZON, KOMPAS, 'beleid@zuidlimburg.demo', 'toegang@maastricht.demo'])
    tokens[email] = await t.token(email);
});
afterAll(() => t.close());

/** A family registered by the Heerlen access team, with a child and goals in its draft plan. */
async function familyWithGoals(name: string, goals = 2) {
  const fam = (await api().post('/api/families').set(as(FLEUR)).send({ displayName: name })).body.id as string;
  const child = await api()
    .post(`/api/families/${fam}/members`)
    .set(as(FLEUR))
    .send({ role: 'child', name: `Kind ${name}`, birthDate: '2015-04-01' });
  expect(child.status).toBe(201);
  const goalIds: string[] = [];
  for (let i = 0; i < goals; i++) {
    const g = await api()
      .post(`/api/families/${fam}/plan/goals`)
      .set(as(FLEUR))
      .send({ title: `Doel ${i + 1}`, lifeDomain: i === 0 ? 'education' : 'parenting' });
    expect(g.status).toBe(201);
    goalIds.push(g.body.id);
  }
  return { fam, childId: child.body.id as string, goalIds };
}

async function agree(fam: string) {
  const seen = (await api().get(`/api/families/${fam}/plan`).set(as(FLEUR))).body as PlanResponse;
  await api()
    .post(`/api/families/${fam}/plan/versions`)
    .set(as(FLEUR))
    .send({ revision: seen.revision, onBehalfReason: 'Ouders akkoord in het gesprek' })
    .expect(201);
}

const countAllocations = async (fam: string) =>
  Number((await t.ds.query('SELECT count(*) FROM allocation WHERE family_id = $1', [fam]))[0].count);

describe('help allocation (inzet)', () => {
  it('refuses help without an agreed plan (422), except crisis help, which is flagged with a plan-due date', async () => {
    const { fam, childId, goalIds } = await familyWithGoals('Gezin Crisistest');
    const horizon = await organisationId(t.ds, 'Horizon Jeugdhulp');
    const refused = await api().post(`/api/families/${fam}/allocations`).set(as(FLEUR)).send({
      youthMemberId: childId,
      providerId: horizon,
      arrangement: 'guidance',
      goalIds,
      requestDate: '2026-11-02',
      decisionDate: '2026-11-04',
    });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ statusCode: 422, code: 'UNPROCESSABLE' });
    expect(refused.body.message).toMatch(/afgesproken gezinsplan/);
    expect(refused.body.message).toMatch(/no agreed plan version/);
    expect(await countAllocations(fam)).toBe(0);
    expect(await t.ds.query('SELECT 1 FROM involvement WHERE family_id = $1', [fam])).toHaveLength(0);

    const crisis = await api().post(`/api/families/${fam}/allocations`).set(as(FLEUR)).send({
      youthMemberId: childId,
      providerId: horizon,
      arrangement: 'crisis',
      goalIds: [],
      requestDate: '2026-01-05',
      decisionDate: '2026-01-05',
    });
    expect(crisis.status).toBe(201);
    expect(crisis.body).toMatchObject({
      arrangement: 'crisis',
      status: 'allocated',
      ijwMessage: 'JW301',
      crisisWithoutPlan: true,
      planDueDate: '2026-01-19',
      planOverdue: true,
      provider: { id: horizon, name: 'Horizon Jeugdhulp' },
    });
    expect(crisis.headers.etag).toBe('"1"');

    // The provider is now involved, consent pending: it cannot see the family yet.
    const involvements = await api().get(`/api/families/${fam}/involvements`).set(as(FLEUR));
    expect(involvements.body).toEqual([
      expect.objectContaining({
        organisation: expect.objectContaining({ id: horizon }),
        consent: expect.objectContaining({ status: 'pending' }),
      }),
    ]);
    expect((await api().get(`/api/families/${fam}/allocations`).set(as(HORIZON))).status).toBe(404);

    // A second allocation to the same provider does not record a second involvement.
    await api()
      .post(`/api/families/${fam}/allocations`)
      .set(as(FLEUR))
      .send({
        youthMemberId: childId,
        providerId: horizon,
        arrangement: 'crisis',
        goalIds: [],
        requestDate: '2026-01-06',
      })
      .expect(201);
    expect(await t.ds.query('SELECT 1 FROM involvement WHERE family_id = $1', [fam])).toHaveLength(1);

    // Once the plan is agreed the crisis flag stays but is no longer overdue.
    await agree(fam);
    const list = await api().get(`/api/families/${fam}/allocations`).set(as(FLEUR));
    expect(list.body.map((a: AllocationResponse) => [a.crisisWithoutPlan, a.planOverdue])).toEqual([
      [true, false],
      [true, false],
    ]);
  });

  it('allocates against plan goals, then the provider confirms start and end with the iJw stop reason', async () => {
    const { fam, childId, goalIds } = await familyWithGoals('Gezin Inzettest');
    await agree(fam);
    const horizon = await organisationId(t.ds, 'Horizon Jeugdhulp');
    const kompas = await organisationId(t.ds, 'Kompas Gezinsbegeleiding');
    const other = await familyWithGoals('Gezin Anderedoelen', 1);
    const base = { youthMemberId: childId, providerId: horizon, arrangement: 'treatment', requestDate: '2026-10-05' };

    // Bad input: 400 naming each field, nothing stored.
    const bad = await api()
      .post(`/api/families/${fam}/allocations`)
      .set(as(FLEUR))
      .send({ ...base, arrangement: 'magic', goalIds: [], requestDate: '5 oktober' });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['arrangement', 'requestDate']);
    const foreign = await api()
      .post(`/api/families/${fam}/allocations`)
      .set(as(FLEUR))
      .send({ ...base, goalIds: other.goalIds });
    expect(foreign.status).toBe(400);
    expect(foreign.body.details[0]).toMatchObject({ field: 'goalIds' });
    const noGoal = await api()
      .post(`/api/families/${fam}/allocations`)
      .set(as(FLEUR))
      .send({ ...base, goalIds: [] });
    expect(noGoal.status).toBe(400);
    expect(await countAllocations(fam)).toBe(0);
    // Only the access team allocates.
    expect(
      (
        await api()
          .post(`/api/families/${fam}/allocations`)
          .set(as(HORIZON))
          .send({ ...base, goalIds })
      ).status,
    ).toBe(403);

    const created = await api()
      .post(`/api/families/${fam}/allocations`)
      .set(as(FLEUR))
      .send({ ...base, goalIds: [goalIds[0]] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: 'requested',
      ijwMessage: 'JW315',
      goalIds: [goalIds[0]],
      crisisWithoutPlan: false,
      planDueDate: null,
    });
    const id = created.body.id as string;
    const toKompas = await api()
      .post(`/api/families/${fam}/allocations`)
      .set(as(FLEUR))
      .send({ ...base, providerId: kompas, arrangement: 'guidance', goalIds, decisionDate: '2026-10-09' });
    expect(toKompas.status).toBe(201);

    // Consent given for both providers: each sees only its own allocation.
    const invs: { id: string }[] = await t.ds.query('SELECT id FROM involvement WHERE family_id = $1', [fam]);
    for (const inv of invs) {
      await api().post(`/api/involvements/${inv.id}/consent`).set(as(FLEUR)).send({ givenBy: 'Ouder' }).expect(200);
    }
    const horizonView = await api().get(`/api/families/${fam}/allocations`).set(as(HORIZON));
    expect(horizonView.body.map((a: AllocationResponse) => a.id)).toEqual([id]);
    const kompasView = await api().get(`/api/families/${fam}/allocations`).set(as(KOMPAS));
    expect(kompasView.body.map((a: AllocationResponse) => a.provider.name)).toEqual(['Kompas Gezinsbegeleiding']);
    expect((await api().get(`/api/families/${fam}/allocations`).set(as(FLEUR))).body).toHaveLength(2);
    // Another provider cannot patch it: not yours looks like not there.
    expect(
      (
        await api()
          .patch(`/api/allocations/${id}`)
          .set(as(KOMPAS))
          .set('If-Match', '"1"')
          .send({ startDate: '2026-10-20' })
      ).status,
    ).toBe(404);

    // If-Match is required; the provider cannot start before the decision, nor change planned fields.
    const noIfMatch = await api().patch(`/api/allocations/${id}`).set(as(HORIZON)).send({ startDate: '2026-10-20' });
    expect(noIfMatch.status).toBe(428);
    const early = await api()
      .patch(`/api/allocations/${id}`)
      .set(as(HORIZON))
      .set('If-Match', '"1"')
      .send({ startDate: '2026-10-20' });
    expect(early.status).toBe(422);
    expect(
      (
        await api()
          .patch(`/api/allocations/${id}`)
          .set(as(HORIZON))
          .set('If-Match', '"1"')
          .send({ decisionDate: '2026-10-08' })
      ).status,
    ).toBe(403);

    // The access team records the decision (JW301) and adds a goal.
    const decided = await api()
      .patch(`/api/allocations/${id}`)
      .set(as(FLEUR))
      .set('If-Match', '"1"')
      .send({ decisionDate: '2026-10-08', goalIds, plannedEndDate: '2027-04-01' });
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({ status: 'allocated', ijwMessage: 'JW301', version: 2, goalIds });
    expect(decided.headers.etag).toBe('"2"');

    // A stale version is a 409 with the current state; bad input is a 400 that changes nothing.
    const stale = await api()
      .patch(`/api/allocations/${id}`)
      .set(as(HORIZON))
      .set('If-Match', '"1"')
      .send({ startDate: '2026-10-20' });
    expect(stale.status).toBe(409);
    expect(stale.body.details).toMatchObject({ currentVersion: 2, current: { status: 'allocated' } });
    const badReason = await api()
      .patch(`/api/allocations/${id}`)
      .set(as(HORIZON))
      .set('If-Match', '"2"')
      .send({ startDate: '2026-10-20', endDate: '2026-11-20', endReason: '99' });
    expect(badReason.status).toBe(400);
    expect(badReason.body.details.map((d: { field: string }) => d.field)).toEqual(['endReason']);
    const [row] = await t.ds.query('SELECT version, start_date FROM allocation WHERE id = $1', [id]);
    expect(row).toEqual({ version: 2, start_date: null });

    const started = await api()
      .patch(`/api/allocations/${id}`)
      .set(as(HORIZON))
      .set('If-Match', '"2"')
      .send({ startDate: '2026-10-20' });
    expect(started.body).toMatchObject({ status: 'started', ijwMessage: 'JW305', startDate: '2026-10-20' });
    const endedBefore = await api()
      .patch(`/api/allocations/${id}`)
      .set(as(HORIZON))
      .set('If-Match', '"3"')
      .send({ endDate: '2026-10-01', endReason: '33' });
    expect(endedBefore.status).toBe(422);
    const stopped = await api()
      .patch(`/api/allocations/${id}`)
      .set(as(HORIZON))
      .set('If-Match', '"3"')
      .send({ endDate: '2026-11-20', endReason: '33' });
    expect(stopped.status).toBe(200);
    expect(stopped.body).toMatchObject({
      status: 'stopped',
      ijwMessage: 'JW307',
      endReason: '33',
      earlyTermination: true,
      version: 4,
    });

    // Every write went through PlanEvents: audit rows, and the regisseur was notified of the provider's changes.
    const audit: { action: string; result: string }[] = await t.ds.query(
      `SELECT action, result FROM audit_log WHERE resource = 'allocation' AND subject_id = $1 ORDER BY id`,
      [id],
    );
    expect(audit.filter((a) => a.result === 'success').map((a) => a.action)).toEqual([
      'create',
      'update',
      'update',
      'update',
    ]);
    const notes: { kind: string }[] = await t.ds.query(
      `SELECT n.kind FROM notification n JOIN app_user u ON u.id = n.user_id WHERE u.email = $1 AND n.item_id = $2`,
      [FLEUR, id],
    );
    expect(notes.map((n) => n.kind)).toEqual(['allocation.updated', 'allocation.updated']);

    // Policy users never see a family's allocations.
    expect((await api().get(`/api/families/${fam}/allocations`).set(as('beleid@zuidlimburg.demo'))).status).toBe(403);
    expect((await api().get(`/api/families/${fam}/allocations`).set(as('toegang@maastricht.demo'))).status).toBe(404);
  });
});

describe('evaluation, satisfaction and complaints', () => {
  it('evaluates the agreed plan per goal, kept per version, then the parent gives a score', async () => {
    const { fam, goalIds } = await familyWithGoals('Gezin Evaluatietest');
    const parent = await createParent(t.ds, fam, 'Mila Evaluatie', 'Wachtwoord-eval-1');
    const parentToken = await t.token(parent.email, 'Wachtwoord-eval-1');
    const noPlan = await api()
      .post(`/api/families/${fam}/evaluations`)
      .set(as(FLEUR))
      .send({ evaluatedOn: '2026-11-01', goals: [{ goalId: goalIds[0], outcome: 'achieved' }] });
    expect(noPlan.status).toBe(422);

    await agree(fam);
    const plan0 = (await api().get(`/api/families/${fam}/plan`).set(as(FLEUR))).body as PlanResponse;
    await api()
      .patch(`/api/families/${fam}/plan`)
      .set(as(FLEUR))
      .set('If-Match', `"${plan0.version}"`)
      .send({ status: 'in_progress' })
      .expect(200);

    const bad = await api()
      .post(`/api/families/${fam}/evaluations`)
      .set(as(FLEUR))
      .send({
        evaluatedOn: '2026-11-01',
        goals: [{ goalId: goalIds[0], outcome: 'great' }],
        satisfaction: { score: 11 },
      });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'goals.0.outcome',
      'satisfaction.score',
    ]);
    expect(await t.ds.query('SELECT 1 FROM evaluation WHERE family_id = $1', [fam])).toHaveLength(0);

    const res = await api()
      .post(`/api/families/${fam}/evaluations`)
      .set(as(FLEUR))
      .send({
        evaluatedOn: '2026-11-01',
        goals: [
          { goalId: goalIds[0], outcome: 'achieved', note: 'Elke dag naar school' },
          { goalId: goalIds[1], outcome: 'partly_achieved' },
        ],
      });
    expect(res.status).toBe(201);
    const evaluation = res.body as EvaluationResponse;
    expect(evaluation).toMatchObject({
      planVersionNumber: 1,
      evaluatedOn: '2026-11-01',
      evaluatedBy: { displayName: 'Fleur Hendriks' },
      satisfaction: null,
    });
    expect(evaluation.goals.map((g) => [g.goalId, g.outcome, g.note])).toEqual([
      [goalIds[0], 'achieved', 'Elke dag naar school'],
      [goalIds[1], 'partly_achieved', null],
    ]);
    const plan1 = (await api().get(`/api/families/${fam}/plan`).set(as(FLEUR))).body as PlanResponse;
    expect(plan1.status).toBe('evaluated');
    expect(plan1.goals.map((g) => g.status)).toEqual(['achieved', 'partly_achieved']);

    // The parent gives a score, once; the professional cannot overwrite it.
    const sat = await api()
      .post(`/api/families/${fam}/evaluations/${evaluation.id}/satisfaction`)
      .set({ Authorization: `Bearer ${parentToken}` })
      .send({ score: 8, remark: 'Fijn dat er naar ons geluisterd werd' });
    expect(sat.status).toBe(201);
    expect(sat.body.satisfaction).toMatchObject({ score: 8, recordedBy: 'parent' });
    const again = await api()
      .post(`/api/families/${fam}/evaluations/${evaluation.id}/satisfaction`)
      .set(as(FLEUR))
      .send({ score: 3 });
    expect(again.status).toBe(422);

    // A second round against the same version; satisfaction can be recorded with the family by the professional.
    const second = await api()
      .post(`/api/families/${fam}/evaluations`)
      .set(as(FLEUR))
      .send({
        evaluatedOn: '2026-11-20',
        goals: [{ goalId: goalIds[1], outcome: 'achieved' }],
        satisfaction: { score: 9 },
      });
    expect(second.body.satisfaction).toMatchObject({ score: 9, recordedBy: 'professional' });
    const older = await api()
      .post(`/api/families/${fam}/evaluations/${evaluation.id}/satisfaction`)
      .set({ Authorization: `Bearer ${parentToken}` })
      .send({ score: 7 });
    expect(older.status).toBe(422);
    const list = await api()
      .get(`/api/families/${fam}/evaluations`)
      .set({ Authorization: `Bearer ${parentToken}` });
    expect(
      list.body.map((e: EvaluationResponse) => [e.evaluatedOn, e.planVersionNumber, e.satisfaction?.score]),
    ).toEqual([
      ['2026-11-20', 1, 9],
      ['2026-11-01', 1, 8],
    ]);

    // Complaints with date and subject; a parent may register one too.
    const complaint = await api()
      .post(`/api/families/${fam}/complaints`)
      .set({ Authorization: `Bearer ${parentToken}` })
      .send({ receivedOn: '2026-11-03', subject: 'Lang wachten op de start van de hulp' });
    expect(complaint.status).toBe(201);
    expect(
      (
        await api()
          .post(`/api/families/${fam}/complaints`)
          .set(as(FLEUR))
          .send({ receivedOn: '2026-11-03', subject: ' ' })
      ).status,
    ).toBe(400);
    const complaints = await api().get(`/api/families/${fam}/complaints`).set(as(FLEUR));
    expect(complaints.body).toEqual([
      expect.objectContaining({ receivedOn: '2026-11-03', subject: 'Lang wachten op de start van de hulp' }),
    ]);
    expect((await api().get(`/api/families/${fam}/complaints`).set(as(HORIZON))).status).toBe(404);
  });
});
