import request from 'supertest';
import type { DataSource } from 'typeorm';
import { READ_DATA_SOURCE } from '../src/database/read-replica.module';
import { JOB_NAMES } from '../src/modules/jobs/job-names';
import { JobsService } from '../src/modules/jobs/jobs.service';
import { startApiProcess, type ApiProcess } from './support/api-process';
import { createFamily, involve, organisationId, userId } from './support/fixtures';
import { join, LiveClients, nextEvent } from './support/live-client';
import { RoundRobinProxy } from './support/round-robin-proxy';
import { sessionCookiesOf, type SessionCookies } from './support/session';
import { DEMO_PASSWORD, startTestApp, type TestApp } from './support/test-app';

/**
 * The path past one machine (docs/scale-out.md): two API processes from the production build on one database,
 * behind a round-robin load balancer without sticky sessions. Nothing a request needs lives in one process:
 * sessions are in the database, live rooms meet through the PostgreSQL Socket.IO adapter, background jobs are
 * rows in the PostgreSQL queue, and the dashboards read through DATABASE_READ_URL (here: the same database).
 */

const JWT_SECRET = 'scale-out-test-secret-that-is-long-enough-0123456789';
const SCHEMA = `pgboss_scale_${process.pid}`;
const shared = {
  JWT_SECRET,
  LIVE_CHANNEL_PREFIX: `gezinsplan-test-${process.pid}`,
  JOBS_SCHEMA: SCHEMA,
  JOBS_POLL_SECONDS: '1',
};

let t: TestApp; // in this process: fixtures and an enqueue-only job client
let instances: ApiProcess[] = [];
let proxy: RoundRobinProxy;
let lb: string;
const clients = new LiveClients();

beforeAll(async () => {
  t = await startTestApp({
    env: {
      ...shared,
      JOBS_ENABLED: 'true',
      JOBS_WORKERS: 'false',
      DATABASE_READ_URL: process.env.TEST_DATABASE_URL as string,
    },
  });
  instances = await Promise.all(
    ['api-1', 'api-2'].map((name) =>
      startApiProcess(name, { ...shared, DATABASE_READ_URL: process.env.TEST_DATABASE_URL as string }),
    ),
  );
  proxy = new RoundRobinProxy(instances.map((i) => i.port));
  lb = `http://127.0.0.1:${await proxy.listen()}`;
}, 200_000);
afterEach(() => clients.closeAll());
afterAll(async () => {
  await proxy?.close();
  // Both stop cleanly on SIGTERM: the job queue stops gracefully before the database pool closes.
  const stopped = await Promise.all(instances.map((i) => i.stop()));
  await t.ds.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
  await t.close();
  expect(stopped).toEqual(['closed', 'closed']);
}, 60_000);

const last = () => proxy.routed[proxy.routed.length - 1];
/** Sends a harmless request when needed so the next one lands on `backend`. */
async function steerTo(backend: number): Promise<void> {
  if (proxy.upcoming !== backend) await request(lb).get('/api/health').expect(200);
}
async function login(email: string): Promise<{ token: string; cookies: SessionCookies; backend: number }> {
  const res = await request(lb).post('/api/auth/login').send({ email, password: DEMO_PASSWORD }).expect(200);
  return {
    token: (res.body as { accessToken: string }).accessToken,
    cookies: sessionCookiesOf(res),
    backend: last().backend,
  };
}
/** POST /api/auth/refresh through the balancer, as the web app sends it (cookies + CSRF header). */
const refreshThroughLb = (s: SessionCookies) =>
  request(lb).post('/api/auth/refresh').set('Cookie', s.pair).set('X-CSRF-Token', s.csrf);

it('logs in on one instance and refreshes the session on the other', async () => {
  const session = await login('toegang@heerlen.demo');
  expect(session.cookies.pair).toMatch(/^gp_refresh=/);

  await steerTo(1 - session.backend);
  const refreshed = await refreshThroughLb(session.cookies).expect(200);
  expect(last()).toMatchObject({ path: '/api/auth/refresh', backend: 1 - session.backend });
  const token = (refreshed.body as { accessToken: string }).accessToken;
  expect(token).toEqual(expect.any(String));

  // The new access token works on both instances; the rotated-out refresh token works on neither.
  for (let i = 0; i < 2; i++) {
    await request(lb).get('/api/families?limit=1').set('Authorization', `Bearer ${token}`).expect(200);
  }
  expect(new Set(proxy.routed.slice(-2).map((r) => r.backend))).toEqual(new Set([0, 1]));
  expect((await refreshThroughLb(session.cookies)).status).toBe(401);
});

