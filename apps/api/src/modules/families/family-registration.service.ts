import { type FamilyDetail, SECTION_KINDS } from '@gezinsplan/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Actor } from '../../common/auth/actor';
import { AppError } from '../../common/errors/app-error';
import { AuditService } from '../audit/audit.service';
import { PlanEntity, PlanSectionEntity } from '../plans/plan.entity';
import { RegieService } from '../regie/regie.service';
import type { RegisterFamilyDto } from './dto/register-family.dto';
import { FamiliesRepository } from './families.repository';
import { FamilyEntity } from './family.entity';
import { toFamilyDetail } from './family.mapper';

/** An access-team worker registers a family: own municipality, the worker as regisseur, an empty draft plan. */
@Injectable()
export class FamilyRegistrationService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly families: FamiliesRepository,
    private readonly regie: RegieService,
    private readonly audit: AuditService,
  ) {}

  async register(actor: Actor, dto: RegisterFamilyDto): Promise<FamilyDetail> {
    const [org]: { municipality: string | null }[] = await this.ds.query(
      'SELECT municipality FROM organisation WHERE id = $1',
      [actor.organisationId],
    );
    if (!org?.municipality) {
      throw new AppError(422, 'UNPROCESSABLE', 'Your organisation has no municipality to register families in');
    }
    const familyId = await this.ds.transaction(async (m) => {
      const family = await m.save(
        m.create(FamilyEntity, {
          displayName: dto.displayName,
          municipality: org.municipality as string,
          teamId: actor.teamId,
          regisseurUserId: actor.userId,
          status: 'registered',
        }),
      );
      await this.regie.start(m, family.id, actor.userId, 'Regisseur bij aanmelding');
      const plan = await m.save(m.create(PlanEntity, { familyId: family.id }));
      await m.insert(
        PlanSectionEntity,
        SECTION_KINDS.map((kind) => ({ planId: plan.id, kind })),
      );
      await this.audit.record(
        actor,
        { resource: 'family', action: 'create', result: 'success', familyId: family.id, basis: 'municipality' },
        m,
      );
      return family.id;
    });
    const created = await this.families.findVisible(actor, familyId);
    if (!created) throw new Error('a registered family must be visible to its regisseur');
    return toFamilyDetail(created);
  }
}
