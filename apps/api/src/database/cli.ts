import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { reencryptColumns } from '../common/crypto/encrypted-columns';
import { cipherFor } from '../config/config.module';
import { type Env, loadEnv } from '../config/env';
import { connectDatabase } from './connect';
import { createDataSource, pendingSchemaChanges } from './data-source';
import { seedDemo } from './seed/demo-seed';

const USAGE = `usage: cli.js <migrate | revert | reset | seed | check | generate <PascalCaseIntent>>
  migrate   apply pending migrations
  revert    undo the last migration
  reset     drop everything, migrate, seed the demo data
  seed      seed the demo data (only into an empty database)
  check     exit 1 when the entities and the migrations disagree (drift)
  generate  write migrations/<timestamp>-<Name>.ts from the difference between entities and database
  rotate-keys    re-encrypt every encrypted column with the first key of FIELD_ENCRYPTION_KEYS (in batches)
  encrypt-notes  encrypt free-text notes still in plain text (the API also does this at boot)`;

async function main(): Promise<number> {
  const [command, name] = process.argv.slice(2);
  if (
    !command ||
    !['migrate', 'revert', 'reset', 'seed', 'check', 'generate', 'rotate-keys', 'encrypt-notes'].includes(command)
  ) {
    console.error(USAGE);
    return 2;
  }
  const env = loadEnv();
  const db = await connectDatabase(env, (l) => console.log(l));
  const ds = createDataSource(db.url);
  try {
    await ds.initialize();
    switch (command) {
      case 'migrate': {
        const ran = await ds.runMigrations({ transaction: 'each' });
        console.log(ran.length ? `Applied: ${ran.map((m) => m.name).join(', ')}` : 'No pending migrations');
        return 0;
      }
      case 'revert':
        await ds.undoLastMigration({ transaction: 'each' });
        console.log('Reverted the last migration');
        return 0;
      case 'reset':
        await ds.query('DROP SCHEMA public CASCADE');
        await ds.query('CREATE SCHEMA public');
        await ds.runMigrations({ transaction: 'each' });
        console.log(await seedDemo(ds));
        return 0;
      case 'seed':
        console.log(await seedDemo(ds));
        return 0;
      case 'check': {
        const { up } = await pendingSchemaChanges(ds);
        if (up.length === 0) {
          console.log('Entities and migrations agree');
          return 0;
        }
        console.error(`Schema drift: the entities need\n${up.join(';\n')}`);
        return 1;
      }
      case 'generate':
        return await generate(ds, name);
      case 'rotate-keys':
      case 'encrypt-notes': {
        const cipher = cipherFor(withDevelopmentKey(env));
        const result = await reencryptColumns(ds, cipher, command === 'rotate-keys' ? 'rotate' : 'plaintext');
        if (!result.ran) {
          console.error('Another instance is re-encrypting right now; try again in a minute');
          return 1;
        }
        // Counts only: never a value.
        for (const [column, count] of Object.entries(result.rewritten)) console.log(`${column}: ${count} rewritten`);
        console.log(command === 'rotate-keys' ? `Every value now uses key ${cipher.currentKeyId}` : 'Done');
        return 0;
      }
    }
    return 2;
  } finally {
    await ds.destroy().catch(() => undefined);
    await db.embedded?.stop();
  }
}

/** Outside production the API keeps a generated key in DATA_DIR (main.ts); the CLI reads the same one. */
function withDevelopmentKey(env: Env): Env {
  const file = join(env.DATA_DIR, 'field-encryption-key');
  if (!env.FIELD_ENCRYPTION_KEYS && !env.FIELD_ENCRYPTION_KEY && existsSync(file)) {
    env.FIELD_ENCRYPTION_KEY = readFileSync(file, 'utf8').trim();
  }
  return env;
}

async function generate(ds: Parameters<typeof pendingSchemaChanges>[0], name: string | undefined): Promise<number> {
  if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
    console.error('generate needs a PascalCase name that says the intent, e.g. AddGoalPriority');
    return 2;
  }
  const { up, down } = await pendingSchemaChanges(ds);
  if (up.length === 0) {
    console.log('Nothing to generate: entities and migrations agree');
    return 0;
  }
  const stamp = Date.now();
  const lines = (qs: string[]) => qs.map((q) => `    await q.query(${JSON.stringify(q)});`).join('\n');
  const source = `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${name}${stamp} implements MigrationInterface {
  name = '${name}${stamp}';

  async up(q: QueryRunner): Promise<void> {
${lines(up)}
  }

  async down(q: QueryRunner): Promise<void> {
${lines([...down].reverse())}
  }
}
`;
  const file = join(resolve(process.cwd(), 'migrations'), `${stamp}-${name}.ts`);
  writeFileSync(file, source);
  console.log(`Wrote ${file}; review it, then add it to migrations/index.ts`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
