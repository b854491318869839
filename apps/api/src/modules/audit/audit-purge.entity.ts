import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One stretch of consecutive chain positions that a purge removed: verify bridges it with these hashes. */
export interface PurgedStretch {
  /** First and last chain_seq of the stretch (strings: bigint). */
  from: string;
  to: string;
  /** chain_prev of the first removed row and chain_hash of the last one. */
  firstPrev: string;
  lastHash: string;
  rows: string;
}

/**
 * The record of a retention purge of the audit log (whole monthly partitions dropped by `purgeAuditBefore`).
 * Keeps the hashes at the edges of every removed stretch of the chain, so `audit:verify` can tell a legitimate
 * purge from a deletion; `mac` (HMAC with the chain key) makes a forged purge record detectable too.
 */
@Entity('audit_purge')
export class AuditPurgeEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  purgedAt!: Date;

  /** Rows that occurred before this moment were removed (partitions entirely older). */
  @Column({ type: 'timestamptz' })
  before!: Date;

  @Column({ type: 'text', array: true })
  partitions!: string[];

  @Column({ type: 'bigint' })
  rows!: string;

  @Column({ type: 'jsonb' })
  stretches!: PurgedStretch[];

  @Column({ type: 'text' })
  mac!: string;
}
