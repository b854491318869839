import type { OrganisationResponse, TeamResponse } from '@gezinsplan/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../common/auth/actor';
import { AppError, notFound } from '../../common/errors/app-error';
import { versionConflict } from '../../common/http/concurrency';
import { updateIfVersion } from '../../database/versioned';
import { AuditService } from '../audit/audit.service';
import { UserEntity } from '../users/user.entity';
import { alreadyExists, isUniqueViolation, roleMismatch, unprocessable } from './admin-rules';
import type { CreateOrganisationDto, CreateTeamDto, UpdateOrganisationDto } from './dto/organisation.dto';
import { OrganisationEntity, TeamEntity } from './organisation.entity';

const nameTaken = () => alreadyExists('name', 'An organisation with this name already exists');

/** Functional management of organisations and their teams (admin). Every write is audit-logged. */
@Injectable()
export class OrganisationsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<OrganisationResponse[]> {
    const rows = await this.ds
      .getRepository(OrganisationEntity)
      .find({ relations: { teams: true }, order: { name: 'ASC', teams: { name: 'ASC' } } });
    return rows.map(toOrganisation);
  }

  async create(actor: Actor, dto: CreateOrganisationDto): Promise<OrganisationResponse> {
    try {
      return await this.ds.transaction(async (m) => {
        const org = await m.save(
          m.create(OrganisationEntity, { name: dto.name, type: dto.type, municipality: dto.municipality ?? null }),
        );
        await this.audit.record(
          actor,
          {
            resource: 'organisation',
            action: 'create',
            result: 'success',
            subjectId: org.id,
            details: { name: org.name, type: org.type, municipality: org.municipality },
          },
          m,
        );
        return toOrganisation({ ...org, teams: [] });
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw nameTaken();
      throw error;
    }
  }

  /**
   * Changes name, type or municipality if nobody changed the organisation since `expected`. A change that
   * would no longer fit the roles of its active users (e.g. an access team's municipality removed) is refused.
   */
  async update(actor: Actor, id: string, expected: number, dto: UpdateOrganisationDto): Promise<OrganisationResponse> {
    const changes = Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined)) as Partial<
      Pick<OrganisationEntity, 'name' | 'type' | 'municipality'>
    >;
    if (Object.keys(changes).length === 0) {
      throw new AppError(400, 'VALIDATION_FAILED', 'Nothing to change: send at least one field', [
        { field: 'body', messages: ['send at least one of: name, type, municipality'] },
      ]);
    }
    const current = await this.find(id);
    if (!current) throw notFound('Organisation');
    const next = { type: changes.type ?? current.type, municipality: changes.municipality ?? null };
    if (!('municipality' in changes)) next.municipality = current.municipality;
    const users = await this.ds
      .getRepository(UserEntity)
      .find({ where: { organisationId: id, active: true }, select: { id: true, role: true } });
    const misfit = [...new Set(users.map((u) => roleMismatch(u.role, next)).filter((r) => r !== null))];
    if (misfit.length > 0) {
      const field = 'municipality' in changes ? 'municipality' : 'type';
      throw unprocessable(field, `The organisation's active users would no longer fit: ${misfit.join('; ')}`);
    }
    try {
      const outcome = await this.ds.transaction(async (m) => {
        const ok = await updateIfVersion(m, OrganisationEntity, id, expected, changes);
        const org = await this.find(id, m);
        if (!org) throw notFound('Organisation');
        await this.audit.record(
          actor,
          {
            resource: 'organisation',
            action: 'update',
            result: ok ? 'success' : 'conflict',
            subjectId: id,
            details: { changes, expectedVersion: expected, currentVersion: org.version },
          },
          m,
        );
        return { ok, org: toOrganisation(org) };
      });
      if (!outcome.ok) throw versionConflict(outcome.org.version, outcome.org);
      return outcome.org;
    } catch (error) {
      if (isUniqueViolation(error)) throw nameTaken();
      throw error;
    }
  }

  async teams(id: string): Promise<TeamResponse[]> {
    if (!(await this.find(id))) throw notFound('Organisation');
    const rows = await this.ds
      .getRepository(TeamEntity)
      .find({ where: { organisationId: id }, order: { name: 'ASC' } });
    return rows.map((t) => ({ id: t.id, name: t.name }));
  }

  async createTeam(actor: Actor, id: string, dto: CreateTeamDto): Promise<TeamResponse> {
    if (!(await this.find(id))) throw notFound('Organisation');
    try {
      return await this.ds.transaction(async (m) => {
        const team = await m.save(m.create(TeamEntity, { organisationId: id, name: dto.name }));
        await this.audit.record(
          actor,
          {
            resource: 'team',
            action: 'create',
            result: 'success',
            subjectId: team.id,
            details: { organisationId: id, name: team.name },
          },
          m,
        );
        return { id: team.id, name: team.name };
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw alreadyExists('name', 'This organisation already has a team with this name');
      throw error;
    }
  }

  private find(id: string, manager: EntityManager = this.ds.manager): Promise<OrganisationEntity | null> {
    return manager.getRepository(OrganisationEntity).findOne({ where: { id }, relations: { teams: true } });
  }
}

export function toOrganisation(o: OrganisationEntity): OrganisationResponse {
  return {
    id: o.id,
    name: o.name,
    type: o.type,
    municipality: o.municipality,
    version: o.version,
    teams: [...(o.teams ?? [])]
      .sort((a, b) => a.name.localeCompare(b.name, 'nl'))
      .map((t) => ({ id: t.id, name: t.name })),
  };
}
