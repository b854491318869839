import {
  ACTIVATION_TTL_DAYS,
  type ActivationResponse,
  type CreateUserResponse,
  FAMILY_ROLES,
  type RevokeSessionsResponse,
  type UserResponse,
} from '@gezinsplan/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../common/auth/actor';
import { AppError, notFound, validationError } from '../../common/errors/app-error';
import { versionConflict } from '../../common/http/concurrency';
import { returnedRows } from '../../database/sql';
import { updateIfVersion } from '../../database/versioned';
import { AuditService } from '../audit/audit.service';
import { hashPassword } from '../auth/password';
import { alreadyExists, isUniqueViolation, roleMismatch, unprocessable } from '../organisations/admin-rules';
import { OrganisationEntity, TeamEntity } from '../organisations/organisation.entity';
import type { CreateUserDto, ListUsersQueryDto, UpdateUserDto } from './dto/user.dto';
import { UserEntity } from './user.entity';

export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** A one-time activation token: only its hash is stored; the token itself is shown once. */
function newActivation(): { token: string; hash: string; expiresAt: Date } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: sha256(token), expiresAt: new Date(Date.now() + ACTIVATION_TTL_DAYS * 86_400_000) };
}

/**
 * Accounts of professionals (admin). An admin never chooses or sees a password: a new account gets a
 * one-time activation token with which its owner chooses one (POST /api/auth/activate).
 */
