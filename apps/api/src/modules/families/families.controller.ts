import {
  type AccessLogEntry,
  type FamilyDetail,
  type FamilySummary,
  type Page,
  PERMISSIONS,
} from '@gezinsplan/contracts';
import { Body, Controller, Get, Headers, Param, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiConflictResponse, ApiHeader, ApiOperation, ApiPreconditionFailedResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { type Actor, CurrentActor } from '../../common/auth/actor';
import { RequirePermission } from '../../common/auth/decorators';
import { validationError } from '../../common/errors/app-error';
import { etagFor, expectedVersion } from '../../common/http/concurrency';
import { AccessLogService } from './access-log.service';
import { AccessLogQueryDto, ListFamiliesQueryDto } from './dto/list-query.dto';
import { RegisterFamilyDto } from './dto/register-family.dto';
import { UpdateFamilyDto } from './dto/update-family.dto';
import { FamilyRegistrationService } from './family-registration.service';
import { FamiliesService } from './families.service';

const uuid = new ParseUUIDPipe({
  version: undefined,
  exceptionFactory: () => validationError([{ field: 'id', messages: ['id must be a UUID'] }]),
});

@ApiTags('families')
@Controller('families')
export class FamiliesController {
  constructor(
    private readonly families: FamiliesService,
    private readonly accessLog: AccessLogService,
    private readonly registration: FamilyRegistrationService,
  ) {}

  @Get()
  @RequirePermission(PERMISSIONS.familyList)
  @ApiOperation({ summary: 'Families the caller may see (own municipality, involvement with consent, or own family)' })
  list(@CurrentActor() actor: Actor, @Query() query: ListFamiliesQueryDto): Promise<Page<FamilySummary>> {
    return this.families.list(actor, query);
  }

  @Post()
  @RequirePermission(PERMISSIONS.familyCreate)
  @ApiOperation({ summary: 'Register a family in your municipality, with you as regisseur and an empty draft plan' })
  async register(
    @CurrentActor() actor: Actor,
    @Body() body: RegisterFamilyDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<FamilyDetail> {
    const family = await this.registration.register(actor, body);
    res.setHeader('ETag', etagFor(family.version));
    return family;
  }

  @Get(':id')
  @RequirePermission(PERMISSIONS.familyRead)
  @ApiOperation({ summary: 'One family; the ETag header holds its version for If-Match' })
  async get(
    @CurrentActor() actor: Actor,
    @Param('id', uuid) id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<FamilyDetail> {
    const family = await this.families.get(actor, id);
    res.setHeader('ETag', etagFor(family.version));
    return family;
  }

  @Patch(':id')
  @RequirePermission(PERMISSIONS.familyUpdate)
  @ApiOperation({ summary: 'Change a family (access team); needs If-Match with the version edited' })
  @ApiHeader({ name: 'If-Match', required: true, description: 'The ETag of the version you edited, e.g. "3"' })
  @ApiConflictResponse({ description: 'VERSION_CONFLICT: someone changed it first; details hold the current state' })
  @ApiPreconditionFailedResponse({ description: 'PRECONDITION_REQUIRED (428) when If-Match is missing' })
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', uuid) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: UpdateFamilyDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<FamilyDetail> {
    const family = await this.families.update(actor, id, expectedVersion(ifMatch), body);
    res.setHeader('ETag', etagFor(family.version));
    return family;
  }

  @Get(':id/access-log')
  @RequirePermission(PERMISSIONS.familyAccessLogRead)
  @ApiOperation({
    summary: "Who looked at or changed the family's file (NEN 7513; parents and the regisseur), by period",
  })
  accessLogOf(
    @CurrentActor() actor: Actor,
    @Param('id', uuid) id: string,
    @Query() page: AccessLogQueryDto,
  ): Promise<Page<AccessLogEntry>> {
    return this.accessLog.forFamily(actor, id, page);
  }
}
