import type { DestructionRequestResponse, FamilyRetention } from '@gezinsplan/contracts';
import request from 'supertest';
import { RetentionService, SWEEP_LOCK_KEY } from '../src/modules/retention/retention.service';
import { createMemberWithLogin, createParent, involve, userId } from './support/fixtures';
import { startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
const tokens: Record<string, string> = {};
const as = (who: string) => ({ Authorization: `Bearer ${tokens[who]}` });
const REGISSEUR = 'toegang@heerlen.demo';
const PASSWORD = 'Wachtwoord-bewaren-1';

beforeAll(async () => {
  t = await startTestApp();
  for (const email of [REGISSEUR, 'toegang@maastricht.demo', 'zorg@kompas.demo', 'ouder@devries.demo']) {
    tokens[email] = await t.token(email);
  }
});
afterAll(() => t.close());

const count = async (sql: string, params: unknown[]) =>
  Number(((await t.ds.query(sql, params)) as { n: string }[])[0].n);

/** A family registered by the Heerlen access team (regisseur), with a goal, a parent and the parent's comment. */
async function familyWithCaseData(name: string): Promise<{ id: string; parent: { email: string; userId: string } }> {
  const res = await request(t.http).post('/api/families').set(as(REGISSEUR)).send({ displayName: name });
  expect(res.status).toBe(201);
  const id = res.body.id as string;
  const goal = await request(t.http)
    .post(`/api/families/${id}/plan/goals`)
    .set(as(REGISSEUR))
    .send({ title: 'Rust in huis', lifeDomain: 'parenting' });
  expect(goal.status).toBe(201);
  const parent = await createParent(t.ds, id, `Ouder ${name}`, PASSWORD);
  const parentToken = await t.token(parent.email, PASSWORD);
  await request(t.http)
    .post(`/api/goals/${goal.body.id}/comments`)
    .set('Authorization', `Bearer ${parentToken}`)
    .send({ text: 'Het gaat beter met ons.' })
    .expect(201);
  return { id, parent };
}

async function closeInDb(id: string, helpEndedOn: string, childProtection: boolean): Promise<void> {
  await t.ds.query(
    `UPDATE family SET status = 'closed', help_ended_on = $2, closed_at = now(), child_protection = $3 WHERE id = $1`,
    [id, helpEndedOn, childProtection],
  );
}

async function caseRows(id: string): Promise<number> {
  return count(
    `SELECT (SELECT count(*) FROM family WHERE id = $1) + (SELECT count(*) FROM family_member WHERE family_id = $1)
          + (SELECT count(*) FROM plan WHERE family_id = $1) + (SELECT count(*) FROM goal WHERE family_id = $1)
          + (SELECT count(*) FROM plan_comment WHERE family_id = $1)
          + (SELECT count(*) FROM notification WHERE family_id = $1) AS n`,
    [id],
  );
}

describe('closing a file', () => {
  it('closes with If-Match, computes the retention date per rule, and reopens', async () => {
    const fam = (await request(t.http).post('/api/families').set(as(REGISSEUR)).send({ displayName: 'Gezin Sluiter' }))
      .body.id as string;
    const before = await request(t.http).get(`/api/families/${fam}/retention`).set(as(REGISSEUR));
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ status: 'registered', retentionUntil: null, rule: null });
    const version = before.body.version as number;

    const noIfMatch = await request(t.http)
      .post(`/api/families/${fam}/close`)
      .set(as(REGISSEUR))
      .send({ helpEndedOn: '2026-01-15' });
    expect(noIfMatch.status).toBe(428);
    const future = await request(t.http)
      .post(`/api/families/${fam}/close`)
      .set(as(REGISSEUR))
      .set('If-Match', `"${version}"`)
      .send({ helpEndedOn: '2999-01-01' });
    expect(future.status).toBe(400);
    expect(future.body.code).toBe('VALIDATION_FAILED');
    const bad = await request(t.http)
      .post(`/api/families/${fam}/close`)
      .set(as(REGISSEUR))
      .set('If-Match', `"${version}"`)
      .send({ helpEndedOn: '15-01-2026', extra: 1 });
    expect(bad.status).toBe(400);

    const closed = await request(t.http)
      .post(`/api/families/${fam}/close`)
      .set(as(REGISSEUR))
      .set('If-Match', `"${version}"`)
      .send({ helpEndedOn: '2026-01-15' });
    expect(closed.status).toBe(200);
    expect(closed.body as FamilyRetention).toMatchObject({
      status: 'closed',
      helpEndedOn: '2026-01-15',
      childProtection: false,
      rule: 'youth-care',
      retentionUntil: '2046-01-15',
    });
    expect(closed.headers.etag).toBe(`"${closed.body.version}"`);

    const stale = await request(t.http)
      .post(`/api/families/${fam}/reopen`)
      .set(as(REGISSEUR))
      .set('If-Match', `"${version}"`);
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('VERSION_CONFLICT');
    expect(stale.body.details.current.status).toBe('closed');

    const reopened = await request(t.http)
      .post(`/api/families/${fam}/reopen`)
      .set(as(REGISSEUR))
      .set('If-Match', `"${closed.body.version}"`);
    expect(reopened.status).toBe(200);
    expect(reopened.body).toMatchObject({ status: 'active', helpEndedOn: null, retentionUntil: null });
    const audit = await t.ds.query(
      `SELECT details FROM audit_log WHERE family_id = $1 AND resource = 'family' AND action = 'update' AND result = 'success' ORDER BY id`,
      [fam],
    );
    expect(audit.map((a: { details: { change: string } }) => a.details.change)).toEqual(['closed', 'reopened']);
  });

  it('derives the child-protection rule from a GI involvement: 30 years after the youngest turns 18', async () => {
    const fam = (await request(t.http).post('/api/families').set(as(REGISSEUR)).send({ displayName: 'Gezin Bescherm' }))
      .body.id as string;
    const [gi] = (await t.ds.query(`SELECT id FROM organisation WHERE type = 'gi' LIMIT 1`)) as { id: string }[];
    await involve(t.ds, fam, gi.id, true);
    await t.ds.query(
      `INSERT INTO family_member (family_id, role, name, birth_date) VALUES ($1, 'child', 'Kind Een', '2015-03-01'), ($1, 'child', 'Kind Twee', '2019-07-10')`,
      [fam],
    );
    const v = (await request(t.http).get(`/api/families/${fam}/retention`).set(as(REGISSEUR))).body.version;
    const closed = await request(t.http)
      .post(`/api/families/${fam}/close`)
      .set(as(REGISSEUR))
      .set('If-Match', `"${v}"`)
      .send({ helpEndedOn: '2026-02-01' });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({
      childProtection: true,
      rule: 'child-protection',
      retentionUntil: '2067-07-10',
    });
  });

  it('lets only the regisseur or the access team close: a provider without regie gets 403, a parent 403, another municipality 404', async () => {
    const fam = (await request(t.http).post('/api/families').set(as(REGISSEUR)).send({ displayName: 'Gezin Toegang' }))
      .body.id as string;
    const [kompas] = (await t.ds.query(`SELECT id FROM organisation WHERE name LIKE 'Kompas%'`)) as { id: string }[];
    await involve(t.ds, fam, kompas.id, true);
    const send = (who: string) =>
      request(t.http)
        .post(`/api/families/${fam}/close`)
        .set(as(who))
        .set('If-Match', '"1"')
        .send({ helpEndedOn: '2026-01-01' });
    expect((await send('zorg@kompas.demo')).status).toBe(403);
    expect((await send('ouder@devries.demo')).status).toBe(403);
    expect((await send('toegang@maastricht.demo')).status).toBe(404);
    expect((await request(t.http).get(`/api/families/${fam}/retention`).set(as(REGISSEUR))).body.status).toBe(
      'registered',
    );
  });
});

