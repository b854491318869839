import { type IndicatorKey, type IndicatorResponse, type IndicatorsResponse, ZRM_DOMAINS } from '@gezinsplan/contracts';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { CSV_HEADERS } from '../src/modules/outcomes/indicators.csv';
import { auditRowsFor, createProfessional } from './support/fixtures';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * A generated data set with known answers, in an invented municipality of its own so that specs running in
 * parallel on the same database never change these figures. All dates lie in 2025 (the 6-month windows of 3.2
 * have passed).
 */
let t: TestApp;
const PASSWORD = 'Wachtwoord-indicatoren-1';
const run = randomUUID().slice(0, 8);
const M = `Testgemeente ${run}`;
const tokens: Record<string, string> = {};
const as = (who: string) => ({ Authorization: `Bearer ${tokens[who]}` });
const api = () => request(t.http);
const ids: Record<string, string> = {};
const familyNames: string[] = [];

async function one<T = { id: string }>(sql: string, params: unknown[]): Promise<T> {
  return ((await t.ds.query(sql, params)) as T[])[0];
}

async function seed() {
  const org = async (name: string, type: string, municipality: string | null = null) =>
    (
      await one('INSERT INTO organisation (name, type, municipality) VALUES ($1, $2, $3) RETURNING id', [
        name,
        type,
        municipality,
      ])
    ).id;
  ids.gemeente = await org(`Gemeente ${M}`, 'municipality', M);
  ids.p1 = await org(`Aanbieder Een ${run}`, 'provider');
  ids.p2 = await org(`Aanbieder Twee ${run}`, 'provider');
  tokens.team = await t.token(await createProfessional(t.ds, 'access_team', ids.gemeente, PASSWORD), PASSWORD);
  tokens.p1 = await t.token(await createProfessional(t.ds, 'provider', ids.p1, PASSWORD), PASSWORD);
  tokens.p2 = await t.token(await createProfessional(t.ds, 'provider', ids.p2, PASSWORD), PASSWORD);
  const r1 = (await one(`SELECT id FROM app_user WHERE organisation_id = $1`, [ids.gemeente])).id;
  const r2email = await createProfessional(t.ds, 'access_team', ids.gemeente, PASSWORD);
  const r2 = (await one(`SELECT id FROM app_user WHERE email = $1`, [r2email])).id;

  const zrm = (scores: number | Record<string, number>, base = 0) =>
    JSON.stringify(
      Object.fromEntries(
        ZRM_DOMAINS['zrm-11'].map((d) => [d, typeof scores === 'number' ? scores : (scores[d] ?? base)]),
      ),
    );
  // family -> [agreed on, evaluation date of the plan, regisseur]
  const plans: Record<number, [string | null, string | null, string]> = {
    1: ['2024-12-15', '2025-03-01', r1],
    2: ['2024-12-15', '2099-01-01', r1],
    3: ['2024-12-15', null, r1],
    4: ['2024-12-15', null, r2],
    5: [null, '2025-06-01', r2],
    6: [null, null, r2],
  };
  for (let i = 1; i <= 6; i++) {
    const [agreedOn, evaluationDate, regisseur] = plans[i];
    const name = `Gezin Indicator ${run} ${i}`;
    familyNames.push(name);
    const f = (
      await one(
        `INSERT INTO family (display_name, municipality, status, regisseur_user_id) VALUES ($1, $2, 'active', $3) RETURNING id`,
        [name, M, regisseur],
      )
    ).id;
    ids[`f${i}`] = f;
    ids[`child${i}`] = (
      await one(
        `INSERT INTO family_member (family_id, role, name, birth_date) VALUES ($1, 'child', $2, '2014-01-01') RETURNING id`,
        [f, `Kind ${i}`],
      )
    ).id;
    ids[`adult${i}`] = (
      await one(
        `INSERT INTO family_member (family_id, role, name, birth_date) VALUES ($1, 'parent', $2, '1985-01-01') RETURNING id`,
        [f, `Ouder ${i}`],
      )
    ).id;
    const plan = (
      await one(
        `INSERT INTO plan (family_id, status, evaluation_date, current_version_number) VALUES ($1, $2, $3, $4) RETURNING id`,
        [f, agreedOn ? 'in_progress' : 'draft', evaluationDate, agreedOn ? 1 : null],
      )
    ).id;
    ids[`plan${i}`] = plan;
    if (agreedOn) {
      await t.ds.query(
        `INSERT INTO plan_version (plan_id, family_id, number, snapshot, approved_by_user_id, approved_at) VALUES ($1, $2, 1, '{}', $3, $4)`,
        [plan, f, regisseur, `${agreedOn}T10:00:00Z`],
      );
    }
  }
  const goal = async (i: number, key: string, lifeDomain = 'education') => {
    ids[key] = (
      await one(
        `INSERT INTO goal (plan_id, family_id, title, life_domain, priority, status) VALUES ($1, $2, $3, $4, 1, 'in_progress') RETURNING id`,
        [ids[`plan${i}`], ids[`f${i}`], `Doel ${key}`, lifeDomain],
      )
    ).id;
  };
  await goal(1, 'g1a');
  await goal(1, 'g1b', 'finances');
  for (const i of [2, 3, 5, 6]) await goal(i, `g${i}`);
  await goal(4, 'g4a');
  await goal(4, 'g4b');

  // Allocations: [family, provider, arrangement, request, decision, start, end, reason]
  const allocations: [number, string, string, string, string | null, string | null, string | null, string | null][] = [
    [1, 'p1', 'guidance', '2025-01-06', '2025-01-10', '2025-01-20', '2025-03-31', '31'], // 4 wd, 4 d, start 14
    [2, 'p1', 'guidance', '2025-01-06', '2025-01-13', '2025-01-27', '2025-04-30', '32'], // 5 wd, 7 d, start 21
    [3, 'p1', 'guidance', '2025-02-03', '2025-02-11', '2025-02-17', '2025-05-30', '33'], // 6 wd, 8 d, start 14
    [4, 'p1', 'guidance', '2025-02-07', '2025-02-14', '2025-03-03', '2025-06-30', '31'], // 5 wd, 7 d, start 24
    [5, 'p1', 'guidance', '2025-03-03', '2025-03-17', '2025-03-24', '2025-08-29', '34'], // 10 wd, 14 d, start 21
    [6, 'p1', 'guidance', '2025-03-03', '2025-03-04', '2025-03-10', null, null], // 1 wd, 1 d, start 7
    [4, 'p2', 'treatment', '2025-09-01', '2025-09-05', '2025-09-15', null, null], // 4 wd, 4 d, start 14: new help for youth 4
    [3, 'p1', 'guidance', '2025-12-20', null, null, null, null], // requested only; > 6 months after youth 3's end
  ];
  for (const [i, p, arrangement, req, dec, start, end, reason] of allocations) {
    const status = end ? 'stopped' : start ? 'started' : dec ? 'allocated' : 'requested';
    await t.ds.query(
      `INSERT INTO allocation (family_id, youth_member_id, provider_organisation_id, arrangement, status, request_date,
                               decision_date, start_date, end_date, end_reason, created_by_user_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [ids[`f${i}`], ids[`child${i}`], ids[p], arrangement, status, req, dec, start, end, reason, r1],
    );
  }

  // Evaluations: F1 (8), F2 (6), F3 (9), F4 (7), F6 (10); F5 none.
  const evaluation = async (i: number, on: string, score: number, goals: [string, string][]) => {
    const e = (
      await one(
        `INSERT INTO evaluation (family_id, plan_id, plan_version_number, evaluated_on, evaluated_by_user_id, satisfaction_score, satisfaction_by)
         VALUES ($1, $2, 1, $3, $4, $5, 'parent') RETURNING id`,
        [ids[`f${i}`], ids[`plan${i}`], on, r1, score],
      )
    ).id;
    for (const [g, outcome] of goals) {
      await t.ds.query(
        `INSERT INTO evaluation_goal (evaluation_id, goal_id, life_domain, outcome)
         SELECT $1, id, life_domain, $3 FROM goal WHERE id = $2`,
        [e, ids[g], outcome],
      );
    }
  };
  await evaluation(1, '2025-03-20', 8, [
    ['g1a', 'achieved'],
    ['g1b', 'partly_achieved'],
  ]);
  await evaluation(2, '2025-04-15', 6, [['g2', 'achieved']]);
  await evaluation(3, '2025-05-15', 9, [['g3', 'not_achieved']]);
  await evaluation(4, '2025-06-15', 7, [
    ['g4a', 'achieved'],
    ['g4b', 'partly_achieved'],
  ]);
  await evaluation(6, '2025-10-01', 10, [['g6', 'achieved']]);

  // Complaints: 3 in 2025 (F1 twice, F3 once) and one in 2024 that does not count.
  for (const [i, on] of [
    [1, '2025-02-01'],
    [1, '2025-06-01'],
    [3, '2025-04-04'],
    [2, '2024-11-01'],
  ] as const) {
    await t.ds.query(
      `INSERT INTO complaint (family_id, received_on, subject, registered_by_user_id) VALUES ($1, $2, 'Wachttijd', $3)`,
      [ids[`f${i}`], on, r1],
    );
  }

  // ZRM (11 domains): F1 2 -> 3 (rose), F2 3 -> 3, F3 2 -> finances 4 (rose), F4 4 -> 3, F5 2 -> 3 (rose), F6 once.
  const assess = (i: number, on: string, scores: string) =>
    t.ds.query(
      `INSERT INTO zrm_assessment (family_id, member_id, edition, assessed_on, assessed_by_user_id, scores) VALUES ($1, $2, 'zrm-11', $3, $4, $5)`,
      [ids[`f${i}`], ids[`adult${i}`], on, r1, scores],
    );
  await assess(1, '2024-12-01', zrm(2));
  await assess(1, '2025-06-01', zrm(3));
  await assess(2, '2025-01-10', zrm(3));
  await assess(2, '2025-07-01', zrm(3));
  await assess(3, '2025-01-10', zrm(2));
  await assess(3, '2025-07-01', zrm({ finances: 4 }, 2));
  await assess(4, '2025-01-10', zrm(4));
  await assess(4, '2025-07-01', zrm(3));
  await assess(5, '2025-02-01', zrm(2));
  await assess(5, '2025-09-01', zrm(3));
  await assess(6, '2025-09-01', zrm(1));

  // Agreements of F1: two open and overdue, one done, one open in the future.
  for (const [status, due] of [
    ['open', '2025-01-01'],
    ['open', '2025-02-01'],
    ['done', '2025-01-01'],
    ['open', '2099-01-01'],
  ]) {
    await t.ds.query(
      `INSERT INTO agreement (goal_id, family_id, description, owner_type, owner_label, due_date, status)
       VALUES ($1, $2, 'Afspraak', 'professional', 'Regisseur', $3, $4)`,
      [ids.g1a, ids.f1, due, status],
    );
  }
}

beforeAll(async () => {
  t = await startTestApp();
  tokens.policy = await t.token('beleid@zuidlimburg.demo');
  tokens.heerlen = await t.token('toegang@heerlen.demo');
  tokens.parent = await t.token('ouder@devries.demo');
  await seed();
});
afterAll(() => t.close());

const YEAR = { from: '2025-01-01', to: '2025-12-31' };

async function get(who: string, query: Record<string, string>): Promise<IndicatorsResponse> {
  const res = await api().get('/api/indicators').query(query).set(as(who));
  expect(res.status).toBe(200);
  return res.body as IndicatorsResponse;
}

const indicator = (r: IndicatorsResponse, key: IndicatorKey) =>
  r.indicators.find((i) => i.key === key) as IndicatorResponse;
const values = (i: IndicatorResponse) => Object.fromEntries(i.figures.map((f) => [f.key, f.value]));
const sizes = (i: IndicatorResponse) => Object.fromEntries(i.figures.map((f) => [f.key, f.groupSize]));

describe('outcome indicators over a generated data set', () => {
  it('computes every indicator with its known value, group size and definition', async () => {
    const r = await get('policy', { ...YEAR, municipality: M });
    expect(r.filters).toEqual({ ...YEAR, municipality: M, provider: null, arrangement: null });
    expect(r.scope).toBe('municipality');
    expect(r.norms).toEqual({ decisionWorkingDays: 5, noNewHelpMonths: 6, minGroupSize: 5 });
    expect(r.indicators.map((i) => i.number)).toEqual(['1', '2', '3.1', '3.2', '3.3', '3.4', '4', '5', '6', '7', '8']);
    for (const i of r.indicators) {
      expect(i.title.nl.length).toBeGreaterThan(5);
      expect(i.definition.nl.length).toBeGreaterThan(40);
      expect(i.definition.en.length).toBeGreaterThan(40);
    }

    // 1. Youths 1-6 have help in 2025; families 1-4 have an agreed plan: 4 of 6.
    expect(values(indicator(r, 'plan_coverage'))).toEqual({ share: 66.7, youths: 6 });
    expect(indicator(r, 'plan_coverage')).toMatchObject({ groupSize: 6, suppressed: false });
    // 2. Decision days 1,4,4,7,7,8,14; start days 7,14,14,14,21,21,24; within 5 working days: 5 of 7.
    expect(values(indicator(r, 'lead_time'))).toEqual({
      decision_median: 7,
      decision_p80: 7.8,
      decision_within_norm: 71.4,
      start_median: 14,
      start_p80: 21,
    });
    expect(sizes(indicator(r, 'lead_time')).decision_median).toBe(6);
    // 3.1 Ended: 31, 32, 33, 31, 34; both 31s had no help continuing: 2 of 5.
    expect(values(indicator(r, 'ended_without_further_help'))).toEqual({ share: 40 });
    // 3.2 Youth 4 got new help within 6 months; youth 3's new request came after 6 months: 4 of 5.
    expect(values(indicator(r, 'no_new_help'))).toEqual({ share: 80 });
    // 3.3 Rose: adults of families 1, 3 and 5 of 5 measured twice.
    expect(values(indicator(r, 'self_sufficiency_rose'))).toEqual({ share: 60 });
    expect(indicator(r, 'self_sufficiency_rose').groupSize).toBe(5);
    // 3.4 Seven goals: 4 achieved, 2 partly, 1 not; education (5 families) 4 of 6, finances (1 family) suppressed.
    const goals = indicator(r, 'goals_realised');
    expect(values(goals)).toEqual({ achieved: 57.1, partly_achieved: 28.6, not_achieved: 14.3 });
    expect(goals.breakdown?.dimension).toBe('life_domain');
    expect(goals.breakdown?.rows.map((x) => [x.key, x.value, x.groupSize, x.suppressed])).toEqual([
      ['education', 66.7, 5, false],
      ['finances', null, null, true],
    ]);
    // 4. Uitval: codes 32, 33, 34 of 5 ended.
    const early = indicator(r, 'early_termination');
    expect(values(early)).toEqual({ rate: 60 });
    expect(early.breakdown?.rows.map((x) => [x.key, x.value])).toEqual([
      ['32', 20],
      ['33', 20],
      ['34', 20],
      ['35', 0],
    ]);
    // 5. Scores 8, 6, 9, 7, 10.
    const sat = indicator(r, 'satisfaction');
    expect(values(sat)).toEqual({ mean: 8 });
    expect(sat.breakdown?.rows.map((x) => x.value)).toEqual([0, 0, 0, 0, 0, 20, 20, 20, 20, 20]);
    // 6. Three complaints in 2025 over six families with help.
    expect(values(indicator(r, 'complaints'))).toEqual({ per_100: 50, count: 3 });
    // 7. Sum of changes 11 + 0 + 2 - 11 + 11 = 13 over 55 domain scores; finances (1+0+2-1+1)/5.
    const zrm = indicator(r, 'zrm_change');
    expect(values(zrm)).toEqual({ mean: 0.24 });
    const byDomain = Object.fromEntries((zrm.breakdown?.rows ?? []).map((x) => [x.key, x.value]));
    expect(byDomain).toMatchObject({ finances: 0.6, housing: 0.2, justice: 0.2 });
    // 8. Six living plans, two regisseurs, two overdue agreements, one evaluation overdue (family 5).
    expect(values(indicator(r, 'workload'))).toEqual({
      families_per_regisseur: 3,
      overdue_agreements: 2,
      evaluations_overdue: 1,
      families: 6,
    });
  });

  it('suppresses every figure computed over fewer than 5 families', async () => {
    const r = await get('policy', { ...YEAR, municipality: M, arrangement: 'treatment' });
    for (const i of r.indicators) {
      for (const f of [...i.figures, ...(i.breakdown?.rows ?? [])]) {
        expect(f).toMatchObject({ value: null, groupSize: null, suppressed: true });
      }
    }
    // A municipality without any data is suppressed too, never a zero.
    const none = await get('policy', { ...YEAR, municipality: `Leeg ${run}` });
    expect(indicator(none, 'early_termination').figures[0]).toMatchObject({ value: null, suppressed: true });
  });

  it('gives a trend per month or quarter and comparisons, with suppression in every cell', async () => {
    const r = await get('policy', { ...YEAR, municipality: M });
    expect(r.trend.interval).toBe('month');
    expect(r.trend.points.map((p) => p.label)).toEqual(
      Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`),
    );
    // January: only families 1 and 2 had help.
    expect(r.trend.points[0]).toMatchObject({ from: '2025-01-01', to: '2025-01-31' });
    expect(r.trend.points[0].values['plan_coverage.share']).toMatchObject({ value: null, suppressed: true });
    // March: families 1-6 had help, 1-4 with an agreed plan.
    expect(r.trend.points[2].values['plan_coverage.share']).toMatchObject({ value: 66.7, groupSize: 6 });
    expect(r.series.map((s) => s.key)).toEqual(Object.keys(r.trend.points[0].values));

    const q = await get('policy', { ...YEAR, municipality: M, interval: 'quarter' });
    expect(q.trend.points.map((p) => [p.label, p.from, p.to])).toEqual([
      ['2025-Q1', '2025-01-01', '2025-03-31'],
      ['2025-Q2', '2025-04-01', '2025-06-30'],
      ['2025-Q3', '2025-07-01', '2025-09-30'],
      ['2025-Q4', '2025-10-01', '2025-12-31'],
    ]);
    expect(q.trend.points[0].values['lead_time.decision_median']).toMatchObject({ value: 7, groupSize: 6 });

    expect(r.byMunicipality.map((m) => [m.label, m.values['early_termination.rate'].value])).toEqual([[M, 60]]);
    const providers = Object.fromEntries(r.byProvider.map((p) => [p.label, p.values['plan_coverage.share']]));
    expect(providers[`Aanbieder Een ${run}`]).toMatchObject({ value: 66.7, groupSize: 6 });
    expect(providers[`Aanbieder Twee ${run}`]).toMatchObject({ value: null, groupSize: null, suppressed: true });
  });

  it('shows a provider its own organisation only, and the access team its own municipality', async () => {
    const own = await get('p1', { ...YEAR, municipality: M });
    expect(own.filters.provider).toBe(ids.p1);
    expect(own.scope).toBe('provider');
    expect(values(indicator(own, 'lead_time'))).toMatchObject({ decision_median: 7, decision_within_norm: 66.7 });
    expect(own.byProvider.map((p) => p.key)).toEqual([ids.p1]);
    const small = await get('p2', { ...YEAR, municipality: M });
    expect(indicator(small, 'plan_coverage')).toMatchObject({ suppressed: true, groupSize: null });
    const other = await api()
      .get('/api/indicators')
      .query({ ...YEAR, provider: ids.p1 })
      .set(as('p2'));
    expect(other.status).toBe(403);

    const team = await get('team', YEAR);
    expect(team.filters.municipality).toBe(M);
    expect(values(indicator(team, 'early_termination'))).toEqual({ rate: 60 });
    expect((await api().get('/api/indicators').query({ municipality: 'Heerlen' }).set(as('team'))).status).toBe(403);
    expect((await api().get('/api/indicators').set(as('parent'))).status).toBe(403);
  });

  it('refuses bad filters with 400 and logs every read without a family', async () => {
    for (const query of [
      { from: 'gisteren' },
      { from: '2025-06-01', to: '2025-01-01' },
      { arrangement: 'magic' },
      { provider: 'horizon' },
      { unknown: 'x' },
      { from: '2000-01-01', to: '2025-12-31', interval: 'month' },
    ]) {
      const res = await api().get('/api/indicators').query(query).set(as('policy'));
      expect([res.status, res.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    }
    const requestId = `indicators-${run}`;
    await api()
      .get('/api/indicators')
      .query({ ...YEAR, municipality: M })
      .set(as('policy'))
      .set('X-Request-Id', requestId)
      .expect(200);
    const audit = await auditRowsFor(t.ds, requestId);
    expect(audit).toEqual([
      expect.objectContaining({ resource: 'indicators', action: 'read', result: 'success', family_id: null }),
    ]);
    expect(audit[0].details).toMatchObject({ format: 'json', municipality: M });
  });

  it('exports the same figures as CSV with Dutch headers, and no family anywhere', async () => {
    const res = await api()
      .get('/api/indicators/export.csv')
      .query({ ...YEAR, municipality: M })
      .set(as('policy'));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toBe('attachment; filename="indicatoren-2025-01-01-2025-12-31.csv"');
    const lines = res.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0].split(';')).toEqual([...CSV_HEADERS]);
    const rows = lines.slice(1).map((l) => l.split(';'));
    const find = (part: string, group: string, figure: string, split = '') =>
      rows.find((r) => r[0] === part && r[1] === group && r[4] === figure && r[5] === split);
    expect(find('Totaal', '', 'Uitval')?.slice(2, 9)).toEqual([
      '4',
      'Voortijdige beëindiging (uitval)',
      'Uitval',
      '',
      '60',
      '%',
      '5',
    ]);
    expect(find('Totaal', '', 'Beschikking binnen de norm')?.[6]).toBe('71,4');
    expect(find('Totaal', '', 'Behaald', 'Financiën')?.slice(6, 9)).toEqual(['< 5', '%', '< 5']);
    expect(find('Trend', '2025-01', 'Aandeel met afgesproken plan')?.[6]).toBe('< 5');
    expect(find('Aanbieder', `Aanbieder Een ${run}`, 'Aandeel met afgesproken plan')?.[6]).toBe('66,7');
    expect(rows.every((r) => r.length === CSV_HEADERS.length && r[11] === M)).toBe(true);
    for (const name of familyNames) expect(res.text).not.toContain(name);
    expect(res.text).not.toMatch(/Kind \d|Ouder \d/);
    const audit: { details: { format: string } }[] = await t.ds.query(
      `SELECT details FROM audit_log WHERE resource = 'indicators' AND user_role = 'policy' ORDER BY id DESC LIMIT 1`,
    );
    expect(audit[0].details.format).toBe('csv');
  });
});

