import type { FamilyDetail, FamilySummary, Page } from '@gezinsplan/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Actor } from '../../common/auth/actor';
import { FieldCipher } from '../../common/crypto/field-cipher';
import { AppError, notFound } from '../../common/errors/app-error';
import { versionConflict } from '../../common/http/concurrency';
import { AccessService } from '../access/access.service';
import { AuditService } from '../audit/audit.service';
import { PlanEvents } from '../plans/plan-events.service';
import type { UpdateFamilyDto } from './dto/update-family.dto';
import { FamiliesRepository, type WorklistQuery } from './families.repository';
import { toFamilyDetail, toFamilySummary } from './family.mapper';

const RESOURCE = 'family';

@Injectable()
export class FamiliesService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly families: FamiliesRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly events: PlanEvents,
    private readonly cipher: FieldCipher,
  ) {}

  /** Families the caller may see. Each listed family gets an audit row: seeing a name in a list is an access too. */
  async list(actor: Actor, page: WorklistQuery): Promise<Page<FamilySummary>> {
    const [rows, total] = await this.families.listVisible(actor, page);
    await this.audit.recordMany(
      actor,
      rows.map((f) => ({
        resource: RESOURCE,
        action: 'list' as const,
        result: 'success' as const,
        familyId: f.id,
        basis: this.access.basisFor(actor, f.regisseurUserId),
      })),
    );
    return { items: rows.map(toFamilySummary), total, limit: page.limit, offset: page.offset };
  }

  async get(actor: Actor, id: string): Promise<FamilyDetail> {
    const family = await this.families.findVisible(actor, id);
    if (!family) {
      await this.audit.record(actor, { resource: RESOURCE, action: 'read', result: 'denied', familyId: id });
      throw notFound('Family');
    }
    await this.audit.record(actor, {
      resource: RESOURCE,
      action: 'read',
      result: 'success',
      familyId: id,
      basis: await this.access.basisForFamily(actor, family),
    });
    // Citizen service numbers only for the access team, only here (never in lists).
    return toFamilyDetail(family, actor.role === 'access_team' ? (v) => this.cipher.decrypt(v) : undefined);
  }

  /**
   * Applies the change only if nobody changed the family since `expectedVersion` (atomic in the database).
   * A stale version answers 409 with the current state and changes nothing; the attempt is still logged.
   */
  async update(actor: Actor, id: string, expectedVersion: number, dto: UpdateFamilyDto): Promise<FamilyDetail> {
    const changes = { ...(dto.displayName !== undefined ? { displayName: dto.displayName } : {}) };
    if (Object.keys(changes).length === 0) {
      throw new AppError(400, 'VALIDATION_FAILED', 'Nothing to change: send at least one field', [
        { field: 'body', messages: ['send at least one of: displayName'] },
      ]);
    }
    const visible = await this.families.findVisible(actor, id);
    if (!visible) {
      await this.audit.record(actor, { resource: RESOURCE, action: 'update', result: 'denied', familyId: id });
      throw notFound('Family');
    }
    const basis = await this.access.basisForFamily(actor, visible);
    const outcome = await this.ds.transaction(async (m) => {
      const updated = await this.families.updateIfVersion(m, id, expectedVersion, changes);
      const current = await this.families.findVisible(actor, id, m);
      if (!current) throw notFound('Family');
      await this.audit.record(
        actor,
        {
          resource: RESOURCE,
          action: 'update',
          result: updated ? 'success' : 'conflict',
          familyId: id,
          basis,
          details: { fields: Object.keys(changes), expectedVersion, currentVersion: current.version },
        },
        m,
      );
      if (updated) {
        await this.events.changed(
          actor,
          {
            familyId: id,
            regisseurUserId: current.regisseurUserId,
            item: { type: 'family', id },
            action: 'updated',
            version: current.version,
            summary: `heeft de naam van het gezin gewijzigd in "${current.displayName}"`,
          },
          m,
        );
      }
      return { updated, current };
    });
    if (!outcome.updated) throw versionConflict(outcome.current.version, toFamilyDetail(outcome.current));
    return toFamilyDetail(outcome.current);
  }
}