describe('retention sweep', () => {
  it('erases exactly the closed families past their retention date, keeps their audit rows, and is idempotent', async () => {
    const youthCareDue = await familyWithCaseData('Gezin Verlopen');
    const youthCareKept = await familyWithCaseData('Gezin Bewaard');
    const protectionKept = await familyWithCaseData('Gezin Beschermd');
    const protectionDue = await familyWithCaseData('Gezin Beschermd Oud');
    const open = await familyWithCaseData('Gezin Open');
    // Youth care: 20 years after the help ended.
    await closeInDb(youthCareDue.id, '2000-01-01', false); // until 2020-01-01: due
    await closeInDb(youthCareKept.id, '2010-01-01', false); // until 2030-01-01: kept
    // Child protection: 30 years after the youngest youth turns 18, never shorter than the youth-care period.
    await t.ds.query(
      `INSERT INTO family_member (family_id, role, name, birth_date) VALUES ($1, 'child', 'Jongste', '2000-06-01')`,
      [protectionKept.id],
    );
    await closeInDb(protectionKept.id, '2000-01-01', true); // youth-care rule would erase; 2018 + 30 = 2048: kept
    await t.ds.query(
      `INSERT INTO family_member (family_id, role, name, birth_date) VALUES ($1, 'child', 'Jongste', '1960-01-01')`,
      [protectionDue.id],
    );
    await closeInDb(protectionDue.id, '1990-01-01', true); // max(2010, 1978 + 30 = 2008) = 2010: due
    await t.ds.query(`UPDATE family SET created_at = '1999-01-01' WHERE id = $1`, [open.id]); // old but open: kept

    const auditIds = async (familyId: string): Promise<string[]> =>
      ((await t.ds.query(`SELECT id FROM audit_log WHERE family_id = $1`, [familyId])) as { id: string }[]).map((r) =>
        String(r.id),
      );
    const auditBefore = await auditIds(youthCareDue.id);
    expect(auditBefore.length).toBeGreaterThan(0);
    expect(await caseRows(youthCareDue.id)).toBeGreaterThan(4);

    const sweep = t.app.get(RetentionService);
    const result = await sweep.sweep(new Date('2026-11-24T12:00:00Z'));
    expect(result.ran).toBe(true);
    const erased = result.erased.map((e) => e.familyId);
    expect(erased).toEqual(expect.arrayContaining([youthCareDue.id, protectionDue.id]));
    for (const kept of [youthCareKept, protectionKept, open]) expect(erased).not.toContain(kept.id);
    expect(result.erased.find((e) => e.familyId === protectionDue.id)).toMatchObject({
      reason: 'retention',
      rule: 'child-protection',
      retentionUntil: '2010-01-01',
    });

    for (const gone of [youthCareDue, protectionDue]) {
      expect(await caseRows(gone.id)).toBe(0);
      expect(await count(`SELECT count(*) AS n FROM app_user WHERE id = $1`, [gone.parent.userId])).toBe(0);
    }
    for (const kept of [youthCareKept, protectionKept, open]) {
      expect(await caseRows(kept.id)).toBeGreaterThan(4);
      expect(await count(`SELECT count(*) AS n FROM app_user WHERE id = $1`, [kept.parent.userId])).toBe(1);
    }
    // Audit rows stay (their own period), plus one erasure row without personal data. Compared by id, not by
    // count: once in CI a sixth row for this family appeared besides the five expected (a writer outside this
    // test, not found), and the sweep must not be judged by it.
    expect(await auditIds(youthCareDue.id)).toEqual(expect.arrayContaining(auditBefore));
    expect(
      await count(
        `SELECT count(*) AS n FROM audit_log WHERE family_id = $1 AND resource = 'family' AND action = 'delete'`,
        [youthCareDue.id],
      ),
    ).toBe(1);
    const [row] = await t.ds.query(
      `SELECT user_id, details FROM audit_log WHERE family_id = $1 AND resource = 'family' AND action = 'delete'`,
      [youthCareDue.id],
    );
    expect(row.user_id).toBeNull();
    expect(row.details).toEqual({
      reason: 'retention',
      rule: 'youth-care',
      retentionUntil: '2020-01-01',
      accountsRemoved: 1,
    });
    expect(JSON.stringify(row.details)).not.toContain('Verlopen');
    // The parent can no longer log in.
    const login = await request(t.http)
      .post('/api/auth/login')
      .send({ email: youthCareDue.parent.email, password: PASSWORD });
    expect(login.status).toBe(401);

    const again = await sweep.sweep(new Date('2026-11-24T12:00:00Z'));
    expect(again.ran).toBe(true);
    expect(again.erased.map((e) => e.familyId)).not.toEqual(expect.arrayContaining([youthCareDue.id]));
    expect(again.failed).toEqual([]);
    expect(await caseRows(youthCareKept.id)).toBeGreaterThan(4);
    expect(await sweep.purgeAuditBefore(new Date('2000-01-01'))).toBe(0);
  });

  it('runs on one instance at a time: while another holds the advisory lock, a sweep does nothing', async () => {
    const due = await familyWithCaseData('Gezin Slot');
    await closeInDb(due.id, '1999-01-01', false);
    const runner = t.ds.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('SELECT pg_advisory_lock($1)', [SWEEP_LOCK_KEY]);
      const blocked = await t.app.get(RetentionService).sweep();
      expect(blocked).toEqual({ erased: [], failed: [], auditRowsPurged: 0, ran: false });
      expect(await caseRows(due.id)).toBeGreaterThan(4);
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [SWEEP_LOCK_KEY]);
      await runner.release();
    }
    const done = await t.app.get(RetentionService).sweep();
    expect(done.erased.map((e) => e.familyId)).toContain(due.id);
  });
});

