import { type OrganisationResponse, PERMISSIONS, type UserResponse } from '@gezinsplan/contracts';
import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { RequirePermission } from '../../common/auth/decorators';
import { UserEntity } from '../users/user.entity';
import { OrganisationEntity } from './organisation.entity';

/** Functional management (functioneel beheer): organisations, teams and users. No case data here. */
@ApiTags('admin')
@Controller()
export class OrganisationsController {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  @Get('organisations')
  @RequirePermission(PERMISSIONS.organisationRead)
  @ApiOperation({ summary: 'All organisations with their teams' })
  async organisations(): Promise<OrganisationResponse[]> {
    const rows = await this.ds
      .getRepository(OrganisationEntity)
      .find({ relations: { teams: true }, order: { name: 'ASC', teams: { name: 'ASC' } } });
    return rows.map((o) => ({
      id: o.id,
      name: o.name,
      type: o.type,
      municipality: o.municipality,
      version: o.version,
      teams: (o.teams ?? []).map((t) => ({ id: t.id, name: t.name })),
    }));
  }

  @Get('users')
  @RequirePermission(PERMISSIONS.userRead)
  @ApiOperation({ summary: 'All users with role and organisation (never password hashes)' })
  async users(): Promise<UserResponse[]> {
    const rows = await this.ds.getRepository(UserEntity).find({ order: { email: 'ASC' } });
    return rows.map((u) => ({
      id: u.id,
      email: u.email,
      displayName: u.displayName,
      role: u.role,
      organisationId: u.organisationId,
      teamId: u.teamId,
      active: u.active,
      version: u.version,
    }));
  }
}
