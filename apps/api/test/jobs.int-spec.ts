import { Injectable, Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import request from 'supertest';
import { DeadlineNotificationsJob } from '../src/modules/jobs/deadline-notifications.job';
import { JOB_NAMES, JOB_SCHEDULES } from '../src/modules/jobs/job-names';
import { JobsService } from '../src/modules/jobs/jobs.service';
import { createFamily, userId } from './support/fixtures';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * The PostgreSQL job queue (pg-boss) with real API instances on the run's database, in a schema of this file's
 * own so parallel specs never see these jobs.
 */

const SCHEMA = `pgboss_test_${process.pid}`;

/** What the test handlers saw, per instance. */
const seen: { instance: string; job: string; data: object; retryCount: number }[] = [];
let instanceName = '';
let failuresLeft = 0;

@Injectable()
class TestJobs implements OnModuleInit {
  private readonly instance = instanceName;
  constructor(private readonly jobs: JobsService) {}
  onModuleInit(): void {
    this.jobs.register('test-record', async ({ data, retryCount }) => {
      seen.push({ instance: this.instance, job: 'test-record', data, retryCount });
    });
    this.jobs.register(
      'test-flaky',
      async ({ data, retryCount }) => {
        seen.push({ instance: this.instance, job: 'test-flaky', data, retryCount });
        if (failuresLeft-- > 0) throw new Error('flaky on purpose');
      },
      { retryLimit: 3, retryDelaySeconds: 0 },
    );
  }
}

@Module({ providers: [TestJobs] })
class TestJobsModule {}

const withTestJobs = (app: DynamicModule): DynamicModule => ({
  ...app,
  imports: [...(app.imports ?? []), TestJobsModule],
});

async function start(name: string, env: Record<string, string> = {}): Promise<TestApp> {
  instanceName = name;
  return startTestApp({
    env: { JOBS_ENABLED: 'true', JOBS_SCHEMA: SCHEMA, JOBS_POLL_SECONDS: '1', JOBS_CRON_MONITOR_SECONDS: '1', ...env },
    wrap: withTestJobs,
  });
}

async function until<T>(what: string, probe: () => T | Promise<T>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const running: TestApp[] = [];
afterEach(async () => {
  for (const app of running.splice(0)) await app.close();
  seen.length = 0;
});
afterAll(async () => {
  const t = await startTestApp();
  await t.ds.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
  await t.close();
});

describe('job queue', () => {
  it('keeps a job enqueued by an instance without workers until another instance runs it after a restart', async () => {
    const a = await start('A', { JOBS_WORKERS: 'false' });
    running.push(a);
    const jobs = a.app.get(JobsService);
    const id = await jobs.enqueue('test-record', { family: 'Gezin Test' });
    expect(id).toEqual(expect.any(String));
    await new Promise((r) => setTimeout(r, 2500));
    expect(seen).toEqual([]); // A only enqueues
    await running.pop()?.close();

    const b = await start('B');
    running.push(b);
    await until('B to run the job', () => seen.length > 0);
    expect(seen).toEqual([{ instance: 'B', job: 'test-record', data: { family: 'Gezin Test' }, retryCount: 0 }]);
    const boss = await b.app.get(JobsService).queue();
    // An empty list is truthy: wait for the completed job itself, not for the list.
    const stored = await until('the job to complete', async () =>
      (await boss.findJobs('test-record', { id: id as string })).find((j) => j.state === 'completed'),
    );
    expect(stored?.state).toBe('completed');
  });

  it('retries a failing job until it succeeds', async () => {
    const b = await start('B');
    running.push(b);
    failuresLeft = 2;
    const id = (await b.app.get(JobsService).enqueue('test-flaky', { n: 1 })) as string;
    const boss = await b.app.get(JobsService).queue();
    await until('the job to complete after retries', async () =>
      (await boss.findJobs('test-flaky', { id })).some((j) => j.state === 'completed'),
    );
    expect(seen.map((s) => s.retryCount)).toEqual([0, 1, 2]);
  });

  it('registers a cron schedule once, however many instances start', async () => {
    const a = await start('A');
    const b = await start('B');
    running.push(a, b);
    const boss = await b.app.get(JobsService).queue();
    const schedules = await boss.getSchedules(JOB_NAMES.deadlineNotifications);
    expect(schedules).toHaveLength(1);
    expect(schedules[0]).toMatchObject({ cron: JOB_SCHEDULES.deadlineNotifications, timezone: 'Europe/Amsterdam' });
    expect((await boss.getSchedules()).map((s) => s.name).sort()).toEqual(
      [JOB_NAMES.deadlineNotifications, JOB_NAMES.retentionSweep].sort(),
    );
    expect(await boss.getSchedules(JOB_NAMES.retentionSweep)).toHaveLength(1);
  });

  it('refuses to enqueue when the queue is off', async () => {
    const t = await startTestApp();
    running.push(t);
    await expect(t.app.get(JobsService).enqueue('test-record')).rejects.toThrow('JOBS_ENABLED=false');
  });
});

describe('deadline notifications job', () => {
  it('notifies the regisseur once of an overdue agreement and a missed evaluation, however often it runs', async () => {
    const b = await start('B');
    running.push(b);
    const ds = b.ds;
    const regisseur = await userId(ds, 'toegang@heerlen.demo');
    const family = await createFamily(ds, { regisseurUserId: regisseur });
    const [plan]: { id: string }[] = await ds.query(
      `INSERT INTO plan (family_id, status, evaluation_date) VALUES ($1, 'agreed', current_date - 3) RETURNING id`,
      [family],
    );
    const [goal]: { id: string }[] = await ds.query(
      `INSERT INTO goal (plan_id, family_id, title, life_domain, priority) VALUES ($1, $2, 'Naar school', 'housing', 1) RETURNING id`,
      [plan.id, family],
    );
    const [late]: { id: string }[] = await ds.query(
      `INSERT INTO agreement (goal_id, family_id, description, owner_type, owner_label, due_date)
       VALUES ($1, $2, 'Afspraak met school maken', 'family_member', 'Moeder', current_date - 1) RETURNING id`,
      [goal.id, family],
    );
    await ds.query(
      `INSERT INTO agreement (goal_id, family_id, description, owner_type, owner_label, due_date)
       VALUES ($1, $2, 'Nog niet te laat', 'family_member', 'Moeder', current_date + 7)`,
      [goal.id, family],
    );

    // Through the queue, as the daily schedule does.
    const jobs = b.app.get(JobsService);
    const id = (await jobs.enqueue(JOB_NAMES.deadlineNotifications)) as string;
    const boss = await jobs.queue();
    await until('the deadline job to complete', async () =>
      (await boss.findJobs(JOB_NAMES.deadlineNotifications, { id })).some((j) => j.state === 'completed'),
    );
    const token = await b.token('toegang@heerlen.demo');
    const mine = async () =>
      (await request(b.http).get('/api/notifications').set('Authorization', `Bearer ${token}`).expect(200)).body.filter(
        (n: { familyId: string }) => n.familyId === family,
      );
    const notes = await mine();
    expect(notes).toHaveLength(2);
    expect(notes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'agreement.overdue',
          item: { type: 'agreement', id: late.id },
          message: expect.stringContaining('Afspraak met school maken'),
          read: false,
        }),
        expect.objectContaining({ kind: 'plan.evaluation_overdue', item: { type: 'plan', id: plan.id } }),
      ]),
    );
    const audit: { request_id: string; basis: string }[] = await ds.query(
      `SELECT request_id, basis FROM audit_log WHERE family_id = $1 AND resource = 'notification'`,
      [family],
    );
    expect(audit).toEqual([{ request_id: `job:${id}`, basis: 'deadline-notifications' }]);

    // Idempotent: a rerun (retry, second instance, next day) adds nothing for the same deadlines.
    await b.app.get(DeadlineNotificationsJob).run();
    expect((await mine()).length).toBe(2);

    // A deadline moved later and missed again is a new deadline.
    await ds.query(`UPDATE agreement SET due_date = current_date WHERE id = $1`, [late.id]);
    await ds.query(`UPDATE notification SET created_at = created_at - interval '2 days' WHERE family_id = $1`, [
      family,
    ]);
    await b.app.get(DeadlineNotificationsJob).run();
    expect((await mine()).length).toBe(2); // due today is not overdue yet
    await ds.query(`UPDATE agreement SET due_date = current_date - 1 WHERE id = $1`, [late.id]);
    await b.app.get(DeadlineNotificationsJob).run();
    expect((await mine()).filter((n: { kind: string }) => n.kind === 'agreement.overdue')).toHaveLength(2);
  });
});
