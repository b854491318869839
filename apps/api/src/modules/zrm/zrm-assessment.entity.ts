import { ZRM_EDITIONS, type ZrmEdition } from '@gezinsplan/contracts';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { sqlList } from '../../database/sql';
import { FamilyMemberEntity } from '../families/family-member.entity';
import { UserEntity } from '../users/user.entity';

/** A dated ZRM assessment of one adult family member. Never edited: a new assessment shows the change. */
@Entity('zrm_assessment')
@Check('ck_zrm_assessment_edition', `"edition" IN (${sqlList(ZRM_EDITIONS)})`)
@Index('ix_zrm_assessment_member_date', ['memberId', 'assessedOn'])
export class ZrmAssessmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('ix_zrm_assessment_family')
  @Column({ type: 'uuid' })
  familyId!: string;

  @Column({ type: 'uuid' })
  memberId!: string;

  @ManyToOne(() => FamilyMemberEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'fk_zrm_assessment_member' })
  member?: FamilyMemberEntity;

  @Column({ type: 'text' })
  edition!: ZrmEdition;

  @Column({ type: 'date' })
  assessedOn!: string;

  @Column({ type: 'uuid' })
  assessedByUserId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'assessed_by_user_id', foreignKeyConstraintName: 'fk_zrm_assessment_assessor' })
  assessedBy?: UserEntity;

  /** Domain -> level 1..5 (validated against the edition's domains by the API). */
  @Column({ type: 'jsonb' })
  scores!: Record<string, number>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
