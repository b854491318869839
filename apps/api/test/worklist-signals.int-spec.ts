import type { FamilySummary, Page } from '@gezinsplan/contracts';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { Principal } from '../src/common/auth/actor';
import { FamiliesRepository, type WorklistQuery } from '../src/modules/families/families.repository';
import { toFamilySummary } from '../src/modules/families/family.mapper';
import { createFamily, createProfessional, involve, userId } from './support/fixtures';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * The worklist's stored signals (migration AddFamilySignals: columns on `family` kept by triggers) stay equal
 * to the signals computed from plans, goals, agreements and involvements through every kind of write, and the
 * worklist read from them answers exactly what the per-family computation (`listExact`, the worklist before
 * issue 7) answers: rows, order, total and signal values, for every sort and filter, for an access team and a
 * provider. Its families live in Eijsden-Margraten, which no other spec uses.
 */
const MUNICIPALITY = 'Eijsden-Margraten';
const PASSWORD = 'Werklijst-signalen-2026';
let t: TestApp;
let repo: FamiliesRepository;
const workers: { token: string; principal: Principal }[] = [];
let providerOrg: string;
const orgs: string[] = [];
const fam: Record<string, string> = {};

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

async function org(type: string, municipality: string | null = null): Promise<string> {
  const [row]: { id: string }[] = await t.ds.query(
    `INSERT INTO organisation (name, type, municipality) VALUES ($1, $2, $3) RETURNING id`,
    [`Signalen ${type} ${randomUUID().slice(0, 8)}`, type, municipality],
  );
  return row.id;
}

async function worker(role: 'access_team' | 'provider', organisation: string): Promise<void> {
  const email = await createProfessional(t.ds, role, organisation, PASSWORD);
  const [u]: { display_name: string; team_id: string | null }[] = await t.ds.query(
    'SELECT display_name, team_id FROM app_user WHERE email = $1',
    [email],
  );
  workers.push({
    token: await t.token(email, PASSWORD),
    principal: {
      userId: await userId(t.ds, email),
      role,
      displayName: u.display_name,
      organisationId: organisation,
      teamId: u.team_id,
      familyMemberId: null,
      familyId: null,
    },
  });
}

const one = async (sql: string, params: unknown[] = []): Promise<string> => {
  const [row]: { id: string }[] = await t.ds.query(sql, params);
  return row.id;
};
const plan = (family: string, status = 'draft', evaluationDate: string | null = null) =>
  one(`INSERT INTO plan (family_id, status, evaluation_date) VALUES ($1, $2, $3) RETURNING id`, [
    family,
    status,
    evaluationDate,
  ]);
const goal = (planId: string, family: string) =>
  one(
    `INSERT INTO goal (plan_id, family_id, title, life_domain, priority) VALUES ($1, $2, 'Naar school', 'education', 1)
     RETURNING id`,
    [planId, family],
  );
const agreement = (goalId: string, family: string, due: string | null, status = 'open') =>
  one(
    `INSERT INTO agreement (goal_id, family_id, description, owner_type, owner_label, due_date, status)
     VALUES ($1, $2, 'Afspraak', 'family_member', 'Vader', $3, $4) RETURNING id`,
    [goalId, family, due, status],
  );

