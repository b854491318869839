import { CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { FamilyMemberEntity } from './family-member.entity';

/**
 * Custody (gezag), recorded per parent and child: in a blended family a step-parent can have custody of their
 * own child and not of their partner's. A parent's access to a child's data follows it (until the child is 16).
 */
@Entity('custody')
export class CustodyEntity {
  @PrimaryColumn({ type: 'uuid' })
  parentMemberId!: string;

  @PrimaryColumn({ type: 'uuid' })
  childMemberId!: string;

  @ManyToOne(() => FamilyMemberEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'parent_member_id', foreignKeyConstraintName: 'fk_custody_parent' })
  parent?: FamilyMemberEntity;

  @ManyToOne(() => FamilyMemberEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'child_member_id', foreignKeyConstraintName: 'fk_custody_child' })
  child?: FamilyMemberEntity;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
