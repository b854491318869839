import { type OrganisationResponse, PERMISSIONS, type TeamResponse } from '@gezinsplan/contracts';
import { Body, Controller, Get, Headers, Param, Patch, Post, Res } from '@nestjs/common';
import { ApiConflictResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { type Actor, CurrentActor } from '../../common/auth/actor';
import { RequirePermission } from '../../common/auth/decorators';
import { etagFor, expectedVersion } from '../../common/http/concurrency';
import { uuidParam } from '../../common/http/params';
import { CreateOrganisationDto, CreateTeamDto, UpdateOrganisationDto } from './dto/organisation.dto';
import { OrganisationsService } from './organisations.service';

/** Functional management (functioneel beheer): organisations and their teams. No case data here. */
@ApiTags('admin')
@Controller('organisations')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Get()
  @RequirePermission(PERMISSIONS.organisationRead)
  @ApiOperation({ summary: 'All organisations with their teams' })
  list(): Promise<OrganisationResponse[]> {
    return this.organisations.list();
  }

  @Post()
  @RequirePermission(PERMISSIONS.organisationWrite)
  @ApiOperation({ summary: 'Add an organisation (name, type, municipality for access teams)' })
  @ApiConflictResponse({ description: 'ALREADY_EXISTS: the name is taken' })
  async create(
    @CurrentActor() actor: Actor,
    @Body() body: CreateOrganisationDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<OrganisationResponse> {
    const org = await this.organisations.create(actor, body);
    res.setHeader('ETag', etagFor(org.version));
    return org;
  }

  @Patch(':id')
  @RequirePermission(PERMISSIONS.organisationWrite)
  @ApiHeader({ name: 'If-Match', required: true, description: 'The version you edited, e.g. "3"' })
  @ApiOperation({ summary: 'Change an organisation; refused when its active users would no longer fit' })
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: UpdateOrganisationDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<OrganisationResponse> {
    const org = await this.organisations.update(actor, id, expectedVersion(ifMatch), body);
    res.setHeader('ETag', etagFor(org.version));
    return org;
  }

  @Get(':id/teams')
  @RequirePermission(PERMISSIONS.organisationRead)
  @ApiOperation({ summary: "The organisation's teams" })
  teams(@Param('id', uuidParam('id')) id: string): Promise<TeamResponse[]> {
    return this.organisations.teams(id);
  }

  @Post(':id/teams')
  @RequirePermission(PERMISSIONS.organisationWrite)
  @ApiOperation({ summary: 'Add a team to the organisation' })
  createTeam(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Body() body: CreateTeamDto,
  ): Promise<TeamResponse> {
    return this.organisations.createTeam(actor, id, body);
  }
}