/** The signals as the worklist computed them before they were stored (test-only reference SQL). */
const LEGACY_SIGNALS = `
  SELECT f.id,
         (SELECT p.status FROM plan p WHERE p.family_id = f.id ORDER BY (p.status = 'closed'), p.created_at DESC LIMIT 1)
           AS plan_status,
         (SELECT count(*) FROM plan p JOIN goal g ON g.plan_id = p.id JOIN agreement a ON a.goal_id = g.id
           WHERE p.family_id = f.id AND p.status <> 'closed' AND a.family_id = f.id AND a.status = 'open'
             AND a.due_date < current_date) > 0 AS overdue,
         EXISTS (SELECT 1 FROM plan p WHERE p.family_id = f.id AND p.status NOT IN ('evaluated', 'closed')
                    AND p.evaluation_date <= current_date + 14) AS evaluation_due,
         ((SELECT count(DISTINCT i.organisation_id) FROM involvement i
            WHERE i.family_id = f.id AND i.consent_withdrawn_at IS NULL
              AND (i.until IS NULL OR i.until >= current_date)) > 2
          AND NOT EXISTS (SELECT 1 FROM plan p WHERE p.family_id = f.id AND p.status <> 'closed'
                            AND p.current_version_number IS NOT NULL)) AS needs_one_plan,
         f.signal_plan_status AS s_plan_status,
         coalesce(f.signal_open_due < current_date, false) AS s_overdue,
         coalesce(f.signal_evaluation_date <= current_date + 14, false) AS s_evaluation_due,
         coalesce(f.signal_one_plan_until >= current_date, false) AS s_needs_one_plan
    FROM family f`;

interface SignalCheck {
  id: string;
  plan_status: string | null;
  overdue: boolean;
  evaluation_due: boolean;
  needs_one_plan: boolean;
  s_plan_status: string | null;
  s_overdue: boolean;
  s_evaluation_due: boolean;
  s_needs_one_plan: boolean;
}

/** Every family's stored signals, read at today's date, equal the computed ones; returns this spec's. */
async function expectStoredEqualsComputed(): Promise<Record<string, Omit<SignalCheck, 'id'>>> {
  const rows: SignalCheck[] = await t.ds.query(LEGACY_SIGNALS);
  const wrong = rows.filter(
    (r) =>
      r.plan_status !== r.s_plan_status ||
      r.overdue !== r.s_overdue ||
      r.evaluation_due !== r.s_evaluation_due ||
      r.needs_one_plan !== r.s_needs_one_plan,
  );
  expect(wrong).toEqual([]);
  const byName = Object.fromEntries(Object.entries(fam).map(([name, id]) => [id, name]));
  return Object.fromEntries(
    rows
      .filter((r) => byName[r.id])
      .map(({ id, plan_status, overdue, evaluation_due, needs_one_plan }) => [
        byName[id],
        { plan_status, overdue, evaluation_due, needs_one_plan },
      ]),
  ) as Record<string, Omit<SignalCheck, 'id'>>;
}

const QUERIES: Partial<WorklistQuery>[] = [
  {},
  { sort: 'name' },
  { limit: 2 },
  { limit: 2, offset: 2 },
  { limit: 3, offset: 4, sort: 'name' },
  { offset: 100 },
  { overdue: true },
  { overdue: false },
  { evaluationDue: true },
  { evaluationDue: false },
  { needsOnePlan: true },
  { needsOnePlan: false },
  { planStatus: 'draft' },
  { planStatus: 'in_progress' },
  { planStatus: 'closed', sort: 'name' },
  { planStatus: 'draft', needsOnePlan: false },
  { overdue: false, evaluationDue: false, sort: 'name' },
  { q: 'sig' },
  { q: 'B', limit: 2 },
  { municipality: MUNICIPALITY },
  { municipality: 'Heerlen' },
];

const toParams = (q: Partial<WorklistQuery>) =>
  new URLSearchParams(Object.entries(q).map(([k, v]): [string, string] => [k, String(v)])).toString();

/** The API's worklist equals the per-family computation for every query and worker. */
async function expectWorklistEqualsExact(): Promise<void> {
  for (const w of workers) {
    for (const q of QUERIES) {
      const query: WorklistQuery = { limit: 50, offset: 0, sort: 'attention', ...q };
      const res = await request(t.http)
        .get(`/api/families?${toParams(q)}`)
        .set('Authorization', `Bearer ${w.token}`);
      expect(res.status).toBe(200);
      const [rows, total] = await repo.listExact(w.principal, query);
      const expected: Page<FamilySummary> = {
        items: rows.map(toFamilySummary),
        total,
        limit: query.limit,
        offset: query.offset,
      };
      expect({ role: w.principal.role, query: q, page: res.body as Page<FamilySummary> }).toEqual({
        role: w.principal.role,
        query: q,
        page: JSON.parse(JSON.stringify(expected)) as Page<FamilySummary>,
      });
    }
  }
}

