import { AUDIT_ACTIONS, AUDIT_RESULTS, type AuditAction, type AuditResult } from '@gezinsplan/contracts';
import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { sqlList } from '../../database/sql';

/**
 * NEN 7513-style access log: one row per read or write of case data. Append-only, enforced by database
 * triggers (see the migration): UPDATE, DELETE and TRUNCATE raise an error for every database user.
 * No foreign keys on purpose: rows outlive the records they describe.
 */
@Entity('audit_log')
@Check('ck_audit_log_action', `"action" IN (${sqlList(AUDIT_ACTIONS)})`)
@Check('ck_audit_log_result', `"result" IN (${sqlList(AUDIT_RESULTS)})`)
@Index('ix_audit_log_family_time', ['familyId', 'occurredAt'])
export class AuditLogEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  occurredAt!: Date;

  @Column({ type: 'uuid', nullable: true })
  userId!: string | null;

  @Column({ type: 'text', nullable: true })
  userRole!: string | null;

  @Column({ type: 'uuid', nullable: true })
  organisationId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  familyId!: string | null;

  /** The person concerned, when narrower than the family (a member). */
  @Column({ type: 'uuid', nullable: true })
  subjectId!: string | null;

  @Column({ type: 'text' })
  resource!: string;

  @Column({ type: 'text' })
  action!: AuditAction;

  @Column({ type: 'text' })
  result!: AuditResult;

  /** The authorisation or consent the access rested on. */
  @Column({ type: 'text', nullable: true })
  basis!: string | null;

  @Column({ type: 'boolean', default: false })
  emergency!: boolean;

  @Column({ type: 'text', nullable: true })
  ip!: string | null;

  @Column({ type: 'text', nullable: true })
  requestId!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  details!: Record<string, unknown> | null;
}
