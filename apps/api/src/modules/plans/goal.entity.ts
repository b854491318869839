import {
  AGREEMENT_OWNER_TYPES,
  AGREEMENT_STATUSES,
  type AgreementOwnerType,
  type AgreementStatus,
  GOAL_STATUSES,
  type GoalStatus,
  LIFE_DOMAINS,
  type LifeDomain,
} from '@gezinsplan/contracts';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { MutableEntity } from '../../database/base.entity';
import { sqlList } from '../../database/sql';
import { UserEntity } from '../users/user.entity';
import { PlanEntity } from './plan.entity';

/** A family goal (gezinsdoel) in one life domain; `familyId` is kept for set-based access checks. */
@Entity('goal')
@Check('ck_goal_life_domain', `"life_domain" IN (${sqlList(LIFE_DOMAINS)})`)
@Check('ck_goal_status', `"status" IN (${sqlList(GOAL_STATUSES)})`)
@Check('ck_goal_title', `length(btrim("title")) BETWEEN 1 AND 300`)
export class GoalEntity extends MutableEntity {
  @Index('ix_goal_plan')
  @Column({ type: 'uuid' })
  planId!: string;

  @ManyToOne(() => PlanEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'fk_goal_plan' })
  plan?: PlanEntity;

  @Index('ix_goal_family')
  @Column({ type: 'uuid' })
  familyId!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  lifeDomain!: LifeDomain;

  /** Order of approach: 1 first. */
  @Column({ type: 'int' })
  priority!: number;

  @Column({ type: 'date', nullable: true })
  targetDate!: string | null;

  @Column({ type: 'text', default: 'open' })
  status!: GoalStatus;

  /** Family members the goal concerns; empty: the whole family. */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  memberIds!: string[];

  @Column({ type: 'text', nullable: true })
  zrmDomain!: string | null;

  /** Set by a GI under a child-protection measure: others cannot remove or weaken it. */
  @Column({ type: 'boolean', default: false })
  safetyCondition!: boolean;

  /** A parent's proposal, waiting for the regisseur to accept or decline. */
  @Column({ type: 'uuid', nullable: true })
  proposedByUserId!: string | null;
}

/** Who does what by when (afspraak). */
@Entity('agreement')
@Check('ck_agreement_status', `"status" IN (${sqlList(AGREEMENT_STATUSES)})`)
@Check('ck_agreement_owner_type', `"owner_type" IN (${sqlList(AGREEMENT_OWNER_TYPES)})`)
@Check('ck_agreement_description', `length(btrim("description")) BETWEEN 1 AND 1000`)
export class AgreementEntity extends MutableEntity {
  @Index('ix_agreement_goal')
  @Column({ type: 'uuid' })
  goalId!: string;

  @ManyToOne(() => GoalEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'goal_id', foreignKeyConstraintName: 'fk_agreement_goal' })
  goal?: GoalEntity;

  @Index('ix_agreement_family')
  @Column({ type: 'uuid' })
  familyId!: string;

  @Column({ type: 'text' })
  description!: string;

  @Column({ type: 'text' })
  ownerType!: AgreementOwnerType;

  @Column({ type: 'uuid', nullable: true })
  ownerId!: string | null;

  @Column({ type: 'text' })
  ownerLabel!: string;

  @Column({ type: 'date', nullable: true })
  dueDate!: string | null;

  @Column({ type: 'text', default: 'open' })
  status!: AgreementStatus;
}

/** A dated progress note with a 1-10 score on a goal. History: never updated, never overwritten. */
@Entity('progress_note')
@Check('ck_progress_note_score', `"score" BETWEEN 1 AND 10`)
@Index('ix_progress_note_goal_time', ['goalId', 'createdAt'])
export class ProgressNoteEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  goalId!: string;

  @ManyToOne(() => GoalEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'goal_id', foreignKeyConstraintName: 'fk_progress_note_goal' })
  goal?: GoalEntity;

  @Index('ix_progress_note_family')
  @Column({ type: 'uuid' })
  familyId!: string;

  @Column({ type: 'uuid' })
  authorUserId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'author_user_id', foreignKeyConstraintName: 'fk_progress_note_author' })
  author?: UserEntity;

  @Column({ type: 'uuid', nullable: true })
  organisationId!: string | null;

  @Column({ type: 'text' })
  note!: string;

  @Column({ type: 'int' })
  score!: number;

  @Column({ type: 'date' })
  notedOn!: string;

  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  restrictedTo!: string[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
