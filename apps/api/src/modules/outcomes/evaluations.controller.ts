import { type ComplaintResponse, type EvaluationResponse, PERMISSIONS } from '@gezinsplan/contracts';
import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor } from '../../common/auth/actor';
import { RequirePermission } from '../../common/auth/decorators';
import { uuidParam } from '../../common/http/params';
import { EvaluationsService } from './evaluations.service';
import { CreateComplaintDto, CreateEvaluationDto, SatisfactionDto } from './outcomes.dto';

@ApiTags('evaluations')
@Controller('families/:id')
export class EvaluationsController {
  constructor(private readonly evaluations: EvaluationsService) {}

  @Get('evaluations')
  @RequirePermission(PERMISSIONS.evaluationRead)
  @ApiOperation({ summary: 'Evaluations of the plan, per agreed version, newest first' })
  list(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<EvaluationResponse[]> {
    return this.evaluations.list(actor, id);
  }

  @Post('evaluations')
  @RequirePermission(PERMISSIONS.evaluationWrite)
  @ApiOperation({
    summary:
      "Evaluate the agreed plan: per goal achieved / partly / not (sets the goal's status), optional satisfaction; plan becomes evaluated",
  })
  create(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Body() body: CreateEvaluationDto,
  ): Promise<EvaluationResponse> {
    return this.evaluations.create(actor, id, body);
  }

  @Post('evaluations/:evaluationId/satisfaction')
  @RequirePermission(PERMISSIONS.satisfactionWrite)
  @ApiOperation({ summary: "The family's satisfaction (1-10, optional remark) with the latest evaluation, once" })
  satisfaction(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Param('evaluationId', uuidParam('evaluationId')) evaluationId: string,
    @Body() body: SatisfactionDto,
  ): Promise<EvaluationResponse> {
    return this.evaluations.satisfaction(actor, id, evaluationId, body);
  }

  @Get('complaints')
  @RequirePermission(PERMISSIONS.complaintRead)
  @ApiOperation({ summary: "The family's complaints (date and subject)" })
  complaints(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<ComplaintResponse[]> {
    return this.evaluations.complaints(actor, id);
  }

  @Post('complaints')
  @RequirePermission(PERMISSIONS.complaintWrite)
  @ApiOperation({ summary: 'Register a complaint with its date and subject' })
  addComplaint(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Body() body: CreateComplaintDto,
  ): Promise<ComplaintResponse> {
    return this.evaluations.addComplaint(actor, id, body);
  }
}
