import { type GoalResponse, type PlanResponse, ZRM_DOMAINS } from '@gezinsplan/contracts';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { join, LiveClients, nextEvent } from './support/live-client';
import { createParent, familyId, organisationId, userId } from './support/fixtures';
import { startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
const tokens: Record<string, string> = {};
const as = (who: string) => ({ Authorization: `Bearer ${tokens[who]}` });
const PARENT_PASSWORD = 'Ouder-wachtwoord-1';

const clients = new LiveClients();
let port = 0;

beforeAll(async () => {
  t = await startTestApp();
  await t.app.listen(0, '127.0.0.1');
  port = (t.http.address() as AddressInfo).port;
  for (const email of [
    'toegang@heerlen.demo',
    'zorg@horizon.demo',
    'zorg@kompas.demo',
    'gi@jeugdbescherming.demo',
    'ouder@devries.demo',
    'beleid@zuidlimburg.demo',
  ]) {
    tokens[email] = await t.token(email);
  }
});
afterAll(async () => {
  await clients.closeAll();
  await t.close();
});

const api = () => request(t.http);
const plan = async (who: string, family: string): Promise<PlanResponse> => {
  const res = await api().get(`/api/families/${family}/plan`).set(as(who));
  expect(res.status).toBe(200);
  return res.body as PlanResponse;
};

describe('one family, one plan, one regisseur: the whole story', () => {
  it('registers, involves, plans, agrees, works in parallel, hands over, withdraws consent and compares versions', async () => {
    // 1. The access-team worker registers a family: own municipality, herself as regisseur, an empty draft plan.
    const reg = await api().post('/api/families').set(as('toegang@heerlen.demo')).send({ displayName: 'Gezin Moreau' });
    expect(reg.status).toBe(201);
    expect(reg.body).toMatchObject({
      displayName: 'Gezin Moreau',
      municipality: 'Heerlen',
      status: 'registered',
      needsOnePlan: false,
    });
    const fam = reg.body.id as string;
    const draft = await plan('toegang@heerlen.demo', fam);
    expect(draft).toMatchObject({ status: 'draft', currentVersionNumber: null, goals: [] });
    expect(draft.sections.map((s) => s.kind)).toEqual(['going_well', 'worries', 'wish', 'strengths', 'safety']);
    const regie0 = await api().get(`/api/families/${fam}/regie`).set(as('toegang@heerlen.demo'));
    expect(regie0.body.current).toMatchObject({ displayName: 'Fleur Hendriks' });

    // 2. Involve three organisations with consent: the family is flagged "1G1P1R needed".
    const horizon = await organisationId(t.ds, 'Horizon Jeugdhulp');
    const kompas = await organisationId(t.ds, 'Kompas Gezinsbegeleiding');
    const gi = await organisationId(t.ds, 'Stichting Veilig Opgroeien Zuid');
    const involvementIds: Record<string, string> = {};
    for (const [name, org] of [
      ['horizon', horizon],
      ['kompas', kompas],
      ['gi', gi],
    ] as const) {
      const res = await api()
        .post(`/api/families/${fam}/involvements`)
        .set(as('toegang@heerlen.demo'))
        .send({ organisationId: org, consentGivenBy: 'Claire Moreau' });
      expect(res.status).toBe(201);
      expect(res.body.consent.status).toBe('given');
      involvementIds[name] = res.body.id;
    }
    const listed = await api().get('/api/families?q=Moreau').set(as('toegang@heerlen.demo'));
    expect(listed.body.items[0]).toMatchObject({ id: fam, needsOnePlan: true });
    expect((await api().get(`/api/families/${fam}/plan`).set(as('zorg@kompas.demo'))).status).toBe(200);

    // 3. A draft plan: sections, goals in three life domains, agreements for family, network and a provider.
    const worries = draft.sections.find((s) => s.kind === 'worries');
    const sec = await api()
      .patch(`/api/plan-sections/${worries?.id}`)
      .set(as('toegang@heerlen.demo'))
      .set('If-Match', '"1"')
      .send({ content: 'Emma gaat niet meer naar school; moeder is uitgeput.' });
    expect(sec.status).toBe(200);
    const goals: GoalResponse[] = [];
    for (const [title, lifeDomain] of [
      ['Emma gaat weer naar school', 'education'],
      ['Overzicht over de rekeningen', 'finances'],
      ['Vaste bedtijden', 'parenting'],
    ]) {
      const res = await api()
        .post(`/api/families/${fam}/plan/goals`)
        .set(as('toegang@heerlen.demo'))
        .send({ title, lifeDomain });
      expect(res.status).toBe(201);
      expect(res.headers.etag).toBe('"1"');
      goals.push(res.body);
    }
    expect(goals.map((g) => g.priority)).toEqual([1, 2, 3]);
    const agreements = [
      {
        description: 'Moeder brengt Emma elke ochtend naar school',
        ownerType: 'family_member',
        ownerLabel: 'Claire Moreau',
        dueDate: '2027-01-31',
      },
      { description: 'Opa Henk helpt met de administratie', ownerType: 'network_member', ownerLabel: 'Opa Henk' },
      {
        description: 'Wekelijkse gezinsbegeleiding',
        ownerType: 'organisation',
        ownerId: horizon,
        dueDate: '2027-03-01',
      },
    ];
    for (const [i, body] of agreements.entries()) {
      const res = await api().post(`/api/goals/${goals[i].id}/agreements`).set(as('toegang@heerlen.demo')).send(body);
      expect(res.status).toBe(201);
    }
    const withAgreements = await plan('toegang@heerlen.demo', fam);
    expect(withAgreements.goals[2].agreements[0]).toMatchObject({
      ownerLabel: 'Horizon Jeugdhulp',
      ownerType: 'organisation',
    });
    expect(new Set(withAgreements.goals.map((g) => g.lifeDomain))).toEqual(
      new Set(['education', 'finances', 'parenting']),
    );

    // 4. The parent approves version 1 as she saw it; approving a stale revision is refused.
    const parent = await createParent(t.ds, fam, 'Claire Moreau', PARENT_PASSWORD);
    tokens.parent = await t.token(parent.email, PARENT_PASSWORD);
    const seen = await plan('parent', fam);
    const stale = await api()
      .post(`/api/families/${fam}/plan/versions`)
      .set(as('parent'))
      .send({ revision: seen.revision - 1 });
    expect(stale.status).toBe(409);
    const v1 = await api()
      .post(`/api/families/${fam}/plan/versions`)
      .set(as('parent'))
      .send({ revision: seen.revision });
    expect(v1.status).toBe(201);
    expect(v1.body).toMatchObject({
      number: 1,
      approvedBy: { userId: parent.userId, role: 'parent' },
      onBehalfReason: null,
    });
    expect(v1.body.plan.goals).toHaveLength(3);
    expect(v1.body.pendingAcknowledgements.map((p: { organisation: string }) => p.organisation).sort()).toEqual([
      'Horizon Jeugdhulp',
      'Kompas Gezinsbegeleiding',
      'Stichting Veilig Opgroeien Zuid',
    ]);
    const ack = await api().post(`/api/families/${fam}/plan/versions/1/acknowledgements`).set(as('zorg@horizon.demo'));
    expect(ack.body.acknowledgements.map((a: { organisation: string }) => a.organisation)).toEqual([
      'Horizon Jeugdhulp',
    ]);
    expect((await api().get('/api/families?q=Moreau').set(as('toegang@heerlen.demo'))).body.items[0].needsOnePlan).toBe(
      false,
    );

    // 4b. The access team records a ZRM assessment of the mother.
    const zrmScores = Object.fromEntries(ZRM_DOMAINS['zrm-11'].map((d) => [d, d === 'finances' ? 1 : 3]));
    const zrm = await api()
      .post(`/api/families/${fam}/zrm`)
      .set(as('toegang@heerlen.demo'))
      .send({ memberId: parent.memberId, edition: 'zrm-11', assessedOn: '2026-11-02', scores: zrmScores });
    expect(zrm.status).toBe(201);
    const zrmView = await api().get(`/api/families/${fam}/zrm`).set(as('parent'));
    expect(zrmView.body[0].suggestedOrder[0]).toEqual({ domain: 'finances', score: 1 });

    // 5. A provider posts progress while the access team edits another goal at the same time: both succeed,
    //    and the mother, who has the plan open, sees both changes arrive live.
    const viewer = await clients.connect(port, { token: tokens.parent });
    expect(await join(viewer, fam)).toMatchObject({ ok: true });
    const heardProgress = nextEvent(viewer, 'change', (c) => c.item.type === 'progress');
    const heardEdit = nextEvent(viewer, 'change', (c) => c.item.id === goals[1].id);
    const [progress, edit] = await Promise.all([
      api()
        .post(`/api/goals/${goals[0].id}/progress`)
        .set(as('zorg@horizon.demo'))
        .send({ note: 'Emma was drie dagen op school.', score: 5 }),
      api()
        .patch(`/api/goals/${goals[1].id}`)
        .set(as('toegang@heerlen.demo'))
        .set('If-Match', '"1"')
        .send({ title: 'Overzicht over rekeningen en schulden' }),
    ]);
    expect(progress.status).toBe(201);
    expect(edit.status).toBe(200);
    expect(edit.headers.etag).toBe('"2"');
    expect(await heardEdit).toMatchObject({ action: 'updated', version: 2, by: { displayName: 'Fleur Hendriks' } });
    expect(await heardProgress).toMatchObject({ action: 'created', by: { displayName: 'Jolien Bakker' } });
    // ... and a third edit of that goal from the old version gets 409 with the current goal.
    const third = await api()
      .patch(`/api/goals/${goals[1].id}`)
      .set(as('zorg@kompas.demo'))
      .set('If-Match', '"1"')
      .send({ title: 'Iets anders' });
    expect(third.status).toBe(409);
    expect(third.body.details.current).toMatchObject({
      id: goals[1].id,
      title: 'Overzicht over rekeningen en schulden',
      version: 2,
    });
    // The regisseur was notified of changes by others.
    const notes = await api().get('/api/notifications').set(as('toegang@heerlen.demo'));
    expect(notes.body.map((n: { message: string }) => n.message)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('Jolien Bakker: heeft voortgang geschreven bij "Emma gaat weer naar school"'),
      ]),
    );

    // 6. The regisseur hands over to the parent.
    const handover = await api()
      .post(`/api/families/${fam}/regie/handover`)
      .set(as('toegang@heerlen.demo'))
      .send({ toUserId: parent.userId, reason: 'Claire neemt de regie zelf over' });
    expect(handover.status).toBe(200);
    expect(handover.body.current).toMatchObject({
      userId: parent.userId,
      reason: 'Claire neemt de regie zelf over',
      endedAt: null,
    });
    expect(handover.body.history).toHaveLength(2);
    expect(handover.body.history[1]).toMatchObject({ displayName: 'Fleur Hendriks', endedAt: expect.any(String) });

    // 7. The family withdraws Kompas's consent: its next read is 404.
    const withdrawn = await api().post(`/api/involvements/${involvementIds.kompas}/consent/withdraw`).set(as('parent'));
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.consent.status).toBe('withdrawn');
    expect((await api().get(`/api/families/${fam}/plan`).set(as('zorg@kompas.demo'))).status).toBe(404);

    // 8. Version 2 is agreed; the diff shows exactly what changed since version 1.
    const now = await plan('parent', fam);
    const v2 = await api()
      .post(`/api/families/${fam}/plan/versions`)
      .set(as('parent'))
      .send({ revision: now.revision });
    expect(v2.status).toBe(201);
    expect(v2.body.number).toBe(2);
    const diff = await api().get(`/api/families/${fam}/plan/versions/1/diff/2`).set(as('toegang@heerlen.demo'));
    expect(diff.status).toBe(200);
    expect(diff.body.changes).toEqual([
      {
        item: 'goal',
        id: goals[1].id,
        change: 'changed',
        label: 'Overzicht over rekeningen en schulden',
        fields: [
          { field: 'title', before: 'Overzicht over de rekeningen', after: 'Overzicht over rekeningen en schulden' },
        ],
      },
    ]);
    const versions = await api().get(`/api/families/${fam}/plan/versions`).set(as('parent'));
    expect(versions.body.map((v: { number: number }) => v.number)).toEqual([2, 1]);
  });
});

