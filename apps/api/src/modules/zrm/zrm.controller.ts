import { PERMISSIONS, type ZrmAssessmentResponse, type ZrmMemberOverview } from '@gezinsplan/contracts';
import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor } from '../../common/auth/actor';
import { RequirePermission } from '../../common/auth/decorators';
import { uuidParam } from '../../common/http/params';
import { CreateZrmAssessmentDto } from './zrm.dto';
import { ZrmService } from './zrm.service';

@ApiTags('zrm')
@Controller('families/:id/zrm')
export class ZrmController {
  constructor(private readonly zrm: ZrmService) {}

  @Get()
  @RequirePermission(PERMISSIONS.zrmRead)
  @ApiOperation({ summary: 'ZRM assessments per adult member, change since the first, suggested order of approach' })
  overview(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<ZrmMemberOverview[]> {
    return this.zrm.overview(actor, id);
  }

  @Post()
  @RequirePermission(PERMISSIONS.zrmWrite)
  @ApiOperation({ summary: 'Record a dated ZRM assessment of an adult member (every domain of the edition, 1-5)' })
  assess(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Body() body: CreateZrmAssessmentDto,
  ): Promise<ZrmAssessmentResponse> {
    return this.zrm.assess(actor, id, body);
  }
}
