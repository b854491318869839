import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job, PgBoss, SendOptions } from 'pg-boss';
import type { DataSource } from 'typeorm';
import { ENV } from '../../config/config.module';
import type { Env } from '../../config/env';

/** What a handler gets: the job's data, id and which attempt this is (0 the first time). */
export interface JobContext<T> {
  id: string;
  data: T;
  retryCount: number;
}

export type JobHandler<T> = (job: JobContext<T>) => Promise<void>;

export interface JobOptions {
  /** Attempts after the first before the job is marked failed (default 3). */
  retryLimit?: number;
  /** Seconds between attempts, doubling each time (default 30). */
  retryDelaySeconds?: number;
  /** Seconds a single attempt may run before it is retried (default 15 minutes). */
  expireInSeconds?: number;
}

interface Registration {
  handler: JobHandler<object>;
  options: JobOptions;
}

interface CronRegistration {
  cron: string;
  timezone: string;
}

/** How long stop() lets running handlers finish before the app closes anyway. */
const STOP_TIMEOUT_MS = 20_000;

/**
 * The PostgreSQL-backed job queue (pg-boss in its own schema of the app's database). Jobs are rows, so they
 * survive restarts and are shared by every API instance: any instance may enqueue, and each job is handled by
 * exactly one instance with workers on. Cron schedules are rows too, keyed by name, so every instance may
 * register the same schedule and it still fires once per occurrence (pg-boss claims each slot in the database).
 *
 * Register handlers and schedules in a provider's constructor or onModuleInit; the queue starts on application
 * bootstrap (after every module is initialised) and stops gracefully on app.close() (SIGTERM, SIGINT).
 */
@Injectable()
export class JobsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  private readonly handlers = new Map<string, Registration>();
  private readonly crons = new Map<string, CronRegistration>();
  private boss: PgBoss | null = null;
  private starting: Promise<void> | null = null;
  private stopping = false;

  constructor(
    @Inject(ENV) private readonly env: Env,
    @InjectDataSource() private readonly ds: DataSource,
  ) {}

  /** False with JOBS_ENABLED=false: enqueue() then refuses and nothing runs in the background. */
  get enabled(): boolean {
    return this.env.JOBS_ENABLED;
  }

  /** Handles every job named `name` (on instances with JOBS_WORKERS on). One handler per name. */
  register<T extends object>(name: string, handler: JobHandler<T>, options: JobOptions = {}): void {
    if (this.handlers.has(name)) throw new Error(`A handler for job ${name} is already registered`);
    this.handlers.set(name, { handler: handler as JobHandler<object>, options });
    if (this.boss) void this.activate(name).catch((err: unknown) => this.logger.error({ err }, `job ${name}`));
  }

  /**
   * Runs `name` on a cron expression (in `timezone`, default Europe/Amsterdam), once per occurrence across all
   * instances; `handler` is registered too. Registering the same schedule on every instance is the intent.
   */
  schedule<T extends object>(
    name: string,
    cron: string,
    handler: JobHandler<T>,
    options: JobOptions & { timezone?: string } = {},
  ): void {
    this.crons.set(name, { cron, timezone: options.timezone ?? 'Europe/Amsterdam' });
    this.register(name, handler, options);
  }

  /** Puts a job in the queue and returns its id; with `singletonKey` a second identical job is not added (null). */
  async enqueue(name: string, data: object = {}, options: SendOptions = {}): Promise<string | null> {
    const boss = await this.ready();
    return boss.send(name, data, options);
  }

  /** The underlying queue, for tests and operations (state of jobs, schedules). */
  async queue(): Promise<PgBoss> {
    return this.ready();
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.enabled) return;
    await this.ready();
  }

  async onApplicationShutdown(): Promise<void> {
    const starting = this.starting;
    this.starting = null;
    if (!starting) return;
    this.stopping = true;
    await starting.catch(() => undefined);
    const boss = this.boss;
    this.boss = null;
    // Graceful: stop fetching, let running handlers finish (their jobs complete), then close the pool. A job
    // still running at the timeout is picked up again by another instance when its claim expires.
    await boss?.stop({ graceful: true, timeout: STOP_TIMEOUT_MS, close: true });
  }

  private ready(): Promise<PgBoss> {
    if (!this.enabled) return Promise.reject(new Error('The job queue is off (JOBS_ENABLED=false)'));
    this.starting ??= this.start();
    return this.starting.then(() => this.boss as PgBoss);
  }

  private async start(): Promise<void> {
    const url = this.env.JOBS_DATABASE_URL ?? (this.ds.options as { url?: string }).url;
    if (!url) throw new Error('The job queue needs a database url');
    // Loaded only when the queue is on: instances and tests with JOBS_ENABLED=false do not pay for it.
    const { PgBoss } = await import('pg-boss');
    const boss = new PgBoss({
      connectionString: url,
      schema: this.env.JOBS_SCHEMA,
      application_name: 'gezinsplan-jobs',
      max: 4,
      // Only instances with workers evaluate cron schedules and run maintenance; enqueue-only instances just add rows.
      schedule: this.env.JOBS_WORKERS,
      supervise: this.env.JOBS_WORKERS,
      cronMonitorIntervalSeconds: this.env.JOBS_CRON_MONITOR_SECONDS,
      cronWorkerIntervalSeconds: this.env.JOBS_CRON_MONITOR_SECONDS,
    });
    boss.on('error', (err: Error & { code?: string }) => {
      // On SIGTERM an embedded PostgreSQL may go down while the queue is still stopping: expected, not an error.
      if (this.stopping) return;
      this.logger.error({ err: { message: err.message, code: err.code } }, 'job queue error');
    });
    await boss.start();
    this.boss = boss;
    for (const name of this.handlers.keys()) await this.activate(name);
    this.logger.log(
      `Job queue started (schema ${this.env.JOBS_SCHEMA}, ${this.handlers.size} jobs, workers ${this.env.JOBS_WORKERS ? 'on' : 'off'})`,
    );
  }

  /** Creates the queue (once, in the database), starts its worker and (re)writes its schedule. */
  private async activate(name: string): Promise<void> {
    const boss = this.boss as PgBoss;
    const { handler, options } = this.handlers.get(name) as Registration;
    if (!(await boss.getQueue(name))) {
      await boss
        .createQueue(name, {
          retryLimit: options.retryLimit ?? 3,
          retryDelay: options.retryDelaySeconds ?? 30,
          retryBackoff: (options.retryDelaySeconds ?? 30) > 0,
          expireInSeconds: options.expireInSeconds ?? 900,
        })
        .catch(async (err: unknown) => {
          // Another instance created it at the same moment.
          if (!(await boss.getQueue(name))) throw err;
        });
    }
    const cron = this.crons.get(name);
    if (cron) await boss.schedule(name, cron.cron, {}, { tz: cron.timezone });
    if (!this.env.JOBS_WORKERS) return;
    await boss.work<object>(
      name,
      { pollingIntervalSeconds: this.env.JOBS_POLL_SECONDS },
      async (jobs: Job<object>[]) => {
        for (const job of jobs) {
          try {
            await handler({ id: job.id, data: job.data, retryCount: job.retryCount });
          } catch (err) {
            // pg-boss retries it (retryLimit, with backoff) and keeps the error on the job row.
            const message = err instanceof Error ? err.message : String(err);
            this.logger.warn({ job: name, id: job.id, retryCount: job.retryCount, err: message }, 'job attempt failed');
            throw err;
          }
        }
      },
    );
  }
}
