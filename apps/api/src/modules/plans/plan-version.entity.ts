import type { PlanResponse } from '@gezinsplan/contracts';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { UserEntity } from '../users/user.entity';
import { PlanEntity } from './plan.entity';

/** An agreed, immutable, numbered version: the whole plan as it was (restricted items filtered per reader). */
@Entity('plan_version')
@Index('uq_plan_version_number', ['planId', 'number'], { unique: true })
export class PlanVersionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  planId!: string;

  @ManyToOne(() => PlanEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'fk_plan_version_plan' })
  plan?: PlanEntity;

  @Index('ix_plan_version_family')
  @Column({ type: 'uuid' })
  familyId!: string;

  @Column({ type: 'int' })
  number!: number;

  @Column({ type: 'jsonb' })
  snapshot!: PlanResponse;

  @Column({ type: 'uuid' })
  approvedByUserId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'approved_by_user_id', foreignKeyConstraintName: 'fk_plan_version_approver' })
  approvedBy?: UserEntity;

  /** Set when the regisseur approved on the family's behalf instead of a parent. */
  @Column({ type: 'text', nullable: true })
  onBehalfReason!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  approvedAt!: Date;
}

/** An involved organisation's acknowledgement of an agreed version (and of its own agreements in it). */
@Entity('plan_version_ack')
@Index('uq_plan_version_ack_org', ['versionId', 'organisationId'], { unique: true })
export class PlanVersionAckEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  versionId!: string;

  @ManyToOne(() => PlanVersionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'version_id', foreignKeyConstraintName: 'fk_plan_version_ack_version' })
  version?: PlanVersionEntity;

  @Column({ type: 'uuid' })
  organisationId!: string;

  @Column({ type: 'uuid' })
  userId!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  acknowledgedAt!: Date;
}
