import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { MutableEntity } from '../../database/base.entity';
import { FamilyEntity } from './family.entity';

/** The family's own network (grandparents, neighbours, a buddy family) who can take on agreements. */
@Entity('network_member')
export class NetworkMemberEntity extends MutableEntity {
  @Index('ix_network_member_family')
  @Column({ type: 'uuid' })
  familyId!: string;

  @ManyToOne(() => FamilyEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'family_id', foreignKeyConstraintName: 'fk_network_member_family' })
  family?: FamilyEntity;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  relation!: string;

  @Column({ type: 'text', nullable: true })
  contact!: string | null;
}
