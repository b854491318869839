import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../../common/auth/actor';
import { updateIfVersion } from '../../database/versioned';
import { AccessService } from '../access/access.service';
import { FamilyEntity } from './family.entity';

/** The only place with family queries. Every read goes through the access scope. */
@Injectable()
export class FamiliesRepository {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessService,
  ) {}

  async listVisible(
    who: Principal,
    page: { limit: number; offset: number; q?: string },
  ): Promise<[FamilyEntity[], number]> {
    const qb = this.ds.getRepository(FamilyEntity).createQueryBuilder('f');
    this.access.scopeFamilies(qb, who, 'f');
    if (page.q) qb.andWhere(`f.display_name ILIKE :q`, { q: `%${page.q.replace(/[\\%_]/g, '\\$&')}%` });
    const [rows, total] = await qb
      .orderBy('f.display_name', 'ASC')
      .addOrderBy('f.id', 'ASC')
      .take(page.limit)
      .skip(page.offset)
      .getManyAndCount();
    return [await this.withSignals(rows), total];
  }

  /** The family with members and regisseur, or null when it does not exist or is not visible to `who`. */
  async findVisible(
    who: Principal,
    id: string,
    manager: EntityManager = this.ds.manager,
  ): Promise<FamilyEntity | null> {
    const qb = manager
      .getRepository(FamilyEntity)
      .createQueryBuilder('f')
      .leftJoinAndSelect('f.members', 'm')
      .leftJoinAndSelect('f.network', 'n')
      .leftJoinAndSelect('f.regisseur', 'r')
      .where('f.id = :id', { id });
    this.access.scopeFamilies(qb, who, 'f');
    const family = await qb.getOne();
    if (!family) return null;
    const members = family.members ?? [];
    const custody: { parent_member_id: string; child_member_id: string }[] = members.length
      ? await manager.query(
          'SELECT parent_member_id, child_member_id FROM custody WHERE parent_member_id = ANY($1::uuid[])',
          [members.map((m) => m.id)],
        )
      : [];
    for (const m of members) {
      m.custodyOf = custody.filter((c) => c.parent_member_id === m.id).map((c) => c.child_member_id);
    }
    return (await this.withSignals([family], manager))[0];
  }

  /**
   * The "1G1P1R needed" signal: more than two organisations involved (not withdrawn, not ended) and no
   * agreed version of the living plan yet.
   */
  private async withSignals(
    families: FamilyEntity[],
    manager: EntityManager = this.ds.manager,
  ): Promise<FamilyEntity[]> {
    if (families.length === 0) return families;
    const rows: { id: string }[] = await manager.query(
      `SELECT f.id FROM family f
        WHERE f.id = ANY($1::uuid[])
          AND (SELECT count(DISTINCT i.organisation_id) FROM involvement i
                WHERE i.family_id = f.id AND i.consent_withdrawn_at IS NULL
                  AND (i.until IS NULL OR i.until >= current_date)) > 2
          AND NOT EXISTS (SELECT 1 FROM plan p WHERE p.family_id = f.id AND p.status <> 'closed'
                           AND p.current_version_number IS NOT NULL)`,
      [families.map((f) => f.id)],
    );
    const flagged = new Set(rows.map((r) => r.id));
    for (const f of families) f.needsOnePlan = flagged.has(f.id);
    return families;
  }

  /** Zero rows means someone else changed it first (or it is gone). */
  updateIfVersion(
    manager: EntityManager,
    id: string,
    expectedVersion: number,
    changes: Partial<Pick<FamilyEntity, 'displayName'>>,
  ): Promise<boolean> {
    return updateIfVersion(manager, FamilyEntity, id, expectedVersion, changes);
  }
}
