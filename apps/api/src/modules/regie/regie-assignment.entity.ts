import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { FamilyEntity } from '../families/family.entity';
import { UserEntity } from '../users/user.entity';

/**
 * Who is (and was) the family's regisseur. At most one open assignment per family, enforced by a partial
 * unique index; `family.regisseur_user_id` mirrors the open one for fast access checks.
 */
@Entity('regie_assignment')
@Index('uq_regie_assignment_current', ['familyId'], { unique: true, where: '"ended_at" IS NULL' })
@Check('ck_regie_assignment_period', `"ended_at" IS NULL OR "ended_at" >= "started_at"`)
export class RegieAssignmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('ix_regie_assignment_family')
  @Column({ type: 'uuid' })
  familyId!: string;

  @ManyToOne(() => FamilyEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'family_id', foreignKeyConstraintName: 'fk_regie_assignment_family' })
  family?: FamilyEntity;

  @Column({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_regie_assignment_user' })
  user?: UserEntity;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  startedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  endedAt!: Date | null;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'uuid', nullable: true })
  assignedByUserId!: string | null;
}
