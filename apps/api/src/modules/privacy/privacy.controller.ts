import {
  type CorrectionRequestResponse,
  type EmergencyAccessGrant,
  PERMISSIONS,
  type PrivacyExport,
} from '@gezinsplan/contracts';
import { Body, Controller, Get, Header, Headers, HttpCode, Param, Post, Res, StreamableFile } from '@nestjs/common';
import { ApiConflictResponse, ApiHeader, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { type Actor, CurrentActor } from '../../common/auth/actor';
import { RequirePermission } from '../../common/auth/decorators';
import { etagFor, expectedVersion } from '../../common/http/concurrency';
import { uuidParam } from '../../common/http/params';
import { CorrectionRequestsService } from './correction-requests.service';
import { EmergencyAccessService } from './emergency-access.service';
import { PrivacyExportService } from './privacy-export.service';
import { renderPrivacyPdf } from './privacy-pdf';
import { AnswerCorrectionRequestDto, CreateCorrectionRequestDto, RequestEmergencyAccessDto } from './privacy.dto';

/** Privacy rights (AVG): access and export, correction requests; and break-the-glass emergency access. */
@ApiTags('privacy')
@Controller()
export class PrivacyController {
  constructor(
    private readonly exports: PrivacyExportService,
    private readonly corrections: CorrectionRequestsService,
    private readonly emergency: EmergencyAccessService,
  ) {}

  @Get('families/:id/privacy-export')
  @RequirePermission(PERMISSIONS.privacyExport)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Everything held on you, as JSON (parent with custody: the family file; youth from 16: own data)',
  })
  async exportJson(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PrivacyExport> {
    const data = await this.exports.export(actor, id, 'json');
    res.setHeader('Content-Disposition', `attachment; filename="mijn-gegevens-${data.exportedAt.slice(0, 10)}.json"`);
    return data;
  }

  @Get('families/:id/privacy-export/pdf')
  @RequirePermission(PERMISSIONS.privacyExport)
  @Header('Cache-Control', 'no-store')
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'The same export as a readable Dutch PDF' })
  async exportPdf(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<StreamableFile> {
    const data = await this.exports.export(actor, id, 'pdf');
    const pdf = await renderPrivacyPdf(data);
    return new StreamableFile(pdf, {
      type: 'application/pdf',
      disposition: `attachment; filename="mijn-gegevens-${data.exportedAt.slice(0, 10)}.pdf"`,
      length: pdf.length,
    });
  }

  @Post('families/:id/correction-requests')
  @RequirePermission(PERMISSIONS.correctionRequest)
  @ApiOperation({ summary: 'Ask for a correction of your data (AVG art. 16); the regisseur answers' })
  async createCorrection(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Body() body: CreateCorrectionRequestDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CorrectionRequestResponse> {
    const created = await this.corrections.create(actor, id, body);
    res.setHeader('ETag', etagFor(created.version));
    return created;
  }

  @Get('families/:id/correction-requests')
  @RequirePermission(PERMISSIONS.familyRead)
  @ApiOperation({
    summary: "Correction requests: all for the regisseur, the family's own for parents, own for a youth",
  })
  listCorrections(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
  ): Promise<CorrectionRequestResponse[]> {
    return this.corrections.list(actor, id);
  }

  @Post('correction-requests/:requestId/answer')
  @HttpCode(200)
  @RequirePermission(PERMISSIONS.correctionAnswer)
  @ApiHeader({ name: 'If-Match', required: true, description: 'The version of the request you answer, e.g. "1"' })
  @ApiConflictResponse({ description: 'VERSION_CONFLICT: it was answered or changed in the meantime' })
  @ApiOperation({ summary: 'Grant (say what was changed) or refuse (with a reason) a correction request, once' })
  async answerCorrection(
    @CurrentActor() actor: Actor,
    @Param('requestId', uuidParam('requestId')) requestId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: AnswerCorrectionRequestDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CorrectionRequestResponse> {
    const answered = await this.corrections.answer(actor, requestId, expectedVersion(ifMatch), body);
    res.setHeader('ETag', etagFor(answered.version));
    return answered;
  }

  @Post('emergency-access')
  @RequirePermission(PERMISSIONS.emergencyAccess)
  @ApiOperation({
    summary:
      "Break the glass: time-limited access to a family you are not involved with, by a member's BSN and date of birth, with a reason",
  })
  requestEmergency(
    @CurrentActor() actor: Actor,
    @Body() body: RequestEmergencyAccessDto,
  ): Promise<EmergencyAccessGrant> {
    return this.emergency.request(actor, body);
  }

  @Get('emergency-access')
  @RequirePermission(PERMISSIONS.emergencyAccess)
  @ApiOperation({ summary: 'Your emergency access grants that are still active' })
  myEmergency(@CurrentActor() actor: Actor): Promise<EmergencyAccessGrant[]> {
    return this.emergency.mine(actor);
  }
}
