import { Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, In, Not } from 'typeorm';
import { FieldCipher } from '../../common/crypto/field-cipher';
import { GoalEntity } from './goal.entity';
import { preparedQuery } from '../../database/prepared';
import { PLAN_DOCUMENT_BY_FAMILY, PLAN_DOCUMENT_BY_ID } from './plan-document.sql';
import type { CommentRow, PlanParts } from './plan.mapper';
import { PlanEntity } from './plan.entity';

/** Recent progress notes per goal in the plan view; the full history is kept and listed per goal. */
export const RECENT_PROGRESS = 5;

interface DocumentRow {
  plan: PlanEntity | null;
  sections: PlanParts['sections'];
  goals: PlanParts['goals'];
  agreements: PlanParts['agreements'];
  progress: PlanParts['progress'];
  comments: CommentRow[];
}

/** The only place with plan queries. Callers have already checked access to the family. */
@Injectable()
export class PlansRepository {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    // Optional for the demo seed, which reads its own (still plain-text) notes before the boot encrypts them.
    @Optional() private readonly cipher?: FieldCipher,
  ) {}

  livingPlan(familyId: string, manager: EntityManager = this.ds.manager): Promise<PlanEntity | null> {
    return manager.getRepository(PlanEntity).findOne({ where: { familyId, status: Not('closed') } });
  }

  /** The plan with everything the plan view shows, read in one statement (see PLAN_DOCUMENT). */
  async parts(plan: PlanEntity, manager: EntityManager = this.ds.manager): Promise<PlanParts> {
    const parts = await this.document({ planId: plan.id }, manager);
    if (!parts) throw new Error(`plan ${plan.id} disappeared while it was being read`);
    return parts;
  }

  /**
   * The living plan of a family (or one plan by id) with its sections, goals, agreements, the newest
   * RECENT_PROGRESS notes per goal and the comments: one prepared statement, so opening a plan costs one round
   * trip and no planning. Null when there is no such plan.
   */
  async document(
    where: { familyId: string } | { planId: string },
    manager: EntityManager = this.ds.manager,
  ): Promise<PlanParts | null> {
    const byFamily = 'familyId' in where;
    const [row] = await preparedQuery<DocumentRow>(
      manager,
      byFamily ? 'plan-document-by-family' : 'plan-document-by-id',
      byFamily ? PLAN_DOCUMENT_BY_FAMILY : PLAN_DOCUMENT_BY_ID,
      [byFamily ? where.familyId : where.planId, RECENT_PROGRESS],
    );
    if (!row?.plan) return null;
    const date = (x: { createdAt: Date | string; updatedAt?: Date | string }) => {
      x.createdAt = new Date(x.createdAt);
      if (x.updatedAt !== undefined) x.updatedAt = new Date(x.updatedAt);
    };
    const plan = Object.assign(new PlanEntity(), row.plan);
    date(plan);
    for (const list of [row.sections, row.goals, row.agreements, row.progress, row.comments]) list.forEach(date);
    // Free-text notes and comments are encrypted at rest (AES-GCM per value, keys imported once): opened here.
    if (this.cipher) {
      for (const p of row.progress) p.note = this.cipher.open(p.note);
      for (const c of row.comments) c.text = this.cipher.open(c.text);
    }
    return {
      plan,
      sections: row.sections,
      goals: row.goals,
      agreements: row.agreements,
      progress: row.progress,
      comments: row.comments,
    };
  }

  async nextGoalPriority(planId: string, manager: EntityManager): Promise<number> {
    const [row]: { next: number }[] = await manager.query(
      'SELECT coalesce(max(priority), 0) + 1 AS next FROM goal WHERE plan_id = $1',
      [planId],
    );
    return row.next;
  }

  /** Every accepted change anywhere in the plan bumps its revision (in the change's transaction). */
  async touch(planId: string, manager: EntityManager): Promise<void> {
    await manager.query('UPDATE plan SET revision = revision + 1, updated_at = now() WHERE id = $1', [planId]);
  }

  /**
   * After one goal moved to a new priority, renumbers the plan's goals 1..n so the moved one sits at its new
   * place and the others shift. Only the order changes; the other goals' versions stay (nothing of them was
   * edited), so a concurrent edit of another goal is not turned into a conflict.
   */
  async renumberAround(
    planId: string,
    movedGoalId: string,
    direction: 'up' | 'down',
    manager: EntityManager,
  ): Promise<void> {
    await manager.query(
      `WITH ordered AS (
         SELECT id, row_number() OVER (
                  ORDER BY CASE WHEN id = $2 THEN priority + $3::numeric ELSE priority END, created_at) AS rn
           FROM goal WHERE plan_id = $1)
       UPDATE goal g SET priority = o.rn FROM ordered o WHERE g.id = o.id AND g.priority <> o.rn`,
      [planId, movedGoalId, direction === 'down' ? 0.5 : -0.5],
    );
  }

  goalsByIds(ids: string[], manager: EntityManager = this.ds.manager): Promise<GoalEntity[]> {
    return manager.getRepository(GoalEntity).find({ where: { id: In(ids) } });
  }
}
