import { AUDIT_ACTIONS, AUDIT_RESULTS, type AuditAction, type AuditResult } from '@gezinsplan/contracts';
import { Check, Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { sqlList } from '../../database/sql';

/**
 * NEN 7513-style access log: one row per read or write of case data. Append-only, enforced by database
 * triggers (see the migration): UPDATE, DELETE and TRUNCATE raise an error for every database user.
 * No foreign keys on purpose: rows outlive the records they describe.
 *
 * Range-partitioned by month on occurred_at (so the primary key includes it; see migration
 * PartitionAndChainAuditLog and `audit_log_ensure_partitions`). Rows are inserted unsealed, in parallel; the
 * sealer (audit-chain.ts) later gives each a place in a hash chain: chain_seq, chain_prev (the previous row's
 * hash) and chain_hash = HMAC-SHA256(AUDIT_CHAIN_KEY, chain_prev + canonical row). The trigger allows exactly
 * that one update, from unsealed to sealed.
 */
@Entity('audit_log')
@Check('ck_audit_log_action', `"action" IN (${sqlList(AUDIT_ACTIONS)})`)
@Check('ck_audit_log_result', `"result" IN (${sqlList(AUDIT_RESULTS)})`)
@Index('ix_audit_log_family_time', ['familyId', 'occurredAt'])
@Index('ix_audit_log_chain', ['chainSeq', 'id'])
@Index('ix_audit_log_unsealed', ['id'], { where: '"chain_seq" IS NULL' })
export class AuditLogEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @PrimaryColumn({ type: 'timestamptz', default: () => 'now()' })
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

  /** Place in the hash chain; null until sealed. */
  @Column({ type: 'bigint', nullable: true })
  chainSeq!: string | null;

  /** Hash of the row before it in the chain (hex; 64 zeros for the first row ever). */
  @Column({ type: 'text', nullable: true })
  chainPrev!: string | null;

  /** HMAC-SHA256 over chain_prev and the canonical row (hex). */
  @Column({ type: 'text', nullable: true })
  chainHash!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  chainSealedAt!: Date | null;
}
