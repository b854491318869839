import { isRole } from '@gezinsplan/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { createSecretKey } from 'node:crypto';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { Principal } from '../../common/auth/actor';
import { ENV } from '../../config/config.module';
import type { Env } from '../../config/env';
import { SessionCheck } from './session-check.service';

/** Claims in our access tokens. Short names keep the token small. */
export interface AccessClaims {
  sub: string;
  role: string;
  name: string;
  org: string | null;
  team: string | null;
  mem: string | null;
  fam: string | null;
  /** The login session (auth_session.id): revoking it ends this token too. */
  sid: string;
}

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(ENV) env: Env,
    private readonly sessions: SessionCheck,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A KeyObject made once: given the string, jsonwebtoken tries to parse it as a public key (and throws) and
      // then builds a secret key from it, on every request.
      secretOrKey: createSecretKey(Buffer.from(env.JWT_SECRET as string)) as unknown as string,
      algorithms: ['HS256'],
      issuer: 'gezinsplan',
      audience: 'gezinsplan-api',
    });
  }

  /** A valid signature is not enough: the token's session must still be live (see SessionCheck). */
  async validate(claims: AccessClaims): Promise<Principal | false> {
    const principal = principalFromClaims(claims);
    if (!principal || typeof claims.sid !== 'string') return false;
    return (await this.sessions.isLive(claims.sid, principal.userId)) ? { ...principal, sessionId: claims.sid } : false;
  }
}

/** The principal an access token stands for (REST and the live channel alike); null for a malformed token. */
export function principalFromClaims(claims: AccessClaims): Principal | null {
  if (!isRole(claims.role) || typeof claims.sub !== 'string') return null;
  return {
    userId: claims.sub,
    role: claims.role,
    displayName: claims.name,
    organisationId: claims.org,
    teamId: claims.team,
    familyMemberId: claims.mem,
    familyId: claims.fam,
  };
}
