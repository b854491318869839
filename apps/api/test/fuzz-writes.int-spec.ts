import { hasPermission, type Permission } from '@gezinsplan/contracts';
import fc from 'fast-check';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { buildWorld, resolvePath, VALID_BODIES, type World } from './support/attack-fixtures';
import { type AppRoute, enumerateRoutes, isWrite } from './support/routes';
import { freshDatabase } from './support/fresh-database';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Property-based fuzzing of every write route (POST/PUT/PATCH/DELETE, enumerated at runtime): malformed JSON,
 * huge strings, wrong types, unicode, injection strings (SQL, NoSQL, prototype pollution, HTML/script),
 * unknown fields, missing or garbage If-Match. Sent as a caller the route ALLOWS (so the input reaches the
 * validation pipe and the services), on a private database. For every input: never a 5xx; every 4xx in the
 * documented shape { statusCode, code, message, details? }; and after each route's batch, not one row of case
 * data changed (checksum of every table but the logs). Seeded: FUZZ_SEED=<n> reproduces a run; FUZZ_RUNS=<n>
 * changes the number of inputs per route.
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20261124);
const RUNS = Number(process.env.FUZZ_RUNS ?? 12);
/**
 * Tables whose rows a refused request legitimately adds (logs, login throttling, sessions): not case data.
 * audit_log is partitioned by month: its partitions (audit_log_yYYYYmMM, audit_log_default) are left out with
 * it (found through pg_inherits), and the background sealing of the chain updates their rows at any moment.
 * audit_purge records purges of the log itself. The job queue lives in schema pgboss, which is not checked
 * (only schema public holds case data).
 */
const NOT_CASE_DATA = new Set(['audit_log', 'audit_purge', 'login_attempt', 'refresh_token', 'migrations']);
/**
 * Routes that change a table on EVERY call, because they take no input at all, with the part of that table
 * that must still stay unchanged. POST /api/auth/second-factor/enrolment (logged in, no body, no parameters)
 * starts a TOTP enrolment: it (re)writes the caller's own PENDING secret, which is not a second factor until
 * confirmed with a code. Account security data of the caller, not case data; the confirmed secrets of every
 * account must not change, and every other table is checked as for any route.
 */
const WRITES_BY_DESIGN: Record<string, Record<string, string>> = {
  'POST /api/auth/second-factor/enrolment': { user_totp: 'confirmed_at IS NOT NULL' },
};
/** Callers tried in order: the first whose role has the route's permission (all see De Vries, the target). */
const CALLERS: [string, string][] = [
  ['toegang@heerlen.demo', 'access_team'],
  ['zorg@horizon.demo', 'provider'],
  ['ouder@devries.demo', 'parent'],
  ['jeugd@devries.demo', 'youth'],
  ['beheer@gezinsplan.demo', 'admin'],
  ['beleid@zuidlimburg.demo', 'policy'],
];

let t: TestApp;
let db: Awaited<ReturnType<typeof freshDatabase>>;
let world: World;
let routes: AppRoute[];
const tokens = new Map<string, string>();

beforeAll(async () => {
  db = await freshDatabase('gezinsplan_fuzz');
  t = await startTestApp({ databaseUrl: db.url });
  world = await buildWorld(t.ds);
  routes = enumerateRoutes(t.app).filter(isWrite);
  for (const [email] of CALLERS) tokens.set(email, await t.token(email));
  console.log(`fuzz-writes: seed ${SEED}, ${RUNS} inputs per route (FUZZ_SEED / FUZZ_RUNS to change)`);
}, 300_000);

afterAll(async () => {
  await t?.close();
  await db?.drop();
});

/**
 * One md5 per case-data table (schema public, minus NOT_CASE_DATA and their partitions). `only` narrows a
 * table to the rows that must not change (WRITES_BY_DESIGN).
 */
