import type { AuditAction } from '@gezinsplan/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../common/auth/actor';
import { notFound } from '../../common/errors/app-error';
import { AuditService } from '../audit/audit.service';
import { FamilyEntity } from '../families/family.entity';
import { type AccessBasis, AccessService } from './access.service';

export interface VisibleFamily {
  family: FamilyEntity;
  basis: AccessBasis;
}

/**
 * "Is this family visible to the actor?" for every feature: answers the family and the basis of access,
 * or logs the refusal and throws 404 (not-yours looks exactly like not-there).
 */
@Injectable()
export class FamilyGuard {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  async require(
    actor: Actor,
    familyId: string,
    attempt: { resource: string; action: AuditAction },
    manager: EntityManager = this.ds.manager,
  ): Promise<VisibleFamily> {
    const qb = manager.getRepository(FamilyEntity).createQueryBuilder('f').where('f.id = :familyId', { familyId });
    this.access.scopeFamilies(qb, actor, 'f');
    const family = await qb.getOne();
    if (!family) {
      await this.audit.record(actor, { ...attempt, result: 'denied', familyId });
      throw notFound('Family');
    }
    return { family, basis: await this.access.basisForFamily(actor, family, manager) };
  }

  /** The family an item belongs to (goal, agreement, section...), looked up without revealing the item. */
  async familyOf(table: 'goal' | 'agreement' | 'plan_section', id: string): Promise<string | null> {
    const sql =
      table === 'plan_section'
        ? 'SELECT p.family_id FROM plan_section s JOIN plan p ON p.id = s.plan_id WHERE s.id = $1'
        : `SELECT family_id FROM ${table} WHERE id = $1`;
    const rows: { family_id: string }[] = await this.ds.query(sql, [id]);
    return rows[0]?.family_id ?? null;
  }
}