describe('early destruction on request', () => {
  it('runs request -> refuse -> request -> grant, with reasons, If-Match, notifications and a decision that outlives the erasure', async () => {
    const fam = await familyWithCaseData('Gezin Vergeten');
    const regisseurId = await userId(t.ds, REGISSEUR);
    const parentToken = { Authorization: `Bearer ${await t.token(fam.parent.email, PASSWORD)}` };
    const youth = await createMemberWithLogin(t.ds, fam.id, {
      role: 'youth',
      name: 'Sam Vergeten',
      birthDate: '2012-01-01',
      password: PASSWORD,
    });
    const youthToken = { Authorization: `Bearer ${await t.token(youth.email, PASSWORD)}` };
    const small = await createMemberWithLogin(t.ds, fam.id, {
      role: 'youth',
      name: 'Mia Vergeten',
      birthDate: '2018-05-05',
      password: PASSWORD,
    });
    const smallToken = { Authorization: `Bearer ${await t.token(small.email, PASSWORD)}` };
    const url = `/api/families/${fam.id}/destruction-requests`;

    // A youth under 12 cannot ask; a youth from 12 only for their own data.
    const tooYoung = await request(t.http).post(url).set(smallToken).send({});
    expect(tooYoung.status).toBe(403);
    expect(tooYoung.body.message).toMatch(/from age 12/);
    expect((await request(t.http).post(url).set(youthToken).send({ scope: 'family' })).status).toBe(422);
    const own = await request(t.http).post(url).set(youthToken).send({ explanation: 'Ik wil mijn gegevens weg.' });
    expect(own.status).toBe(201);
    expect(own.body).toMatchObject({ scope: 'own-data', status: 'pending', requesterRole: 'youth' });
    // Nobody asks for another family's destruction; a professional cannot ask at all.
    expect(
      (
        await request(t.http)
          .post(`/api/families/${fam.id}/destruction-requests`)
          .set(as('ouder@devries.demo'))
          .send({})
      ).status,
    ).toBe(404);
    expect((await request(t.http).post(url).set(as(REGISSEUR)).send({})).status).toBe(403);

    const explanation = 'De hulp is klaar; wij willen niet dat alles bewaard blijft.';
    const asked = await request(t.http).post(url).set(parentToken).send({ explanation });
    expect(asked.status).toBe(201);
    const req = asked.body as DestructionRequestResponse;
    expect(req).toMatchObject({ scope: 'family', status: 'pending', explanation, requesterRole: 'parent' });
    expect((await request(t.http).post(url).set(parentToken).send({})).status).toBe(409);
    const [raw] = await t.ds.query(`SELECT explanation FROM destruction_request WHERE id = $1`, [req.id]);
    expect(raw.explanation).toMatch(/^v2:/);
    expect(raw.explanation).not.toContain('bewaard');
    const [note] = await t.ds.query(
      `SELECT message FROM notification WHERE user_id = $1 AND item_id = $2 AND kind = 'destruction-requested'`,
      [regisseurId, req.id],
    );
    expect(note.message).toMatch(/vernietigen/);

    // The youth sees only their own request; the parent sees both; the regisseur too.
    expect((await request(t.http).get(url).set(youthToken)).body.map((r: { id: string }) => r.id)).toEqual([
      own.body.id,
    ]);
    expect((await request(t.http).get(url).set(parentToken)).body).toHaveLength(2);
    expect((await request(t.http).get(url).set(as(REGISSEUR))).body).toHaveLength(2);

    const decide = (id: string, version: number, body: object, who = as(REGISSEUR)) =>
      request(t.http)
        .post(`/api/destruction-requests/${id}/decision`)
        .set(who)
        .set('If-Match', `"${version}"`)
        .send(body);
    expect((await decide(req.id, req.version, { decision: 'refused' }, parentToken)).status).toBe(403);
    const noReason = await decide(req.id, req.version, { decision: 'refused' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.details[0].field).toBe('reasonCode');
    expect((await decide(req.id, req.version, { decision: 'refused', reasonCode: 'other' })).status).toBe(400);
    expect((await decide(req.id, req.version, { decision: 'refused', reasonCode: 'maybe' })).status).toBe(400);
    const stale = await decide(req.id, req.version + 5, { decision: 'refused', reasonCode: 'help-ongoing' });
    expect(stale.status).toBe(409);
    expect(stale.body.details.current.status).toBe('pending');

    const refused = await decide(req.id, req.version, {
      decision: 'refused',
      reasonCode: 'help-ongoing',
      note: 'De hulp loopt nog tot de zomer; daarna kunt u het opnieuw vragen.',
    });
    expect(refused.status).toBe(200);
    expect(refused.body).toMatchObject({ status: 'refused', reasonCode: 'help-ongoing', erasedAt: null });
    expect((await decide(req.id, refused.body.version, { decision: 'granted' })).status).toBe(422);
    const seen = (await request(t.http).get(url).set(parentToken)).body.find((r: { id: string }) => r.id === req.id);
    expect(seen.note).toMatch(/tot de zomer/);
    expect(
      await count(`SELECT count(*) AS n FROM notification WHERE user_id = $1 AND kind = 'destruction-refused'`, [
        fam.parent.userId,
      ]),
    ).toBe(1);
    expect(await caseRows(fam.id)).toBeGreaterThan(4);

    // The youth's own data: granted, erased at once (member, account), the rest of the family stays.
    const grantedOwn = await decide(own.body.id, own.body.version, { decision: 'granted' });
    expect(grantedOwn.status).toBe(200);
    expect(grantedOwn.body).toMatchObject({ status: 'granted', requestedBy: null, explanation: null });
    expect(grantedOwn.body.erasedAt).not.toBeNull();
    expect(await count(`SELECT count(*) AS n FROM app_user WHERE id = $1`, [youth.userId])).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM family_member WHERE id = $1`, [youth.memberId])).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM family WHERE id = $1`, [fam.id])).toBe(1);

    // Asked again later: granted, the whole file is erased now; the decision stays in a minimal form.
    const again = (await request(t.http).post(url).set(parentToken).send({})).body as DestructionRequestResponse;
    const granted = await decide(again.id, again.version, { decision: 'granted' });
    expect(granted.status).toBe(200);
    expect(granted.body).toMatchObject({ status: 'granted', requestedBy: null });
    expect(await caseRows(fam.id)).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM app_user WHERE id = $1`, [fam.parent.userId])).toBe(0);
    const kept = await t.ds.query(
      `SELECT status, decision_reason_code, explanation, decision_note, requested_by_user_id, erased_at
         FROM destruction_request WHERE family_id = $1 ORDER BY created_at`,
      [fam.id],
    );
    expect(kept).toHaveLength(3);
    for (const k of kept) {
      expect(k).toMatchObject({ explanation: null, decision_note: null, requested_by_user_id: null });
      expect(k.erased_at).not.toBeNull();
    }
    expect(kept.map((k: { status: string }) => k.status).sort()).toEqual(['granted', 'granted', 'refused']);
    const [erasure] = await t.ds.query(
      `SELECT user_id, details FROM audit_log WHERE family_id = $1 AND resource = 'family' AND action = 'delete'`,
      [fam.id],
    );
    expect(erasure.user_id).toBe(regisseurId);
    expect(erasure.details.reason).toBe('destruction-request');
    expect((await request(t.http).get(`/api/families/${fam.id}`).set(as(REGISSEUR))).status).toBe(404);
  });

  it('cannot grant while a child-protection measure runs (a GI involved): refuse with that reason', async () => {
    const fam = await familyWithCaseData('Gezin Maatregel');
    const [gi] = (await t.ds.query(`SELECT id FROM organisation WHERE type = 'gi' LIMIT 1`)) as { id: string }[];
    await involve(t.ds, fam.id, gi.id, true);
    const parentToken = { Authorization: `Bearer ${await t.token(fam.parent.email, PASSWORD)}` };
    const req = (await request(t.http).post(`/api/families/${fam.id}/destruction-requests`).set(parentToken).send({}))
      .body as DestructionRequestResponse;
    const decide = (body: object, version = req.version) =>
      request(t.http)
        .post(`/api/destruction-requests/${req.id}/decision`)
        .set(as(REGISSEUR))
        .set('If-Match', `"${version}"`)
        .send(body);
    const grant = await decide({ decision: 'granted' });
    expect(grant.status).toBe(422);
    expect(grant.body.message).toMatch(/child-protection/);
    expect(await caseRows(fam.id)).toBeGreaterThan(4);
    const refused = await decide({ decision: 'refused', reasonCode: 'child-protection-measure' });
    expect(refused.status).toBe(200);
    expect(refused.body.reasonCode).toBe('child-protection-measure');
  });
});
