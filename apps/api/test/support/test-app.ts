import type { DynamicModule, INestApplication } from '@nestjs/common';
import type { Server } from 'node:http';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { createApp } from '../../src/app.factory';
import { AppModule } from '../../src/app.module';
import { type Env, loadEnv } from '../../src/config/env';
import { createDataSource } from '../../src/database/data-source';
import { DEMO_PASSWORD, seedDemo } from '../../src/database/seed/demo-seed';

export { DEMO_PASSWORD };

/** The audit chain key of every test app (tests verify the chain with it). */
export const TEST_AUDIT_CHAIN_KEY = 'test-only-audit-chain-key-0123456789abcdef';

export interface TestApp {
  app: INestApplication;
  ds: DataSource;
  env: Env;
  http: Server;
  /** Logs in a (demo) account and returns its bearer token. */
  token(email: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  /** Another database than the run's shared one (e.g. a fresh one from `freshDatabase`). */
  databaseUrl?: string;
  /** Wrap the app module, e.g. to add a test-only controller. */
  wrap?: (appModule: DynamicModule) => DynamicModule;
}

/** The real application (guards, pipes, filters, database) on the run's test database. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const url = options.databaseUrl ?? process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set: run through jest (global setup)');
  const env = loadEnv({
    NODE_ENV: 'test',
    DATABASE_URL: url,
    JWT_SECRET: 'test-only-secret-that-is-long-enough-0123456789',
    FIELD_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
    AUDIT_CHAIN_KEY: TEST_AUDIT_CHAIN_KEY,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    // Each Jest worker is its own live cluster: test files running in parallel on the shared database must
    // not wait for (or hear from) each other's instances.
    LIVE_CHANNEL_PREFIX: `gezinsplan-test-${process.pid}`,
    LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
    // The job queue only where a spec is about it (jobs.int-spec.ts turns it on, in a schema of its own).
    JOBS_ENABLED: 'false',
    ...options.env,
  });
  const ds = createDataSource(url);
  await ds.initialize();
  await prepareDatabase(ds);
  const appModule = AppModule.forRoot({ env, dataSource: ds, webRoot: null });
  const app = await createApp(
    { env, dataSource: ds, webRoot: null },
    options.wrap ? options.wrap(appModule) : appModule,
  );
  const http = app.getHttpServer() as Server;
  return {
    app,
    ds,
    env,
    http,
    async token(email, password = DEMO_PASSWORD) {
      const res = await request(http).post('/api/auth/login').send({ email, password });
      if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${JSON.stringify(res.body)}`);
      return (res.body as { accessToken: string }).accessToken;
    },
    async close() {
      await app.close();
      if (ds.isInitialized) await ds.destroy();
    },
  };
}

/**
 * Migrates and seeds the run's database exactly once, whichever spec gets here first; the advisory lock
 * makes the others wait and then find it done.
 */
export async function prepareDatabase(ds: DataSource): Promise<void> {
  await ds.transaction(async (m) => {
    await m.query('SELECT pg_advisory_xact_lock(7513)');
    const pending = await ds.showMigrations();
    if (pending) {
      await ds.runMigrations({ transaction: 'each' });
      await seedDemo(ds);
    }
  });
}
