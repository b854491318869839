import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createProfessional, familyId, involve, organisationId } from './fixtures';
import type { AppRoute } from './routes';

/**
 * Shared by the attack specs (authorization matrix, fuzzer): the demo world on a PRIVATE database, and the
 * tables that turn a route enumerated at runtime into a concrete request. A new route needs at most:
 *  - an entry in PARAM_FIXTURES when it has a path parameter with a new name, and
 *  - an entry in VALID_BODIES when it is a family-scoped write with a body (so the matrix can prove a
 *    record-level 404 behind the validation pipe).
 */

export const DEMO_FAMILIES = ['De Vries', 'Bakker', 'Janssen'] as const;
export type DemoFamily = (typeof DEMO_FAMILIES)[number];

export interface World {
  families: Record<DemoFamily, string>;
  /** A professional made for the test: the target of the admin routes /users/:id (sessions, activation). */
  spareUserId: string;
  horizonId: string;
  /** A notification of toegang@heerlen.demo (record-level rule: only its recipient). */
  notificationId: string;
}

/**
 * Extra records the demo seed lacks, so every family has one of everything, plus the brief's provider without
 * consent (Kompas involved in De Vries, consent never given) and an unconsented involvement in Janssen (the
 * record the consent routes aim at, so a permitted withdrawal never changes who may see what).
 */
export async function buildWorld(ds: DataSource): Promise<World> {
  const families = {} as Record<DemoFamily, string>;
  for (const name of DEMO_FAMILIES) families[name] = await familyId(ds, name);
  const kompas = await organisationId(ds, 'Kompas Gezinsbegeleiding');
  const gi = await organisationId(ds, 'Stichting Veilig Opgroeien Zuid');
  const horizonId = await organisationId(ds, 'Horizon Jeugdhulp');
  await involve(ds, families['De Vries'], kompas, false);
  await involve(ds, families.Janssen, gi, false);
  for (const f of Object.values(families)) {
    const plan = await one(ds, `SELECT id FROM plan WHERE family_id = $1`, [f]);
    const child = await one(ds, `SELECT id FROM family_member WHERE family_id = $1 AND role = 'child' LIMIT 1`, [f]);
    await ensureRow(ds, 'plan_version', f, { plan_id: plan });
    // Help allocated to an organisation that may see the family (the GI for Bakker), so its provider can act on it.
    await ensureRow(ds, 'allocation', f, { youth_member_id: child, provider_organisation_id: gi });
    // A goal that is no GI safety condition (only the GI may change those: a product rule, not the subject here).
    if (!(await maybe(ds, `SELECT id FROM goal WHERE family_id = $1 AND NOT safety_condition`, [f]))) {
      await copyRow(ds, 'goal', `SELECT * FROM goal WHERE family_id = $1 ORDER BY priority LIMIT 1`, [f], {
        safety_condition: false,
        priority: 99,
      });
    }
    await ensureRow(ds, 'evaluation', f, { plan_id: plan });
    await ensureRow(ds, 'agreement', f, {
      goal_id: await one(ds, `SELECT id FROM goal WHERE family_id = $1 ORDER BY priority LIMIT 1`, [f]),
    });
    // An open correction request and a pending destruction request of a parent: what the answer/decision
    // routes aim at (the matrix never sends them a valid answer, so they stay open).
    const parent = await maybe(
      ds,
      `SELECT u.id FROM app_user u JOIN family_member m ON m.id = u.family_member_id
        WHERE m.family_id = $1 AND m.role = 'parent' LIMIT 1`,
      [f],
    );
    if (!(await maybe(ds, `SELECT id FROM correction_request WHERE family_id = $1`, [f]))) {
      await ds.query(
        `INSERT INTO correction_request (family_id, requested_by_user_id, what_is_wrong, should_be)
         VALUES ($1, $2, 'Matrix: fout', 'Matrix: goed')`,
        [f, parent ?? randomUUID()],
      );
    }
    if (!(await maybe(ds, `SELECT id FROM destruction_request WHERE family_id = $1`, [f]))) {
      await ds.query(
        `INSERT INTO destruction_request (family_id, requested_by_user_id, requester_role, scope)
         VALUES ($1, $2, 'parent', 'family')`,
        [f, parent ?? null],
      );
    }
  }
  const spare = await createProfessional(ds, 'provider', horizonId, `Matrix-${randomUUID()}`);
  const spareUserId = await one(ds, `SELECT id FROM app_user WHERE email = $1`, [spare]);
  const fleur = await one(ds, `SELECT id FROM app_user WHERE email = 'toegang@heerlen.demo'`, []);
  const notificationId =
    (await maybe(ds, `SELECT id FROM notification WHERE user_id = $1 LIMIT 1`, [fleur])) ??
    (await one(ds, `INSERT INTO notification (user_id, kind, message) VALUES ($1, 'matrix', 'Matrix') RETURNING id`, [
      fleur,
    ]));
  return { families, spareUserId, horizonId, notificationId };
}

