import { FAMILY_STATUSES, type FamilyStatus, type PlanStatus } from '@gezinsplan/contracts';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, OneToMany } from 'typeorm';
import { MutableEntity } from '../../database/base.entity';
import { sqlList } from '../../database/sql';
import { TeamEntity } from '../organisations/organisation.entity';
import { UserEntity } from '../users/user.entity';
import { FamilyMemberEntity } from './family-member.entity';
import { NetworkMemberEntity } from './network-member.entity';

@Entity('family')
@Check('ck_family_status', `"status" IN (${sqlList(FAMILY_STATUSES)})`)
@Check('ck_family_display_name', `length(btrim("display_name")) BETWEEN 1 AND 120`)
@Check('ck_family_closed_help_ended', `"status" <> 'closed' OR "help_ended_on" IS NOT NULL`)
// The worklist reads these instead of evaluating the signals per family (see FamiliesRepository.listVisible):
// per municipality, in name order (dense attention buckets, order by name), per stored signal (sparse buckets,
// filters, counts).
// Defined in migration AddFamilySignals only (TypeORM cannot express INCLUDE or an operator class): in name order
// with the stored signals included, so the common attention ranks and the counts read the index alone; and a
// trigram index for the name search (`q`, a substring).
@Index('ix_family_worklist_name', { synchronize: false })
@Index('ix_family_worklist_name_trgm', { synchronize: false })
@Index('ix_family_worklist_plan_status', ['municipality', 'signalPlanStatus', 'displayName', 'id'])
@Index('ix_family_worklist_open_due', ['municipality', 'signalOpenDue'], { where: `"signal_open_due" IS NOT NULL` })
@Index('ix_family_worklist_evaluation', ['municipality', 'signalEvaluationDate', 'signalOpenDue'], {
  where: `"signal_evaluation_date" IS NOT NULL`,
})
@Index('ix_family_worklist_one_plan', ['municipality', 'signalOnePlanUntil'], {
  where: `"signal_one_plan_until" IS NOT NULL`,
})
export class FamilyEntity extends MutableEntity {
  @Column({ type: 'text' })
  displayName!: string;

  @Index('ix_family_municipality')
  @Column({ type: 'text' })
  municipality!: string;

  @Column({ type: 'text', default: 'registered' })
  status!: FamilyStatus;

  @Column({ type: 'uuid', nullable: true })
  teamId!: string | null;

  @ManyToOne(() => TeamEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'team_id', foreignKeyConstraintName: 'fk_family_team' })
  team?: TeamEntity | null;

  /** Exactly one regisseur at a time; the hand-over history arrives with the family-plan feature. */
  @Index('ix_family_regisseur')
  @Column({ type: 'uuid', nullable: true })
  regisseurUserId!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'regisseur_user_id', foreignKeyConstraintName: 'fk_family_regisseur' })
  regisseur?: UserEntity | null;

  /** The date the help ended: set when the file is closed; the retention period runs from it. */
  @Column({ type: 'date', nullable: true })
  helpEndedOn!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  /** The file of a child-protection measure: kept 30 years after the youngest youth turns 18 (see RetentionService). */
  @Column({ type: 'boolean', default: false })
  childProtection!: boolean;

  @OneToMany(() => FamilyMemberEntity, (m) => m.family)
  members?: FamilyMemberEntity[];

  @OneToMany(() => NetworkMemberEntity, (n) => n.family)
  network?: NetworkMemberEntity[];

  /**
   * The stored inputs of the worklist signals, kept by database triggers on plan, goal, agreement and
   * involvement (migration AddFamilySignals; function family_signal_refresh): never written by the application,
   * never selected. Dates, not verdicts: whether they count as due is decided against current_date when read.
   * - signalPlanStatus: the living plan's status (the latest plan's once all are closed);
   * - signalEvaluationDate: the living plan's evaluation date while it is not evaluated;
   * - signalOpenDue: the earliest due date of the open agreements of the living plan's goals;
   * - signalOnePlanUntil: while the living plan has no agreed version, the last day on which more than two
   *   organisations are involved (consent not withdrawn, `until` not passed; 'infinity' when open-ended).
   */
  @Column({ type: 'text', nullable: true, select: false, insert: false, update: false })
  signalPlanStatus?: PlanStatus | null;

  @Column({ type: 'date', nullable: true, select: false, insert: false, update: false })
  signalEvaluationDate?: string | null;

  @Column({ type: 'date', nullable: true, select: false, insert: false, update: false })
  signalOpenDue?: string | null;

  @Column({ type: 'date', nullable: true, select: false, insert: false, update: false })
  signalOnePlanUntil?: string | null;

  /** Not a column: computed by FamiliesRepository (more than two organisations, no agreed plan). */
  needsOnePlan?: boolean;
  /** Not columns: the other worklist signals, computed by FamiliesRepository for the reader. */
  planStatus?: PlanStatus | null;
  overdueAgreements?: number;
  evaluationDate?: string | null;
  evaluationDue?: boolean;
}
