import type { ErasedFamily, RetentionRule, RetentionSweepResult, Role } from '@gezinsplan/contracts';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { ENV } from '../../config/config.module';
import type { Env } from '../../config/env';
import { purgeAuditBefore } from '../audit/audit-chain';
import { AuditService } from '../audit/audit.service';

/** pg_try_advisory_lock key of the sweep: one instance at a time sweeps (Jeugdwet art. 7.3.9 -> 7390906). */
export const SWEEP_LOCK_KEY = 7390906;

/**
 * Tables with a `family_id` column that the erasure of a family must NOT empty: the audit log (kept for its own
 * period, see purgeAuditBefore) and the destruction decisions (kept in a minimal form). Everything else with a
 * `family_id` column is case data of that family and is deleted, also tables added later by other features.
 */
const KEEP_ON_ERASURE = ['audit_log', 'destruction_request', 'family', 'family_member'];

/** The retention date of each closed family, computed in SQL from the configured periods. */
const RETENTION_SQL = `
  SELECT f.id, f.child_protection, f.help_ended_on::text AS help_ended_on,
         (CASE WHEN f.child_protection
               THEN GREATEST(f.help_ended_on + make_interval(years => $1::int),
                             COALESCE((SELECT max(m.birth_date) FROM family_member m
                                        WHERE m.family_id = f.id AND m.role = 'child') + interval '18 years',
                                      f.help_ended_on) + make_interval(years => $2::int))
               ELSE f.help_ended_on + make_interval(years => $1::int) END)::date::text AS retention_until
    FROM family f`;

interface RetentionRow {
  id: string;
  child_protection: boolean;
  help_ended_on: string | null;
  retention_until: string | null;
}

/**
 * Retention (Jeugdwet art. 7.3.8: a youth-care file is kept 20 years after the help ended; the file of a
 * child-protection measure 30 years after the youngest youth concerned turns 18 — never shorter than the
 * youth-care period) and the erasure of a family's case data, by the sweep or on a granted destruction request.
 */
