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

  /** Not a column: computed by FamiliesRepository (more than two organisations, no agreed plan). */
  needsOnePlan?: boolean;
  /** Not columns: the other worklist signals, computed by FamiliesRepository for the reader. */
  planStatus?: PlanStatus | null;
  overdueAgreements?: number;
  evaluationDate?: string | null;
  evaluationDue?: boolean;
}
