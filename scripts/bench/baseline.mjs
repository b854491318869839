// The hardware ceiling: a bare node:http server that runs the same SQL as the API (queries.mjs) through `pg`
// with the same pool size, verifies the same access tokens with node:crypto, and writes the same audit rows,
// with no framework, validation library, ORM or logger. The bench reports the API as a ratio to this.
//
// Standalone: DATABASE_URL=... JWT_SECRET=... PORT=... node scripts/bench/baseline.mjs
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import pg from 'pg';
import * as Q from './queries.mjs';

// The API's own statements and group commit, from its build (no framework in them): the plan document, the
// audit insert and the batching of read-audit rows are exactly the API's.
const require = createRequire(import.meta.url);
const dist = new URL('../../dist/apps/api/apps/api/src/', import.meta.url).pathname;
const { PLAN_DOCUMENT_BY_FAMILY } = require(`${dist}modules/plans/plan-document.sql.js`);
const { AUDIT_INSERT_ROWS } = require(`${dist}modules/audit/audit-insert.sql.js`);
const { GroupCommit } = require(`${dist}database/group-commit.js`);
const { FieldCipher } = require(`${dist}common/crypto/field-cipher.js`);

const { DATABASE_URL, JWT_SECRET, FIELD_ENCRYPTION_KEY } = process.env;
const PORT = Number(process.env.PORT ?? 3999);
const POOL_SIZE = Number(process.env.POOL_SIZE ?? 20);
if (!DATABASE_URL || !JWT_SECRET || !FIELD_ENCRYPTION_KEY) {
  console.error('baseline: DATABASE_URL, JWT_SECRET and FIELD_ENCRYPTION_KEY are required');
  process.exit(2);
}
const pool = new pg.Pool({ connectionString: DATABASE_URL, max: POOL_SIZE, application_name: 'gezinsplan-baseline' });
const key = Buffer.from(JWT_SECRET);
// Notes are stored encrypted, as the API stores them (and the API can read what the baseline wrote).
const cipher = new FieldCipher(FIELD_ENCRYPTION_KEY);

function principal(req) {
  const m = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
  if (!m) return null;
  const [h, p, s] = m[1].split('.');
  if (!s) return null;
  const expected = createHmac('sha256', key).update(`${h}.${p}`).digest();
  const given = Buffer.from(s, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
  if (claims.exp * 1000 < Date.now()) return null;
  return { userId: claims.sub, role: claims.role, organisationId: claims.org, displayName: claims.name };
}

function send(res, status, body, headers = {}) {
  const json = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json), ...headers });
  res.end(json);
}

const readBody = (req) =>
  new Promise((resolve, reject) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      try {
        resolve(data ? JSON.parse(data) : {});
      } catch (e) {
        reject(e);
      }
    });
    req.on('error', reject);
  });

async function guard(who, familyId, client = pool) {
  const sql = who.role === 'access_team' ? Q.GUARD_ACCESS_TEAM : Q.GUARD_PROVIDER;
  const { rows } = await client.query(sql, [familyId, who.organisationId, who.userId]);
  return rows[0] ?? null;
}

const basis = (who, family) =>
  family.regisseur_user_id === who.userId
    ? 'regisseur'
    : who.role === 'access_team'
      ? 'municipality'
      : 'involvement-consent';

/** The audit rows in the API's column order, written with its statement (prepared once per connection). */
function insertAudit(client, rows) {
  const col = (i) => rows.map((r) => r[i]);
  return client.query({
    name: 'audit-insert',
    text: AUDIT_INSERT_ROWS,
    values: [col(0), col(1), col(2), col(3), col(4), col(5), col(6), col(7), col(8), col(9), col(10), col(11), col(12)],
  });
}
const readAudit = new GroupCommit((rows) => insertAudit(pool, rows));

/** A write's audit row goes in with the write (`client`); a read's or refusal's by group commit. */
function audit(client, who, req, familyId, subjectId, resource, action, result, why) {
  const row = [
    who.userId,
    who.role,
    who.organisationId,
    familyId,
    subjectId,
    resource,
    action,
    result,
    why,
    false,
    req.socket.remoteAddress,
    req.id,
    null,
  ];
  return client === pool ? readAudit.add([row]) : insertAudit(client, [row]);
}

async function openPlan(req, res, who, familyId) {
  const family = await guard(who, familyId);
  if (!family) return send(res, 404, { statusCode: 404, code: 'NOT_FOUND', message: 'Family not found' });
  const {
    rows: [doc],
  } = await pool.query({ name: 'plan-document-by-family', text: PLAN_DOCUMENT_BY_FAMILY, values: [familyId, 5] });
  if (!doc?.plan) return send(res, 404, { statusCode: 404, code: 'NOT_FOUND', message: 'Plan not found' });
  for (const p of doc.progress) p.note = cipher.open(p.note);
  for (const c of doc.comments) c.text = cipher.open(c.text);
  await audit(pool, who, req, familyId, null, 'plan', 'read', 'success', basis(who, family));
  const { plan } = doc;
  send(res, 200, {
    id: plan.id,
    familyId,
    status: plan.status,
    version: plan.version,
    revision: plan.revision,
    sections: doc.sections.map((s) => ({ id: s.id, kind: s.kind, content: s.content, version: s.version })),
    goals: doc.goals
      .sort((a, b) => a.priority - b.priority)
      .map((g) => ({
        ...g,
        agreements: doc.agreements.filter((a) => a.goalId === g.id),
        progress: doc.progress.filter((p) => p.goalId === g.id),
        comments: doc.comments.filter((c) => c.goalId === g.id),
      })),
  });
}