@Injectable()
export class RetentionService {
  private readonly log = new Logger('Retention');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(ENV) private readonly env: Env,
    private readonly audit: AuditService,
  ) {}

  /** The retention date of one family (null while its file is open). */
  async retentionOf(
    familyId: string,
    manager: EntityManager = this.ds.manager,
  ): Promise<{ rule: RetentionRule | null; retentionUntil: string | null }> {
    const [row]: RetentionRow[] = await manager.query(
      `${RETENTION_SQL} WHERE f.id = $3 AND f.status = 'closed' AND f.help_ended_on IS NOT NULL`,
      [this.env.RETENTION_YEARS_YOUTH_CARE, this.env.RETENTION_YEARS_CHILD_PROTECTION, familyId],
    );
    if (!row) return { rule: null, retentionUntil: null };
    return { rule: row.child_protection ? 'child-protection' : 'youth-care', retentionUntil: row.retention_until };
  }

  /**
   * Erases the case data of every closed family whose retention date is on or before `now`, one transaction per
   * family, and purges audit rows past their own period. Only one API instance sweeps at a time (a PostgreSQL
   * advisory lock); a second caller returns `ran: false` at once. Idempotent: a second run finds nothing left.
   */
  async sweep(now: Date = new Date()): Promise<RetentionSweepResult> {
    const runner = this.ds.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }]: { locked: boolean }[] = await runner.query('SELECT pg_try_advisory_lock($1) AS locked', [
        SWEEP_LOCK_KEY,
      ]);
      if (!locked) return { erased: [], failed: [], auditRowsPurged: 0, ran: false };
      try {
        const today = now.toISOString().slice(0, 10);
        const due: RetentionRow[] = await this.ds.query(
          `SELECT * FROM (${RETENTION_SQL} WHERE f.status = 'closed' AND f.help_ended_on IS NOT NULL) r
            WHERE r.retention_until <= $3 ORDER BY r.retention_until, r.id`,
          [this.env.RETENTION_YEARS_YOUTH_CARE, this.env.RETENTION_YEARS_CHILD_PROTECTION, today],
        );
        const result: RetentionSweepResult = { erased: [], failed: [], auditRowsPurged: 0, ran: true };
        for (const row of due) {
          const rule: RetentionRule = row.child_protection ? 'child-protection' : 'youth-care';
          try {
            await this.ds.transaction((m) =>
              this.eraseFamily(m, row.id, { reason: 'retention', rule, retentionUntil: row.retention_until }),
            );
            result.erased.push({
              familyId: row.id,
              reason: 'retention',
              rule,
              retentionUntil: row.retention_until,
            });
          } catch (err) {
            // Left intact (the transaction rolled back) and tried again at the next sweep. No case data in the log.
            const error = err instanceof Error ? err.name : 'Error';
            this.log.error(`Retention: erasing family ${row.id} failed (${error}); retried at the next sweep`);
            result.failed.push({ familyId: row.id, error });
          }
        }
        const auditBefore = new Date(now);
        auditBefore.setUTCFullYear(auditBefore.getUTCFullYear() - this.env.AUDIT_RETENTION_YEARS);
        result.auditRowsPurged = await this.purgeAuditBefore(auditBefore);
        if (result.erased.length || result.failed.length) {
          this.log.log(`Retention sweep: ${result.erased.length} erased, ${result.failed.length} failed`);
        }
        return result;
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1)', [SWEEP_LOCK_KEY]);
      }
    } finally {
      await runner.release();
    }
  }

  /**
   * Removes audit rows written before `date` (AUDIT_RETENTION_YEARS) by dropping whole monthly partitions through
   * the audit feature's purge, which records the removed stretch so `audit:verify` still passes. The log of a file
   * that still exists is never dropped (a child-protection file outlives the audit period): the cut-off moves back
   * to before that file's oldest row. Returns the number of rows removed.
   */
  async purgeAuditBefore(date: Date): Promise<number> {
    const key = this.env.AUDIT_CHAIN_KEY;
    if (!key) return 0;
    const [{ oldest }] = (await this.ds.query(
      `SELECT min(a.occurred_at) AS oldest FROM audit_log a
        WHERE a.occurred_at < $1 AND a.family_id IN (SELECT f.id FROM family f)`,
      [date],
    )) as { oldest: Date | null }[];
    const before = oldest && oldest.getTime() < date.getTime() ? oldest : date;
    const purged = await purgeAuditBefore(this.ds, key, before);
    return Number(purged.rows);
  }

  /**
   * Deletes all case data of one family inside the caller's transaction: the plan (with sections, goals,
   * agreements, progress, versions, evaluations by cascade), every other table with a `family_id` column, the
   * accounts of its members and their notifications, and the family with its members, network, involvements,
   * custody, ZRM, allocations and complaints (foreign keys ON DELETE CASCADE). Keeps the audit rows and the
   * destruction decisions (their free texts and personal links cleared), and writes one audit row without
   * personal data.
   */
  async eraseFamily(
    m: EntityManager,
    familyId: string,
    why: { reason: 'retention' | 'destruction-request'; rule?: RetentionRule | null; retentionUntil?: string | null },
    actor?: { userId: string; role: Role; organisationId: string | null; ip: string | null; requestId: string | null },
  ): Promise<void> {
    const userIds = (
      (await m.query(
        `SELECT u.id FROM app_user u JOIN family_member fm ON fm.id = u.family_member_id WHERE fm.family_id = $1`,
        [familyId],
      )) as { id: string }[]
    ).map((r) => r.id);
    await m.query('DELETE FROM plan WHERE family_id = $1', [familyId]);
    for (const table of await this.familyTables(m)) {
      await m.query(`DELETE FROM "${table}" WHERE family_id = $1`, [familyId]);
    }
    if (userIds.length) {
      await m.query('DELETE FROM plan_comment WHERE author_user_id = ANY($1::uuid[])', [userIds]);
      await m.query('DELETE FROM notification WHERE user_id = ANY($1::uuid[])', [userIds]);
      await m.query('DELETE FROM app_user WHERE id = ANY($1::uuid[])', [userIds]);
    }
    await m.query('DELETE FROM family WHERE id = $1', [familyId]);
    await m.query(
      `UPDATE destruction_request SET explanation = NULL, decision_note = NULL, requested_by_user_id = NULL,
              member_id = NULL, erased_at = COALESCE(erased_at, now()), version = version + 1, updated_at = now()
        WHERE family_id = $1`,
      [familyId],
    );
    await this.audit.record(
      actor ?? { ip: null, requestId: null },
      {
        resource: 'family',
        action: 'delete',
        result: 'success',
        familyId,
        basis: why.reason === 'retention' ? 'retention-period' : 'destruction-request',
        details: {
          reason: why.reason,
          ...(why.rule ? { rule: why.rule } : {}),
          ...(why.retentionUntil ? { retentionUntil: why.retentionUntil } : {}),
          accountsRemoved: userIds.length,
        },
      },
      m,
    );
  }

  /**
   * Erases one youth's own data (a granted `own-data` request): their member record with what hangs on it by
   * cascade (custody, ZRM, allocations), their account, comments and notifications, and their id in goals.
   */
  async eraseMember(
    m: EntityManager,
    familyId: string,
    memberId: string,
    actor: { userId: string; role: Role; organisationId: string | null; ip: string | null; requestId: string | null },
  ): Promise<void> {
    const userIds = (
      (await m.query('SELECT id FROM app_user WHERE family_member_id = $1', [memberId])) as { id: string }[]
    ).map((r) => r.id);
    if (userIds.length) {
      await m.query('DELETE FROM plan_comment WHERE author_user_id = ANY($1::uuid[])', [userIds]);
      await m.query('DELETE FROM notification WHERE user_id = ANY($1::uuid[])', [userIds]);
      await m.query('DELETE FROM app_user WHERE id = ANY($1::uuid[])', [userIds]);
    }
    await m.query(
      `UPDATE goal SET member_ids = array_remove(member_ids, $2::uuid), version = version + 1, updated_at = now()
        WHERE family_id = $1 AND $2::uuid = ANY(member_ids)`,
      [familyId, memberId],
    );
    await m.query('DELETE FROM family_member WHERE id = $1 AND family_id = $2', [memberId, familyId]);
    await m.query(
      `UPDATE destruction_request SET explanation = NULL, requested_by_user_id = NULL, member_id = NULL,
              version = version + 1, updated_at = now()
        WHERE family_id = $1 AND member_id = $2`,
      [familyId, memberId],
    );
    await this.audit.record(
      actor,
      {
        resource: 'family-member',
        action: 'delete',
        result: 'success',
        familyId,
        subjectId: memberId,
        basis: 'destruction-request',
        details: { reason: 'destruction-request', scope: 'own-data', accountsRemoved: userIds.length },
      },
      m,
    );
  }

  /** Tables (of this schema) with a `family_id` column that hold case data. */
  private async familyTables(m: EntityManager): Promise<string[]> {
    const rows: { table_name: string }[] = await m.query(
      `SELECT c.table_name FROM information_schema.columns c
         JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
        WHERE c.table_schema = current_schema() AND c.column_name = 'family_id' AND t.table_type = 'BASE TABLE'
          AND c.table_name NOT LIKE 'audit\\_log%'
        ORDER BY c.table_name`,
    );
    const partitions: { name: string }[] = await m.query(
      `SELECT child.relname AS name FROM pg_inherits i JOIN pg_class child ON child.oid = i.inhrelid`,
    );
    const skip = new Set([...KEEP_ON_ERASURE, ...partitions.map((p) => p.name)]);
    return rows.map((r) => r.table_name).filter((t) => !skip.has(t));
  }
}

export type { ErasedFamily };
