import {
  type EnrolledSessionResponse,
  type MeResponse,
  type Role,
  ROLE_PERMISSIONS,
  type SecondFactorChallenge,
  type SecondFactorStatus,
  type SecondFactorStep,
  type SessionResponse,
  type TotpEnrolment,
} from '@gezinsplan/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import * as argon2 from 'argon2';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { Actor, Principal } from '../../common/auth/actor';
import { AppError } from '../../common/errors/app-error';
import { returnedRows } from '../../database/sql';
import { ENV } from '../../config/config.module';
import type { Env } from '../../config/env';
import { AuditService } from '../audit/audit.service';
import { UserEntity } from '../users/user.entity';
import type { AccessClaims } from './jwt.strategy';
import { AuthSessionEntity } from './auth-session.entity';
import { hashPassword } from './password';
import { RefreshTokenEntity } from './refresh-token.entity';
import { type CodeCheck, SecondFactorService } from './second-factor.service';
import { SessionCheck } from './session-check.service';

export interface Origin {
  ip: string | null;
  requestId: string | null;
}

export interface IssuedSession<T = SessionResponse> {
  response: T;
  refreshToken: string;
  refreshExpiresAt: Date;
}

/** What the password step of a login gives: a session, or the second-factor step still to take. */
export type LoginOutcome = { session: IssuedSession } | { challenge: SecondFactorChallenge };

export interface StartSessionOptions {
  /** How the user proved who they are: `password`, `sso`, ... (kept on the session and in the audit log). */
  method: string;
  /** The second factor used, if any: `totp`, `recovery-code`. */
  secondFactor?: string | null;
}

/** Roles that must use a second factor when MFA_REQUIRED is on. */
export const PROFESSIONAL_ROLES: readonly Role[] = ['access_team', 'provider', 'gi', 'policy', 'admin'];

const MFA_AUDIENCE = 'gezinsplan-mfa';
const MFA_TOKEN_SECONDS = 300;
type MfaPurpose = 'verify' | 'enrol';

const invalidCredentials = () =>
  new AppError(401, 'INVALID_CREDENTIALS', 'The e-mail address or password is not correct');
const invalidSession = () => new AppError(401, 'UNAUTHENTICATED', 'Your session has ended; log in again');
const invalidMfaToken = () =>
  new AppError(401, 'UNAUTHENTICATED', 'This login step has expired or is not valid; log in again');
const invalidCode = (reason: CodeCheck | 'unknown recovery code') =>
  new AppError(
    401,
    'INVALID_SECOND_FACTOR',
    reason === 'reused' ? 'This code was used already; wait for the next one' : 'The code is not correct',
    { reason },
  );
/** For logged-in account changes: a 400, so the web app does not mistake it for an ended session. */
const wrongField = (field: string, message: string) =>
  new AppError(400, 'VALIDATION_FAILED', message, [{ field, messages: [message] }]);
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