describe('plan rules', () => {
  it('hides a restricted section from other parties in the plan, its versions and the diff', async () => {
    const fam = (await api().post('/api/families').set(as('toegang@heerlen.demo')).send({ displayName: 'Gezin Vos' }))
      .body.id as string;
    await api()
      .post(`/api/families/${fam}/involvements`)
      .set(as('toegang@heerlen.demo'))
      .send({ organisationId: await organisationId(t.ds, 'Horizon Jeugdhulp'), consentGivenBy: 'Moeder' });
    const parent = await createParent(t.ds, fam, 'Ilona Vos', PARENT_PASSWORD);
    const parentToken = await t.token(parent.email, PARENT_PASSWORD);
    const safety = (await plan('zorg@horizon.demo', fam)).sections.find((s) => s.kind === 'safety');
    const horizon = await organisationId(t.ds, 'Horizon Jeugdhulp');
    const secret = 'Behandeldetail: traumabehandeling gestart';
    expect(
      (
        await api()
          .patch(`/api/plan-sections/${safety?.id}`)
          .set(as('zorg@horizon.demo'))
          .set('If-Match', '"1"')
          .send({ content: secret, restrictedTo: [horizon] })
      ).status,
    ).toBe(200);
    const seen = (
      await api()
        .get(`/api/families/${fam}/plan`)
        .set({ Authorization: `Bearer ${parentToken}` })
    ).body as PlanResponse;
    await api()
      .post(`/api/families/${fam}/plan/versions`)
      .set({ Authorization: `Bearer ${parentToken}` })
      .send({ revision: seen.revision })
      .expect(201);
    await api()
      .post(`/api/families/${fam}/plan/versions`)
      .set({ Authorization: `Bearer ${parentToken}` })
      .send({ revision: seen.revision + 1 })
      .expect(201);

    const forMunicipality = [
      await api().get(`/api/families/${fam}/plan`).set(as('toegang@heerlen.demo')),
      await api().get(`/api/families/${fam}/plan/versions/1`).set(as('toegang@heerlen.demo')),
      await api().get(`/api/families/${fam}/plan/versions/1/diff/2`).set(as('toegang@heerlen.demo')),
    ];
    for (const res of forMunicipality) {
      expect(res.status).toBe(200);
      expect(JSON.stringify(res.body)).not.toContain('traumabehandeling');
    }
    expect(JSON.stringify((await api().get(`/api/families/${fam}/plan`).set(as('zorg@horizon.demo'))).body)).toContain(
      secret,
    );
    expect(
      JSON.stringify(
        (
          await api()
            .get(`/api/families/${fam}/plan/versions/1`)
            .set({ Authorization: `Bearer ${parentToken}` })
        ).body,
      ),
    ).toContain(secret);
  });

  it("keeps a GI's safety condition out of others' reach", async () => {
    const bakker = await familyId(t.ds, 'Bakker');
    const condition = (await plan('gi@jeugdbescherming.demo', bakker)).goals.find((g) => g.safetyCondition);
    expect(condition).toBeDefined();
    const byAccessTeam = await api()
      .delete(`/api/goals/${condition?.id}`)
      .set(as('toegang@heerlen.demo'))
      .set('If-Match', `"${condition?.version}"`);
    expect(byAccessTeam.status).toBe(403);
    const weaken = await api()
      .patch(`/api/goals/${condition?.id}`)
      .set(as('toegang@heerlen.demo'))
      .set('If-Match', `"${condition?.version}"`)
      .send({ safetyCondition: false });
    expect(weaken.status).toBe(403);
    expect(
      (await plan('gi@jeugdbescherming.demo', bakker)).goals.find((g) => g.id === condition?.id)?.safetyCondition,
    ).toBe(true);
  });

  it("lets a parent propose a goal that waits for the regisseur's decision", async () => {
    const deVries = await familyId(t.ds, 'De Vries');
    const proposal = await api()
      .post(`/api/families/${deVries}/plan/goal-proposals`)
      .set(as('ouder@devries.demo'))
      .send({ title: 'Samen eten op zondag', lifeDomain: 'family_system' });
    expect(proposal.status).toBe(201);
    expect(proposal.body).toMatchObject({ status: 'proposed', proposedBy: await userId(t.ds, 'ouder@devries.demo') });
    const notAllowed = await api()
      .patch(`/api/goals/${proposal.body.id}`)
      .set(as('zorg@horizon.demo'))
      .set('If-Match', '"1"')
      .send({ status: 'open' });
    expect(notAllowed.status).toBe(403);
    const accepted = await api()
      .patch(`/api/goals/${proposal.body.id}`)
      .set(as('toegang@heerlen.demo'))
      .set('If-Match', '"1"')
      .send({ status: 'open' });
    expect(accepted.body).toMatchObject({ status: 'open', version: 2 });
    // a parent cannot edit the plan directly, nor can a policy user read it
    expect(
      (
        await api()
          .post(`/api/families/${deVries}/plan/goals`)
          .set(as('ouder@devries.demo'))
          .send({ title: 'x', lifeDomain: 'housing' })
      ).status,
    ).toBe(403);
    expect((await api().get(`/api/families/${deVries}/plan`).set(as('beleid@zuidlimburg.demo'))).status).toBe(403);
  });

  it('audits every plan write with who, which family and on what basis, refused ones too', async () => {
    const deVries = await familyId(t.ds, 'De Vries');
    const created = await api()
      .post(`/api/families/${deVries}/plan/goals`)
      .set(as('zorg@horizon.demo'))
      .set('X-Request-Id', 'audit-goal-create')
      .send({ title: 'Noah slaapt voor elf uur', lifeDomain: 'physical_health' });
    expect(created.status).toBe(201);
    await api()
      .patch(`/api/goals/${created.body.id}`)
      .set(as('zorg@horizon.demo'))
      .set('If-Match', '"9"')
      .set('X-Request-Id', 'audit-goal-stale')
      .send({ title: 'x' })
      .expect(409);
    const rows: {
      request_id: string;
      resource: string;
      action: string;
      result: string;
      basis: string;
      family_id: string;
      subject_id: string;
      user_role: string;
    }[] = await t.ds.query(
      `SELECT request_id, resource, action, result, basis, family_id, subject_id, user_role FROM audit_log WHERE request_id LIKE 'audit-goal-%' ORDER BY id`,
    );
    expect(rows).toEqual([
      {
        request_id: 'audit-goal-create',
        resource: 'goal',
        action: 'create',
        result: 'success',
        basis: 'involvement-consent',
        family_id: deVries,
        subject_id: created.body.id,
        user_role: 'provider',
      },
      {
        request_id: 'audit-goal-stale',
        resource: 'goal',
        action: 'update',
        result: 'conflict',
        basis: 'involvement-consent',
        family_id: deVries,
        subject_id: created.body.id,
        user_role: 'provider',
      },
    ]);
  });

  it('logs every plan read before answering it, also when many arrive at once (group commit)', async () => {
    const deVries = await familyId(t.ds, 'De Vries');
    const nobody = '00000000-0000-4000-8000-000000000000';
    const reads = Array.from({ length: 24 }, (_, i) => ({
      id: `audit-read-${i}`,
      family: i % 6 === 5 ? nobody : deVries,
    }));
    const answers = await Promise.all(
      reads.map(async ({ id, family }) => {
        const res = await api()
          .get(`/api/families/${family}/plan`)
          .set(as('toegang@heerlen.demo'))
          .set('X-Request-Id', id);
        // Looked up the moment the answer arrived: the row must already be committed.
        const rows: { resource: string; action: string; result: string; basis: string | null }[] = await t.ds.query(
          'SELECT resource, action, result, basis FROM audit_log WHERE request_id = $1',
          [id],
        );
        return { status: res.status, rows };
      }),
    );
    reads.forEach(({ family }, i) =>
      expect(answers[i]).toEqual(
        family === deVries
          ? { status: 200, rows: [{ resource: 'plan', action: 'read', result: 'success', basis: 'regisseur' }] }
          : { status: 404, rows: [{ resource: 'plan', action: 'read', result: 'denied', basis: null }] },
      ),
    );
  });

  it('shows the five newest progress notes per goal, newest first, readable, with author and organisation', async () => {
    const deVries = await familyId(t.ds, 'De Vries');
    const goal = await api()
      .post(`/api/families/${deVries}/plan/goals`)
      .set(as('zorg@horizon.demo'))
      .send({ title: 'Sanne gaat elke dag naar school', lifeDomain: 'education' });
    expect(goal.status).toBe(201);
    for (let i = 1; i <= 7; i++) {
      const note = await api()
        .post(`/api/goals/${goal.body.id}/progress`)
        .set(as('zorg@horizon.demo'))
        .send({ note: `Week ${i}: ${i} dagen naar school`, score: i });
      expect(note.status).toBe(201);
    }
    const shown = (await plan('toegang@heerlen.demo', deVries)).goals.find((g) => g.id === goal.body.id);
    expect(shown?.progress.map((p) => [p.note, p.score])).toEqual(
      [7, 6, 5, 4, 3].map((i) => [`Week ${i}: ${i} dagen naar school`, i]),
    );
    expect(shown?.progress[0].author).toMatchObject({
      displayName: expect.any(String),
      organisation: expect.any(String),
    });
    // Stored encrypted: the plan answer is the only place the text is readable.
    const [stored]: { note: string }[] = await t.ds.query(
      'SELECT note FROM progress_note WHERE goal_id = $1 ORDER BY created_at DESC LIMIT 1',
      [goal.body.id],
    );
    expect(stored.note).not.toContain('Week 7');
  });

  it('answers bad plan input with 400 naming the fields, and writes nothing', async () => {
    const deVries = await familyId(t.ds, 'De Vries');
    const before = await plan('toegang@heerlen.demo', deVries);
    const res = await api()
      .post(`/api/families/${deVries}/plan/goals`)
      .set(as('toegang@heerlen.demo'))
      .send({ title: '', lifeDomain: 'moon', targetDate: '31-12-2027' });
    expect(res.status).toBe(400);
    expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'lifeDomain',
      'targetDate',
      'title',
    ]);
    const score = await api()
      .post(`/api/goals/${before.goals[0].id}/progress`)
      .set(as('zorg@horizon.demo'))
      .send({ note: 'x', score: 11 });
    expect(score.status).toBe(400);
    expect((await plan('toegang@heerlen.demo', deVries)).revision).toBe(before.revision);
  });

  it('has demo data: De Vries with an agreed plan, goals in several life domains, agreements and progress', async () => {
    const deVries = await familyId(t.ds, 'De Vries');
    const p = await plan('ouder@devries.demo', deVries);
    expect(p.currentVersionNumber).toBeGreaterThanOrEqual(1);
    expect(new Set(p.goals.map((g) => g.lifeDomain)).size).toBeGreaterThanOrEqual(2);
    expect(p.goals.flatMap((g) => g.agreements).length).toBeGreaterThan(0);
    expect(p.goals.flatMap((g) => g.progress).length).toBeGreaterThan(0);
    expect(p.goals.flatMap((g) => g.agreements).some((a) => a.overdue)).toBe(true);
  });
});