describe('indicator figures cache (INDICATORS_CACHE_SECONDS)', () => {
  let cached: TestApp;
  beforeAll(async () => {
    cached = await startTestApp({ env: { INDICATORS_CACHE_SECONDS: '300' } });
  });
  afterAll(() => cached?.close());

  it('reuses the figures per scope and filters, says as of when, and still audits every read', async () => {
    const read = async (app: TestApp, who: string, query: Record<string, string>, requestId: string) => {
      const res = await request(app.http)
        .get('/api/indicators')
        .query(query)
        .set(as(who))
        .set('X-Request-Id', requestId);
      expect(res.status).toBe(200);
      return res.body as IndicatorsResponse;
    };
    const query = { ...YEAR, municipality: M };
    const [a, b] = await Promise.all([
      read(cached, 'policy', query, `cache-a-${run}`),
      read(cached, 'policy', query, `cache-b-${run}`),
    ]);
    await new Promise((r) => setTimeout(r, 20));
    const c = await read(cached, 'team', { ...YEAR }, `cache-c-${run}`);
    // The access team is narrowed to its own municipality first: the same key, the same figures.
    expect(c.filters).toEqual(a.filters);
    expect(new Set([a.figuresAsOf, b.figuresAsOf, c.figuresAsOf]).size).toBe(1);
    expect(c.generatedAt > c.figuresAsOf).toBe(true);
    expect(c.indicators).toEqual(a.indicators);
    expect(c.trend).toEqual(a.trend);
    // One answer built per computation and shared: equal apart from when each read was answered.
    const { generatedAt: aAt, ...aBody } = a;
    const { generatedAt: cAt, ...cBody } = c;
    expect(cBody).toEqual(aBody);
    expect(cAt > aAt).toBe(true);
    // Other filters are other figures, and the scope rules still apply before the cache.
    const other = await read(
      cached,
      'policy',
      { ...YEAR, municipality: M, arrangement: 'treatment' },
      `cache-d-${run}`,
    );
    expect(other.figuresAsOf > a.figuresAsOf).toBe(true);
    const refused = await request(cached.http)
      .get('/api/indicators')
      .query({ ...YEAR, municipality: 'Maastricht' })
      .set(as('team'));
    expect(refused.status).toBe(403);
    for (const id of ['a', 'b', 'c', 'd']) {
      expect(await auditRowsFor(t.ds, `cache-${id}-${run}`)).toEqual([
        expect.objectContaining({ resource: 'indicators', action: 'read', result: 'success', family_id: null }),
      ]);
    }
    // Without the cache (the tests' default) the figures are computed for every read.
    const fresh = await read(t, 'policy', query, `cache-e-${run}`);
    await new Promise((r) => setTimeout(r, 20));
    const again = await read(t, 'policy', query, `cache-f-${run}`);
    expect(fresh.figuresAsOf > a.figuresAsOf).toBe(true);
    expect(again.figuresAsOf > fresh.generatedAt).toBe(true);
    expect(again.indicators).toEqual(a.indicators);
  });
});

