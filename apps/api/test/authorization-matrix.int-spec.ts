import { hasPermission, type Permission, type Role } from '@gezinsplan/contracts';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import {
  buildWorld,
  DEMO_FAMILIES,
  type DemoFamily,
  isFamilyScoped,
  resolvePath,
  STALE_IF_MATCH,
  VALID_BODIES,
  type World,
} from './support/attack-fixtures';
import { type AppRoute, enumerateRoutes, isWrite } from './support/routes';
import { freshDatabase } from './support/fresh-database';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * The authorization matrix: every route the running app serves (enumerated from Nest's metadata, so routes
 * added later are attacked too) x every demo role x a target family (own / another / another municipality /
 * involved without consent). The expected outcome is derived from the permission table (ROLE_PERMISSIONS,
 * @RequirePermission) plus the record-level rule (not yours = 404) written out below by hand; the actual
 * outcome is what the API answers. Any difference fails the test. The matrix is written to
 * dist/security/authorization-matrix.{md,json}.
 *
 * Writes: the spec runs on a database of its own (demo data, migrated and seeded here), so nothing it does
 * can disturb other specs. Even there, a permitted write is never carried out when it could change who may
 * see what: updates carry a stale If-Match (409, nothing written), creations carry a body the validation
 * pipe refuses (400 after authorization), and the consent routes aim at involvements without consent.
 */

interface Actor {
  email: string;
  role: Role;
  /** Record-level rule, by hand: the demo families this account may open (AccessService must agree). */
  sees: DemoFamily[];
  home: string;
  /** A youth's age (the privacy rules depend on it: destruction from 12, export from 16). */
  age?: number;
}

const ACTORS: Actor[] = [
  { email: 'toegang@heerlen.demo', role: 'access_team', sees: ['De Vries', 'Bakker'], home: 'Heerlen' },
  { email: 'toegang@maastricht.demo', role: 'access_team', sees: ['Janssen'], home: 'Maastricht' },
  { email: 'zorg@horizon.demo', role: 'provider', sees: ['De Vries'], home: 'Heerlen' }, // Bakker: consent withdrawn
  { email: 'zorg@kompas.demo', role: 'provider', sees: ['Janssen'], home: 'Maastricht' }, // De Vries: no consent
  { email: 'gi@jeugdbescherming.demo', role: 'gi', sees: ['Bakker'], home: 'Heerlen' },
  { email: 'ouder@devries.demo', role: 'parent', sees: ['De Vries'], home: 'Heerlen' },
  { email: 'jeugd@devries.demo', role: 'youth', sees: ['De Vries'], home: 'Heerlen', age: 14 },
  { email: 'ouder@janssen.demo', role: 'parent', sees: ['Janssen'], home: 'Maastricht' },
  { email: 'beleid@zuidlimburg.demo', role: 'policy', sees: [], home: '' },
  { email: 'beheer@gezinsplan.demo', role: 'admin', sees: [], home: '' },
];
const REGISSEUR: Record<DemoFamily, string> = {
  'De Vries': 'toegang@heerlen.demo',
  Bakker: 'gi@jeugdbescherming.demo',
  Janssen: 'toegang@maastricht.demo',
};
const MUNICIPALITY: Record<DemoFamily, string> = { 'De Vries': 'Heerlen', Bakker: 'Heerlen', Janssen: 'Maastricht' };

/** The outcome classes the matrix compares; `public` accepts anything but a refusal by the guard or a 5xx. */
type Outcome = 'allowed' | 'unauthenticated' | 'forbidden' | 'not-found' | 'public' | 'server-error';

/**
 * Business rules on top of permission + family visibility, each a deliberate product rule (not a leak).
 * Keyed by route key; `when` narrows to actors/targets. Keep this list short and explained.
 */
