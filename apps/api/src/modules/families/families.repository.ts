import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../../common/auth/actor';
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
    return qb
      .orderBy('f.display_name', 'ASC')
      .addOrderBy('f.id', 'ASC')
      .take(page.limit)
      .skip(page.offset)
      .getManyAndCount();
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
      .leftJoinAndSelect('f.regisseur', 'r')
      .where('f.id = :id', { id });
    this.access.scopeFamilies(qb, who, 'f');
    return qb.getOne();
  }

  /** The one atomic compare-and-set: zero rows means someone else changed it first (or it is gone). */
  async updateIfVersion(
    manager: EntityManager,
    id: string,
    expectedVersion: number,
    changes: Partial<Pick<FamilyEntity, 'displayName'>>,
  ): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(FamilyEntity)
      .set({ ...changes, version: () => 'version + 1' })
      .where('id = :id AND version = :expectedVersion', { id, expectedVersion })
      .execute();
    return result.affected === 1;
  }
}