@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(query: ListUsersQueryDto): Promise<UserResponse[]> {
    const qb = this.ds.getRepository(UserEntity).createQueryBuilder('u');
    if (query.q) {
      qb.andWhere('(u.email ILIKE :q OR u.display_name ILIKE :q)', {
        q: `%${query.q.replace(/[\\%_]/g, '\\$&')}%`,
      });
    }
    if (query.role) qb.andWhere('u.role = :role', { role: query.role });
    if (query.organisationId) qb.andWhere('u.organisation_id = :org', { org: query.organisationId });
    if (query.teamId) qb.andWhere('u.team_id = :team', { team: query.teamId });
    if (query.active !== undefined) qb.andWhere('u.active = :active', { active: query.active });
    const rows = await qb.orderBy('u.email', 'ASC').getMany();
    return rows.map(toUser);
  }

  async create(actor: Actor, dto: CreateUserDto): Promise<CreateUserResponse> {
    const org = await this.ds.getRepository(OrganisationEntity).findOneBy({ id: dto.organisationId });
    if (!org) throw validationError([{ field: 'organisationId', messages: ['no organisation with this id'] }]);
    const misfit = roleMismatch(dto.role, org);
    if (misfit) throw unprocessable('role', `This role does not fit the organisation: ${misfit}`);
    if (dto.teamId) await this.requireTeamOf(dto.teamId, org.id);
    const activation = newActivation();
    // Never a usable password: a random secret nobody knows, until the owner activates the account.
    const passwordHash = await hashPassword(randomBytes(32).toString('base64url'));
    try {
      const user = await this.ds.transaction(async (m) => {
        const saved = await m.save(
          m.create(UserEntity, {
            email: dto.email,
            displayName: dto.displayName,
            role: dto.role,
            organisationId: org.id,
            teamId: dto.teamId ?? null,
            passwordHash,
            activationTokenHash: activation.hash,
            activationExpiresAt: activation.expiresAt,
          }),
        );
        await this.audit.record(
          actor,
          {
            resource: 'user',
            action: 'create',
            result: 'success',
            subjectId: saved.id,
            details: { email: saved.email, role: saved.role, organisationId: org.id, teamId: saved.teamId },
          },
          m,
        );
        return saved;
      });
      return {
        user: toUser(user),
        activation: { token: activation.token, expiresAt: activation.expiresAt.toISOString() },
      };
    } catch (error) {
      if (isUniqueViolation(error)) throw alreadyExists('email', 'An account with this e-mail address already exists');
      throw error;
    }
  }

  /** A new activation token for an account that has not been activated yet (the old one stops working). */
  async reissueActivation(actor: Actor, id: string): Promise<ActivationResponse> {
    const activation = newActivation();
    return this.ds.transaction(async (m) => {
      const rows = returnedRows<{ id: string }>(
        await m.query(
          `UPDATE app_user SET activation_token_hash = $2, activation_expires_at = $3, updated_at = now()
            WHERE id = $1 AND activation_token_hash IS NOT NULL AND active RETURNING id`,
          [id, activation.hash, activation.expiresAt],
        ),
      );
      if (rows.length === 0) {
        if (!(await m.getRepository(UserEntity).existsBy({ id }))) throw notFound('User');
        throw unprocessable('id', 'Only an active account that has not been activated yet gets a new activation');
      }
      await this.audit.record(
        actor,
        { resource: 'user', action: 'update', result: 'success', subjectId: id, details: { activationReissued: true } },
        m,
      );
      return { token: activation.token, expiresAt: activation.expiresAt.toISOString() };
    });
  }

  /**
   * Changes name, role, team or active if nobody changed the account since `expected`. Deactivating revokes
   * every refresh token in the same transaction, so no session can be refreshed again; an access token
   * already issued stays valid until it expires (ACCESS_TOKEN_TTL_SECONDS, 15 minutes by default).
   */
  async update(actor: Actor, id: string, expected: number, dto: UpdateUserDto): Promise<UserResponse> {
    const changes = Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined)) as Partial<
      Pick<UserEntity, 'displayName' | 'role' | 'teamId' | 'active'>
    >;
    if (Object.keys(changes).length === 0) {
      throw new AppError(400, 'VALIDATION_FAILED', 'Nothing to change: send at least one field', [
        { field: 'body', messages: ['send at least one of: displayName, role, teamId, active'] },
      ]);
    }
    const user = await this.ds.getRepository(UserEntity).findOne({ where: { id }, relations: { organisation: true } });
    if (!user) throw notFound('User');
    if (id === actor.userId && (changes.active === false || (changes.role && changes.role !== user.role))) {
      throw unprocessable(
        changes.active === false ? 'active' : 'role',
        'You cannot deactivate yourself or change your own role; ask another admin',
      );
    }
    if (FAMILY_ROLES.includes(user.role) && (changes.role !== undefined || changes.teamId)) {
      throw unprocessable('role', 'Parents and youths keep their role and have no team');
    }
    if (changes.role && user.organisation) {
      const misfit = roleMismatch(changes.role, user.organisation);
      if (misfit) throw unprocessable('role', `This role does not fit the organisation: ${misfit}`);
    }
    if (changes.teamId && user.organisationId) await this.requireTeamOf(changes.teamId, user.organisationId);
    const outcome = await this.ds.transaction(async (m) => {
      const ok = await updateIfVersion(m, UserEntity, id, expected, changes);
      const revoked = ok && changes.active === false ? await this.revokeAll(m, id) : 0;
      const current = await m.getRepository(UserEntity).findOneByOrFail({ id });
      await this.audit.record(
        actor,
        {
          resource: 'user',
          action: 'update',
          result: ok ? 'success' : 'conflict',
          subjectId: id,
          details: { changes, expectedVersion: expected, currentVersion: current.version, revokedSessions: revoked },
        },
        m,
      );
      return { ok, current: toUser(current) };
    });
    if (!outcome.ok) throw versionConflict(outcome.current.version, outcome.current);
    return outcome.current;
  }

  /** Ends every session of the user (e.g. a lost phone): no refresh token of theirs works any more. */
  async revokeSessions(actor: Actor, id: string): Promise<RevokeSessionsResponse> {
    if (!(await this.ds.getRepository(UserEntity).existsBy({ id }))) throw notFound('User');
    return this.ds.transaction(async (m) => {
      const revokedSessions = await this.revokeAll(m, id);
      await this.audit.record(
        actor,
        { resource: 'session', action: 'logout', result: 'success', subjectId: id, details: { revokedSessions } },
        m,
      );
      return { revokedSessions };
    });
  }

  private async revokeAll(m: EntityManager, userId: string): Promise<number> {
    const rows = returnedRows<{ session_id: string }>(
      await m.query(
        `UPDATE refresh_token SET revoked_at = now()
          WHERE user_id = $1 AND revoked_at IS NULL AND rotated_at IS NULL AND expires_at > now()
          RETURNING session_id`,
        [userId],
      ),
    );
    // Rotated tokens of those sessions are revoked too, so a replay is refused as well.
    await m.query('UPDATE refresh_token SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL', [userId]);
    return new Set(rows.map((r) => r.session_id)).size;
  }

  private async requireTeamOf(teamId: string, organisationId: string): Promise<void> {
    const team = await this.ds.getRepository(TeamEntity).findOneBy({ id: teamId });
    if (!team || team.organisationId !== organisationId) {
      throw validationError([{ field: 'teamId', messages: ['teamId must be a team of the same organisation'] }]);
    }
  }
}

export function toUser(u: UserEntity): UserResponse {
  return {
    id: u.id,
    email: u.email,
    displayName: u.displayName,
    role: u.role,
    organisationId: u.organisationId,
    teamId: u.teamId,
    active: u.active,
    activationPending: u.activationTokenHash !== null,
    version: u.version,
  };
}
