import type { SsoError } from '@gezinsplan/contracts';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import * as oidc from 'openid-client';
import type { DataSource } from 'typeorm';
import { ENV } from '../../config/config.module';
import type { Env } from '../../config/env';
import { returnedRows } from '../../database/sql';
import { AuditService } from '../audit/audit.service';
import { AuthService, type IssuedSession, type Origin } from '../auth/auth.service';
import { UserEntity } from '../users/user.entity';
import { SsoConfigService, redirectUriOf } from './sso-config.service';
import { SsoLoginStateEntity, UserSsoLinkEntity } from './sso.entity';

/** How long a started SSO login may take at the IdP before its state expires. */
export const SSO_STATE_TTL_SECONDS = 600;
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** A refused SSO login: the browser is sent to the login page with `code`; `reason` goes to the audit log only. */
export class SsoRefusal extends Error {
  constructor(
    readonly code: SsoError,
    readonly reason: string,
    readonly organisationId: string | null = null,
    readonly userId: string | null = null,
  ) {
    super(reason);
  }
}

type LoadedConfig = NonNullable<Awaited<ReturnType<SsoConfigService['enabledConfig']>>>;

/**
 * OpenID Connect login (authorisation code + PKCE S256, state and nonce) at an organisation's own IdP. The IdP's
 * user is mapped to an existing, active professional account of that organisation; accounts are never created
 * and parents and youths never log in this way.
 */
