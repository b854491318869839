import type { DataSource } from 'typeorm';
import { FieldCipher } from './field-cipher';

/**
 * Every column stored encrypted with the FieldCipher (all with a uuid `id`). Free text a person wrote about a
 * family is encrypted: progress notes, comments, evaluation notes and the satisfaction remark, complaint
 * subjects, destruction-request texts; plus citizen service numbers. Deliberately plain: plan section texts,
 * goal titles and agreement descriptions (the plan itself: listed, searched, diffed between versions and shown
 * in notifications; protected by access control and disk encryption) and agreed plan versions' snapshots.
 * Add a new free-text column here and it is encrypted at boot and rotated by `cli.js rotate-keys`.
 */
export const ENCRYPTED_COLUMNS: readonly { table: string; column: string }[] = [
  { table: 'family_member', column: 'citizen_service_number_encrypted' },
  { table: 'progress_note', column: 'note' },
  { table: 'plan_comment', column: 'text' },
  { table: 'evaluation_goal', column: 'note' },
  { table: 'evaluation', column: 'satisfaction_remark' },
  { table: 'complaint', column: 'subject' },
  { table: 'destruction_request', column: 'explanation' },
  { table: 'destruction_request', column: 'decision_note' },
];

/** pg_try_advisory_lock key: one instance (or CLI run) re-encrypts at a time. */
export const REENCRYPT_LOCK_KEY = 7510_0002;

export interface ReencryptResult {
  ran: boolean;
  /** Per `table.column`: values rewritten. */
  rewritten: Record<string, number>;
}

/**
 * Rewrites encrypted columns in batches of `batchSize` rows, each batch one UPDATE (compare-and-set on the old
 * value, so a concurrent write is never overwritten):
 * - `plaintext`: encrypts values still in plain text (notes written before encryption existed) — runs at boot;
 * - `rotate`: also re-encrypts every value not encrypted with the current (first) key — `cli.js rotate-keys`.
 * Only plain text and ciphertext go through memory; nothing of it is logged.
 */
export async function reencryptColumns(
  ds: DataSource,
  cipher: FieldCipher,
  mode: 'plaintext' | 'rotate',
  batchSize = 500,
  /** Checked between batches: true stops early (shutdown); the next run continues where values are left. */
  shouldStop: () => boolean = () => false,
): Promise<ReencryptResult> {
  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    const [{ locked }]: { locked: boolean }[] = await runner.query('SELECT pg_try_advisory_lock($1) AS locked', [
      REENCRYPT_LOCK_KEY,
    ]);
    if (!locked) return { ran: false, rewritten: {} };
    try {
      const rewritten: Record<string, number> = {};
      for (const { table, column } of ENCRYPTED_COLUMNS) {
        if (shouldStop()) break;
        const exists: unknown[] = await runner.query(
          `SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 AND column_name = $2`,
          [table, column],
        );
        if (exists.length === 0) continue;
        let count = 0;
        let after = '00000000-0000-0000-0000-000000000000';
        const filter = mode === 'plaintext' ? `AND "${column}" !~ '^v[12]:'` : `AND "${column}" NOT LIKE $3`;
        for (;;) {
          const params: unknown[] = [after, batchSize];
          if (mode === 'rotate') params.push(`v2:${cipher.currentKeyId}:%`);
          const rows: { id: string; value: string }[] = await runner.query(
            `SELECT id, "${column}" AS value FROM "${table}"
              WHERE id > $1 AND "${column}" IS NOT NULL ${filter} ORDER BY id LIMIT $2`,
            params,
          );
          if (rows.length === 0) break;
          after = rows[rows.length - 1].id;
          const todo = rows.filter((r) =>
            mode === 'plaintext' ? !FieldCipher.isEncrypted(r.value) : !cipher.isCurrent(r.value),
          );
          if (todo.length) {
            const result: [unknown[], number] = await runner.query(
              `UPDATE "${table}" t SET "${column}" = v.new_value
                 FROM unnest($1::uuid[], $2::text[], $3::text[]) AS v(id, new_value, old_value)
                WHERE t.id = v.id AND t."${column}" = v.old_value`,
              [todo.map((r) => r.id), todo.map((r) => cipher.encrypt(cipher.open(r.value))), todo.map((r) => r.value)],
            );
            count += Array.isArray(result) && typeof result[1] === 'number' ? result[1] : todo.length;
          }
          if (rows.length < batchSize || shouldStop()) break;
        }
        rewritten[`${table}.${column}`] = count;
      }
      return { ran: true, rewritten };
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [REENCRYPT_LOCK_KEY]);
    }
  } finally {
    await runner.release();
  }
}
