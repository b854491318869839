import { Client } from 'pg';

export interface FreshDatabase {
  url: string;
  drop(): Promise<void>;
}

/**
 * A new, empty database on the run's test server, for specs that must not share the common database (they
 * tamper with it, or restore into it). Dropped by `drop()`.
 */
export async function freshDatabase(prefix: string): Promise<FreshDatabase> {
  const server = process.env.TEST_DATABASE_URL;
  if (!server) throw new Error('TEST_DATABASE_URL is not set: run through jest (global setup)');
  const name = `${prefix}_${process.pid}_${Date.now()}`;
  const admin = new Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new Client({ connectionString: server });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}
