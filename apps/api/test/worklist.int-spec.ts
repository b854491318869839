import type { FamilyDetail, FamilySummary, Page } from '@gezinsplan/contracts';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { createFamily, createMemberWithLogin, createProfessional, involve, userId } from './support/fixtures';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * The worklist (mijn gezinnen): signals per family, filters and the attention order. Its families live in
 * Vaals, with an access team of their own, so other specs' families never show up here.
 */
let t: TestApp;
let worker: string;
let workerId: string;
let youth: string;
const PASSWORD = 'Werklijst-test-2026';
const ids: Record<string, string> = {};

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

async function org(type: string, municipality: string | null = null): Promise<string> {
  const [row]: { id: string }[] = await t.ds.query(
    `INSERT INTO organisation (name, type, municipality) VALUES ($1, $2, $3) RETURNING id`,
    [`Werklijst ${type} ${randomUUID().slice(0, 8)}`, type, municipality],
  );
  return row.id;
}

async function plan(
  family: string,
  status: string,
  evaluationDate: string | null = null,
  agreedVersion: number | null = null,
): Promise<string> {
  const [row]: { id: string }[] = await t.ds.query(
    `INSERT INTO plan (family_id, status, evaluation_date, current_version_number) VALUES ($1, $2, $3, $4) RETURNING id`,
    [family, status, evaluationDate, agreedVersion],
  );
  return row.id;
}

async function goalWithAgreement(
  planId: string,
  family: string,
  due: string,
  opts: { memberIds?: string[]; status?: string } = {},
): Promise<void> {
  const [goal]: { id: string }[] = await t.ds.query(
    `INSERT INTO goal (plan_id, family_id, title, life_domain, priority, member_ids)
     VALUES ($1, $2, 'Rust in huis', 'family_system', 1, $3) RETURNING id`,
    [planId, family, opts.memberIds ?? []],
  );
  await t.ds.query(
    `INSERT INTO agreement (goal_id, family_id, description, owner_type, owner_label, due_date, status)
     VALUES ($1, $2, 'Bellen met school', 'family_member', 'Moeder', $3, $4)`,
    [goal.id, family, due, opts.status ?? 'open'],
  );
}

beforeAll(async () => {
  t = await startTestApp();
  const vaals = await org('municipality', 'Vaals');
  const email = await createProfessional(t.ds, 'access_team', vaals, PASSWORD);
  worker = await t.token(email, PASSWORD);
  workerId = await userId(t.ds, email);

  // Overdue agreements: attention first.
  ids.Zeegers = await createFamily(t.ds, { municipality: 'Vaals', displayName: 'Zeegers', regisseurUserId: workerId });
  const zeegersPlan = await plan(ids.Zeegers, 'in_progress', day(60), 1);
  await goalWithAgreement(zeegersPlan, ids.Zeegers, day(-3));
  await goalWithAgreement(zeegersPlan, ids.Zeegers, day(-1), { status: 'done' }); // done: not overdue
  // A goal about a sibling only: its overdue agreement counts for professionals, not for the youth.
  const [sibling]: { id: string }[] = await t.ds.query(
    `INSERT INTO family_member (family_id, role, name, birth_date) VALUES ($1, 'child', 'Noor', $2) RETURNING id`,
    [ids.Zeegers, day(-365 * 9)],
  );
  await goalWithAgreement(zeegersPlan, ids.Zeegers, day(-2), { memberIds: [sibling.id] });
  const y = await createMemberWithLogin(t.ds, ids.Zeegers, {
    role: 'youth',
    name: 'Sem',
    birthDate: day(-365 * 14),
    password: PASSWORD,
  });
  youth = await t.token(y.email, PASSWORD);

  // Evaluation within two weeks.
  ids.Wetzels = await createFamily(t.ds, { municipality: 'Vaals', displayName: 'Wetzels' });
  await plan(ids.Wetzels, 'agreed', day(10), 1);
  // More than two organisations, no agreed plan: 1G1P1R needed.
  ids.Vliegen = await createFamily(t.ds, { municipality: 'Vaals', displayName: 'Vliegen' });
  await plan(ids.Vliegen, 'draft');
  for (const type of ['provider', 'provider', 'gi']) await involve(t.ds, ids.Vliegen, await org(type), false);
  // A draft plan.
  ids.Ubachs = await createFamily(t.ds, { municipality: 'Vaals', displayName: 'Ubachs' });
  await plan(ids.Ubachs, 'draft');
  // Nothing needs attention: agreement due later, evaluation far away.
  ids.Aalbers = await createFamily(t.ds, { municipality: 'Vaals', displayName: 'Aalbers' });
  const aalbersPlan = await plan(ids.Aalbers, 'in_progress', day(30), 1);
  await goalWithAgreement(aalbersPlan, ids.Aalbers, day(1));
  // Evaluated: a past evaluation date is not "due" any more.
  ids.Bemelmans = await createFamily(t.ds, { municipality: 'Vaals', displayName: 'Bemelmans' });
  await plan(ids.Bemelmans, 'evaluated', day(-5), 2);
});
afterAll(() => t.close());

const list = async (query: string, token = worker): Promise<Page<FamilySummary>> => {
  const res = await request(t.http).get(`/api/families${query}`).set('Authorization', `Bearer ${token}`);
  expect(res.status).toBe(200);
  return res.body as Page<FamilySummary>;
};
const names = (page: Page<FamilySummary>) => page.items.map((f) => f.displayName);