async function one(ds: DataSource, sql: string, params: unknown[]): Promise<string> {
  const id = await maybe(ds, sql, params);
  if (!id) throw new Error(`attack fixtures: no row for ${sql} ${JSON.stringify(params)}`);
  return id;
}

async function maybe(ds: DataSource, sql: string, params: unknown[]): Promise<string | undefined> {
  const rows: { id: string }[] = await ds.query(sql, params);
  return rows[0]?.id;
}

/** Copies some family's row of `table` into family `f` when `f` has none (private database only). */
async function ensureRow(ds: DataSource, table: string, f: string, overrides: Record<string, unknown>) {
  if (await maybe(ds, `SELECT id FROM ${table} WHERE family_id = $1 LIMIT 1`, [f])) return;
  await copyRow(ds, table, `SELECT * FROM ${table} ORDER BY id LIMIT 1`, [], { ...overrides, family_id: f });
}

async function copyRow(
  ds: DataSource,
  table: string,
  select: string,
  params: unknown[],
  overrides: Record<string, unknown>,
): Promise<string> {
  const patch = JSON.stringify({ ...overrides, id: randomUUID() });
  const rows: { id: string }[] = await ds.query(
    `INSERT INTO ${table} SELECT (jsonb_populate_record(NULL::${table}, to_jsonb(src) || $${params.length + 1}::jsonb)).*
       FROM (${select}) src RETURNING id`,
    [...params, patch],
  );
  if (rows.length !== 1) throw new Error(`attack fixtures: could not copy a ${table} row`);
  return rows[0].id;
}

/** How a path parameter is filled: from the target family's records, or one fixed record. */
type ParamFixture =
  { scope: 'family'; sql: string } | { scope: 'family-id' } | { scope: 'fixed'; value: (w: World) => string };

/**
 * Keyed by parameter name, or `<first path segment>/:<name>` where a name means different things per
 * resource (`:id` is a family, a user or an organisation). Family-scoped SQL gets the family id as $1.
 */
export const PARAM_FIXTURES: Record<string, ParamFixture> = {
  'families/:id': { scope: 'family-id' },
  'users/:id': { scope: 'fixed', value: (w) => w.spareUserId },
  'organisations/:id': { scope: 'fixed', value: (w) => w.horizonId },
  goalId: {
    scope: 'family',
    sql: `SELECT id FROM goal WHERE family_id = $1 AND NOT safety_condition ORDER BY priority LIMIT 1`,
  },
  agreementId: { scope: 'family', sql: `SELECT id FROM agreement WHERE family_id = $1 ORDER BY id LIMIT 1` },
  sectionId: {
    scope: 'family',
    sql: `SELECT s.id FROM plan_section s JOIN plan p ON p.id = s.plan_id WHERE p.family_id = $1 ORDER BY s.kind LIMIT 1`,
  },
  number: {
    scope: 'family',
    sql: `SELECT number::text AS id FROM plan_version WHERE family_id = $1 ORDER BY number LIMIT 1`,
  },
  a: {
    scope: 'family',
    sql: `SELECT number::text AS id FROM plan_version WHERE family_id = $1 ORDER BY number LIMIT 1`,
  },
  b: {
    scope: 'family',
    sql: `SELECT number::text AS id FROM plan_version WHERE family_id = $1 ORDER BY number DESC LIMIT 1`,
  },
  // Help allocated to an organisation with the family's consent (a provider acts only on its own allocations).
  allocationId: {
    scope: 'family',
    sql: `SELECT a.id FROM allocation a WHERE a.family_id = $1 ORDER BY EXISTS (SELECT 1 FROM involvement i
            WHERE i.family_id = a.family_id AND i.organisation_id = a.provider_organisation_id
              AND i.consent_given_at IS NOT NULL AND i.consent_withdrawn_at IS NULL) DESC, a.id LIMIT 1`,
  },
  evaluationId: { scope: 'family', sql: `SELECT id FROM evaluation WHERE family_id = $1 ORDER BY id LIMIT 1` },
  // Never a consented involvement: a permitted withdrawal must not change who may see the family.
  involvementId: {
    scope: 'family',
    sql: `SELECT id FROM involvement WHERE family_id = $1 AND (consent_given_at IS NULL OR consent_withdrawn_at IS NOT NULL) ORDER BY id LIMIT 1`,
  },
  notificationId: { scope: 'fixed', value: (w) => w.notificationId },
  // The public SSO start of an organisation (Horizon; whether it has SSO configured only changes the 4xx).
  'auth/:organisationId': { scope: 'fixed', value: (w) => w.horizonId },
  'correction-requests/:requestId': {
    scope: 'family',
    sql: `SELECT id FROM correction_request WHERE family_id = $1 ORDER BY created_at, id LIMIT 1`,
  },
  'destruction-requests/:requestId': {
    scope: 'family',
    sql: `SELECT id FROM destruction_request WHERE family_id = $1 ORDER BY created_at, id LIMIT 1`,
  },
};