async function goalWrite(req, res, who, goalId, kind) {
  const goal = (await pool.query(Q.GOAL_BY_ID, [goalId])).rows[0];
  if (!goal) return send(res, 404, { statusCode: 404, code: 'NOT_FOUND', message: 'Goal not found' });
  const family = await guard(who, goal.family_id);
  if (!family) return send(res, 404, { statusCode: 404, code: 'NOT_FOUND', message: 'Family not found' });
  // AccessService.basisForFamily: someone other than the regisseur may be there on an emergency grant only.
  if (family.regisseur_user_id !== who.userId) await pool.query(Q.EMERGENCY_GRANT, [who.userId, family.id]);
  const body = await readBody(req);
  const expected = kind === 'update' ? Number(/^(?:W\/)?"(\d+)"$/.exec(req.headers['if-match'] ?? '')?.[1]) : null;
  if (kind === 'update' && !expected) {
    return send(res, 428, { statusCode: 428, code: 'PRECONDITION_REQUIRED', message: 'If-Match required' });
  }
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    let out;
    let status = 200;
    if (kind === 'update') {
      const r = await client.query(Q.GOAL_UPDATE, [goalId, expected, body.title]);
      const current = (await client.query(Q.GOAL_BY_ID, [goalId])).rows[0];
      const agreements = (await client.query(Q.GOAL_AGREEMENTS, [goalId])).rows;
      if (r.rowCount !== 1) {
        await client.query('ROLLBACK');
        await audit(pool, who, req, family.id, goalId, 'goal', 'update', 'conflict', basis(who, family));
        return send(res, 409, { statusCode: 409, code: 'VERSION_CONFLICT', message: 'Changed by someone else' });
      }
      out = { id: current.id, title: current.title, version: current.version, agreements };
    } else {
      const today = new Date().toISOString().slice(0, 10);
      const r = await client.query(Q.PROGRESS_INSERT, [
        goalId,
        family.id,
        who.userId,
        who.organisationId,
        cipher.seal(body.note),
        body.score,
        today,
      ]);
      out = { id: r.rows[0].id, goalId, note: body.note, score: body.score, notedOn: today };
      status = 201;
    }
    await client.query(Q.PLAN_TOUCH, [goal.plan_id]);
    const resource = kind === 'update' ? 'goal' : 'progress';
    await audit(
      client,
      who,
      req,
      family.id,
      out.id,
      resource,
      kind === 'update' ? 'update' : 'create',
      'success',
      basis(who, family),
    );
    if (family.regisseur_user_id && family.regisseur_user_id !== who.userId) {
      await client.query(Q.NOTIFICATION_INSERT, [
        family.regisseur_user_id,
        family.id,
        `${resource}.${kind === 'update' ? 'updated' : 'created'}`,
        `${who.displayName}: heeft het doel "${goal.title}" gewijzigd`,
        resource,
        out.id,
        who.userId,
      ]);
    }
    if (kind === 'progress' && who.organisationId) await client.query(Q.ORGANISATION_NAME, [who.organisationId]);
    await client.query('COMMIT');
    send(res, status, out, kind === 'update' ? { etag: `"${out.version}"` } : {});
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

let counter = 0;
const server = createServer((req, res) => {
  req.id = `b${++counter}`;
  const url = req.url ?? '/';
  if (url === '/health') return send(res, 200, { status: 'ok' });
  const who = principal(req);
  if (!who) return send(res, 401, { statusCode: 401, code: 'UNAUTHENTICATED', message: 'Log in first' });
  let m;
  let work;
  if (req.method === 'GET' && (m = /^\/api\/families\/([0-9a-f-]{36})\/plan$/.exec(url))) {
    work = openPlan(req, res, who, m[1]);
  } else if (req.method === 'PATCH' && (m = /^\/api\/goals\/([0-9a-f-]{36})$/.exec(url))) {
    work = goalWrite(req, res, who, m[1], 'update');
  } else if (req.method === 'POST' && (m = /^\/api\/goals\/([0-9a-f-]{36})\/progress$/.exec(url))) {
    work = goalWrite(req, res, who, m[1], 'progress');
  } else {
    return send(res, 404, { statusCode: 404, code: 'NOT_FOUND', message: 'No such route' });
  }
  work.catch((err) => {
    console.error(err);
    if (!res.headersSent) send(res, 500, { statusCode: 500, code: 'INTERNAL_ERROR', message: 'failed' });
  });
});
server.keepAliveTimeout = 65_000;
server.listen(PORT, '127.0.0.1');
process.on('SIGTERM', () => {
  server.close();
  pool.end().finally(() => process.exit(0));
});
