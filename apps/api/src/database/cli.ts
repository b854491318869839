import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { reencryptColumns } from '../common/crypto/encrypted-columns';
import { cipherFor } from '../config/config.module';
import { type Env, loadEnv } from '../config/env';
import { connectDatabase } from './connect';
import { createDataSource, pendingSchemaChanges } from './data-source';
import { seedDemo } from './seed/demo-seed';
import {
  auditChainKey,
  BULK_SEAL_BATCH,
  purgeAuditBefore,
  sealAuditLog,
  verifyAuditChain,
} from '../modules/audit/audit-chain';
import { backupDatabase, restoreDatabase } from './backup';
import { seedScale } from './seed/scale-seed';

const USAGE = `usage: cli.js <migrate | revert | reset | seed | seed-scale | check | generate <PascalCaseIntent>>
  migrate   apply pending migrations
  revert    undo the last migration
  reset     drop everything, migrate, seed the demo data
  seed      seed the demo data (only into an empty database)
  seed-scale [--families N] [--data-dir DIR] [--batch B]
            migrate, then generate N synthetic families (default 50000, region scale) with set-based SQL
  check     exit 1 when the entities and the migrations disagree (drift)
  generate  write migrations/<timestamp>-<Name>.ts from the difference between entities and database
  audit-verify [--no-seal] [--grace=<seconds>]
            seal pending audit rows, walk the hash chain, exit 1 on any break (says where)
  audit-purge <YYYY-MM-DD>
            drop the monthly audit partitions entirely before that date (retention), recorded for verify
  backup <file> [--logical]
            pg_dump -Fc when a new enough pg_dump is on PATH, else a consistent logical dump (gzip JSON lines)
  restore <file>
            restore into an EMPTY database, check row counts and the audit chain
  rotate-keys    re-encrypt every encrypted column with the first key of FIELD_ENCRYPTION_KEYS (in batches)
  encrypt-notes  encrypt free-text notes still in plain text (the API also does this at boot)`;

const COMMANDS = [
  'migrate',
  'revert',
  'reset',
  'seed',
  'seed-scale',
  'check',
  'generate',
  'audit-verify',
  'audit-purge',
  'backup',
  'restore',
  'rotate-keys',
  'encrypt-notes',
];

async function main(): Promise<number> {
  const [command, name, ...flags] = process.argv.slice(2);
  const options = parseFlags(process.argv.slice(3));
  if (options['data-dir']) process.env['DATA_DIR'] = options['data-dir'];
  if (!command || !COMMANDS.includes(command)) {
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
        const families = Number(options['families'] ?? 50_000);
        const batch = options['batch'] ? Number(options['batch']) : undefined;
        const auditKey = auditChainKey(env);
        console.log(await seedScale(ds, { families, batch, auditKey, log: (l) => console.log(l) }));
        // The staged audit rows went in sealed; anything still unsealed joins the chain now, not in the background.
        const started = Date.now();
        const sealed = await sealAuditLog(ds, auditKey, { wait: true, batchSize: BULK_SEAL_BATCH });
        console.log(`Sealed ${sealed} audit rows into the hash chain in ${Date.now() - started} ms`);
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
      case 'audit-verify':
        return await auditVerify(ds, auditChainKey(env), [name, ...flags].filter(Boolean));
      case 'audit-purge': {
        if (!name || !/^\d{4}-\d{2}-\d{2}$/.test(name)) {
          console.error('audit-purge needs a date YYYY-MM-DD: partitions entirely before it are dropped');
          return 2;
        }
        const purged = await purgeAuditBefore(ds, auditChainKey(env), new Date(`${name}T00:00:00Z`));
        console.log(
          purged.partitions.length
            ? `Dropped ${purged.partitions.join(', ')} (${purged.rows} rows); recorded in audit_purge`
            : 'No audit partition lies entirely before that date',
        );
        return 0;
      }
      case 'backup': {
        if (!name) {
          console.error('backup needs a file name');
          return 2;
        }
        await sealAuditLog(ds, auditChainKey(env), { wait: true });
        const result = await backupDatabase(db.url, resolve(name), flags.includes('--logical') ? 'logical' : 'auto');
        const rows = Object.values(result.counts).reduce((a, b) => a + b, 0);
        console.log(
          `Backup (${result.method}) written to ${result.file}${result.method === 'logical' ? `: ${rows} rows` : ''}`,
        );
        return 0;
      }
      case 'restore': {
        if (!name) {
          console.error('restore needs a file name');
          return 2;
        }
        await ds.destroy();
        const result = await restoreDatabase(db.url, resolve(name), auditChainKey(env));
        console.log(
          `Restored (${result.method}); audit chain verified: ${result.verify.checked} rows, head ${result.verify.lastSeq ?? '-'}`,
        );
        return 0;
      }
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

async function auditVerify(ds: Parameters<typeof verifyAuditChain>[0], key: string, flags: string[]): Promise<number> {
  const grace = flags.find((f) => f.startsWith('--grace='));
  const result = await verifyAuditChain(ds, key, {
    seal: !flags.includes('--no-seal'),
    ...(grace ? { graceSeconds: Number(grace.slice('--grace='.length)) } : {}),
  });
  console.log(
    `Audit chain: ${result.checked} sealed rows checked (seq ${result.firstSeq ?? '-'}..${result.lastSeq ?? '-'}), ` +
      `${result.sealed} sealed now, ${result.purgedRows} bridged by recorded purges, head ${result.headHash}`,
  );
  if (result.lateSealed > 0) console.log(`Note: ${result.lateSealed} rows were sealed later than the grace period`);
  if (result.ok) {
    console.log('OK: the audit chain is intact');
    return 0;
  }
  for (const issue of result.issues) console.error(`BREAK ${issue.kind}: ${issue.message}`);
  console.error(`FAILED: ${result.issues.length} break(s) in the audit chain`);
  return 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