describe('the family around the plan', () => {
  it('registers members and network, whose people can own agreements', async () => {
    const fam = (
      await api().post('/api/families').set(as('toegang@heerlen.demo')).send({ displayName: 'Gezin Hermans' })
    ).body.id as string;
    const child = await api()
      .post(`/api/families/${fam}/members`)
      .set(as('toegang@heerlen.demo'))
      .send({ role: 'child', name: 'Mila Hermans', birthDate: '2015-04-02' });
    expect(child.status).toBe(201);
    const buddy = await api()
      .post(`/api/families/${fam}/network`)
      .set(as('toegang@heerlen.demo'))
      .send({ name: 'Familie Kessels', relation: 'maatjesgezin' });
    expect(buddy.status).toBe(201);
    const detail = await api().get(`/api/families/${fam}`).set(as('toegang@heerlen.demo'));
    expect(detail.body.members.map((m: { name: string }) => m.name)).toEqual(['Mila Hermans']);
    expect(detail.body.network).toEqual([
      expect.objectContaining({ name: 'Familie Kessels', relation: 'maatjesgezin' }),
    ]);
    const goal = (
      await api()
        .post(`/api/families/${fam}/plan/goals`)
        .set(as('toegang@heerlen.demo'))
        .send({ title: 'Mila sport elke week', lifeDomain: 'free_time' })
    ).body;
    const byBuddy = await api()
      .post(`/api/goals/${goal.id}/agreements`)
      .set(as('toegang@heerlen.demo'))
      .send({ description: 'Neemt Mila mee naar zwemles', ownerType: 'network_member', ownerId: buddy.body.id });
    expect(byBuddy.body.ownerLabel).toBe('Familie Kessels');
    const byChild = await api()
      .post(`/api/goals/${goal.id}/agreements`)
      .set(as('toegang@heerlen.demo'))
      .send({ description: 'Kiest een sport', ownerType: 'family_member', ownerId: child.body.id });
    expect(byChild.body.ownerLabel).toBe('Mila Hermans');
    const stranger = await api()
      .post(`/api/goals/${goal.id}/agreements`)
      .set(as('toegang@heerlen.demo'))
      .send({ description: 'x', ownerType: 'family_member', ownerId: '00000000-0000-4000-8000-000000000000' });
    expect(stranger.status).toBe(400);
    expect(
      (
        await api()
          .post(`/api/families/${fam}/members`)
          .set(as('zorg@horizon.demo'))
          .send({ role: 'child', name: 'X', birthDate: '2015-01-01' })
      ).status,
    ).toBe(403);
  });

  it("lists the regisseur's overdue agreements across families", async () => {
    const res = await api().get('/api/agreements/overdue').set(as('toegang@heerlen.demo'));
    expect(res.status).toBe(200);
    const deVries = res.body.find((a: { familyName: string; description: string }) => a.familyName === 'De Vries');
    expect(deVries).toMatchObject({
      description: 'Aanmelden bij de schuldhulpverlening van de gemeente',
      overdue: true,
      goalTitle: 'Het gezin heeft overzicht over de schulden',
    });
    expect((await api().get('/api/agreements/overdue').set(as('zorg@kompas.demo'))).body).toEqual([]);
  });

  it('closes the plan with reason and hand-over; the regie ends and a new plan can start later', async () => {
    const fam = (
      await api().post('/api/families').set(as('toegang@heerlen.demo')).send({ displayName: 'Gezin Lemmens' })
    ).body.id as string;
    const bad = await api()
      .post(`/api/families/${fam}/plan/close`)
      .set(as('toegang@heerlen.demo'))
      .send({ reason: '' });
    expect(bad.status).toBe(400);
    const closed = await api()
      .post(`/api/families/${fam}/plan/close`)
      .set(as('toegang@heerlen.demo'))
      .send({ reason: 'Doelen bereikt', handedOverTo: 'Huisarts' });
    expect(closed.status).toBe(204);
    expect((await api().get(`/api/families/${fam}/plan`).set(as('toegang@heerlen.demo'))).status).toBe(404);
    const family = await api().get(`/api/families/${fam}`).set(as('toegang@heerlen.demo'));
    expect(family.body).toMatchObject({ status: 'closed', regisseur: null });
    const regie = await api().get(`/api/families/${fam}/regie`).set(as('toegang@heerlen.demo'));
    expect(regie.body.current).toBeNull();
    const [row]: { closed_reason: string; handed_over_to: string }[] = await t.ds.query(
      'SELECT closed_reason, handed_over_to FROM plan WHERE family_id = $1',
      [fam],
    );
    expect(row).toEqual({ closed_reason: 'Doelen bereikt', handed_over_to: 'Huisarts' });
  });
});

