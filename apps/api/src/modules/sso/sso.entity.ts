import { SSO_CLAIMS, type SsoClaim } from '@gezinsplan/contracts';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { MutableEntity } from '../../database/base.entity';
import { sqlList } from '../../database/sql';
import { OrganisationEntity } from '../organisations/organisation.entity';
import { UserEntity } from '../users/user.entity';

/** An organisation's OpenID Connect identity provider: its staff may log in there instead of with a password. */
@Entity('organisation_sso')
@Check('ck_organisation_sso_claim', `"claim" IN (${sqlList(SSO_CLAIMS)})`)
export class OrganisationSsoEntity extends MutableEntity {
  @Index('uq_organisation_sso_organisation', { unique: true })
  @Column({ type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_organisation_sso_organisation' })
  organisation?: OrganisationEntity;

  /** The IdP's issuer identifier; its discovery document is at `<issuer>/.well-known/openid-configuration`. */
  @Column({ type: 'text' })
  issuer!: string;

  @Column({ type: 'text' })
  clientId!: string;

  /** AES-256-GCM (FieldCipher); never returned by the API. */
  @Column({ type: 'text' })
  clientSecretEncrypted!: string;

  @Column({ type: 'boolean', default: false })
  enabled!: boolean;

  @Column({ type: 'text', default: 'email' })
  claim!: SsoClaim;
}

/** An account's identity at an IdP, recorded at the first successful login: later logins follow the subject. */
@Entity('user_sso_link')
@Index('uq_user_sso_link_subject', ['issuer', 'subject'], { unique: true })
@Index('uq_user_sso_link_user_issuer', ['userId', 'issuer'], { unique: true })
export class UserSsoLinkEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_user_sso_link_user' })
  user?: UserEntity;

  @Column({ type: 'text' })
  issuer!: string;

  @Column({ type: 'text' })
  subject!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  lastLoginAt!: Date | null;
}

/**
 * One started SSO login, until its callback (single use, minutes). Keyed by the SHA-256 of `state`; the browser
 * that started it holds the binding secret in an httpOnly cookie, so a callback URL sent to someone else's
 * browser logs nobody in.
 */
@Entity('sso_login_state')
export class SsoLoginStateEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('uq_sso_login_state_state', { unique: true })
  @Column({ type: 'text' })
  stateHash!: string;

  @Column({ type: 'text' })
  bindingHash!: string;

  @Column({ type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_sso_login_state_organisation' })
  organisation?: OrganisationEntity;

  @Column({ type: 'text' })
  nonce!: string;

  @Column({ type: 'text' })
  codeVerifier!: string;

  @Index('ix_sso_login_state_expires')
  @Column({ type: 'timestamptz' })
  expiresAt!: Date;
}
