import { type DestructionRequestResponse, type FamilyRetention, PERMISSIONS } from '@gezinsplan/contracts';
import { Body, Controller, Get, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiConflictResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { type Actor, CurrentActor } from '../../common/auth/actor';
import { RequirePermission } from '../../common/auth/decorators';
import { etagFor, expectedVersion } from '../../common/http/concurrency';
import { uuidParam } from '../../common/http/params';
import { FamilyFileService } from './family-file.service';
import { CloseFamilyDto, CreateDestructionRequestDto, DestructionDecisionDto } from './retention.dto';

const IF_MATCH = { name: 'If-Match', required: true, description: 'The ETag (version) you saw, e.g. "3"' };

@ApiTags('retention')
@Controller()
export class RetentionController {
  constructor(private readonly files: FamilyFileService) {}

  @Get('families/:id/retention')
  @RequirePermission(PERMISSIONS.familyRead)
  @ApiOperation({ summary: 'Whether the file is closed, which retention rule applies and until when it is kept' })
  async retention(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) familyId: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<FamilyRetention> {
    const result = await this.files.retentionOf(actor, familyId);
    res.setHeader('ETag', etagFor(result.version));
    return result;
  }

  @Post('families/:id/close')
  @HttpCode(200)
  @RequirePermission(PERMISSIONS.familyClose)
  @ApiOperation({
    summary: 'Close the file when the help ended (regisseur or access team); the retention period starts',
  })
  @ApiHeader(IF_MATCH)
  @ApiConflictResponse({ description: 'VERSION_CONFLICT: the family changed; details hold the current state' })
  async close(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) familyId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: CloseFamilyDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<FamilyRetention> {
    const result = await this.files.close(actor, familyId, expectedVersion(ifMatch), body);
    res.setHeader('ETag', etagFor(result.version));
    return result;
  }

  @Post('families/:id/reopen')
  @HttpCode(200)
  @RequirePermission(PERMISSIONS.familyClose)
  @ApiOperation({ summary: 'Reopen a closed file before it is erased (regisseur or access team)' })
  @ApiHeader(IF_MATCH)
  @ApiConflictResponse({ description: 'VERSION_CONFLICT: the family changed; details hold the current state' })
  async reopen(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) familyId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<FamilyRetention> {
    const result = await this.files.reopen(actor, familyId, expectedVersion(ifMatch));
    res.setHeader('ETag', etagFor(result.version));
    return result;
  }

  @Get('families/:id/destruction-requests')
  @RequirePermission(PERMISSIONS.destructionRead)
  @ApiOperation({ summary: 'Requests for early destruction and their answers (a youth: only their own)' })
  list(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) familyId: string,
  ): Promise<DestructionRequestResponse[]> {
    return this.files.listRequests(actor, familyId);
  }

  @Post('families/:id/destruction-requests')
  @RequirePermission(PERMISSIONS.destructionRequest)
  @ApiOperation({ summary: 'Ask for early destruction: a parent the whole file, a youth from 12 their own data' })
  async request(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) familyId: string,
    @Body() body: CreateDestructionRequestDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<DestructionRequestResponse> {
    const result = await this.files.request(actor, familyId, body);
    res.setHeader('ETag', etagFor(result.version));
    return result;
  }

  @Post('destruction-requests/:requestId/decision')
  @HttpCode(200)
  @RequirePermission(PERMISSIONS.destructionDecide)
  @ApiOperation({
    summary: 'Grant (the data is erased at once) or refuse with a reason code (regisseur or access team)',
  })
  @ApiHeader(IF_MATCH)
  @ApiConflictResponse({ description: 'VERSION_CONFLICT: the request changed; details hold the current state' })
  async decide(
    @CurrentActor() actor: Actor,
    @Param('requestId', uuidParam('requestId')) requestId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: DestructionDecisionDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<DestructionRequestResponse> {
    const result = await this.files.decide(actor, requestId, expectedVersion(ifMatch), body);
    res.setHeader('ETag', etagFor(result.version));
    return result;
  }
}
