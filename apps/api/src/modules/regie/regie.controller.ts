import { PERMISSIONS, type RegieResponse } from '@gezinsplan/contracts';
import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor } from '../../common/auth/actor';
import { RequirePermission } from '../../common/auth/decorators';
import { uuidParam } from '../../common/http/params';
import { HandoverDto } from '../plans/dto/plan.dto';
import { RegieService } from './regie.service';

@ApiTags('regie')
@Controller('families/:id/regie')
export class RegieController {
  constructor(private readonly regie: RegieService) {}

  @Get()
  @RequirePermission(PERMISSIONS.regieRead)
  @ApiOperation({ summary: 'The current regisseur and the hand-over history' })
  get(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<RegieResponse> {
    return this.regie.get(actor, id);
  }

  @Post('handover')
  @HttpCode(200)
  @RequirePermission(PERMISSIONS.regieHandover)
  @ApiOperation({ summary: 'Hand the regie over (current regisseur or access team), with a reason' })
  handover(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Body() body: HandoverDto,
  ): Promise<RegieResponse> {
    return this.regie.handover(actor, id, body);
  }
}