describe('parents and youths in the plan', () => {
  it('lets a parent and a youth comment; a youth sees and comments only on goals about them or the whole family', async () => {
    tokens['jeugd@devries.demo'] = await t.token('jeugd@devries.demo');
    const deVries = await familyId(t.ds, 'De Vries');
    const [lotte]: { id: string }[] = await t.ds.query(`SELECT id FROM family_member WHERE name = 'Lotte de Vries'`);
    const lotteGoal = (
      await api()
        .post(`/api/families/${deVries}/plan/goals`)
        .set(as('toegang@heerlen.demo'))
        .send({ title: 'Lotte slaapt in haar eigen bed', lifeDomain: 'parenting', memberIds: [lotte.id] })
    ).body as GoalResponse;
    const youthView = await plan('jeugd@devries.demo', deVries);
    expect(youthView.goals.map((g) => g.id)).not.toContain(lotteGoal.id);
    expect(youthView.goals.map((g) => g.title)).toContain('Noah gaat weer elke dag naar school');
    expect((await plan('ouder@devries.demo', deVries)).goals.map((g) => g.id)).toContain(lotteGoal.id);

    const school = youthView.goals.find((g) => g.title === 'Noah gaat weer elke dag naar school') as GoalResponse;
    const byYouth = await api()
      .post(`/api/goals/${school.id}/comments`)
      .set(as('jeugd@devries.demo'))
      .send({ text: 'Maandag is het moeilijkst.' });
    expect(byYouth.status).toBe(201);
    expect(byYouth.body.author).toMatchObject({ displayName: 'Noah de Vries', role: 'youth' });
    expect(
      (await api().post(`/api/goals/${lotteGoal.id}/comments`).set(as('jeugd@devries.demo')).send({ text: 'x' }))
        .status,
    ).toBe(404);
    const agreement = school.agreements[0];
    const byParent = await api()
      .post(`/api/agreements/${agreement.id}/comments`)
      .set(as('ouder@devries.demo'))
      .send({ text: 'Lukt elke vrijdag.' });
    expect(byParent.status).toBe(201);
    const after = await plan('toegang@heerlen.demo', deVries);
    const schoolNow = after.goals.find((g) => g.id === school.id) as GoalResponse;
    expect(schoolNow.comments.map((c) => c.text)).toContain('Maandag is het moeilijkst.');
    expect(schoolNow.agreements.find((a) => a.id === agreement.id)?.comments.map((c) => c.text)).toEqual([
      'Lukt elke vrijdag.',
    ]);
    expect(
      (await api().post(`/api/goals/${school.id}/comments`).set(as('ouder@devries.demo')).send({ text: '   ' })).status,
    ).toBe(400);
  });

  it('re-orders goals: moving one shifts the others without touching their versions', async () => {
    const fam = (
      await api().post('/api/families').set(as('toegang@heerlen.demo')).send({ displayName: 'Gezin Ortmans' })
    ).body.id as string;
    const ids: string[] = [];
    for (const title of ['Eerste', 'Tweede', 'Derde']) {
      ids.push(
        (
          await api()
            .post(`/api/families/${fam}/plan/goals`)
            .set(as('toegang@heerlen.demo'))
            .send({ title, lifeDomain: 'housing' })
        ).body.id,
      );
    }
    const moved = await api()
      .patch(`/api/goals/${ids[2]}`)
      .set(as('toegang@heerlen.demo'))
      .set('If-Match', '"1"')
      .send({ priority: 1 });
    expect(moved.status).toBe(200);
    let goals = (await plan('toegang@heerlen.demo', fam)).goals;
    expect(goals.map((g) => [g.title, g.priority, g.version])).toEqual([
      ['Derde', 1, 2],
      ['Eerste', 2, 1],
      ['Tweede', 3, 1],
    ]);
    await api()
      .patch(`/api/goals/${ids[2]}`)
      .set(as('toegang@heerlen.demo'))
      .set('If-Match', '"2"')
      .send({ priority: 3 })
      .expect(200);
    goals = (await plan('toegang@heerlen.demo', fam)).goals;
    expect(goals.map((g) => g.title)).toEqual(['Eerste', 'Tweede', 'Derde']);
  });

  it('never answers case data from a cache: no-store, and If-None-Match never yields a stale 304', async () => {
    const fam = (
      await api().post('/api/families').set(as('toegang@heerlen.demo')).send({ displayName: 'Gezin Cachet' })
    ).body.id as string;
    const first = await api().get(`/api/families/${fam}/plan`).set(as('toegang@heerlen.demo'));
    expect(first.status).toBe(200);
    expect(first.headers['cache-control']).toBe('no-store');
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"\d+"$/);
    // A goal changes; the plan's own version (its ETag) does not.
    await api()
      .post(`/api/families/${fam}/plan/goals`)
      .set(as('toegang@heerlen.demo'))
      .send({ title: 'Nieuw doel na de eerste keer lezen', lifeDomain: 'housing' })
      .expect(201);
    const again = await api()
      .get(`/api/families/${fam}/plan`)
      .set(as('toegang@heerlen.demo'))
      .set('If-None-Match', etag);
    expect(again.status).toBe(200);
    expect(again.headers.etag).toBe(etag);
    expect((again.body as PlanResponse).goals.map((g) => g.title)).toEqual(['Nieuw doel na de eerste keer lezen']);
  });

  it('tells every involved party when a version is agreed', async () => {
    const fam = (
      await api().post('/api/families').set(as('toegang@heerlen.demo')).send({ displayName: 'Gezin Quaedvlieg' })
    ).body.id as string;
    await api()
      .post(`/api/families/${fam}/involvements`)
      .set(as('toegang@heerlen.demo'))
      .send({ organisationId: await organisationId(t.ds, 'Horizon Jeugdhulp'), consentGivenBy: 'Vader' })
      .expect(201);
    const revision = (await plan('toegang@heerlen.demo', fam)).revision;
    await api()
      .post(`/api/families/${fam}/plan/versions`)
      .set(as('toegang@heerlen.demo'))
      .send({ revision, onBehalfReason: 'Vader is akkoord maar heeft geen account' })
      .expect(201);
    const horizon = await api().get('/api/notifications').set(as('zorg@horizon.demo'));
    expect(
      horizon.body.filter((n: { familyId: string; kind: string }) => n.familyId === fam && n.kind === 'version.agreed'),
    ).toHaveLength(1);
    const kompas = await api().get('/api/notifications').set(as('zorg@kompas.demo'));
    expect(kompas.body.filter((n: { familyId: string }) => n.familyId === fam)).toHaveLength(0);
  });
});
