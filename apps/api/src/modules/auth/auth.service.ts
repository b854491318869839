import { type LoginResponse, type MeResponse, ROLE_PERMISSIONS } from '@gezinsplan/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import * as argon2 from 'argon2';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../../common/auth/actor';
import { AppError } from '../../common/errors/app-error';
import { returnedRows } from '../../database/sql';
import { ENV } from '../../config/config.module';
import type { Env } from '../../config/env';
import { AuditService } from '../audit/audit.service';
import { UserEntity } from '../users/user.entity';
import type { AccessClaims } from './jwt.strategy';
import { hashPassword } from './password';
import { RefreshTokenEntity } from './refresh-token.entity';

export interface Origin {
  ip: string | null;
  requestId: string | null;
}

export interface IssuedSession {
  response: LoginResponse;
  refreshToken: string;
  refreshExpiresAt: Date;
}

const invalidCredentials = () =>
  new AppError(401, 'INVALID_CREDENTIALS', 'The e-mail address or password is not correct');
const invalidSession = () => new AppError(401, 'UNAUTHENTICATED', 'Your session has ended; log in again');
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

@Injectable()
export class AuthService {
  /** Verified against when the e-mail is unknown, so a miss takes as long as a wrong password. */
  private readonly dummyHash: Promise<string>;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly jwt: JwtService,
    private readonly audit: AuditService,
    @Inject(ENV) private readonly env: Env,
  ) {
    this.dummyHash = hashPassword(randomBytes(16).toString('hex'));
  }

  async login(emailInput: string, password: string, origin: Origin): Promise<IssuedSession> {
    const email = emailInput.trim().toLowerCase();
    await this.refuseWhileLocked(email);
    const user = await this.ds
      .getRepository(UserEntity)
      .findOne({ where: { email }, relations: { organisation: true, familyMember: true } });
    const passwordOk = await argon2.verify(user?.passwordHash ?? (await this.dummyHash), password);
    if (!user || !user.active || !passwordOk) {
      await this.registerFailure(email);
      await this.audit.record(
        { ...origin, userId: user?.id, role: user?.role, organisationId: user?.organisationId },
        {
          resource: 'session',
          action: 'login',
          result: 'failed',
        },
      );
      throw invalidCredentials();
    }
    await this.ds.query('DELETE FROM login_attempt WHERE email_key = $1', [email]);
    return this.ds.transaction(async (m) => {
      const session = await this.issue(m, user, randomUUID());
      await this.audit.record(
        { ...origin, userId: user.id, role: user.role, organisationId: user.organisationId },
        {
          resource: 'session',
          action: 'login',
          result: 'success',
        },
        m,
      );
      return session;
    });
  }

  /**
   * Rotates the refresh token. A token that was already rotated or revoked is a stolen or replayed token:
   * the whole session is revoked. The rotation is one conditional UPDATE, so two racing refreshes with the
   * same token cannot both succeed.
   */
  async refresh(token: string | undefined, origin: Origin): Promise<IssuedSession> {
    if (!token) throw invalidSession();
    const hash = sha256(token);
    const outcome = await this.ds.transaction(async (m) => {
      const [row] = returnedRows<{ user_id: string; session_id: string }>(
        await m.query(
          `UPDATE refresh_token SET rotated_at = now()
            WHERE token_hash = $1 AND rotated_at IS NULL AND revoked_at IS NULL AND expires_at > now()
            RETURNING user_id, session_id`,
          [hash],
        ),
      );
      if (!row) return null;
      const user = await m
        .getRepository(UserEntity)
        .findOne({ where: { id: row.user_id }, relations: { organisation: true, familyMember: true } });
      if (!user?.active) return null;
      return this.issue(m, user, row.session_id);
    });
    if (outcome) return outcome;
    const known = await this.ds.getRepository(RefreshTokenEntity).findOne({ where: { tokenHash: hash } });
    if (known && (known.rotatedAt || known.revokedAt)) {
      await this.revokeSession(known.sessionId);
      await this.audit.record(
        { ...origin, userId: known.userId },
        {
          resource: 'session',
          action: 'login',
          result: 'denied',
          details: { reason: 'refresh token reused; session revoked' },
        },
      );
    }
    throw invalidSession();
  }

  async logout(token: string | undefined, origin: Origin): Promise<void> {
    if (!token) return;
    const known = await this.ds.getRepository(RefreshTokenEntity).findOne({ where: { tokenHash: sha256(token) } });
    if (!known) return;
    await this.revokeSession(known.sessionId);
    await this.audit.record(
      { ...origin, userId: known.userId },
      { resource: 'session', action: 'logout', result: 'success' },
    );
  }

  /**
   * The owner of an account an admin created chooses a password with the one-time activation token. The
   * token works once, until it expires; a wrong or used token changes nothing.
   */
  async activate(token: string, password: string, origin: Origin): Promise<void> {
    const passwordHash = await hashPassword(password);
    await this.ds.transaction(async (m) => {
      const [user] = returnedRows<{ id: string; role: UserEntity['role']; organisation_id: string | null }>(
        await m.query(
          `UPDATE app_user SET password_hash = $2, activation_token_hash = NULL, activation_expires_at = NULL,
                  version = version + 1, updated_at = now()
            WHERE activation_token_hash = $1 AND activation_expires_at > now() AND active
            RETURNING id, role, organisation_id`,
          [sha256(token), passwordHash],
        ),
      );
      if (!user) {
        throw new AppError(400, 'VALIDATION_FAILED', 'This activation link is not valid (any more); ask your admin', [
          { field: 'token', messages: ['unknown, used or expired activation token'] },
        ]);
      }
      await this.audit.record(
        { ...origin, userId: user.id, role: user.role, organisationId: user.organisation_id },
        { resource: 'user', action: 'update', result: 'success', subjectId: user.id, details: { activated: true } },
        m,
      );
    });
  }

  async me(who: Principal): Promise<MeResponse> {
    const user = await this.ds
      .getRepository(UserEntity)
      .findOne({ where: { id: who.userId }, relations: { organisation: true, familyMember: true } });
    if (!user) throw invalidSession();
    return toMe(user);
  }

  private async revokeSession(sessionId: string): Promise<void> {
    await this.ds.query('UPDATE refresh_token SET revoked_at = now() WHERE session_id = $1 AND revoked_at IS NULL', [
      sessionId,
    ]);
  }

  private async issue(m: EntityManager, user: UserEntity, sessionId: string): Promise<IssuedSession> {
    const refreshToken = randomBytes(32).toString('base64url');
    const refreshExpiresAt = new Date(Date.now() + this.env.REFRESH_TOKEN_TTL_DAYS * 86_400_000);
    await m.insert(RefreshTokenEntity, {
      userId: user.id,
      sessionId,
      tokenHash: sha256(refreshToken),
      expiresAt: refreshExpiresAt,
    });
    const claims: AccessClaims = {
      sub: user.id,
      role: user.role,
      name: user.displayName,
      org: user.organisationId,
      team: user.teamId,
      mem: user.familyMemberId,
      fam: user.familyMember?.familyId ?? null,
    };
    const accessToken = await this.jwt.signAsync(claims, {
      expiresIn: this.env.ACCESS_TOKEN_TTL_SECONDS,
      issuer: 'gezinsplan',
      audience: 'gezinsplan-api',
      algorithm: 'HS256',
    });
    return {
      response: { accessToken, expiresIn: this.env.ACCESS_TOKEN_TTL_SECONDS, user: toMe(user) },
      refreshToken,
      refreshExpiresAt,
    };
  }

  /**
   * Runs login attempts for one address one after another (across API instances): a transaction-scoped
   * advisory lock on the address, tried without waiting (a waiting lock would hold a pool connection) and
   * retried after a short pause for about two seconds. Without it a burst of parallel guesses all passed the
   * lockout check before the first failure was counted (11 of 12 got a password check with a threshold of 3;
   * test/brute-force.int-spec.ts). Two honest parallel logins of one account just take a moment longer.
   */
  async oneAttemptAtATime<T>(emailInput: string, attempt: () => Promise<T>): Promise<T> {
    const email = emailInput.trim().toLowerCase();
    for (let tries = 0; tries < 40; tries++) {
      const outcome = await this.ds.transaction(async (m) => {
        const [row]: { got: boolean }[] = await m.query('SELECT pg_try_advisory_xact_lock(7514, hashtext($1)) AS got', [
          email,
        ]);
        return row.got ? { ran: true as const, value: await attempt() } : { ran: false as const };
      });
      if (outcome.ran) return outcome.value;
      await new Promise((resolve) => setTimeout(resolve, 25 + Math.floor(Math.random() * 50)));
    }
    throw new AppError(429, 'LOGIN_LOCKED', 'Too many login attempts for this address at once; try again', {
      retryAfterSeconds: 1,
    });
  }

  private async refuseWhileLocked(email: string): Promise<void> {
    const rows: { seconds: number }[] = await this.ds.query(
      `SELECT ceil(extract(epoch FROM locked_until - now()))::int AS seconds
         FROM login_attempt WHERE email_key = $1 AND locked_until > now()`,
      [email],
    );
    if (rows.length > 0) {
      throw new AppError(429, 'LOGIN_LOCKED', 'Too many failed attempts; wait a moment and try again', {
        retryAfterSeconds: rows[0].seconds,
      });
    }
  }

  /** Counts a failure atomically; from the threshold on, each failure locks the address twice as long. */
  private async registerFailure(email: string): Promise<void> {
    await this.ds.query(
      `INSERT INTO login_attempt (email_key, failed_count, last_failed_at) VALUES ($1, 1, now())
       ON CONFLICT (email_key) DO UPDATE
         SET failed_count = CASE WHEN login_attempt.last_failed_at < now() - interval '1 hour' THEN 1
                                 ELSE login_attempt.failed_count + 1 END,
             last_failed_at = now()`,
      [email],
    );
    await this.ds.query(
      `UPDATE login_attempt
          SET locked_until = now() + make_interval(secs => $2::int * power(2, least(failed_count - $3::int, 10)))
        WHERE email_key = $1 AND failed_count >= $3::int`,
      [email, this.env.LOGIN_LOCK_SECONDS, this.env.LOGIN_LOCK_THRESHOLD],
    );
  }

  /**
   * A new session for a user another mechanism authenticated (SSO: the organisation's IdP, which enforces its
   * own second factor). The caller has checked that the account may log in this way.
   */
  async startSession(user: UserEntity, origin: Origin): Promise<IssuedSession> {
    return this.ds.transaction(async (m) => {
      const session = await this.issue(m, user, randomUUID());
      await this.audit.record(
        { ...origin, userId: user.id, role: user.role, organisationId: user.organisationId },
        { resource: 'session', action: 'login', result: 'success', details: { method: 'sso' } },
        m,
      );
      return session;
    });
  }
}

export function toMe(user: UserEntity): MeResponse {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    permissions: [...ROLE_PERMISSIONS[user.role]],
    organisation: user.organisation
      ? { id: user.organisation.id, name: user.organisation.name, type: user.organisation.type }
      : null,
    familyId: user.familyMember?.familyId ?? null,
    familyMemberId: user.familyMember?.id ?? null,
  };
}