export function fixtureFor(route: AppRoute, param: string): ParamFixture | undefined {
  const segment = route.path.split('/')[2];
  return PARAM_FIXTURES[`${segment}/:${param}`] ?? PARAM_FIXTURES[param];
}

/** A route is family-scoped when one of its parameters is filled from a family's records. */
export const isFamilyScoped = (route: AppRoute) =>
  route.params.some((p) => {
    const f = fixtureFor(route, p);
    return f?.scope === 'family' || f?.scope === 'family-id';
  });

/** Fills a route's path for a target family (or none); throws naming the parameter that has no fixture. */
export async function resolvePath(
  ds: DataSource,
  world: World,
  route: AppRoute,
  family: string | null,
): Promise<string> {
  const values: Record<string, string> = {};
  for (const p of route.params) {
    const f = fixtureFor(route, p);
    if (!f) throw new Error(`No fixture for path parameter :${p} of ${route.key}: add it to PARAM_FIXTURES`);
    if (f.scope === 'fixed') values[p] = f.value(world);
    else if (!family) throw new Error(`${route.key} needs a target family`);
    else if (f.scope === 'family-id') values[p] = family;
    else values[p] = await one(ds, f.sql, [family]);
  }
  return route.path.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => encodeURIComponent(values[name]));
}

const FAR = '2027-01-15';
const SOME = '00000000-0000-4000-8000-000000000001';

/**
 * A body that passes validation, for the write routes whose DTO rejects an empty body: sent where the
 * matrix expects a record-level refusal (404), so the request reaches the record check. Referenced ids
 * are placeholders; the family check comes first. Never sent where a write is expected to be allowed.
 */
export const VALID_BODIES: Record<string, unknown> = {
  'POST /api/families/:id/allocations': {
    youthMemberId: SOME,
    providerId: SOME,
    arrangement: 'guidance',
    goalIds: [SOME],
    requestDate: FAR,
  },
  'POST /api/families/:id/complaints': { receivedOn: FAR, subject: 'Matrix' },
  'POST /api/families/:id/evaluations': { evaluatedOn: FAR, goals: [{ goalId: SOME, outcome: 'achieved' }] },
  'POST /api/families/:id/evaluations/:evaluationId/satisfaction': { score: 7 },
  'POST /api/families/:id/involvements': { organisationId: SOME },
  'POST /api/families/:id/members': { role: 'child', name: 'Matrix Kind', birthDate: '2020-01-01' },
  'POST /api/families/:id/network': { name: 'Matrix Buur', relation: 'buurvrouw' },
  'POST /api/families/:id/plan/close': { reason: 'Matrix afronding', handedOverTo: 'Huisarts' },
  'POST /api/families/:id/plan/goal-proposals': { title: 'Matrix doel', lifeDomain: 'education' },
  'POST /api/families/:id/plan/goals': { title: 'Matrix doel', lifeDomain: 'education' },
  'POST /api/families/:id/plan/versions': { revision: 1 },
  'POST /api/families/:id/regie/handover': { toUserId: SOME, reason: 'Matrix overdracht' },
  'POST /api/families/:id/zrm': { memberId: SOME, edition: 'zrm-2017', assessedOn: FAR, scores: {} },
  'POST /api/goals/:goalId/agreements': { description: 'Matrix afspraak', ownerType: 'organisation', ownerLabel: 'X' },
  'POST /api/goals/:goalId/comments': { text: 'Matrix' },
  'POST /api/goals/:goalId/progress': { note: 'Matrix', score: 5 },
  'POST /api/agreements/:agreementId/comments': { text: 'Matrix' },
  'POST /api/involvements/:involvementId/consent': { givenBy: 'Matrix Ouder' },
  'PATCH /api/families/:id': { displayName: 'Matrix' },
  'PATCH /api/families/:id/plan': { evaluationDate: FAR },
  'PATCH /api/plan-sections/:sectionId': { content: 'Matrix' },
  'PATCH /api/goals/:goalId': { title: 'Matrix doel' },
  'PATCH /api/agreements/:agreementId': { description: 'Matrix afspraak' },
  'POST /api/families/:id/close': { helpEndedOn: '2026-01-15' },
  'POST /api/families/:id/correction-requests': { whatIsWrong: 'Matrix fout', shouldBe: 'Matrix goed' },
  'POST /api/families/:id/destruction-requests': { explanation: 'Matrix' },
  'POST /api/correction-requests/:requestId/answer': { decision: 'refused', answer: 'Matrix antwoord' },
  'POST /api/destruction-requests/:requestId/decision': { decision: 'refused', reasonCode: 'child-protection-measure' },
  // Empty: past the record checks it is refused (400 "send at least one field"), whatever the role may change.
  'PATCH /api/allocations/:allocationId': {},
};

/** An If-Match that is well-formed but stale: a permitted update answers 409 and writes nothing. */
export const STALE_IF_MATCH = '"999999"';
