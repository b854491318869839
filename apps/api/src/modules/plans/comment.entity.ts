import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { UserEntity } from '../users/user.entity';

/** A comment on a goal or an agreement, e.g. by a parent or a youth in their own words. Never edited. */
@Entity('plan_comment')
@Check('ck_plan_comment_target', `("goal_id" IS NULL) <> ("agreement_id" IS NULL)`)
// `text` is encrypted at rest (FieldCipher): the DTO limits the plain text (1-2000, trimmed), this the stored form.
@Check('ck_plan_comment_text', `length("text") BETWEEN 1 AND 12000`)
export class PlanCommentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('ix_plan_comment_family')
  @Column({ type: 'uuid' })
  familyId!: string;

  @Index('ix_plan_comment_goal')
  @Column({ type: 'uuid', nullable: true })
  goalId!: string | null;

  @Index('ix_plan_comment_agreement')
  @Column({ type: 'uuid', nullable: true })
  agreementId!: string | null;

  @Column({ type: 'uuid' })
  authorUserId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'author_user_id', foreignKeyConstraintName: 'fk_plan_comment_author' })
  author?: UserEntity;

  @Column({ type: 'text' })
  text!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