@Injectable()
export class AuthService {
  /** Verified against when the e-mail is unknown, so a miss takes as long as a wrong password. */
  private readonly dummyHash: Promise<string>;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly jwt: JwtService,
    private readonly audit: AuditService,
    private readonly secondFactor: SecondFactorService,
    private readonly sessionCheck: SessionCheck,
    @Inject(ENV) private readonly env: Env,
  ) {
    this.dummyHash = hashPassword(randomBytes(16).toString('hex'));
  }

  /**
   * The password step. With a confirmed second factor, or when one is required for the role and not set up
   * yet, the answer is a short-lived challenge instead of a session; the failure counter of the address is only
   * cleared once the whole login succeeded, so wrong codes count into the same lockout as wrong passwords.
   */
  async login(emailInput: string, password: string, origin: Origin): Promise<LoginOutcome> {
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
    const step: SecondFactorStep | null = (await this.secondFactor.isEnabled(user.id))
      ? 'required'
      : this.secondFactorRequired(user.role)
        ? 'enrolment-required'
        : null;
    if (step) {
      await this.audit.record(actorOf(user, origin), {
        resource: 'session',
        action: 'login',
        result: 'success',
        details: { step: 'password', next: step },
      });
      return { challenge: await this.challenge(user.id, step) };
    }
    await this.clearFailures(email);
    return { session: await this.startSession(user, origin, { method: 'password' }) };
  }

  /**
   * Starts a session for a user whose identity is already established (password and second factor, or SSO):
   * a new auth_session, its first refresh token and an access token carrying the session id. Audited.
   * The caller sets the cookies with setSessionCookies() (session-cookies.ts).
   */
  async startSession(user: UserEntity, origin: Origin, options: StartSessionOptions): Promise<IssuedSession> {
    const withRelations =
      user.organisation !== undefined && user.familyMember !== undefined
        ? user
        : await this.ds
            .getRepository(UserEntity)
            .findOneOrFail({ where: { id: user.id }, relations: { organisation: true, familyMember: true } });
    return this.ds.transaction(async (m) => {
      const sessionId = randomUUID();
      await m.insert(AuthSessionEntity, {
        id: sessionId,
        userId: user.id,
        method: options.method,
        secondFactor: options.secondFactor ?? null,
      });
      const session = await this.issue(m, withRelations, sessionId);
      await this.audit.record(
        actorOf(withRelations, origin),
        {
          resource: 'session',
          action: 'login',
          result: 'success',
          subjectId: sessionId,
          details: { method: options.method, secondFactor: options.secondFactor ?? null },
        },
        m,
      );
      return session;
    });
  }

  /** The second step: a TOTP code or a one-time recovery code for the challenge of the password step. */
  async loginSecondFactor(
    mfaToken: string,
    proof: { code?: string; recoveryCode?: string },
    origin: Origin,
  ): Promise<IssuedSession> {
    const user = await this.userOfChallenge(mfaToken, 'verify');
    await this.refuseWhileLocked(user.email);
    const kind = proof.code !== undefined ? 'totp' : 'recovery-code';
    const check: CodeCheck | 'unknown recovery code' = await this.ds.transaction(async (m) => {
      if (proof.code !== undefined) return this.secondFactor.verify(m, user.id, proof.code);
      return (await this.secondFactor.useRecoveryCode(m, user.id, proof.recoveryCode ?? ''))
        ? 'ok'
        : 'unknown recovery code';
    });
    if (check !== 'ok') await this.codeFailed(user, origin, 'second-factor', check);
    await this.clearFailures(user.email);
    return this.startSession(user, origin, { method: 'password', secondFactor: kind });
  }

  /** Enrolment during login (a role that must use a second factor and has none yet): a new secret. */
  async loginEnrolmentStart(mfaToken: string, origin: Origin): Promise<TotpEnrolment> {
    const user = await this.userOfChallenge(mfaToken, 'enrol');
    if (await this.secondFactor.isEnabled(user.id)) throw invalidMfaToken();
    const enrolment = await this.secondFactor.start(user.id, user.email);
    await this.audit.record(actorOf(user, origin), {
      resource: 'session',
      action: 'create',
      result: 'success',
      details: { step: 'second-factor-enrolment-started' },
    });
    return enrolment;
  }

  /** The first code confirms the new secret: recovery codes (shown once) and the session. */
  async loginEnrolmentConfirm(
    mfaToken: string,
    code: string,
    origin: Origin,
  ): Promise<IssuedSession<EnrolledSessionResponse>> {
    const user = await this.userOfChallenge(mfaToken, 'enrol');
    await this.refuseWhileLocked(user.email);
    const result = await this.ds.transaction((m) => this.secondFactor.confirm(m, user.id, code));
    if (!Array.isArray(result)) return this.codeFailed(user, origin, 'second-factor-enrolment', result);
    await this.audit.record(actorOf(user, origin), {
      resource: 'session',
      action: 'update',
      result: 'success',
      details: { step: 'second-factor-enrolled' },
    });
    await this.clearFailures(user.email);
    const session = await this.startSession(user, origin, { method: 'password', secondFactor: 'totp' });
    return { ...session, response: { ...session.response, recoveryCodes: result } };
  }

  async secondFactorStatus(who: Principal): Promise<SecondFactorStatus> {
    return {
      enabled: await this.secondFactor.isEnabled(who.userId),
      required: this.secondFactorRequired(who.role),
      recoveryCodesLeft: await this.secondFactor.recoveryCodesLeft(who.userId),
    };
  }

  /** Enrolment from the account page (logged in). */
  async enrolmentStart(who: Actor): Promise<TotpEnrolment> {
    const user = await this.activeUser(who.userId);
    if (await this.secondFactor.isEnabled(user.id)) {
      throw new AppError(409, 'ALREADY_EXISTS', 'A second factor is set up already; turn it off first');
    }
    const enrolment = await this.secondFactor.start(user.id, user.email);
    await this.audit.record(who, {
      resource: 'session',
      action: 'create',
      result: 'success',
      details: { step: 'second-factor-enrolment-started' },
    });
    return enrolment;
  }

  async enrolmentConfirm(who: Actor, code: string): Promise<string[]> {
    const user = await this.activeUser(who.userId);
    await this.refuseWhileLocked(user.email);
    const result = await this.ds.transaction((m) => this.secondFactor.confirm(m, user.id, code));
    if (!Array.isArray(result)) return this.accountCodeFailed(user, who, 'second-factor-enrolment', result);
    await this.audit.record(who, {
      resource: 'session',
      action: 'update',
      result: 'success',
      details: { step: 'second-factor-enrolled' },
    });
    await this.clearFailures(user.email);
    return result;
  }

  /** New recovery codes (the old ones stop working); needs a current code. */
  async regenerateRecoveryCodes(who: Actor, code: string): Promise<string[]> {
    const user = await this.activeUser(who.userId);
    await this.refuseWhileLocked(user.email);
    const codes = await this.ds.transaction(async (m) => {
      const check = await this.secondFactor.verify(m, user.id, code);
      return check === 'ok' ? this.secondFactor.newRecoveryCodes(m, user.id) : check;
    });
    if (!Array.isArray(codes)) return this.accountCodeFailed(user, who, 'recovery-codes', codes);
    await this.audit.record(who, {
      resource: 'session',
      action: 'update',
      result: 'success',
      details: { step: 'recovery-codes-regenerated' },
    });
    await this.clearFailures(user.email);
    return codes;
  }

  /** Turns the second factor off (needs the password); refused where it is required. */
  async disableSecondFactor(who: Actor, password: string): Promise<void> {
    const user = await this.activeUser(who.userId);
    if (this.secondFactorRequired(user.role)) {
      throw new AppError(409, 'SECOND_FACTOR_REQUIRED', 'Your role must use a second factor; it cannot be turned off');
    }
    await this.verifyOwnPassword(user, who, password, 'password');
    await this.ds.transaction(async (m) => {
      await this.secondFactor.remove(m, user.id);
      await this.audit.record(
        who,
        { resource: 'session', action: 'delete', result: 'success', details: { step: 'second-factor-removed' } },
        m,
      );
    });
  }

  /** Changes the own password; every other session of the user ends (this one stays). */
  async changePassword(who: Actor, sessionId: string | null, current: string, next: string): Promise<void> {
    const user = await this.activeUser(who.userId);
    await this.verifyOwnPassword(user, who, current, 'currentPassword');
    if (current === next) throw wrongField('newPassword', 'The new password must differ from the current one');
    const passwordHash = await hashPassword(next);
    await this.ds.transaction(async (m) => {
      await m.query('UPDATE app_user SET password_hash = $2, version = version + 1, updated_at = now() WHERE id = $1', [
        user.id,
        passwordHash,
      ]);
      const revoked = returnedRows<{ session_id: string }>(
        await m.query(
          `UPDATE refresh_token SET revoked_at = now()
            WHERE user_id = $1 AND revoked_at IS NULL AND session_id IS DISTINCT FROM $2::uuid
            RETURNING session_id`,
          [user.id, sessionId],
        ),
      );
      await this.audit.record(
        who,
        {
          resource: 'user',
          action: 'update',
          result: 'success',
          subjectId: user.id,
          details: { passwordChanged: true, sessionsEnded: new Set(revoked.map((r) => r.session_id)).size },
        },
        m,
      );
    });
    this.sessionCheck.forgetUser(user.id);
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
          `UPDATE refresh_token r SET rotated_at = now()
             FROM auth_session s
            WHERE r.token_hash = $1 AND r.rotated_at IS NULL AND r.revoked_at IS NULL AND r.expires_at > now()
              AND s.id = r.session_id
              AND s.created_at > now() - make_interval(hours => $2::int)
              AND s.last_seen_at > now() - make_interval(mins => $3::int)
            RETURNING r.user_id, r.session_id`,
          [hash, this.env.SESSION_ABSOLUTE_HOURS, this.env.SESSION_IDLE_MINUTES],
        ),
      );
      if (!row) return null;
      const user = await m
        .getRepository(UserEntity)
        .findOne({ where: { id: row.user_id }, relations: { organisation: true, familyMember: true } });
      if (!user?.active) return null;
      await m.query('UPDATE auth_session SET last_seen_at = now() WHERE id = $1', [row.session_id]);
      return this.issue(m, user, row.session_id);
    });
    if (outcome) return outcome;
    const known = await this.ds.getRepository(RefreshTokenEntity).findOne({ where: { tokenHash: hash } });
    if (known && !known.rotatedAt && !known.revokedAt && known.expiresAt > new Date()) {
      // A current token of a session that timed out (idle or absolute): the session ends for good.
      await this.revokeSession(known.sessionId);
      await this.audit.record(
        { ...origin, userId: known.userId },
        {
          resource: 'session',
          action: 'logout',
          result: 'success',
          subjectId: known.sessionId,
          details: { reason: 'session timed out' },
        },
      );
      throw new AppError(401, 'UNAUTHENTICATED', 'Your session has ended after a period of inactivity; log in again');
    }
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
      { resource: 'session', action: 'logout', result: 'success', subjectId: known.sessionId },
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
    const rows = returnedRows<{ user_id: string }>(
      await this.ds.query(
        'UPDATE refresh_token SET revoked_at = now() WHERE session_id = $1 AND revoked_at IS NULL RETURNING user_id',
        [sessionId],
      ),
    );
    for (const userId of new Set(rows.map((r) => r.user_id))) this.sessionCheck.forgetUser(userId);
  }

  private secondFactorRequired(role: Role): boolean {
    return this.env.mfaRequired && PROFESSIONAL_ROLES.includes(role);
  }

  private async challenge(userId: string, step: SecondFactorStep): Promise<SecondFactorChallenge> {
    const purpose: MfaPurpose = step === 'required' ? 'verify' : 'enrol';
    const mfaToken = await this.jwt.signAsync(
      { sub: userId, pur: purpose },
      { expiresIn: MFA_TOKEN_SECONDS, issuer: 'gezinsplan', audience: MFA_AUDIENCE, algorithm: 'HS256' },
    );
    return { mfa: step, mfaToken, expiresIn: MFA_TOKEN_SECONDS };
  }

  /** The user of a second-factor challenge, for this purpose only; 401 when expired, forged or for another step. */
  private async userOfChallenge(mfaToken: string, purpose: MfaPurpose): Promise<UserEntity> {
    let claims: { sub?: unknown; pur?: unknown };
    try {
      claims = await this.jwt.verifyAsync(mfaToken, {
        issuer: 'gezinsplan',
        audience: MFA_AUDIENCE,
        algorithms: ['HS256'],
      });
    } catch {
      throw invalidMfaToken();
    }
    if (claims.pur !== purpose || typeof claims.sub !== 'string') throw invalidMfaToken();
    const user = await this.ds
      .getRepository(UserEntity)
      .findOne({ where: { id: claims.sub }, relations: { organisation: true, familyMember: true } });
    if (!user?.active) throw invalidMfaToken();
    return user;
  }

  private async activeUser(userId: string): Promise<UserEntity> {
    const user = await this.ds.getRepository(UserEntity).findOne({ where: { id: userId } });
    if (!user?.active) throw invalidSession();
    return user;
  }

  private async verifyOwnPassword(user: UserEntity, who: Actor, password: string, field: string): Promise<void> {
    await this.refuseWhileLocked(user.email);
    if (await argon2.verify(user.passwordHash, password)) return;
    await this.registerFailure(user.email);
    await this.audit.record(who, {
      resource: 'session',
      action: 'update',
      result: 'failed',
      details: { step: 'password-check' },
    });
    throw wrongField(field, 'The password is not correct');
  }

  /** A wrong or reused code at login: counted into the lockout of the address, audited, 401. */
  private async codeFailed(
    user: UserEntity,
    origin: Origin,
    step: string,
    reason: CodeCheck | 'unknown recovery code',
  ): Promise<never> {
    await this.registerFailure(user.email);
    await this.audit.record(actorOf(user, origin), {
      resource: 'session',
      action: 'login',
      result: 'failed',
      details: { step, reason },
    });
    throw invalidCode(reason);
  }

  /** The same for a logged-in account change, answered with a 400 naming the field. */
  private async accountCodeFailed(user: UserEntity, who: Actor, step: string, reason: CodeCheck): Promise<never> {
    await this.registerFailure(user.email);
    await this.audit.record(who, {
      resource: 'session',
      action: 'update',
      result: 'failed',
      details: { step, reason },
    });
    throw wrongField(
      'code',
      reason === 'reused' ? 'This code was used already; wait for the next one' : 'The code is not correct',
    );
  }

  private async clearFailures(email: string): Promise<void> {
    await this.ds.query('DELETE FROM login_attempt WHERE email_key = $1', [email]);
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
      sid: sessionId,
    };
    const accessToken = await this.jwt.signAsync(claims, {
      expiresIn: this.env.ACCESS_TOKEN_TTL_SECONDS,
      issuer: 'gezinsplan',
      audience: 'gezinsplan-api',
      algorithm: 'HS256',
    });
    return {
      response: {
        accessToken,
        expiresIn: this.env.ACCESS_TOKEN_TTL_SECONDS,
        idleTimeoutSeconds: this.env.SESSION_IDLE_MINUTES * 60,
        user: toMe(user),
      },
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
}

function actorOf(user: UserEntity, origin: Origin) {
  return { ...origin, userId: user.id, role: user.role, organisationId: user.organisationId };
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
