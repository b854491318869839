import type { CommentResponse } from '@gezinsplan/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Actor } from '../../common/auth/actor';
import { FieldCipher } from '../../common/crypto/field-cipher';
import { notFound } from '../../common/errors/app-error';
import { FamilyGuard } from '../access/family-guard.service';
import { PlanCommentEntity } from './comment.entity';
import { PlanEvents } from './plan-events.service';
import { PlansRepository } from './plans.repository';
import { toComment } from './plan.mapper';

/** Comments on goals and agreements, e.g. a parent or youth reacting in their own words. */
@Injectable()
export class CommentsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly guard: FamilyGuard,
    private readonly plans: PlansRepository,
    private readonly events: PlanEvents,
    private readonly cipher: FieldCipher,
  ) {}

  async add(
    actor: Actor,
    target: { goalId: string } | { agreementId: string },
    text: string,
  ): Promise<CommentResponse> {
    const isGoal = 'goalId' in target;
    const [row]: { family_id: string; plan_id: string; member_ids: string[]; title: string }[] = await this.ds.query(
      isGoal
        ? 'SELECT g.family_id, g.plan_id, g.member_ids, g.title FROM goal g WHERE g.id = $1'
        : 'SELECT g.family_id, g.plan_id, g.member_ids, g.title FROM agreement a JOIN goal g ON g.id = a.goal_id WHERE a.id = $1',
      [isGoal ? target.goalId : target.agreementId],
    );
    const what = isGoal ? 'Goal' : 'Agreement';
    if (!row) throw notFound(what);
    const { family, basis } = await this.guard.require(actor, row.family_id, { resource: 'comment', action: 'create' });
    // A youth sees (and so comments on) only goals that concern them or the whole family.
    if (actor.role === 'youth' && row.member_ids.length > 0 && !row.member_ids.includes(actor.familyMemberId ?? '')) {
      throw notFound(what);
    }
    return this.ds.transaction(async (m) => {
      const saved = await m.save(
        m.create(PlanCommentEntity, {
          familyId: row.family_id,
          goalId: isGoal ? target.goalId : null,
          agreementId: isGoal ? null : target.agreementId,
          authorUserId: actor.userId,
          // Free text in the family's own words: encrypted at rest (FieldCipher), decrypted by PlansRepository.
          text: this.cipher.seal(text),
        }),
      );
      await this.plans.touch(row.plan_id, m);
      await this.events.changed(
        actor,
        {
          audit: {
            resource: 'comment',
            action: 'create',
            basis,
            subjectId: saved.id,
          },
          familyId: row.family_id,
          regisseurUserId: family.regisseurUserId,
          item: { type: 'comment', id: saved.id },
          action: 'created',
          version: null,
          summary: `reageerde bij "${row.title}": ${text.length > 80 ? `${text.slice(0, 80)}…` : text}`,
        },
        m,
      );
      return toComment({ ...saved, text, authorName: actor.displayName, authorRole: actor.role });
    });
  }
}