const RULES: { route: string; when: (a: Actor, target: DemoFamily | null) => boolean; expect: Outcome; why: string }[] =
  [
    {
      route: 'POST /api/notifications/:notificationId/read',
      when: (a) => a.email !== 'toegang@heerlen.demo',
      expect: 'not-found',
      why: 'a notification belongs to its recipient only (the fixture is one of toegang@heerlen.demo)',
    },
    {
      route: 'GET /api/families/:id/access-log',
      when: (a, target) =>
        target !== null && a.sees.includes(target) && a.role !== 'parent' && REGISSEUR[target] !== a.email,
      expect: 'forbidden',
      why: "only the family's parents and its regisseur see who opened the file (the others may know it exists)",
    },
    ...[
      'POST /api/families/:id/close',
      'POST /api/families/:id/reopen',
      'POST /api/destruction-requests/:requestId/decision',
    ].map((route) => ({
      route,
      when: (a: Actor, target: DemoFamily | null) =>
        target !== null && a.sees.includes(target) && a.role !== 'access_team' && REGISSEUR[target] !== a.email,
      expect: 'forbidden' as Outcome,
      why: "closing, reopening and deciding on destruction: the family's regisseur or the municipality's access team",
    })),
    {
      route: 'GET /api/families/:id/correction-requests',
      when: (a, target) =>
        target !== null &&
        a.sees.includes(target) &&
        a.role !== 'parent' &&
        a.role !== 'youth' &&
        REGISSEUR[target] !== a.email,
      expect: 'forbidden',
      why: 'correction requests are seen by the family (parents; a youth their own) and its regisseur only',
    },
    {
      route: 'POST /api/correction-requests/:requestId/answer',
      when: (a, target) => target !== null && a.sees.includes(target) && REGISSEUR[target] !== a.email,
      expect: 'forbidden',
      why: "only the family's regisseur answers a correction request",
    },
    ...['GET /api/families/:id/privacy-export', 'GET /api/families/:id/privacy-export/pdf'].map((route) => ({
      route,
      when: (a: Actor, target: DemoFamily | null) =>
        target !== null && a.sees.includes(target) && a.role === 'youth' && (a.age ?? 0) < 16,
      expect: 'forbidden' as Outcome,
      why: 'a youth exports their own data from 16 (jeugd@devries.demo is 14); a parent with custody the file',
    })),
  ];

const CSRF_ROUTES = new Set(['POST /api/auth/refresh', 'POST /api/auth/logout']);

interface Cell {
  route: string;
  permission: string;
  actor: string;
  role: Role | 'anonymous';
  target: string;
  relation: string;
  expected: Outcome;
  actual: Outcome;
  status: number;
  code: string | null;
  rule?: string;
}

function classify(status: number): Outcome {
  if (status >= 500) return 'server-error';
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  return 'allowed';
}

const matches = (expected: Outcome, actual: Outcome) =>
  expected === 'public' ? actual !== 'forbidden' && actual !== 'server-error' : expected === actual;

function relationOf(actor: Actor, target: DemoFamily | null): string {
  if (target === null) return '-';
  if (actor.sees.includes(target)) return 'own';
  if (actor.email === 'zorg@kompas.demo' && target === 'De Vries') return 'involved without consent';
  if (actor.email === 'zorg@horizon.demo' && target === 'Bakker') return 'consent withdrawn';
  if (!actor.home) return 'no case data';
  return MUNICIPALITY[target] === actor.home ? 'other family' : 'other municipality';
}

function expectedFor(route: AppRoute, actor: Actor | null, target: DemoFamily | null): { o: Outcome; rule?: string } {
  if (route.declared === 'public') return { o: 'public' };
  if (!actor) return { o: 'unauthenticated' };
  if (route.declared === 'undeclared') return { o: 'forbidden' };
  if (!hasPermission(actor.role, route.declared as Permission)) return { o: 'forbidden' };
  const rule = RULES.find((r) => r.route === route.key && r.when(actor, target));
  if (rule) return { o: rule.expect, rule: rule.why };
  if (target !== null && !actor.sees.includes(target)) return { o: 'not-found' };
  return { o: 'allowed' };
}

let t: TestApp;
let db: Awaited<ReturnType<typeof freshDatabase>>;
let world: World;
let routes: AppRoute[];
const tokens = new Map<string, string>();
const cells: Cell[] = [];

beforeAll(async () => {
  db = await freshDatabase('gezinsplan_matrix');
  t = await startTestApp({ databaseUrl: db.url });
  world = await buildWorld(t.ds);
  routes = enumerateRoutes(t.app);
  for (const a of ACTORS) tokens.set(a.email, await t.token(a.email));
}, 300_000);

afterAll(async () => {
  await t?.close();
  await db?.drop();
});

async function run(route: AppRoute, actor: Actor | null, target: DemoFamily | null): Promise<Cell> {
  const { o: expected, rule } = expectedFor(route, actor, target);
  const path = await resolvePath(t.ds, world, route, target ? world.families[target] : null);
  const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
  let req = request(t.http)[method](path);
  if (actor) req = req.set('Authorization', `Bearer ${tokens.get(actor.email)}`);
  // Every write carries a stale If-Match: updates (and the POST state changes that need one: close, reopen,
  // answer, decide) pass the 428 check, reach the record check and, where permitted, answer 409.
  if (route.method !== 'GET') req = req.set('If-Match', STALE_IF_MATCH);
  // The cookie routes (refresh, logout) check the CSRF double-submit before anything else: send a matching pair
  // (but no refresh cookie), so the answer shows how the route treats a caller without a session.
  if (CSRF_ROUTES.has(route.key)) req = req.set('Cookie', 'gp_csrf=matrix').set('X-CSRF-Token', 'matrix');
  if (route.hasBody) {
    // A valid body only where it cannot write: an expected refusal (so the refusal is proved past the validation
    // pipe), or an update with a stale If-Match.
    const valid = VALID_BODIES[route.key];
    const safe = expected === 'not-found' || expected === 'forbidden' || route.method === 'PATCH';
    req = req.send(valid !== undefined && safe ? (valid as object) : { matrixProbe: true });
  }
  const res = await req;
  return {
    route: route.key,
    permission: route.declared,
    actor: actor?.email ?? 'anonymous',
    role: actor?.role ?? 'anonymous',
    target: target ?? '-',
    relation: actor ? relationOf(actor, target) : '-',
    expected,
    actual: classify(res.status),
    status: res.status,
    code: (res.body as { code?: string } | undefined)?.code ?? null,
    ...(rule ? { rule } : {}),
  };
}

