import {
  type AgreementResponse,
  type CommentResponse,
  type GoalResponse,
  type OverdueAgreementResponse,
  PERMISSIONS,
  type PlanDiffResponse,
  type PlanResponse,
  type PlanVersionResponse,
  type PlanVersionSummary,
  type ProgressResponse,
  type SectionResponse,
} from '@gezinsplan/contracts';
import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  Headers,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { type Actor, CurrentActor } from '../../common/auth/actor';
import { RequirePermission } from '../../common/auth/decorators';
import { etagFor, expectedVersion } from '../../common/http/concurrency';
import { intParam, uuidParam } from '../../common/http/params';
import {
  AgreeVersionDto,
  ClosePlanDto,
  PlanPdfQueryDto,
  CreateCommentDto,
  CreateAgreementDto,
  CreateGoalDto,
  CreateProgressDto,
  ProposeGoalDto,
  UpdateAgreementDto,
  UpdateGoalDto,
  UpdatePlanDto,
  UpdateSectionDto,
} from './dto/plan.dto';
import { CommentsService } from './comments.service';
import { GoalsService } from './goals.service';
import { type PlanPdf, PlanVersionsService } from './plan-versions.service';
import { PlansService } from './plans.service';

const IF_MATCH = { name: 'If-Match', required: true, description: 'The version you edited, e.g. "3"' };

/** A generated PDF, shown inline in the browser (no download step); never cached (case data). */
function pdfFile(pdf: PlanPdf): StreamableFile {
  return new StreamableFile(pdf.content, {
    type: 'application/pdf',
    disposition: `inline; filename="${pdf.filename}"`,
    length: pdf.content.length,
  });
}

/** Helper: answer with the item and its version as ETag. */
function withEtag<T extends { version: number }>(res: Response, item: T): T {
  res.setHeader('ETag', etagFor(item.version));
  return item;
}

@ApiTags('plan')
@Controller()
export class PlansController {
  constructor(
    private readonly plans: PlansService,
    private readonly goals: GoalsService,
    private readonly versions: PlanVersionsService,
    private readonly comments: CommentsService,
  ) {}

