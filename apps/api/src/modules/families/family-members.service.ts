import type { FamilyMemberResponse, NetworkMemberResponse } from '@gezinsplan/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Actor } from '../../common/auth/actor';
import { FieldCipher, isValidBsn } from '../../common/crypto/field-cipher';
import { AppError, validationError } from '../../common/errors/app-error';
import { FamilyGuard } from '../access/family-guard.service';
import { AuditService } from '../audit/audit.service';
import { PlanEvents } from '../plans/plan-events.service';
import type { CreateMemberDto, CreateNetworkMemberDto } from './dto/members.dto';
import { CustodyEntity } from './custody.entity';
import { FamilyMemberEntity } from './family-member.entity';
import { toMember } from './family.mapper';
import { NetworkMemberEntity } from './network-member.entity';

/** Members of the family and its social network (netwerk), registered by the access team. */
@Injectable()
export class FamilyMembersService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly guard: FamilyGuard,
    private readonly audit: AuditService,
    private readonly events: PlanEvents,
    private readonly cipher: FieldCipher,
  ) {}

  async addMember(actor: Actor, familyId: string, dto: CreateMemberDto): Promise<FamilyMemberResponse> {
    if (dto.birthDate > new Date().toISOString().slice(0, 10)) {
      throw validationError([{ field: 'birthDate', messages: ['birthDate cannot be in the future'] }]);
    }
    if (dto.citizenServiceNumber !== undefined && !isValidBsn(dto.citizenServiceNumber)) {
      throw validationError([
        { field: 'citizenServiceNumber', messages: ['not a valid citizen service number (9 digits, 11-test)'] },
      ]);
    }
    const { family, basis } = await this.guard.require(actor, familyId, {
      resource: 'family-member',
      action: 'create',
    });
    const others: { id: string; role: string }[] = await this.ds.query(
      'SELECT id, role FROM family_member WHERE family_id = $1',
      [familyId],
    );
    const isChild = dto.role === 'child';
    const children = others.filter((o) => o.role === 'child').map((o) => o.id);
    const adults = others.filter((o) => o.role !== 'child').map((o) => o.id);
    const custodyErrors = [
      ...((dto.custodyOf ?? []).some((id) => !children.includes(id)) || (isChild && dto.custodyOf?.length)
        ? [{ field: 'custodyOf', messages: ['custodyOf names children of this family, for a parent or carer'] }]
        : []),
      ...((dto.custodyHolders ?? []).some((id) => !adults.includes(id)) || (!isChild && dto.custodyHolders?.length)
        ? [
            {
              field: 'custodyHolders',
              messages: ['custodyHolders names parents or carers of this family, for a child'],
            },
          ]
        : []),
    ];
    if (custodyErrors.length) throw validationError(custodyErrors);
    return this.ds.transaction(async (m) => {
      const saved = await m.save(
        m.create(FamilyMemberEntity, {
          familyId,
          role: dto.role,
          name: dto.name,
          birthDate: dto.birthDate,
          citizenServiceNumberEncrypted: dto.citizenServiceNumber
            ? this.cipher.encrypt(dto.citizenServiceNumber)
            : null,
        }),
      );
      const custody = isChild
        ? (dto.custodyHolders ?? []).map((parent) => ({ parentMemberId: parent, childMemberId: saved.id }))
        : (dto.hasCustody ? children : (dto.custodyOf ?? [])).map((child) => ({
            parentMemberId: saved.id,
            childMemberId: child,
          }));
      if (custody.length) await m.insert(CustodyEntity, custody);
      saved.custodyOf = isChild ? [] : custody.map((c) => c.childMemberId);
      await this.events.changed(
        actor,
        {
          audit: { resource: 'family-member', action: 'create', basis, subjectId: saved.id },
          familyId,
          regisseurUserId: family.regisseurUserId,
          item: { type: 'member', id: saved.id },
          action: 'created',
          version: saved.version,
          summary: `heeft ${saved.name} aan het gezin toegevoegd`,
        },
        m,
      );
      return toMember(saved, actor.role === 'access_team' ? (v) => this.cipher.decrypt(v) : undefined);
    });
  }

  /**
   * A youth from 16 decides whether their parents see their data (goals about them); under 16 parents with
   * custody read along by law.
   */
  async setSharing(actor: Actor, sharesWithParents: boolean): Promise<FamilyMemberResponse> {
    const member = await this.ds.getRepository(FamilyMemberEntity).findOneBy({ id: actor.familyMemberId ?? undefined });
    if (!member || !actor.familyId) throw new AppError(403, 'FORBIDDEN', 'Only a youth decides this, for themselves');
    const [{ age }]: { age: number }[] = await this.ds.query(
      'SELECT extract(year FROM age(current_date, $1::date))::int AS age',
      [member.birthDate],
    );
    if (age < 16) {
      throw new AppError(
        422,
        'UNPROCESSABLE',
        'Under 16 your parents with custody read along; from 16 you decide this yourself',
      );
    }
    await this.ds.transaction(async (m) => {
      await m.query(
        'UPDATE family_member SET shares_with_parents = $2, version = version + 1, updated_at = now() WHERE id = $1',
        [member.id, sharesWithParents],
      );
      await this.audit.record(
        actor,
        {
          resource: 'consent',
          action: 'update',
          result: 'success',
          familyId: actor.familyId,
          basis: 'own-family',
          subjectId: member.id,
          details: { sharesWithParents },
        },
        m,
      );
    });
    return toMember({ ...member, sharesWithParents });
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
      await this.events.changed(
        actor,
        {
          audit: { resource: 'network-member', action: 'create', basis, subjectId: saved.id },
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
