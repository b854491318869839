import { MEMBER_ROLES, type MemberRole } from '@gezinsplan/contracts';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { MutableEntity } from '../../database/base.entity';
import { sqlList } from '../../database/sql';
import { FamilyEntity } from './family.entity';

@Entity('family_member')
@Check('ck_family_member_role', `"role" IN (${sqlList(MEMBER_ROLES)})`)
export class FamilyMemberEntity extends MutableEntity {
  @Index('ix_family_member_family')
  @Column({ type: 'uuid' })
  familyId!: string;

  @ManyToOne(() => FamilyEntity, (f) => f.members, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'family_id', foreignKeyConstraintName: 'fk_family_member_family' })
  family?: FamilyEntity;

  @Column({ type: 'text' })
  role!: MemberRole;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'date' })
  birthDate!: string;

  /** Not a column: the children this member has custody of (table `custody`), filled in by the repository. */
  custodyOf?: string[];

  /** Burgerservicenummer, AES-256-GCM encrypted (FieldCipher). Never returned in lists. */
  @Column({ type: 'text', nullable: true })
  citizenServiceNumberEncrypted!: string | null;

  /** A youth from 16 decides whether parents see their data: null = not asked (not shared), true/false = decided. */
  @Column({ type: 'boolean', nullable: true })
  sharesWithParents!: boolean | null;
}
