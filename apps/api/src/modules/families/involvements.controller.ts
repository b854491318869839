import { type InvolvementResponse, PERMISSIONS } from '@gezinsplan/contracts';
import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor } from '../../common/auth/actor';
import { RequirePermission } from '../../common/auth/decorators';
import { uuidParam } from '../../common/http/params';
import { GiveConsentDto, InvolveOrganisationDto } from './dto/register-family.dto';
import { InvolvementsService } from './involvements.service';

@ApiTags('involvements')
@Controller()
export class InvolvementsController {
  constructor(private readonly involvements: InvolvementsService) {}

  @Get('families/:id/involvements')
  @RequirePermission(PERMISSIONS.familyRead)
  @ApiOperation({ summary: 'Organisations involved with the family and the status of the family’s consent' })
  list(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<InvolvementResponse[]> {
    return this.involvements.list(actor, id);
  }

  @Post('families/:id/involvements')
  @RequirePermission(PERMISSIONS.involvementManage)
  @ApiOperation({ summary: 'Involve an organisation (access team); it gets access only with the family’s consent' })
  involve(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Body() body: InvolveOrganisationDto,
  ): Promise<InvolvementResponse> {
    return this.involvements.involve(actor, id, body);
  }

  @Post('involvements/:involvementId/consent')
  @HttpCode(200)
  @RequirePermission(PERMISSIONS.involvementManage)
  @ApiOperation({ summary: 'Record the family’s consent for this organisation' })
  give(
    @CurrentActor() actor: Actor,
    @Param('involvementId', uuidParam('involvementId')) id: string,
    @Body() body: GiveConsentDto,
  ): Promise<InvolvementResponse> {
    return this.involvements.giveConsent(actor, id, body);
  }

  @Post('involvements/:involvementId/consent/withdraw')
  @HttpCode(200)
  @RequirePermission(PERMISSIONS.consentWithdraw)
  @ApiOperation({ summary: 'Withdraw the family’s consent: the organisation loses access at once' })
  withdraw(
    @CurrentActor() actor: Actor,
    @Param('involvementId', uuidParam('involvementId')) id: string,
  ): Promise<InvolvementResponse> {
    return this.involvements.withdrawConsent(actor, id);
  }
}
