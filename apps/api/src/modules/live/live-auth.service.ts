import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { Principal } from '../../common/auth/actor';
import { ENV } from '../../config/config.module';
import type { Env } from '../../config/env';
import { type AccessClaims, principalFromClaims } from '../auth/jwt.strategy';
import { SessionCheck } from '../auth/session-check.service';

/**
 * Checks the access token of a Socket.IO handshake exactly like the REST API's JwtStrategy does (HS256,
 * issuer `gezinsplan`, audience `gezinsplan-api`, not expired, a known role) and turns its claims into the
 * same Principal, and refuses a token whose session has ended (logout, password change, an admin's "end
 * sessions", idle or absolute timeout, a deactivated account), like the REST API does.
 */
@Injectable()
export class LiveAuthService {
  private readonly jwt = new JwtService();

  constructor(
    @Inject(ENV) private readonly env: Env,
    private readonly sessions: SessionCheck,
  ) {}

  /** The principal and the token's expiry (ms since epoch), or null for a missing, invalid or expired token. */
  async verify(token: unknown): Promise<{ principal: Principal; expiresAt: number } | null> {
    if (typeof token !== 'string' || token.length === 0) return null;
    let claims: AccessClaims & { exp?: number };
    try {
      claims = await this.jwt.verifyAsync<AccessClaims & { exp?: number }>(token, {
        secret: this.env.JWT_SECRET as string,
        algorithms: ['HS256'],
        issuer: 'gezinsplan',
        audience: 'gezinsplan-api',
      });
    } catch {
      return null;
    }
    const principal = principalFromClaims(claims);
    if (!principal || typeof claims.exp !== 'number' || typeof claims.sid !== 'string') return null;
    if (!(await this.sessions.isLive(claims.sid, principal.userId))) return null;
    return { principal: { ...principal, sessionId: claims.sid }, expiresAt: claims.exp * 1000 };
  }
}
