import { join } from 'node:path';
import type { Env } from '../config/env';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './embedded';

export interface DatabaseConnection {
  url: string;
  embedded: EmbeddedDatabase | null;
}

/** DATABASE_URL when set; otherwise the embedded PostgreSQL kept under DATA_DIR/postgres. */
export async function connectDatabase(env: Env, log: (line: string) => void): Promise<DatabaseConnection> {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, embedded: null };
  const dataDir = join(env.DATA_DIR, 'postgres');
  log(`Starting embedded PostgreSQL in ${dataDir} on port ${env.EMBEDDED_PG_PORT}`);
  const embedded = await startEmbeddedPostgres({ dataDir, port: env.EMBEDDED_PG_PORT, database: 'gezinsplan' });
  return { url: embedded.url, embedded };
}