describe('worklist signals', () => {
  it('computes plan status, overdue agreements, evaluation and regisseur for every family on the page', async () => {
    const page = await list('');
    const by = Object.fromEntries(page.items.map((f) => [f.displayName, f]));
    expect(by.Zeegers).toMatchObject({
      planStatus: 'in_progress',
      overdueAgreements: 2,
      evaluationDate: day(60),
      evaluationDue: false,
      needsOnePlan: false,
      regisseur: { userId: workerId, displayName: 'Test Gebruiker' },
    });
    expect(by.Wetzels).toMatchObject({
      planStatus: 'agreed',
      evaluationDue: true,
      overdueAgreements: 0,
      regisseur: null,
    });
    expect(by.Vliegen).toMatchObject({ planStatus: 'draft', needsOnePlan: true, evaluationDate: null });
    expect(by.Ubachs).toMatchObject({ planStatus: 'draft', evaluationDue: false, needsOnePlan: false });
    expect(by.Aalbers).toMatchObject({ overdueAgreements: 0, evaluationDue: false });
    expect(by.Bemelmans).toMatchObject({ planStatus: 'evaluated', evaluationDate: day(-5), evaluationDue: false });
  });

  it('gives the family detail the same signals', async () => {
    const res = await request(t.http).get(`/api/families/${ids.Zeegers}`).set('Authorization', `Bearer ${worker}`);
    expect(res.status).toBe(200);
    expect(res.body as FamilyDetail).toMatchObject({ overdueAgreements: 2, planStatus: 'in_progress' });
  });

  it("counts for a youth only the overdue agreements of goals they may see (not a sibling's)", async () => {
    const page = await list('', youth);
    expect(page.items).toEqual([expect.objectContaining({ displayName: 'Zeegers', overdueAgreements: 1 })]);
  });

  it('counts for a parent the goals about children in their custody, not about the others', async () => {
    const count = async (hasCustody: boolean) => {
      const parent = await createMemberWithLogin(t.ds, ids.Zeegers, {
        role: 'parent',
        name: hasCustody ? 'Moeder' : 'Stiefvader',
        birthDate: '1985-03-01',
        hasCustody,
        password: PASSWORD,
      });
      const page = await list('', await t.token(parent.email, PASSWORD));
      return page.items[0].overdueAgreements;
    };
    expect(await count(true)).toBe(2);
    expect(await count(false)).toBe(1);
  });

  it('answers a family without a plan with null status and no signals', async () => {
    const none = await createFamily(t.ds, { municipality: 'Vaals', displayName: `Zonder plan ${randomUUID()}` });
    const page = await list(`?q=Zonder%20plan`);
    expect(page.items.find((f) => f.id === none)).toMatchObject({
      planStatus: null,
      overdueAgreements: 0,
      evaluationDate: null,
      evaluationDue: false,
    });
    await t.ds.query('DELETE FROM family WHERE id = $1', [none]);
  });
});

describe('worklist order', () => {
  it('puts what needs attention first: overdue, evaluation due, 1G1P1R needed, draft, then by name', async () => {
    const page = await list('');
    expect(page.total).toBe(6);
    expect(names(page)).toEqual(['Zeegers', 'Wetzels', 'Vliegen', 'Ubachs', 'Aalbers', 'Bemelmans']);
    expect(names(await list('?sort=attention'))).toEqual(names(page));
  });

  it('sorts by name on request', async () => {
    expect(names(await list('?sort=name'))).toEqual([
      'Aalbers',
      'Bemelmans',
      'Ubachs',
      'Vliegen',
      'Wetzels',
      'Zeegers',
    ]);
  });

  it('pages in the attention order with the total of all matches', async () => {
    const first = await list('?limit=2');
    const second = await list('?limit=2&offset=2');
    expect(first.total).toBe(6);
    expect(names(first)).toEqual(['Zeegers', 'Wetzels']);
    expect(names(second)).toEqual(['Vliegen', 'Ubachs']);
  });
});

describe('worklist filters', () => {
  it.each([
    ['?overdue=true', ['Zeegers']],
    ['?overdue=false&sort=name', ['Aalbers', 'Bemelmans', 'Ubachs', 'Vliegen', 'Wetzels']],
    ['?evaluationDue=true', ['Wetzels']],
    ['?needsOnePlan=true', ['Vliegen']],
    ['?planStatus=draft', ['Vliegen', 'Ubachs']],
    ['?planStatus=evaluated', ['Bemelmans']],
    ['?planStatus=in_progress&overdue=false', ['Aalbers']],
    ['?municipality=Vaals&q=ee', ['Zeegers']],
    ['?municipality=GM0981&sort=name&limit=1', ['Aalbers']],
    ['?municipality=vaals&planStatus=closed', []],
    ['?municipality=Heerlen', []],
  ])('%s', async (query, expected) => {
    const page = await list(query);
    expect(names(page)).toEqual(expected);
  });

  it('filters within the access scope only: another access team sees none of these families', async () => {
    const heerlen = await t.token('toegang@heerlen.demo');
    expect((await list('?municipality=Vaals', heerlen)).total).toBe(0);
  });

  it.each([
    ['planStatus=bogus', 'planStatus'],
    ['overdue=yes', 'overdue'],
    ['evaluationDue=1', 'evaluationDue'],
    ['needsOnePlan=', 'needsOnePlan'],
    ['sort=urgent', 'sort'],
    ['municipality=Amsterdam', 'municipality'],
    ['limit=0', 'limit'],
    ['regisseur=me', 'regisseur'],
  ])('refuses %s with 400 naming the field', async (query, field) => {
    const res = await request(t.http).get(`/api/families?${query}`).set('Authorization', `Bearer ${worker}`);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    expect((res.body.details as { field: string }[]).map((d) => d.field)).toContain(field);
  });
});