async function check() {
  const signals = await expectStoredEqualsComputed();
  await expectWorklistEqualsExact();
  return signals;
}

beforeAll(async () => {
  t = await startTestApp();
  repo = t.app.get(FamiliesRepository);
  await worker('access_team', await org('municipality', MUNICIPALITY));
  providerOrg = await org('provider');
  await worker('provider', providerOrg);
  for (let i = 0; i < 4; i++) orgs.push(await org(i % 2 ? 'gi' : 'provider'));
  const regisseur = workers[0].principal.userId;
  for (const name of ['Sigmans', 'Bours', 'Aarts', 'Bessems', 'Custers', 'Dautzenberg']) {
    fam[name] = await createFamily(t.ds, { municipality: MUNICIPALITY, displayName: name });
    await involve(t.ds, fam[name], providerOrg);
  }
  // The access team's own regie family elsewhere: visible through the regisseur part of the scope.
  fam.Elders = await createFamily(t.ds, {
    municipality: 'Simpelveld',
    displayName: 'Elders',
    regisseurUserId: regisseur,
  });
  // Same name twice: the order falls back to the id.
  fam.Bours2 = await createFamily(t.ds, { municipality: MUNICIPALITY, displayName: 'Bours' });
});
afterAll(() => t.close());

describe('stored worklist signals', () => {
  it('start empty and answer like the computation', async () => {
    const s = await check();
    expect(s.Sigmans).toEqual({ plan_status: null, overdue: false, evaluation_due: false, needs_one_plan: false });
  });

  it('follow plans and agreements: created, past and future due dates, completed, moved, deleted', async () => {
    const p = await plan(fam.Sigmans);
    expect((await check()).Sigmans.plan_status).toBe('draft');

    const g = await goal(p, fam.Sigmans);
    await agreement(g, fam.Sigmans, day(3));
    await agreement(g, fam.Sigmans, null);
    await agreement(g, fam.Sigmans, day(0)); // due today: not overdue yet
    expect((await check()).Sigmans.overdue).toBe(false);

    const late = await agreement(g, fam.Sigmans, day(-1));
    await agreement(g, fam.Sigmans, day(-9), 'done');
    expect((await check()).Sigmans.overdue).toBe(true);

    await t.ds.query(`UPDATE agreement SET status = 'done' WHERE id = $1`, [late]);
    expect((await check()).Sigmans.overdue).toBe(false);
    await t.ds.query(`UPDATE agreement SET status = 'open', due_date = $2 WHERE id = $1`, [late, day(-2)]);
    expect((await check()).Sigmans.overdue).toBe(true);
    await t.ds.query(`UPDATE agreement SET status = 'cancelled' WHERE id = $1`, [late]);
    expect((await check()).Sigmans.overdue).toBe(false);
    await t.ds.query(`UPDATE agreement SET status = 'open' WHERE id = $1`, [late]);
    await t.ds.query(`DELETE FROM agreement WHERE id = $1`, [late]);
    expect((await check()).Sigmans.overdue).toBe(false);

    // An overdue agreement of Bours; its goal moves to Bessems's living plan, then the plan is deleted.
    const pb = await plan(fam.Bours, 'in_progress', day(40));
    const gb = await goal(pb, fam.Bours);
    await agreement(gb, fam.Bours, day(-4));
    expect((await check()).Bours.overdue).toBe(true);
    const pe = await plan(fam.Bessems, 'in_progress', day(40));
    await t.ds.query(`UPDATE goal SET plan_id = $2 WHERE id = $1`, [gb, pe]);
    let s = await check();
    expect([s.Bours.overdue, s.Bessems.overdue]).toEqual([false, false]); // agreement.family_id is still Bours
    await t.ds.query(`UPDATE goal SET plan_id = $2 WHERE id = $1`, [gb, pb]);
    expect((await check()).Bours.overdue).toBe(true);
    await t.ds.query(`DELETE FROM plan WHERE id = $1`, [pb]);
    s = await check();
    expect([s.Bours.overdue, s.Bours.plan_status]).toEqual([false, null]);
  });

  it('follow the evaluation date and status: due from 14 days ahead, not once evaluated or closed', async () => {
    const p = await plan(fam.Aarts, 'agreed', day(15));
    expect((await check()).Aarts.evaluation_due).toBe(false);
    await t.ds.query(`UPDATE plan SET evaluation_date = $2 WHERE id = $1`, [p, day(14)]);
    expect((await check()).Aarts.evaluation_due).toBe(true);
    await t.ds.query(`UPDATE plan SET evaluation_date = $2, status = 'in_progress' WHERE id = $1`, [p, day(-3)]);
    expect((await check()).Aarts).toMatchObject({ evaluation_due: true, plan_status: 'in_progress' });
    await t.ds.query(`UPDATE plan SET status = 'evaluated' WHERE id = $1`, [p]);
    expect((await check()).Aarts).toMatchObject({ evaluation_due: false, plan_status: 'evaluated' });

    // Closing the plan: the closed one's status shows until a new living plan exists; its agreements stop counting.
    await t.ds.query(`UPDATE plan SET status = 'in_progress' WHERE id = $1`, [p]);
    await agreement(await goal(p, fam.Aarts), fam.Aarts, day(-6));
    expect((await check()).Aarts).toMatchObject({ overdue: true, evaluation_due: true });
    await t.ds.query(`UPDATE plan SET status = 'closed', closed_reason = 'afgerond' WHERE id = $1`, [p]);
    expect((await check()).Aarts).toEqual({
      plan_status: 'closed',
      overdue: false,
      evaluation_due: false,
      needs_one_plan: false,
    });
    await plan(fam.Aarts, 'draft');
    expect((await check()).Aarts.plan_status).toBe('draft');
  });

  it('follow involvements: consent withdrawn, ended, open-ended, and an agreed version', async () => {
    // Custers: the provider of every family plus three more organisations, one of them twice.
    const p = await plan(fam.Custers, 'draft');
    const a = await involve(t.ds, fam.Custers, orgs[0], false); // without consent still counts as involved
    await involve(t.ds, fam.Custers, orgs[0]);
    expect((await check()).Custers.needs_one_plan).toBe(false); // two organisations
    const b = await involve(t.ds, fam.Custers, orgs[1]);
    expect((await check()).Custers.needs_one_plan).toBe(true);

    await t.ds.query(`UPDATE involvement SET consent_withdrawn_at = now() WHERE id = $1`, [b]);
    expect((await check()).Custers.needs_one_plan).toBe(false);
    const c = await involve(t.ds, fam.Custers, orgs[2]);
    await t.ds.query(`UPDATE involvement SET until = $2 WHERE id = $1`, [c, day(-1)]); // ended yesterday
    expect((await check()).Custers.needs_one_plan).toBe(false);
    await t.ds.query(`UPDATE involvement SET until = $2 WHERE id = $1`, [c, day(0)]); // ends today: still involved
    expect((await check()).Custers.needs_one_plan).toBe(true);
    // orgs[0] ended on one involvement but not the other: still involved.
    await t.ds.query(`UPDATE involvement SET until = $2 WHERE id = $1`, [a, day(-30)]);
    expect((await check()).Custers.needs_one_plan).toBe(true);

    await t.ds.query(`UPDATE plan SET current_version_number = 1, status = 'agreed' WHERE id = $1`, [p]);
    expect((await check()).Custers).toMatchObject({ needs_one_plan: false, plan_status: 'agreed' });
    await t.ds.query(`UPDATE plan SET status = 'closed', closed_reason = 'overgedragen' WHERE id = $1`, [p]);
    expect((await check()).Custers).toMatchObject({ needs_one_plan: true, plan_status: 'closed' });
    await t.ds.query(`DELETE FROM involvement WHERE id = $1`, [c]);
    expect((await check()).Custers.needs_one_plan).toBe(false);
  });

  it('follow many writes in one transaction, and the regie family outside the municipality', async () => {
    await t.ds.transaction(async (m) => {
      const [p]: { id: string }[] = await m.query(
        `INSERT INTO plan (family_id, status, evaluation_date) VALUES ($1, 'in_progress', $2) RETURNING id`,
        [fam.Dautzenberg, day(5)],
      );
      const [g]: { id: string }[] = await m.query(
        `INSERT INTO goal (plan_id, family_id, title, life_domain, priority) VALUES ($1, $2, 'Werk', 'work', 1) RETURNING id`,
        [p.id, fam.Dautzenberg],
      );
      for (const due of [day(-3), day(-8), day(2)]) {
        await m.query(
          `INSERT INTO agreement (goal_id, family_id, description, owner_type, owner_label, due_date)
           VALUES ($1, $2, 'Solliciteren', 'family_member', 'Vader', $3)`,
          [g.id, fam.Dautzenberg, due],
        );
      }
      await m.query(`UPDATE agreement SET status = 'done' WHERE goal_id = $1 AND due_date < current_date`, [g.id]);
    });
    expect((await check()).Dautzenberg).toEqual({
      plan_status: 'in_progress',
      overdue: false,
      evaluation_due: true,
      needs_one_plan: false,
    });
    const p = await plan(fam.Elders, 'in_progress');
    await agreement(await goal(p, fam.Elders), fam.Elders, day(-2));
    await plan(fam.Bours2, 'draft');
    expect((await check()).Elders.overdue).toBe(true);
  });

  it('keep a concurrent writer’s change: the later refresh waits and then reads what the first committed', async () => {
    const [{ id: p }]: { id: string }[] = await t.ds.query(
      `SELECT id FROM plan WHERE family_id = $1 AND status <> 'closed'`,
      [fam.Bessems],
    );
    const g = await goal(p, fam.Bessems);
    const first = t.ds.createQueryRunner();
    const second = t.ds.createQueryRunner();
    try {
      await first.startTransaction();
      await second.startTransaction();
      const insert = (due: string) =>
        `INSERT INTO agreement (goal_id, family_id, description, owner_type, owner_label, due_date)
         VALUES ('${g}', '${fam.Bessems}', 'Gelijktijdig', 'family_member', 'Moeder', '${due}')`;
      await first.query(insert(day(-5)));
      // The first holds the family as its own commit-time refresh would, while the second commits.
      await first.query(`SELECT 1 FROM family WHERE id = $1 FOR NO KEY UPDATE`, [fam.Bessems]);
      await second.query(insert(day(-2)));
      const secondCommit = second.commitTransaction();
      await new Promise((resolve) => setTimeout(resolve, 300));
      await first.commitTransaction();
      await secondCommit;
    } finally {
      await first.release();
      await second.release();
    }
    const [row]: { due: string }[] = await t.ds.query(`SELECT signal_open_due::text AS due FROM family WHERE id = $1`, [
      fam.Bessems,
    ]);
    expect(row.due).toBe(day(-5));
    expect((await check()).Bessems.overdue).toBe(true);
  });

  it('survive deleting a family with its plans, and refresh all in one statement', async () => {
    const gone = await createFamily(t.ds, { municipality: MUNICIPALITY, displayName: 'Verdwenen' });
    await agreement(await goal(await plan(gone, 'in_progress'), gone), gone, day(-1));
    await t.ds.query('DELETE FROM family WHERE id = $1', [gone]);
    await t.ds.query(`UPDATE family SET signal_open_due = NULL WHERE id = $1`, [fam.Bessems]);
    const [{ changed }]: { changed: string }[] = await t.ds.query('SELECT family_signal_refresh_all() AS changed');
    expect(Number(changed)).toBe(1);
    await check();
  });
});
