import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../../src/database/embedded';

export interface TestDatabase {
  url: string;
  stop(): Promise<void>;
}

declare global {
  var __GEZINSPLAN_TEST_DB__: TestDatabase | undefined;
}

/**
 * A fresh, empty database for this run, shared by every spec. Global setup runs outside Jest's module
 * mapping, so migrating and seeding happen in the specs' own process, once (see `prepareDatabase`).
 */
export default async function globalSetup(): Promise<void> {
  const db = process.env.DATABASE_URL ? await freshDatabaseOn(process.env.DATABASE_URL) : await embedded();
  process.env.TEST_DATABASE_URL = db.url;
  globalThis.__GEZINSPLAN_TEST_DB__ = db;
}

async function embedded(): Promise<TestDatabase> {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'gezinsplan-test-')), 'pg');
  const server = await startEmbeddedPostgres({
    dataDir,
    port: await freePort(),
    database: 'gezinsplan_test',
    fast: true,
  });
  return server;
}

/** DATABASE_URL is honoured: a new database on that server for this run, dropped afterwards. */
async function freshDatabaseOn(serverUrl: string): Promise<TestDatabase> {
  const name = `gezinsplan_test_${process.pid}_${Date.now()}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    stop: async () => {
      const c = new Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}