  @Get('families/:id/plan')
  @RequirePermission(PERMISSIONS.planRead)
  @ApiOperation({ summary: 'The living plan with goals, agreements and recent progress; each item has its version' })
  async plan(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PlanResponse> {
    return withEtag(res, await this.plans.get(actor, id));
  }

  @Patch('families/:id/plan')
  @RequirePermission(PERMISSIONS.planEdit)
  @ApiHeader(IF_MATCH)
  @ApiOperation({ summary: 'Change plan-level fields (evaluation date)' })
  async updatePlan(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: UpdatePlanDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PlanResponse> {
    return withEtag(res, await this.plans.updatePlan(actor, id, expectedVersion(ifMatch), body));
  }

  @Post('families/:id/plan/close')
  @HttpCode(204)
  @RequirePermission(PERMISSIONS.planClose)
  @ApiOperation({ summary: 'Close the plan (afronding en overdracht): why, and to whom the family is handed over' })
  async close(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Body() body: ClosePlanDto,
  ): Promise<void> {
    await this.plans.close(actor, id, body);
  }

  @Get('agreements/overdue')
  @RequirePermission(PERMISSIONS.planRead)
  @ApiOperation({ summary: 'Open agreements past their due date in the families where you are regisseur' })
  overdue(@CurrentActor() actor: Actor): Promise<OverdueAgreementResponse[]> {
    return this.plans.overdueForRegisseur(actor);
  }

  @Patch('plan-sections/:sectionId')
  @RequirePermission(PERMISSIONS.planEdit)
  @ApiHeader(IF_MATCH)
  @ApiOperation({ summary: "Change a section in the family's own words" })
  async updateSection(
    @CurrentActor() actor: Actor,
    @Param('sectionId', uuidParam('sectionId')) sectionId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: UpdateSectionDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SectionResponse> {
    return withEtag(res, await this.plans.updateSection(actor, sectionId, expectedVersion(ifMatch), body));
  }

  @Post('families/:id/plan/goals')
  @RequirePermission(PERMISSIONS.planEdit)
  @ApiOperation({ summary: 'Add a goal (added last in the order of approach)' })
  async createGoal(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Body() body: CreateGoalDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<GoalResponse> {
    return withEtag(res, await this.goals.create(actor, id, body));
  }

  @Post('families/:id/plan/goal-proposals')
  @RequirePermission(PERMISSIONS.goalPropose)
  @ApiOperation({ summary: 'A parent proposes a goal; the regisseur accepts (status open) or declines it' })
  async proposeGoal(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Body() body: ProposeGoalDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<GoalResponse> {
    return withEtag(res, await this.goals.propose(actor, id, body));
  }

  @Patch('goals/:goalId')
  @RequirePermission(PERMISSIONS.planEdit)
  @ApiHeader(IF_MATCH)
  @ApiOperation({ summary: 'Change a goal (also its priority, or accept/decline a proposal)' })
  async updateGoal(
    @CurrentActor() actor: Actor,
    @Param('goalId', uuidParam('goalId')) goalId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: UpdateGoalDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<GoalResponse> {
    return withEtag(res, await this.goals.update(actor, goalId, expectedVersion(ifMatch), body));
  }

  @Delete('goals/:goalId')
  @HttpCode(204)
  @RequirePermission(PERMISSIONS.planEdit)
  @ApiHeader(IF_MATCH)
  @ApiOperation({ summary: 'Remove a goal without progress (otherwise close it with a status)' })
  async deleteGoal(
    @CurrentActor() actor: Actor,
    @Param('goalId', uuidParam('goalId')) goalId: string,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<void> {
    await this.goals.remove(actor, goalId, expectedVersion(ifMatch));
  }

  @Post('goals/:goalId/progress')
  @RequirePermission(PERMISSIONS.progressWrite)
  @ApiOperation({ summary: 'A dated progress note with a 1-10 score (history, never overwritten)' })
  addProgress(
    @CurrentActor() actor: Actor,
    @Param('goalId', uuidParam('goalId')) goalId: string,
    @Body() body: CreateProgressDto,
  ): Promise<ProgressResponse> {
    return this.goals.addProgress(actor, goalId, body);
  }

  @Post('goals/:goalId/agreements')
  @RequirePermission(PERMISSIONS.planEdit)
  @ApiOperation({ summary: 'Who does what by when, for this goal' })
  async addAgreement(
    @CurrentActor() actor: Actor,
    @Param('goalId', uuidParam('goalId')) goalId: string,
    @Body() body: CreateAgreementDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AgreementResponse> {
    return withEtag(res, await this.goals.addAgreement(actor, goalId, body));
  }

  @Patch('agreements/:agreementId')
  @RequirePermission(PERMISSIONS.planEdit)
  @ApiHeader(IF_MATCH)
  @ApiOperation({ summary: 'Change an agreement (e.g. mark it done)' })
  async updateAgreement(
    @CurrentActor() actor: Actor,
    @Param('agreementId', uuidParam('agreementId')) agreementId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: UpdateAgreementDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AgreementResponse> {
    return withEtag(res, await this.goals.updateAgreement(actor, agreementId, expectedVersion(ifMatch), body));
  }

  @Post('goals/:goalId/comments')
  @RequirePermission(PERMISSIONS.commentWrite)
  @ApiOperation({ summary: 'Comment on a goal (parents and youths in their own words, professionals too)' })
  commentOnGoal(
    @CurrentActor() actor: Actor,
    @Param('goalId', uuidParam('goalId')) goalId: string,
    @Body() body: CreateCommentDto,
  ): Promise<CommentResponse> {
    return this.comments.add(actor, { goalId }, body.text);
  }

  @Post('agreements/:agreementId/comments')
  @RequirePermission(PERMISSIONS.commentWrite)
  @ApiOperation({ summary: 'Comment on an agreement' })
  commentOnAgreement(
    @CurrentActor() actor: Actor,
    @Param('agreementId', uuidParam('agreementId')) agreementId: string,
    @Body() body: CreateCommentDto,
  ): Promise<CommentResponse> {
    return this.comments.add(actor, { agreementId }, body.text);
  }

  @Post('families/:id/plan/versions')
  @RequirePermission(PERMISSIONS.planAgree)
  @ApiOperation({ summary: 'Agree the plan as seen at `revision`: freezes the next numbered version' })
  agree(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Body() body: AgreeVersionDto,
  ): Promise<PlanVersionResponse> {
    return this.versions.agree(actor, id, body);
  }

  @Get('families/:id/plan/versions')
  @RequirePermission(PERMISSIONS.planRead)
  @ApiOperation({ summary: 'Agreed versions, newest first, with who acknowledged them' })
  listVersions(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<PlanVersionSummary[]> {
    return this.versions.list(actor, id);
  }

  @Get('families/:id/plan/versions/:number')
  @RequirePermission(PERMISSIONS.planRead)
  @ApiOperation({ summary: 'One agreed version: the plan as it was' })
  version(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Param('number', intParam('number')) number: number,
  ): Promise<PlanVersionResponse> {
    return this.versions.get(actor, id, number);
  }

  @Get('families/:id/plan/versions/:a/diff/:b')
  @RequirePermission(PERMISSIONS.planRead)
  @ApiOperation({ summary: 'What changed from version a to version b' })
  diff(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Param('a', intParam('a')) a: number,
    @Param('b', intParam('b')) b: number,
  ): Promise<PlanDiffResponse> {
    return this.versions.diff(actor, id, a, b);
  }

  @Get('families/:id/plan/versions/:number/pdf')
  @RequirePermission(PERMISSIONS.planRead)
  @Header('Cache-Control', 'no-store')
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'One agreed version as a PDF (Dutch; ?lang=en for English), filtered like the JSON' })
  async versionPdf(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Param('number', intParam('number')) number: number,
    @Query() query: PlanPdfQueryDto,
  ): Promise<StreamableFile> {
    return pdfFile(await this.versions.pdf(actor, id, number, query.lang));
  }

  @Get('families/:id/plan/pdf')
  @RequirePermission(PERMISSIONS.planRead)
  @Header('Cache-Control', 'no-store')
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'The living plan as it is now, as a PDF (not an agreed version)' })
  async planPdf(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Query() query: PlanPdfQueryDto,
  ): Promise<StreamableFile> {
    return pdfFile(await this.versions.pdf(actor, id, null, query.lang));
  }

  @Post('families/:id/plan/versions/:number/acknowledgements')
  @HttpCode(200)
  @RequirePermission(PERMISSIONS.versionAcknowledge)
  @ApiOperation({ summary: 'Your organisation acknowledges the agreed version (and its own agreements in it)' })
  acknowledge(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Param('number', intParam('number')) number: number,
  ): Promise<PlanVersionSummary> {
    return this.versions.acknowledge(actor, id, number);
  }
}