@Injectable()
export class SsoLoginService {
  private readonly logger = new Logger(SsoLoginService.name);

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly configs: SsoConfigService,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
    @Inject(ENV) private readonly env: Env,
  ) {}

  /** The IdP's authorisation URL and the browser binding secret for the state cookie. */
  async start(organisationId: string): Promise<{ url: string; binding: string }> {
    const config = await this.configs.enabledConfig(organisationId);
    if (!config) throw new SsoRefusal('unavailable', 'SSO not configured or disabled', organisationId);
    const client = await this.discover(config, organisationId);
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const binding = randomBytes(32).toString('base64url');
    await this.ds.query('DELETE FROM sso_login_state WHERE expires_at < now()');
    await this.ds.getRepository(SsoLoginStateEntity).insert({
      stateHash: sha256(state),
      bindingHash: sha256(binding),
      organisationId,
      nonce,
      codeVerifier,
      expiresAt: new Date(Date.now() + SSO_STATE_TTL_SECONDS * 1000),
    });
    const url = oidc.buildAuthorizationUrl(client, {
      redirect_uri: redirectUriOf(this.env),
      scope: 'openid email profile',
      response_type: 'code',
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url: url.href, binding };
  }

  /**
   * Completes the login: the state must be one this browser started (binding cookie), unused and unexpired;
   * the code is exchanged with the verifier and the ID token checked (issuer, audience, nonce, expiry).
   */
  async callback(query: Record<string, unknown>, binding: string | undefined, origin: Origin): Promise<IssuedSession> {
    const state = typeof query.state === 'string' ? query.state : '';
    if (!state || !binding) throw new SsoRefusal('state', 'missing state or binding cookie');
    const [pending] = returnedRows<{
      organisation_id: string;
      nonce: string;
      code_verifier: string;
      binding_hash: string;
      expired: boolean;
    }>(
      await this.ds.query(
        `DELETE FROM sso_login_state WHERE state_hash = $1
          RETURNING organisation_id, nonce, code_verifier, binding_hash, expires_at < now() AS expired`,
        [sha256(state)],
      ),
    );
    if (!pending) throw new SsoRefusal('state', 'unknown or already used state');
    const organisationId = pending.organisation_id;
    if (pending.expired) throw new SsoRefusal('state', 'state expired', organisationId);
    if (pending.binding_hash !== sha256(binding)) {
      throw new SsoRefusal('state', 'state started in another browser', organisationId);
    }
    if (typeof query.error === 'string') {
      throw new SsoRefusal('cancelled', `IdP answered ${query.error.slice(0, 100)}`, organisationId);
    }
    const config = await this.configs.enabledConfig(organisationId);
    if (!config) throw new SsoRefusal('unavailable', 'SSO disabled since the login started', organisationId);
    const client = await this.discover(config, organisationId);
    const redirectUri = redirectUriOf(this.env);
    const currentUrl = new URL(redirectUri);
    for (const [key, value] of Object.entries(query)) {
      if (typeof value === 'string') currentUrl.searchParams.set(key, value);
    }
    let claims: oidc.IDToken;
    try {
      const tokens = await oidc.authorizationCodeGrant(
        client,
        currentUrl,
        {
          pkceCodeVerifier: pending.code_verifier,
          expectedState: state,
          expectedNonce: pending.nonce,
          idTokenExpected: true,
        },
        { redirect_uri: redirectUri },
      );
      const idClaims = tokens.claims();
      if (!idClaims) throw new Error('no ID token');
      claims = idClaims;
      // Many IdPs put profile claims in the UserInfo response only (OIDC Core 5.4); its subject must match.
      if (config.claim === 'email' && claims.email === undefined && client.serverMetadata().userinfo_endpoint) {
        const info = await oidc.fetchUserInfo(client, tokens.access_token, claims.sub);
        claims = { ...claims, email: info.email, email_verified: info.email_verified };
      }
    } catch (error) {
      const claim = offendingClaim(error);
      const why = `${(error as Error).message}${claim ? ` (${claim})` : ''}`;
      this.logger.warn(`SSO code exchange failed for organisation ${organisationId}: ${why}`);
      throw new SsoRefusal('token', `code exchange or ID token refused: ${why}`, organisationId);
    }
    const user = await this.mapUser(config, organisationId, claims);
    return this.auth.startSession(user, origin, { method: 'sso' });
  }

  /** Audits a refused attempt (never with tokens or codes). */
  async refused(refusal: SsoRefusal, origin: Origin): Promise<void> {
    await this.audit.record(
      { ...origin, userId: refusal.userId ?? undefined, organisationId: refusal.organisationId },
      {
        resource: 'session',
        action: 'login',
        result: refusal.code === 'account' || refusal.code === 'state' ? 'denied' : 'failed',
        details: { method: 'sso', error: refusal.code, reason: refusal.reason },
      },
    );
  }

  /**
   * The account: the one already linked to (issuer, subject); otherwise, when the organisation maps by e-mail,
   * the account with the ID token's (not unverified) e-mail address, which is then linked. It must be an active
   * professional account of this very organisation.
   */
  private async mapUser(config: LoadedConfig, organisationId: string, claims: oidc.IDToken): Promise<UserEntity> {
    const users = this.ds.getRepository(UserEntity);
    const links = this.ds.getRepository(UserSsoLinkEntity);
    const link = await links.findOne({ where: { issuer: claims.iss, subject: claims.sub } });
    let user: UserEntity | null = null;
    if (link) {
      user = await users.findOne({ where: { id: link.userId }, relations: { organisation: true, familyMember: true } });
    } else if (config.claim === 'email') {
      const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : '';
      if (!email) throw new SsoRefusal('account', 'ID token has no email claim', organisationId);
      if (claims.email_verified === false) {
        throw new SsoRefusal('account', 'IdP says the e-mail address is not verified', organisationId);
      }
      user = await users.findOne({ where: { email }, relations: { organisation: true, familyMember: true } });
    }
    if (!user) throw new SsoRefusal('account', `no account for this ${config.claim}`, organisationId);
    if (user.role === 'parent' || user.role === 'youth') {
      throw new SsoRefusal('account', 'parents and youths do not log in via an organisation', organisationId, user.id);
    }
    if (user.organisationId !== organisationId) {
      throw new SsoRefusal('account', 'the account belongs to another organisation', organisationId, user.id);
    }
    if (!user.active) throw new SsoRefusal('account', 'the account is deactivated', organisationId, user.id);
    if (link) {
      await links.update({ id: link.id }, { lastLoginAt: new Date() });
    } else {
      const [inserted] = returnedRows<{ id: string }>(
        await this.ds.query(
          `INSERT INTO user_sso_link (user_id, issuer, subject, last_login_at) VALUES ($1, $2, $3, now())
           ON CONFLICT DO NOTHING RETURNING id`,
          [user.id, claims.iss, claims.sub],
        ),
      );
      if (!inserted) {
        throw new SsoRefusal(
          'account',
          'the account is already linked to another subject at this IdP',
          organisationId,
          user.id,
        );
      }
    }
    return user;
  }

  private async discover(config: LoadedConfig, organisationId: string): Promise<oidc.Configuration> {
    const issuer = new URL(config.issuer);
    const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(issuer.hostname);
    try {
      return await oidc.discovery(
        issuer,
        config.clientId,
        { client_secret: config.clientSecret, id_token_signed_response_alg: 'RS256' },
        oidc.ClientSecretPost(config.clientSecret),
        {
          execute: issuer.protocol === 'http:' && loopback ? [oidc.allowInsecureRequests] : [],
          timeout: 10,
        },
      );
    } catch (error) {
      this.logger.warn(`SSO discovery of ${config.issuer} failed: ${(error as Error).message}`);
      throw new SsoRefusal('unavailable', `IdP discovery failed: ${(error as Error).message}`, organisationId);
    }
  }
}

/** oauth4webapi names the offending ID-token claim (iss, aud, nonce, exp …) somewhere in the error's cause chain. */
function offendingClaim(error: unknown): string | null {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const { claim, cause } = e as { claim?: unknown; cause?: unknown };
    if (typeof claim === 'string') return claim;
    e = cause;
  }
  return null;
}
