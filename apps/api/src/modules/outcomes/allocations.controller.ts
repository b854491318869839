import { type AllocationResponse, PERMISSIONS } from '@gezinsplan/contracts';
import { Body, Controller, Get, Headers, Param, Patch, Post, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { type Actor, CurrentActor } from '../../common/auth/actor';
import { RequirePermission } from '../../common/auth/decorators';
import { etagFor, expectedVersion } from '../../common/http/concurrency';
import { uuidParam } from '../../common/http/params';
import { AllocationsService } from './allocations.service';
import { CreateAllocationDto, UpdateAllocationDto } from './outcomes.dto';

@ApiTags('allocations')
@Controller()
export class AllocationsController {
  constructor(private readonly allocations: AllocationsService) {}

  @Get('families/:id/allocations')
  @RequirePermission(PERMISSIONS.allocationRead)
  @ApiOperation({
    summary: "Help allocated to the family's youths (iJw life cycle); a provider sees its own organisation's only",
  })
  list(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<AllocationResponse[]> {
    return this.allocations.list(actor, id);
  }

  @Post('families/:id/allocations')
  @RequirePermission(PERMISSIONS.allocationWrite)
  @ApiOperation({
    summary:
      'Allocate help (JW315 request, JW301 with a decision date). 422 without an agreed plan version, except crisis help (flagged with a plan-due date). Records the provider as involved (consent pending).',
  })
  async create(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Body() body: CreateAllocationDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AllocationResponse> {
    const created = await this.allocations.create(actor, id, body);
    res.setHeader('ETag', etagFor(created.version));
    return created;
  }

  @Patch('allocations/:allocationId')
  @RequirePermission(PERMISSIONS.allocationUpdate)
  @ApiHeader({ name: 'If-Match', required: true, description: 'The version you edited, e.g. "3"' })
  @ApiOperation({
    summary:
      'Access team: planned fields (request, decision, planned end, goals). Provider: confirm start (JW305) and end with the iJw stop reason (JW307)',
  })
  async update(
    @CurrentActor() actor: Actor,
    @Param('allocationId', uuidParam('allocationId')) allocationId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: UpdateAllocationDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AllocationResponse> {
    const updated = await this.allocations.update(actor, allocationId, expectedVersion(ifMatch), body);
    res.setHeader('ETag', etagFor(updated.version));
    return updated;
  }
}
