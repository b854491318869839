import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadEnv } from '../config/env';
import { connectDatabase } from './connect';
import { createDataSource, pendingSchemaChanges } from './data-source';
import { seedDemo } from './seed/demo-seed';
import { seedScale } from './seed/scale-seed';

const USAGE = `usage: cli.js <migrate | revert | reset | seed | seed-scale | check | generate <PascalCaseIntent>>
  migrate   apply pending migrations
  revert    undo the last migration
  reset     drop everything, migrate, seed the demo data
  seed      seed the demo data (only into an empty database)
  seed-scale [--families N] [--data-dir DIR] [--batch B]
            migrate, then generate N synthetic families (default 50000, region scale) with set-based SQL
  check     exit 1 when the entities and the migrations disagree (drift)
  generate  write migrations/<timestamp>-<Name>.ts from the difference between entities and database`;

async function main(): Promise<number> {
  const [command, name] = process.argv.slice(2);
  const flags = parseFlags(process.argv.slice(3));
  if (flags['data-dir']) process.env['DATA_DIR'] = flags['data-dir'];
  if (!command || !['migrate', 'revert', 'reset', 'seed', 'seed-scale', 'check', 'generate'].includes(command)) {
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
      case 'seed-scale': {
        await ds.runMigrations({ transaction: 'each' });
        const families = Number(flags['families'] ?? 50_000);
        const batch = flags['batch'] ? Number(flags['batch']) : undefined;
        console.log(await seedScale(ds, { families, batch, log: (l) => console.log(l) }));
        return 0;
      }
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
    }
    return 2;
  } finally {
    await ds.destroy().catch(() => undefined);
    await db.embedded?.stop();
  }
}

/** `--name value` and `--name=value` pairs after the command. */
function parseFlags(args: string[]): Record<string, string> {
  const flags: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(args[i]);
    if (!m) continue;
    flags[m[1]] = m[2] ?? args[++i] ?? '';
  }
  return flags;
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
