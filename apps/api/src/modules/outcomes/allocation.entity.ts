import {
  ALLOCATION_STATUSES,
  ARRANGEMENT_TYPES,
  type AllocationStatus,
  type ArrangementType,
  IJW_STOP_REASONS,
  type IjwStopReason,
} from '@gezinsplan/contracts';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { MutableEntity } from '../../database/base.entity';
import { sqlList } from '../../database/sql';
import { FamilyMemberEntity } from '../families/family-member.entity';
import { FamilyEntity } from '../families/family.entity';
import { OrganisationEntity } from '../organisations/organisation.entity';
import { GoalEntity } from '../plans/goal.entity';
import { UserEntity } from '../users/user.entity';

/**
 * Help allocated (inzet / toewijzing) to one youth of a family, from one provider. Its status follows the iJw
 * messages: requested (JW315), allocated (JW301), started (JW305), stopped (JW307, with the reason code).
 * The dates are checked against each other in the database as well.
 */
@Entity('allocation')
@Check('ck_allocation_arrangement', `"arrangement" IN (${sqlList(ARRANGEMENT_TYPES)})`)
@Check('ck_allocation_status', `"status" IN (${sqlList(ALLOCATION_STATUSES)})`)
@Check('ck_allocation_end_reason', `"end_reason" IS NULL OR "end_reason" IN (${sqlList(IJW_STOP_REASONS)})`)
@Check('ck_allocation_decision_after_request', `"decision_date" IS NULL OR "decision_date" >= "request_date"`)
@Check(
  'ck_allocation_start_after_decision',
  `"start_date" IS NULL OR ("decision_date" IS NOT NULL AND "start_date" >= "decision_date")`,
)
@Check(
  'ck_allocation_end_after_start',
  `"end_date" IS NULL OR ("start_date" IS NOT NULL AND "end_date" >= "start_date" AND "end_reason" IS NOT NULL)`,
)
@Index('ix_allocation_request_date', ['requestDate'])
@Index('ix_allocation_end_date', ['endDate'], { where: `"end_date" IS NOT NULL` })
@Index('ix_allocation_provider_decision', ['providerOrganisationId', 'decisionDate'])
@Index('ix_allocation_youth_request', ['youthMemberId', 'requestDate'])
export class AllocationEntity extends MutableEntity {
  @Index('ix_allocation_family')
  @Column({ type: 'uuid' })
  familyId!: string;

  @ManyToOne(() => FamilyEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'family_id', foreignKeyConstraintName: 'fk_allocation_family' })
  family?: FamilyEntity;

  @Column({ type: 'uuid' })
  youthMemberId!: string;

  @ManyToOne(() => FamilyMemberEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'youth_member_id', foreignKeyConstraintName: 'fk_allocation_youth' })
  youth?: FamilyMemberEntity;

  @Column({ type: 'uuid' })
  providerOrganisationId!: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'provider_organisation_id', foreignKeyConstraintName: 'fk_allocation_provider' })
  provider?: OrganisationEntity;

  @Column({ type: 'text' })
  arrangement!: ArrangementType;

  @Column({ type: 'text', default: 'requested' })
  status!: AllocationStatus;

  /** Aanvraag (JW315). */
  @Column({ type: 'date' })
  requestDate!: string;

  /** Beschikking (JW301). */
  @Column({ type: 'date', nullable: true })
  decisionDate!: string | null;

  /** Start of care confirmed by the provider (JW305). */
  @Column({ type: 'date', nullable: true })
  startDate!: string | null;

  @Column({ type: 'date', nullable: true })
  plannedEndDate!: string | null;

  /** End of care confirmed by the provider (JW307). */
  @Column({ type: 'date', nullable: true })
  endDate!: string | null;

  /** iJw Reden beëindiging (JZ588); 32-35 = early termination (uitval). */
  @Column({ type: 'text', nullable: true })
  endReason!: IjwStopReason | null;

  /** Crisis help allocated while the family had no agreed plan; a plan is due by plan_due_date. */
  @Column({ type: 'boolean', default: false })
  crisisWithoutPlan!: boolean;

  @Column({ type: 'date', nullable: true })
  planDueDate!: string | null;

  @Column({ type: 'uuid' })
  createdByUserId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by_user_id', foreignKeyConstraintName: 'fk_allocation_created_by' })
  createdBy?: UserEntity;
}

/** The plan goals an allocation serves. */
@Entity('allocation_goal')
export class AllocationGoalEntity {
  @PrimaryColumn({ type: 'uuid' })
  allocationId!: string;

  @Index('ix_allocation_goal_goal')
  @PrimaryColumn({ type: 'uuid' })
  goalId!: string;

  @ManyToOne(() => AllocationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'allocation_id', foreignKeyConstraintName: 'fk_allocation_goal_allocation' })
  allocation?: AllocationEntity;

  @ManyToOne(() => GoalEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'goal_id', foreignKeyConstraintName: 'fk_allocation_goal_goal' })
  goal?: GoalEntity;
}