async function checksums(ds: DataSource, only: Record<string, string> = {}): Promise<Record<string, string>> {
  const tables: { name: string }[] = await ds.query(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
        AND NOT c.relname = ANY($1)
        AND NOT EXISTS (SELECT 1 FROM pg_inherits i JOIN pg_class parent ON parent.oid = i.inhparent
                         WHERE i.inhrelid = c.oid AND parent.relname = ANY($1))
      ORDER BY c.relname`,
    [[...NOT_CASE_DATA]],
  );
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    const where = only[name] ? `WHERE ${only[name]}` : '';
    const [row]: { sum: string }[] = await ds.query(
      `SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS sum FROM "${name}" t ${where}`,
    );
    out[name] = row.sum;
  }
  return out;
}

// ---- the inputs ----
const INJECTIONS = [
  "'; DROP TABLE family; --",
  "' OR '1'='1",
  '1; SELECT pg_sleep(5)--',
  '$$; DELETE FROM plan; $$',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(document.cookie)>',
  'javascript:alert(1)',
  '{{7*7}}${7*7}',
  '../../../../etc/passwd',
  '%00%0d%0aSet-Cookie: x=1',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\u202eevil\u202c',
  '👨‍👩‍👧‍👦'.repeat(50),
  'ｅｖｉｌ',
  '\\',
  '"',
  ' ',
];
const NOSQL = [{ $gt: '' }, { $ne: null }, { $where: 'sleep(1000)' }, { $regex: '.*' }];

const nastyString = fc.oneof(
  fc.constantFrom(...INJECTIONS),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.constantFrom(10_000, 300_000).map((n) => 'x'.repeat(n)),
);
const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  nastyString,
  fc.constantFrom(...NOSQL),
  fc.integer(),
  fc.constantFrom(Number.MAX_SAFE_INTEGER, -1, 0, 1e308, -1e308, 0.5),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.oneof(fc.string({ maxLength: 5 }), fc.integer()), { maxLength: 5 }),
  fc.constantFrom(Array.from({ length: 5000 }, (_, i) => i)),
  fc.constant({ a: { b: { c: { d: { e: { f: 'deep' } } } } } }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 }),
);
/** Never the name of a real field: whitelisting must refuse it. */
const unknownKey = fc.string({ minLength: 1, maxLength: 20 }).map((s) => `zz_${s}`);

const MALFORMED = ['{', '{"a":', '[1,2', '{"a":1,}', "{'a':1}", 'nul', '{"a":"\\x"}', '\u0000', '{"a":1}}', '"'];

type Input =
  | { kind: 'raw'; text: string }
  | { kind: 'json'; body: unknown }
  | { kind: 'proto'; text: string }
  | { kind: 'well-typed'; body: Record<string, unknown> };

function inputsFor(base: Record<string, unknown>, guarded: boolean): fc.Arbitrary<Input> {
  const fields = Object.keys(base);
  const mutated = fc
    .tuple(
      fc.subarray(fields),
      fc.array(nastyValue, { minLength: fields.length, maxLength: fields.length }),
      fc.dictionary(unknownKey, nastyValue, { minKeys: 1, maxKeys: 3 }),
    )
    .map(([replace, values, extra]) => {
      const body: Record<string, unknown> = { ...base, ...extra };
      replace.forEach((f, i) => (body[f] = values[i]));
      return { kind: 'json' as const, body };
    });
  // Hostile strings that are valid as such in every string field. On an update they reach the service, whose
  // If-Match is never the current version; on a creation the first one also holds a NUL character, which the
  // API must refuse (PostgreSQL text cannot store it) so that nothing is written.
  const strings = fields.filter((f) => typeof base[f] === 'string');
  const wellTyped = fc
    .array(fc.constantFrom(...INJECTIONS), { minLength: fields.length, maxLength: fields.length })
    .map((values) => {
      const body: Record<string, unknown> = { ...base };
      strings.forEach((f, i) => (body[f] = values[i]));
      if (!guarded && strings.length) body[strings[0]] = `${String(body[strings[0]])}\u0000`;
      return { kind: 'well-typed' as const, body };
    });
  const wellTypedOrMutated = guarded || strings.length ? wellTyped : mutated;
  return fc.oneof(
    fc
      .oneof(fc.constantFrom(...MALFORMED), fc.string({ maxLength: 30 }))
      .map((text) => ({ kind: 'raw' as const, text })),
    fc
      .constantFrom(
        '{"__proto__":{"polluted":true}}',
        '{"constructor":{"prototype":{"polluted":true}}}',
        '{"a":{"__proto__":{"polluted":true}}}',
      )
      .map((extra) => ({ kind: 'proto' as const, text: mergeJson(base, extra) })),
    fc.oneof(fc.integer(), fc.string(), fc.constant(null), fc.array(nastyValue, { maxLength: 3 })).map((body) => ({
      kind: 'json' as const,
      body,
    })),
    mutated,
    wellTypedOrMutated,
  );
}

function mergeJson(base: Record<string, unknown>, extra: string): string {
  const inner = JSON.stringify(base).slice(1, -1);
  return `{${inner}${inner ? ',' : ''}${extra.slice(1, -1)}}`;
}

const ifMatch = fc.oneof(
  fc.constant(undefined),
  fc.constantFrom('"999999"', 'W/"999999"', '*', '"-1"', '""', '"1.5"', '"9999999999"', "' OR 1=1 --"),
  fc.string({ unit: 'grapheme-ascii', maxLength: 20 }),
);
const garbageParam = fc.oneof(
  fc.constantFrom("1' OR '1'='1", '../../etc', '%00', '00000000-0000-0000-0000-000000000000', '-1', '1e9', 'null'),
  fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 40 }),
);

function callerFor(route: AppRoute): string | null {
  if (route.declared === 'public') return null;
  const found = CALLERS.find(([, role]) => hasPermission(role as never, route.declared as Permission));
  if (!found) throw new Error(`no demo caller has ${route.declared} for ${route.key}`);
  return found[0];
}

const SHAPE_KEYS = new Set(['statusCode', 'code', 'message', 'details']);
function shapeProblem(status: number, body: unknown): string | null {
  if (status >= 500) return `server error ${status}: ${JSON.stringify(body)}`;
  if (status < 400) return null;
  if (!body || typeof body !== 'object' || Array.isArray(body)) return `${status} without a JSON error body`;
  const b = body as Record<string, unknown>;
  const extra = Object.keys(b).filter((k) => !SHAPE_KEYS.has(k));
  if (extra.length) return `${status} with unexpected keys ${extra.join(', ')}`;
  if (b.statusCode !== status) return `${status} with statusCode ${String(b.statusCode)}`;
  if (typeof b.code !== 'string' || !/^[A-Z][A-Z_]+$/.test(b.code)) return `${status} with code ${String(b.code)}`;
  if (typeof b.message !== 'string' || !b.message) return `${status} without a message`;
  return null;
}

describe('fuzzing every write route', () => {
  it('never answers a 5xx, always the error shape, and changes no row of case data', async () => {
    expect(routes.length).toBeGreaterThan(30);
    const started = Date.now();
    const problems: string[] = [];
    for (const [index, route] of routes.entries()) {
      const caller = callerFor(route);
      const only = WRITES_BY_DESIGN[route.key] ?? {};
      const before = await checksums(t.ds, only);
      const validPath = await resolvePath(t.ds, world, route, world.families['De Vries']).catch(() => null);
      const usesIfMatch = route.method !== 'POST';
      // Bodyless creations run when their path is valid: fuzz the path then; otherwise the body and If-Match.
      const fuzzPath = !route.hasBody && !usesIfMatch && route.params.length > 0;
      const base = (VALID_BODIES[route.key] ?? {}) as Record<string, unknown>;
      await fc.assert(
        fc.asyncProperty(
          inputsFor(base, usesIfMatch),
          ifMatch,
          fc.array(garbageParam, { minLength: 3, maxLength: 3 }),
          async (input, match, params) => {
            let path = validPath;
            if (fuzzPath || !path) {
              let i = 0;
              path = route.path.replace(/:([A-Za-z0-9_]+)/g, () => encodeURIComponent(params[i++ % 3]));
            }
            const method = route.method.toLowerCase() as 'post' | 'put' | 'patch' | 'delete';
            let req = request(t.http)[method](path);
            if (caller) req = req.set('Authorization', `Bearer ${tokens.get(caller)}`);
            if (usesIfMatch && match !== undefined) req = req.set('If-Match', match);
            if (usesIfMatch && match === undefined && input.kind === 'well-typed')
              req = req.set('If-Match', '"999999"');
            if (input.kind === 'raw' || input.kind === 'proto') {
              req = req.set('Content-Type', 'application/json').send(input.text);
            } else {
              req = req.send(JSON.stringify(input.body)).set('Content-Type', 'application/json');
            }
            const res = await req;
            const problem = shapeProblem(res.status, res.body);
            if (problem) {
              const shown = JSON.stringify(input).slice(0, 300);
              problems.push(`${route.key} as ${caller ?? 'anonymous'} (${input.kind} ${shown}): ${problem}`);
            }
            if (res.status < 300 && process.env.FUZZ_DEBUG) console.log(route.key, res.status, JSON.stringify(input));
            expect(({} as Record<string, unknown>).polluted).toBeUndefined();
          },
        ),
        { seed: SEED + index, numRuns: RUNS, endOnFailure: true },
      );
      const after = await checksums(t.ds, only);
      const changed = Object.keys(after).filter((k) => after[k] !== before[k]);
      if (changed.length) problems.push(`${route.key}: changed rows in ${changed.join(', ')}`);
    }
    console.log(`fuzz-writes: ${routes.length} routes x ${RUNS} inputs in ${Date.now() - started} ms`);
    expect(problems).toEqual([]);
  }, 600_000);

  it('refuses what the fuzzer once got through: NUL characters (a 500) and prototype keys (accepted)', async () => {
    const token = tokens.get('toegang@heerlen.demo') as string;
    const goal = await resolvePath(
      t.ds,
      world,
      routes.find((r) => r.key === 'POST /api/goals/:goalId/comments') as AppRoute,
      world.families['De Vries'],
    );
    const before = await checksums(t.ds);
    const nul = await request(t.http).post(goal).set('Authorization', `Bearer ${token}`).send({ text: 'a\u0000b' });
    expect(nul.body).toEqual({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: 'Invalid input: text',
      details: [{ field: 'text', messages: ['must not contain NUL characters'] }],
    });
    const proto = await request(t.http)
      .post(goal)
      .set('Authorization', `Bearer ${token}`)
      .set('Content-Type', 'application/json')
      .send('{"text":"Goed bezig","__proto__":{"isAdmin":true}}');
    expect(proto.status).toBe(400);
    expect(proto.body.details).toEqual([{ field: '__proto__', messages: ['property __proto__ should not exist'] }]);
    const query = await request(t.http).get('/api/families?q=%00').set('Authorization', `Bearer ${token}`);
    expect([query.status, query.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(await checksums(t.ds)).toEqual(before);
  });
});
