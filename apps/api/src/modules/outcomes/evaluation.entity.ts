import { GOAL_OUTCOMES, type GoalOutcome, LIFE_DOMAINS, type LifeDomain } from '@gezinsplan/contracts';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { MutableEntity } from '../../database/base.entity';
import { sqlList } from '../../database/sql';
import { FamilyEntity } from '../families/family.entity';
import { GoalEntity } from '../plans/goal.entity';
import { PlanEntity } from '../plans/plan.entity';
import { UserEntity } from '../users/user.entity';

/**
 * An evaluation of the plan (evaluatie), kept per agreed plan version: per goal an outcome, and the family's
 * satisfaction (1-10), given by a parent in the portal or recorded by the professional with the family.
 */
@Entity('evaluation')
@Check('ck_evaluation_satisfaction_score', `"satisfaction_score" IS NULL OR "satisfaction_score" BETWEEN 1 AND 10`)
@Check('ck_evaluation_satisfaction_by', `"satisfaction_by" IS NULL OR "satisfaction_by" IN ('parent', 'professional')`)
@Index('ix_evaluation_evaluated_on', ['evaluatedOn'])
@Index('ix_evaluation_plan_version', ['planId', 'planVersionNumber'])
export class EvaluationEntity extends MutableEntity {
  @Index('ix_evaluation_family')
  @Column({ type: 'uuid' })
  familyId!: string;

  @ManyToOne(() => FamilyEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'family_id', foreignKeyConstraintName: 'fk_evaluation_family' })
  family?: FamilyEntity;

  @Column({ type: 'uuid' })
  planId!: string;

  @ManyToOne(() => PlanEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'fk_evaluation_plan' })
  plan?: PlanEntity;

  /** The agreed version of the plan that was evaluated. */
  @Column({ type: 'int' })
  planVersionNumber!: number;

  @Column({ type: 'date' })
  evaluatedOn!: string;

  @Column({ type: 'uuid' })
  evaluatedByUserId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'evaluated_by_user_id', foreignKeyConstraintName: 'fk_evaluation_evaluated_by' })
  evaluatedBy?: UserEntity;

  @Column({ type: 'int', nullable: true })
  satisfactionScore!: number | null;

  @Column({ type: 'text', nullable: true })
  satisfactionRemark!: string | null;

  @Column({ type: 'text', nullable: true })
  satisfactionBy!: 'parent' | 'professional' | null;

  @Column({ type: 'uuid', nullable: true })
  satisfactionRecordedByUserId!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  satisfactionRecordedAt!: Date | null;
}

/** The outcome of one goal in an evaluation; the life domain is kept as it was, for the indicators. */
@Entity('evaluation_goal')
@Check('ck_evaluation_goal_outcome', `"outcome" IN (${sqlList(GOAL_OUTCOMES)})`)
@Check('ck_evaluation_goal_life_domain', `"life_domain" IN (${sqlList(LIFE_DOMAINS)})`)
@Index('uq_evaluation_goal', ['evaluationId', 'goalId'], { unique: true })
export class EvaluationGoalEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  evaluationId!: string;

  @ManyToOne(() => EvaluationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'evaluation_id', foreignKeyConstraintName: 'fk_evaluation_goal_evaluation' })
  evaluation?: EvaluationEntity;

  @Index('ix_evaluation_goal_goal')
  @Column({ type: 'uuid' })
  goalId!: string;

  @ManyToOne(() => GoalEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'goal_id', foreignKeyConstraintName: 'fk_evaluation_goal_goal' })
  goal?: GoalEntity;

  @Column({ type: 'text' })
  lifeDomain!: LifeDomain;

  @Column({ type: 'text' })
  outcome!: GoalOutcome;

  @Column({ type: 'text', nullable: true })
  note!: string | null;
}

/** A complaint (klacht) registered for a family, with its date and subject. Never edited. */
@Entity('complaint')
// `subject` is encrypted at rest (FieldCipher): the DTO limits the plain text (1-500, trimmed), this the stored form.
@Check('ck_complaint_subject', `length("subject") BETWEEN 1 AND 4000`)
@Index('ix_complaint_received_on', ['receivedOn'])
export class ComplaintEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('ix_complaint_family')
  @Column({ type: 'uuid' })
  familyId!: string;

  @ManyToOne(() => FamilyEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'family_id', foreignKeyConstraintName: 'fk_complaint_family' })
  family?: FamilyEntity;

  @Column({ type: 'date' })
  receivedOn!: string;

  @Column({ type: 'text' })
  subject!: string;

  @Column({ type: 'uuid' })
  registeredByUserId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'registered_by_user_id', foreignKeyConstraintName: 'fk_complaint_registered_by' })
  registeredBy?: UserEntity;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
