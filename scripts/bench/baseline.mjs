// The hardware ceiling: a bare node:http server that runs the same SQL as the API (queries.mjs) through `pg`
// with the same pool size, verifies the same access tokens with node:crypto, and writes the same audit rows,
// with no framework, validation library, ORM or logger. The bench reports the API as a ratio to this.
//
// Standalone: DATABASE_URL=... JWT_SECRET=... PORT=... node scripts/bench/baseline.mjs
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import pg from 'pg';
import * as Q from './queries.mjs';

const { DATABASE_URL, JWT_SECRET } = process.env;
const PORT = Number(process.env.PORT ?? 3999);
const POOL_SIZE = Number(process.env.POOL_SIZE ?? 20);
if (!DATABASE_URL || !JWT_SECRET) {
  console.error('baseline: DATABASE_URL and JWT_SECRET are required');
  process.exit(2);
}
const pool = new pg.Pool({ connectionString: DATABASE_URL, max: POOL_SIZE, application_name: 'gezinsplan-baseline' });
const key = Buffer.from(JWT_SECRET);

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

function audit(client, who, req, familyId, subjectId, resource, action, result, why) {
  return client.query(Q.AUDIT_INSERT, [
    who.userId,
    who.role,
    who.organisationId,
    familyId,
    subjectId,
    resource,
    action,
    result,
    why,
    req.socket.remoteAddress,
    req.id,
  ]);
}

async function openPlan(req, res, who, familyId) {
  const family = await guard(who, familyId);
  if (!family) return send(res, 404, { statusCode: 404, code: 'NOT_FOUND', message: 'Family not found' });
  const { rows: plans } = await pool.query(Q.LIVING_PLAN, [familyId]);
  const plan = plans[0];
  if (!plan) return send(res, 404, { statusCode: 404, code: 'NOT_FOUND', message: 'Plan not found' });
  const [sections, goals, agreements] = await Promise.all([
    pool.query(Q.PLAN_SECTIONS, [plan.id]),
    pool.query(Q.PLAN_GOALS, [plan.id]),
    pool.query(Q.PLAN_AGREEMENTS, [familyId]),
  ]);
  const goalIds = goals.rows.map((g) => g.id);
  const progress = goalIds.length ? (await pool.query(Q.RECENT_PROGRESS, [goalIds, 5])).rows : [];
  const comments = (await pool.query(Q.PLAN_COMMENTS, [familyId])).rows;
  await audit(pool, who, req, familyId, null, 'plan', 'read', 'success', basis(who, family));
  send(res, 200, {
    id: plan.id,
    familyId,
    status: plan.status,
    version: plan.version,
    revision: plan.revision,
    sections: sections.rows.map((s) => ({ id: s.id, kind: s.kind, content: s.content, version: s.version })),
    goals: goals.rows
      .sort((a, b) => a.priority - b.priority)
      .map((g) => ({
        id: g.id,
        title: g.title,
        lifeDomain: g.life_domain,
        priority: g.priority,
        status: g.status,
        version: g.version,
        agreements: agreements.rows.filter((a) => a.goal_id === g.id),
        progress: progress.filter((p) => p.goalId === g.id),
        comments: comments.filter((c) => c.goalId === g.id),
      })),
  });
}

async function goalWrite(req, res, who, goalId, kind) {
  const { rows: fam } = await pool.query(Q.GOAL_FAMILY, [goalId]);
  if (!fam[0]) return send(res, 404, { statusCode: 404, code: 'NOT_FOUND', message: 'Goal not found' });
  const family = await guard(who, fam[0].family_id);
  if (!family) return send(res, 404, { statusCode: 404, code: 'NOT_FOUND', message: 'Family not found' });
  const goal = (await pool.query(Q.GOAL_BY_ID, [goalId])).rows[0];
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
        body.note,
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
