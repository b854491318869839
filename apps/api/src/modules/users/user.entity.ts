import { ROLES, type Role } from '@gezinsplan/contracts';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { MutableEntity } from '../../database/base.entity';
import { sqlList } from '../../database/sql';
import { FamilyMemberEntity } from '../families/family-member.entity';
import { OrganisationEntity, TeamEntity } from '../organisations/organisation.entity';

@Entity('app_user')
@Check('ck_app_user_role', `"role" IN (${sqlList(ROLES)})`)
@Check('ck_app_user_email_lower', `"email" = lower("email")`)
@Check(
  'ck_app_user_belongs',
  `("role" IN ('parent', 'youth') AND "family_member_id" IS NOT NULL AND "organisation_id" IS NULL)
   OR ("role" NOT IN ('parent', 'youth') AND "organisation_id" IS NOT NULL AND "family_member_id" IS NULL)`,
)
export class UserEntity extends MutableEntity {
  @Index('uq_app_user_email', { unique: true })
  @Column({ type: 'text' })
  email!: string;

  @Column({ type: 'text' })
  passwordHash!: string;

  @Column({ type: 'text' })
  displayName!: string;

  @Column({ type: 'text' })
  role!: Role;

  @Index('ix_app_user_organisation')
  @Column({ type: 'uuid', nullable: true })
  organisationId!: string | null;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_app_user_organisation' })
  organisation?: OrganisationEntity | null;

  @Column({ type: 'uuid', nullable: true })
  teamId!: string | null;

  @ManyToOne(() => TeamEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'team_id', foreignKeyConstraintName: 'fk_app_user_team' })
  team?: TeamEntity | null;

  /** Parents and youths are linked to themselves as a member of their family. */
  @Index('ix_app_user_family_member')
  @Column({ type: 'uuid', nullable: true })
  familyMemberId!: string | null;

  @ManyToOne(() => FamilyMemberEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'family_member_id', foreignKeyConstraintName: 'fk_app_user_family_member' })
  familyMember?: FamilyMemberEntity | null;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  /**
   * SHA-256 of the one-time activation token of an account an admin created; null once the user chose a
   * password (until then the stored password hash is of a random secret nobody knows).
   */
  @Index('uq_app_user_activation_token', { unique: true })
  @Column({ type: 'text', nullable: true })
  activationTokenHash!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  activationExpiresAt!: Date | null;
}
