import { Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, In, Not } from 'typeorm';
import { FieldCipher } from '../../common/crypto/field-cipher';
import { AgreementEntity, GoalEntity } from './goal.entity';
import type { CommentRow, PlanParts } from './plan.mapper';
import { PlanEntity, PlanSectionEntity } from './plan.entity';

/** Recent progress notes per goal in the plan view; the full history is kept and listed per goal. */
export const RECENT_PROGRESS = 5;

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

  async parts(plan: PlanEntity, manager: EntityManager = this.ds.manager): Promise<PlanParts> {
    const [sections, goals, agreements] = await Promise.all([
      manager.getRepository(PlanSectionEntity).find({ where: { planId: plan.id } }),
      manager.getRepository(GoalEntity).find({ where: { planId: plan.id } }),
      manager.getRepository(AgreementEntity).find({ where: { familyId: plan.familyId } }),
    ]);
    const goalIds = goals.map((g) => g.id);
    const progress: PlanParts['progress'] = goalIds.length
      ? await manager.query(
          // Per goal, the newest RECENT_PROGRESS notes straight from ix_progress_note_goal_time (a backward index
          // scan that stops after five), not every note of the goal ranked: goals collect notes for years.
          `SELECT n.id, n.goal_id AS "goalId", n.family_id AS "familyId", n.author_user_id AS "authorUserId",
                  n.organisation_id AS "organisationId", n.note, n.score, n.noted_on::text AS "notedOn",
                  n.restricted_to AS "restrictedTo", n.created_at AS "createdAt",
                  u.display_name AS "authorName", o.name AS "organisationName"
             FROM unnest($1::uuid[]) AS goal(id)
             CROSS JOIN LATERAL (
               SELECT * FROM progress_note p WHERE p.goal_id = goal.id ORDER BY p.created_at DESC LIMIT $2) n
             JOIN app_user u ON u.id = n.author_user_id
             LEFT JOIN organisation o ON o.id = n.organisation_id`,
          [goalIds, RECENT_PROGRESS],
        )
      : [];
    // Free-text notes and comments are encrypted at rest (AES-GCM per value, keys imported once): opened here.
    for (const p of progress) {
      p.createdAt = new Date(p.createdAt);
      p.note = this.cipher ? this.cipher.open(p.note) : p.note;
    }
    const comments: CommentRow[] = await manager.query(
      `SELECT c.id, c.goal_id AS "goalId", c.agreement_id AS "agreementId", c.text, c.author_user_id AS "authorUserId",
              u.display_name AS "authorName", u.role AS "authorRole", c.created_at AS "createdAt"
         FROM plan_comment c JOIN app_user u ON u.id = c.author_user_id
        WHERE c.family_id = $1 ORDER BY c.created_at`,
      [plan.familyId],
    );
    if (this.cipher) for (const c of comments) c.text = this.cipher.open(c.text);
    return {
      plan,
      sections,
      goals,
      agreements: agreements.filter((a) => goalIds.includes(a.goalId)),
      progress,
      comments,
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
