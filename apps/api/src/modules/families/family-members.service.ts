import type { FamilyMemberResponse, NetworkMemberResponse } from '@gezinsplan/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Actor } from '../../common/auth/actor';
import { validationError } from '../../common/errors/app-error';
import { FamilyGuard } from '../access/family-guard.service';
import { AuditService } from '../audit/audit.service';
import { PlanEvents } from '../plans/plan-events.service';
import type { CreateMemberDto, CreateNetworkMemberDto } from './dto/members.dto';
import { FamilyMemberEntity } from './family-member.entity';
import { NetworkMemberEntity } from './network-member.entity';

/** Members of the family and its social network (netwerk), registered by the access team. */
@Injectable()
export class FamilyMembersService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly guard: FamilyGuard,
    private readonly audit: AuditService,
    private readonly events: PlanEvents,
  ) {}

  async addMember(actor: Actor, familyId: string, dto: CreateMemberDto): Promise<FamilyMemberResponse> {
    if (dto.birthDate > new Date().toISOString().slice(0, 10)) {
      throw validationError([{ field: 'birthDate', messages: ['birthDate cannot be in the future'] }]);
    }
    const { family, basis } = await this.guard.require(actor, familyId, {
      resource: 'family-member',
      action: 'create',
    });
    return this.ds.transaction(async (m) => {
      const saved = await m.save(
        m.create(FamilyMemberEntity, {
          familyId,
          role: dto.role,
          name: dto.name,
          birthDate: dto.birthDate,
          hasCustody: dto.hasCustody ?? false,
        }),
      );
      await this.audit.record(
        actor,
        { resource: 'family-member', action: 'create', result: 'success', familyId, basis, subjectId: saved.id },
        m,
      );
      await this.events.changed(
        actor,
        {
          familyId,
          regisseurUserId: family.regisseurUserId,
          item: { type: 'member', id: saved.id },
          action: 'created',
          version: saved.version,
          summary: `heeft ${saved.name} aan het gezin toegevoegd`,
        },
        m,
      );
      return {
        id: saved.id,
        role: saved.role,
        name: saved.name,
        birthDate: saved.birthDate,
        hasCustody: saved.hasCustody,
      };
    });
  }

  async addNetworkMember(actor: Actor, familyId: string, dto: CreateNetworkMemberDto): Promise<NetworkMemberResponse> {
    const { family, basis } = await this.guard.require(actor, familyId, {
      resource: 'network-member',
      action: 'create',
    });
    return this.ds.transaction(async (m) => {
      const saved = await m.save(
        m.create(NetworkMemberEntity, {
          familyId,
          name: dto.name,
          relation: dto.relation,
          contact: dto.contact ?? null,
        }),
      );
      await this.audit.record(
        actor,
        { resource: 'network-member', action: 'create', result: 'success', familyId, basis, subjectId: saved.id },
        m,
      );
      await this.events.changed(
        actor,
        {
          familyId,
          regisseurUserId: family.regisseurUserId,
          item: { type: 'member', id: saved.id },
          action: 'created',
          version: saved.version,
          summary: `heeft ${saved.name} (${saved.relation}) aan het netwerk toegevoegd`,
        },
        m,
      );
      return {
        id: saved.id,
        name: saved.name,
        relation: saved.relation,
        contact: saved.contact,
        version: saved.version,
      };
    });
  }
}