it('delivers a plan change made through one instance to a live viewer connected to the other', async () => {
  const regisseur = await login('toegang@heerlen.demo');
  const provider = await login('zorg@horizon.demo');
  const created = await request(lb)
    .post('/api/families')
    .set('Authorization', `Bearer ${regisseur.token}`)
    .send({ displayName: 'Gezin Twee Servers' });
  expect(created.status).toBe(201);
  const family = (created.body as { id: string }).id;
  await involve(t.ds, family, await organisationId(t.ds, 'Horizon Jeugdhulp'));

  const viewer = await clients.connect(Number(new URL(lb).port), { token: provider.token });
  const viewerBackend = last();
  expect(viewerBackend.kind).toBe('ws');
  expect((await join(viewer, family)).ok).toBe(true);

  const heard = nextEvent(viewer, 'change', (c) => c.familyId === family && c.item.type === 'goal');
  await steerTo(1 - viewerBackend.backend);
  const goal = await request(lb)
    .post(`/api/families/${family}/plan/goals`)
    .set('Authorization', `Bearer ${regisseur.token}`)
    .send({ title: 'Rust in huis', lifeDomain: 'parenting' });
  expect(goal.status).toBe(201);
  expect(last()).toMatchObject({ kind: 'http', method: 'POST', backend: 1 - viewerBackend.backend });
  expect(await heard).toMatchObject({ familyId: family, item: { type: 'goal', id: goal.body.id }, action: 'created' });
});

it('runs each queued job exactly once across the instances', async () => {
  const family = await createFamily(t.ds, { regisseurUserId: await userId(t.ds, 'toegang@heerlen.demo') });
  const [plan]: { id: string }[] = await t.ds.query(
    `INSERT INTO plan (family_id, status) VALUES ($1, 'agreed') RETURNING id`,
    [family],
  );
  const [goal]: { id: string }[] = await t.ds.query(
    `INSERT INTO goal (plan_id, family_id, title, life_domain, priority) VALUES ($1, $2, 'Werk', 'finances', 1) RETURNING id`,
    [plan.id, family],
  );
  await t.ds.query(
    `INSERT INTO agreement (goal_id, family_id, description, owner_type, owner_label, due_date)
     VALUES ($1, $2, 'Schuldhulp bellen', 'family_member', 'Vader', current_date - 2)`,
    [goal.id, family],
  );
  // This process only enqueues (JOBS_WORKERS=false); the two API processes work the queue.
  const jobs = t.app.get(JobsService);
  const ids = await Promise.all(Array.from({ length: 8 }, () => jobs.enqueue(JOB_NAMES.deadlineNotifications)));
  const boss = await jobs.queue();
  const deadline = Date.now() + 30_000;
  let done: { state: string; retryCount: number }[] = [];
  while (Date.now() < deadline) {
    done = (await boss.findJobs(JOB_NAMES.deadlineNotifications)).filter((j) => ids.includes(j.id));
    if (done.length === ids.length && done.every((j) => j.state === 'completed')) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  expect(done.map((j) => [j.state, j.retryCount])).toEqual(ids.map(() => ['completed', 0]));
  const notes: { kind: string }[] = await t.ds.query('SELECT kind FROM notification WHERE family_id = $1', [family]);
  expect(notes).toEqual([{ kind: 'agreement.overdue' }]);
});

it('reads the dashboards through DATABASE_READ_URL, a read-only connection', async () => {
  const read = t.app.get<DataSource>(READ_DATA_SOURCE);
  expect(read).not.toBe(t.ds);
  expect(await read.query('SHOW default_transaction_read_only')).toEqual([{ default_transaction_read_only: 'on' }]);
  await expect(read.query(`UPDATE family SET display_name = display_name WHERE false`)).rejects.toThrow(
    /read-only transaction/,
  );

  const policy = await login('beleid@zuidlimburg.demo');
  for (let i = 0; i < 2; i++) {
    const res = await request(lb).get('/api/indicators').set('Authorization', `Bearer ${policy.token}`);
    expect(res.status).toBe(200);
  }
  const readers: { n: number }[] = await t.ds.query(
    `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'gezinsplan-read'`,
  );
  // this process's read pool and one per API instance that answered
  expect(readers[0].n).toBeGreaterThanOrEqual(3);
});