async function pool<T>(jobs: (() => Promise<T>)[], width: number): Promise<T[]> {
  const out: T[] = new Array(jobs.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < jobs.length) {
        const i = next++;
        out[i] = await jobs[i]();
      }
    }),
  );
  return out;
}

describe('authorization matrix', () => {
  it('finds every route declaring either @Public or @RequirePermission', () => {
    expect(routes.length).toBeGreaterThan(50);
    expect(routes.filter((r) => r.declared === 'undeclared').map((r) => r.key)).toEqual([]);
  });

  it('has a fixture for every path parameter and a valid body for every family-scoped write with a body', () => {
    const missingBodies = routes
      .filter((r) => isWrite(r) && r.hasBody && isFamilyScoped(r) && r.declared !== 'public')
      .filter((r) => VALID_BODIES[r.key] === undefined)
      .map((r) => r.key);
    expect(missingBodies).toEqual([]);
  });

  it('answers every route, role and family exactly as the permission table and the record rule say', async () => {
    const jobs: (() => Promise<Cell>)[] = [];
    for (const route of routes) {
      const targets: (DemoFamily | null)[] = isFamilyScoped(route) ? [...DEMO_FAMILIES] : [null];
      for (const target of targets) {
        // Without a token the target cannot matter (the guard answers before any record is read): once per route.
        if (target === targets[0]) jobs.push(() => run(route, null, target));
        for (const actor of ACTORS) jobs.push(() => run(route, actor, target));
      }
    }
    cells.push(...(await pool(jobs, 6)));
    writeArtifacts(cells);
    const wrong = cells
      .filter((c) => !matches(c.expected, c.actual))
      .map((c) => `${c.route} as ${c.actor} on ${c.target}: expected ${c.expected}, got ${c.status} ${c.code}`);
    expect(wrong).toEqual([]);
    // Sanity: the matrix really exercised both sides of every rule.
    const count = (o: Outcome) => cells.filter((c) => c.actual === o).length;
    for (const o of ['allowed', 'forbidden', 'not-found', 'unauthenticated'] as Outcome[]) {
      expect(count(o)).toBeGreaterThan(10);
    }
  }, 600_000);

  it('refuses every non-public route without a token with 401 UNAUTHENTICATED', () => {
    const anonymous = cells.filter((c) => c.actor === 'anonymous' && c.permission !== 'public');
    expect(anonymous.length).toBeGreaterThan(50);
    expect(anonymous.filter((c) => c.status !== 401 || c.code !== 'UNAUTHENTICATED')).toEqual([]);
  });
});

function writeArtifacts(all: Cell[]): void {
  const dir = join(__dirname, '../../../dist/security');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'authorization-matrix.json'), `${JSON.stringify(all, null, 2)}\n`);
  const lines = [
    '# Authorization matrix',
    '',
    `Generated by apps/api/test/authorization-matrix.int-spec.ts on ${new Date().toISOString()}.`,
    'Each cell: expected / actual (HTTP status). `allowed` = passed authorization (2xx, or 400/409/422 after it);',
    '`public` = no login needed. A ✗ marks a difference (the test fails on any).',
    '',
  ];
  const byRoute = new Map<string, Cell[]>();
  for (const c of all) byRoute.set(c.route, [...(byRoute.get(c.route) ?? []), c]);
  for (const [route, rows] of byRoute) {
    const targets = [...new Set(rows.map((r) => r.target))];
    lines.push(`## ${route} (${rows[0].permission})`, '');
    lines.push(`| actor | role | ${targets.join(' | ')} |`, `|---|---|${targets.map(() => '---').join('|')}|`);
    for (const actor of [...new Set(rows.map((r) => r.actor))]) {
      const mine = rows.filter((r) => r.actor === actor);
      const cellText = (target: string) => {
        const c = mine.find((r) => r.target === target);
        if (!c) return '';
        const mark = matches(c.expected, c.actual) ? '' : ' ✗';
        return `${c.expected} / ${c.actual} ${c.status}${c.relation !== '-' ? ` (${c.relation})` : ''}${mark}`;
      };
      lines.push(`| ${actor} | ${mine[0].role} | ${targets.map(cellText).join(' | ')} |`);
    }
    lines.push('');
  }
  writeFileSync(join(dir, 'authorization-matrix.md'), `${lines.join('\n')}\n`);
}
