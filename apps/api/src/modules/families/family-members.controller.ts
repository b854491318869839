import { type FamilyMemberResponse, type NetworkMemberResponse, PERMISSIONS } from '@gezinsplan/contracts';
import { Body, Controller, Param, Post, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor } from '../../common/auth/actor';
import { RequirePermission } from '../../common/auth/decorators';
import { uuidParam } from '../../common/http/params';
import { CreateMemberDto, CreateNetworkMemberDto, SharingDto } from './dto/members.dto';
import { FamilyMembersService } from './family-members.service';

@ApiTags('families')
@Controller()
export class FamilyMembersController {
  constructor(private readonly members: FamilyMembersService) {}

  @Post('families/:id/members')
  @RequirePermission(PERMISSIONS.familyMembersManage)
  @ApiOperation({ summary: 'Add a family member (parent/carer/child...), with custody where it applies' })
  addMember(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Body() body: CreateMemberDto,
  ): Promise<FamilyMemberResponse> {
    return this.members.addMember(actor, id, body);
  }

  @Post('families/:id/network')
  @RequirePermission(PERMISSIONS.familyMembersManage)
  @ApiOperation({ summary: "Add someone from the family's own network who can take on agreements" })
  addNetwork(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Body() body: CreateNetworkMemberDto,
  ): Promise<NetworkMemberResponse> {
    return this.members.addNetworkMember(actor, id, body);
  }

  @Put('me/sharing')
  @RequirePermission(PERMISSIONS.sharingManage)
  @ApiOperation({ summary: 'A youth from 16 decides whether their parents see their data' })
  setSharing(@CurrentActor() actor: Actor, @Body() body: SharingDto): Promise<FamilyMemberResponse> {
    return this.members.setSharing(actor, body.sharesWithParents);
  }
}
