import { PLAN_STATUSES, type PlanStatus, SECTION_KINDS, type SectionKind } from '@gezinsplan/contracts';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, OneToMany } from 'typeorm';
import { MutableEntity } from '../../database/base.entity';
import { sqlList } from '../../database/sql';
import { FamilyEntity } from '../families/family.entity';

/** The one living plan of a family: at most one that is not closed, enforced by a partial unique index. */
@Entity('plan')
@Check('ck_plan_status', `"status" IN (${sqlList(PLAN_STATUSES)})`)
@Index('uq_plan_living_per_family', ['familyId'], { unique: true, where: `"status" <> 'closed'` })
// Every plan of a family, newest first: the worklist's plan status (closed plans too) per visible family.
@Index('ix_plan_family_created', ['familyId', 'createdAt'])
export class PlanEntity extends MutableEntity {
  @Column({ type: 'uuid' })
  familyId!: string;

  @ManyToOne(() => FamilyEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'family_id', foreignKeyConstraintName: 'fk_plan_family' })
  family?: FamilyEntity;

  @Column({ type: 'text', default: 'draft' })
  status!: PlanStatus;

  @Column({ type: 'date', nullable: true })
  evaluationDate!: string | null;

  /**
   * Bumped by every accepted change to anything in the plan (sections, goals, agreements, progress). Agreeing
   * names the revision the approver saw, so nobody approves a plan that changed under their eyes.
   */
  @Column({ type: 'int', default: 1 })
  revision!: number;

  /** Number of the latest agreed version, null while never agreed. */
  @Column({ type: 'int', nullable: true })
  currentVersionNumber!: number | null;

  @Column({ type: 'text', nullable: true })
  closedReason!: string | null;

  @Column({ type: 'text', nullable: true })
  handedOverTo!: string | null;

  @OneToMany(() => PlanSectionEntity, (s) => s.plan)
  sections?: PlanSectionEntity[];
}

/** A section of the plan in the family's own words; its own version so parties can edit sections at once. */
@Entity('plan_section')
@Check('ck_plan_section_kind', `"kind" IN (${sqlList(SECTION_KINDS)})`)
@Index('uq_plan_section_kind', ['planId', 'kind'], { unique: true })
export class PlanSectionEntity extends MutableEntity {
  @Column({ type: 'uuid' })
  planId!: string;

  @ManyToOne(() => PlanEntity, (p) => p.sections, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'fk_plan_section_plan' })
  plan?: PlanEntity;

  @Column({ type: 'text' })
  kind!: SectionKind;

  @Column({ type: 'text', default: '' })
  content!: string;

  /** Organisation ids that may read it; empty: all parties with access to the plan. */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  restrictedTo!: string[];
}
