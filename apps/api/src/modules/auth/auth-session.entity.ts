import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { UserEntity } from '../users/user.entity';

/**
 * One login session: its refresh tokens (refresh_token.session_id) rotate, the session stays. It ends when
 * its tokens are revoked (logout, reuse, password change, an admin), after SESSION_IDLE_MINUTES without
 * activity, or SESSION_ABSOLUTE_HOURS after the login. Access tokens carry its id (`sid`).
 */
@Entity('auth_session')
export class AuthSessionEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Index('ix_auth_session_user')
  @Column({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_auth_session_user' })
  user?: UserEntity;

  /** How the user logged in: `password`, `sso`, ... */
  @Column({ type: 'text' })
  method!: string;

  /** The second factor used at login: `totp`, `recovery-code`, or null. */
  @Column({ type: 'text', nullable: true })
  secondFactor!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  /** The last request or refresh (kept to the minute): the idle timeout counts from here. */
  @Column({ type: 'timestamptz', default: () => 'now()' })
  lastSeenAt!: Date;
}

/** A user's TOTP secret, AES-256-GCM encrypted (FieldCipher). Pending until the first code confirms it. */
@Entity('user_totp')
export class UserTotpEntity {
  @PrimaryColumn({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_user_totp_user' })
  user?: UserEntity;

  @Column({ type: 'text' })
  secretEncrypted!: string;

  @Column({ type: 'timestamptz', nullable: true })
  confirmedAt!: Date | null;

  /** The time step of the last accepted code: a code of this step or earlier is refused (no replay). */
  @Column({ type: 'bigint', nullable: true })
  lastStep!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

/** One-time recovery codes; only a salted SHA-256 of each is stored. */
@Entity('recovery_code')
export class RecoveryCodeEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('ix_recovery_code_user')
  @Column({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_recovery_code_user' })
  user?: UserEntity;

  @Column({ type: 'text' })
  codeHash!: string;

  @Column({ type: 'timestamptz', nullable: true })
  usedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
