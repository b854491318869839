import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { UserEntity } from '../users/user.entity';

/**
 * One refresh token of a login session. Only its SHA-256 is stored. Every refresh rotates it; presenting a
 * token that was already rotated means it leaked, and revokes the whole session.
 */
@Entity('refresh_token')
export class RefreshTokenEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('ix_refresh_token_user')
  @Column({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_refresh_token_user' })
  user?: UserEntity;

  /** All tokens of one login share this id, so a reused token can revoke them together. */
  @Index('ix_refresh_token_session')
  @Column({ type: 'uuid' })
  sessionId!: string;

  @Index('uq_refresh_token_hash', { unique: true })
  @Column({ type: 'text' })
  tokenHash!: string;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  rotatedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}

/** Failed logins per e-mail address (existing or not, so a lock reveals nothing about accounts). */
@Entity('login_attempt')
export class LoginAttemptEntity {
  @Column({ type: 'text', primary: true })
  emailKey!: string;

  @Column({ type: 'int', default: 0 })
  failedCount!: number;

  @Column({ type: 'timestamptz', nullable: true })
  lockedUntil!: Date | null;

  @Column({ type: 'timestamptz' })
  lastFailedAt!: Date;
}