describe('indicator figures turning over (stale-while-revalidate)', () => {
  let short: TestApp;
  beforeAll(async () => {
    short = await startTestApp({ env: { INDICATORS_CACHE_SECONDS: '1' } });
  });
  afterAll(() => short?.close());

  it('answers expired figures at once while one refresh computes new ones, and only up to twice the TTL', async () => {
    const read = async () => {
      const res = await request(short.http).get('/api/indicators').query(YEAR).set(as('policy'));
      expect(res.status).toBe(200);
      return res.body as IndicatorsResponse;
    };
    const first = await read();
    await new Promise((r) => setTimeout(r, 1100)); // expired (TTL 1 s), not yet twice the TTL
    const stale = await read();
    expect(stale.figuresAsOf).toBe(first.figuresAsOf);
    expect(stale.generatedAt > first.generatedAt).toBe(true);
    // The refresh started by that read replaces the figures once it is done.
    let renewed = stale;
    for (let i = 0; i < 50 && renewed.figuresAsOf === first.figuresAsOf; i++) {
      await new Promise((r) => setTimeout(r, 50));
      renewed = await read();
    }
    expect(renewed.figuresAsOf > first.figuresAsOf).toBe(true);
    // Older than twice the TTL, figures are not served any more: the reader waits for new ones.
    await new Promise((r) => setTimeout(r, 2100));
    const later = await read();
    expect(later.figuresAsOf > renewed.generatedAt).toBe(true);
  });
});
