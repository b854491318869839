import type { AgreementResponse, GoalResponse, ProgressResponse } from '@gezinsplan/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../common/auth/actor';
import { FieldCipher } from '../../common/crypto/field-cipher';
import { AppError, notFound } from '../../common/errors/app-error';
import { versionConflict } from '../../common/http/concurrency';
import { updateIfVersion } from '../../database/versioned';
import { type VisibleFamily, FamilyGuard } from '../access/family-guard.service';
import { AuditService } from '../audit/audit.service';
import type {
  CreateAgreementDto,
  CreateGoalDto,
  CreateProgressDto,
  ProposeGoalDto,
  UpdateAgreementDto,
  UpdateGoalDto,
} from './dto/plan.dto';
import { AgreementEntity, GoalEntity, ProgressNoteEntity } from './goal.entity';
import { type ItemType, PlanEvents } from './plan-events.service';
import { toAgreement, toGoal, toProgress } from './plan.mapper';
import { PlansRepository } from './plans.repository';
import { PlansService } from './plans.service';

const safetyRefused = () =>
  new AppError(403, 'FORBIDDEN', 'This goal is a safety condition set by the GI; only the GI can change or remove it');

/** Goals, their agreements and progress notes: each write is one small command on one item. */
@Injectable()
export class GoalsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly plans: PlansRepository,
    private readonly planService: PlansService,
    private readonly guard: FamilyGuard,
    private readonly audit: AuditService,
    private readonly events: PlanEvents,
    private readonly cipher: FieldCipher,
  ) {}

  async create(actor: Actor, familyId: string, dto: CreateGoalDto): Promise<GoalResponse> {
    if (dto.safetyCondition && actor.role !== 'gi') {
      throw new AppError(403, 'FORBIDDEN', 'Only a GI can set a safety condition');
    }
    return this.insertGoal(
      actor,
      familyId,
      { ...dto, status: 'open', proposedByUserId: null },
      'heeft een doel toegevoegd',
    );
  }

  /** A parent proposes a goal in their own words; the regisseur accepts (status open) or declines it. */
  async propose(actor: Actor, familyId: string, dto: ProposeGoalDto): Promise<GoalResponse> {
    return this.insertGoal(
      actor,
      familyId,
      { ...dto, status: 'proposed', proposedByUserId: actor.userId },
      'stelt een nieuw doel voor',
    );
  }

  async update(actor: Actor, goalId: string, expected: number, dto: UpdateGoalDto): Promise<GoalResponse> {
    const { goal, visible } = await this.requireGoal(actor, goalId, 'update');
    if (goal.safetyCondition && actor.role !== 'gi' && (dto.safetyCondition === false || dto.status === 'declined')) {
      throw safetyRefused();
    }
    if (dto.safetyCondition === true && !goal.safetyCondition && actor.role !== 'gi') {
      throw new AppError(403, 'FORBIDDEN', 'Only a GI can set a safety condition');
    }
    if (
      goal.status === 'proposed' &&
      dto.status &&
      dto.status !== 'proposed' &&
      visible.family.regisseurUserId !== actor.userId
    ) {
      throw new AppError(403, 'FORBIDDEN', "Only the regisseur accepts or declines the family's proposals");
    }
    const changes = Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined));
    if (Object.keys(changes).length === 0) throw nothingToChange();
    return this.commitVersioned(
      actor,
      visible,
      'goal',
      goalId,
      expected,
      'update',
      async (m) => {
        const ok = await updateIfVersion(m, GoalEntity, goalId, expected, changes);
        if (ok && dto.priority !== undefined && dto.priority !== goal.priority) {
          await this.plans.renumberAround(goal.planId, goalId, dto.priority > goal.priority ? 'down' : 'up', m);
        }
        const current = await m.getRepository(GoalEntity).findOneByOrFail({ id: goalId });
        return { ok, planId: current.planId, version: current.version, response: await this.goalResponse(current, m) };
      },
      `heeft het doel "${goal.title}" gewijzigd`,
    );
  }

  async remove(actor: Actor, goalId: string, expected: number): Promise<void> {
    const { goal, visible } = await this.requireGoal(actor, goalId, 'delete');
    if (goal.safetyCondition && actor.role !== 'gi') throw safetyRefused();
    const progress = await this.ds.getRepository(ProgressNoteEntity).countBy({ goalId });
    if (progress > 0) {
      throw new AppError(
        422,
        'UNPROCESSABLE',
        'This goal has progress notes; close it with a status instead of deleting it',
      );
    }
    await this.commitVersioned(
      actor,
      visible,
      'goal',
      goalId,
      expected,
      'delete',
      async (m) => {
        const result = await m
          .createQueryBuilder()
          .delete()
          .from(GoalEntity)
          .where('id = :goalId AND version = :expected', { goalId, expected })
          .execute();
        const current = await m.getRepository(GoalEntity).findOneBy({ id: goalId });
        return {
          ok: result.affected === 1,
          planId: goal.planId,
          version: current?.version ?? expected,
          response: current ? await this.goalResponse(current, m) : null,
        };
      },
      `heeft het doel "${goal.title}" verwijderd`,
    );
  }

  async addAgreement(actor: Actor, goalId: string, dto: CreateAgreementDto): Promise<AgreementResponse> {
    const { goal, visible } = await this.requireGoal(actor, goalId, 'create', 'agreement');
    const ownerLabel = dto.ownerLabel ?? (await this.ownerLabel(dto.ownerType, dto.ownerId, goal.familyId));
    return this.ds.transaction(async (m) => {
      const saved = await m.save(
        m.create(AgreementEntity, {
          goalId,
          familyId: goal.familyId,
          description: dto.description,
          ownerType: dto.ownerType,
          ownerId: dto.ownerId ?? null,
          ownerLabel,
          dueDate: dto.dueDate ?? null,
        }),
      );
      await this.accepted(
        actor,
        visible,
        m,
        goal.planId,
        { type: 'agreement', id: saved.id },
        'created',
        saved.version,
        `heeft een afspraak toegevoegd bij "${goal.title}"`,
      );
      return toAgreement(saved);
    });
  }

  async updateAgreement(
    actor: Actor,
    agreementId: string,
    expected: number,
    dto: UpdateAgreementDto,
  ): Promise<AgreementResponse> {
    const familyId = await this.guard.familyOf('agreement', agreementId);
    if (!familyId) throw notFound('Agreement');
    const visible = await this.guard.require(actor, familyId, { resource: 'agreement', action: 'update' });
    const changes = Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined));
    if (Object.keys(changes).length === 0) throw nothingToChange();
    return this.commitVersioned(
      actor,
      visible,
      'agreement',
      agreementId,
      expected,
      'update',
      async (m) => {
        const ok = await updateIfVersion(m, AgreementEntity, agreementId, expected, changes);
        const current = await m.getRepository(AgreementEntity).findOneByOrFail({ id: agreementId });
        const goal = await m.getRepository(GoalEntity).findOneByOrFail({ id: current.goalId });
        return { ok, planId: goal.planId, version: current.version, response: toAgreement(current) };
      },
      'heeft een afspraak bijgewerkt',
    );
  }

  /** A provider or GI writes progress on a goal: a new dated note, never an overwrite. */
  async addProgress(actor: Actor, goalId: string, dto: CreateProgressDto): Promise<ProgressResponse> {
    const { goal, visible } = await this.requireGoal(actor, goalId, 'create', 'progress');
    return this.ds.transaction(async (m) => {
      const saved = await m.save(
        m.create(ProgressNoteEntity, {
          goalId,
          familyId: goal.familyId,
          authorUserId: actor.userId,
          organisationId: actor.organisationId,
          // Free text: encrypted at rest (FieldCipher), decrypted by PlansRepository.
          note: this.cipher.seal(dto.note),
          score: dto.score,
          notedOn: dto.notedOn ?? new Date().toISOString().slice(0, 10),
          restrictedTo: dto.restrictedTo ?? [],
        }),
      );
      await this.accepted(
        actor,
        visible,
        m,
        goal.planId,
        { type: 'progress', id: saved.id },
        'created',
        null,
        `heeft voortgang geschreven bij "${goal.title}"`,
      );
      const [org]: { name: string }[] = actor.organisationId
        ? await m.query('SELECT name FROM organisation WHERE id = $1', [actor.organisationId])
        : [];
      return toProgress({
        ...saved,
        note: dto.note,
        authorName: actor.displayName,
        organisationName: org?.name ?? null,
      });
    });
  }

  private async insertGoal(
    actor: Actor,
    familyId: string,
    fields: Partial<GoalEntity> & Pick<GoalEntity, 'title' | 'lifeDomain' | 'status' | 'proposedByUserId'>,
    summary: string,
  ): Promise<GoalResponse> {
    const visible = await this.guard.require(actor, familyId, { resource: 'goal', action: 'create' });
    const plan = await this.planService.requirePlan(familyId);
    return this.ds.transaction(async (m) => {
      const saved = await m.save(
        m.create(GoalEntity, {
          planId: plan.id,
          familyId,
          title: fields.title,
          lifeDomain: fields.lifeDomain,
          status: fields.status,
          proposedByUserId: fields.proposedByUserId,
          targetDate: fields.targetDate ?? null,
          memberIds: fields.memberIds ?? [],
          zrmDomain: fields.zrmDomain ?? null,
          safetyCondition: fields.safetyCondition ?? false,
          priority: await this.plans.nextGoalPriority(plan.id, m),
        }),
      );
      await this.accepted(
        actor,
        visible,
        m,
        plan.id,
        { type: 'goal', id: saved.id },
        'created',
        saved.version,
        `${summary}: "${saved.title}"`,
      );
      return toGoal(saved, [], []);
    });
  }

  /** Audit, plan revision and notification of one accepted change, inside its transaction. */
  private async accepted(
    actor: Actor,
    visible: VisibleFamily,
    m: EntityManager,
    planId: string,
    item: { type: ItemType; id: string },
    action: 'created' | 'updated' | 'deleted',
    version: number | null,
    summary: string,
  ): Promise<void> {
    const familyId = visible.family.id;
    const auditAction = action === 'created' ? 'create' : action === 'updated' ? 'update' : 'delete';
    await this.plans.touch(planId, m);
    await this.events.changed(
      actor,
      {
        audit: {
          resource: item.type,
          action: auditAction,
          basis: visible.basis,
          subjectId: item.id,
        },
        familyId,
        regisseurUserId: visible.family.regisseurUserId,
        item,
        action,
        version,
        summary,
      },
      m,
    );
  }

  /**
   * Runs one compare-and-set write; on success records it as accepted, on a stale version logs the
   * conflict and answers 409 with the item's current state. Nothing is written on conflict.
   */
  private async commitVersioned<R>(
    actor: Actor,
    visible: VisibleFamily,
    type: ItemType,
    id: string,
    expected: number,
    kind: 'update' | 'delete',
    write: (m: EntityManager) => Promise<{ ok: boolean; planId: string; version: number; response: R }>,
    summary: string,
  ): Promise<R> {
    const result = await this.ds.transaction(async (m) => {
      const r = await write(m);
      if (r.ok) {
        await this.accepted(
          actor,
          visible,
          m,
          r.planId,
          { type, id },
          kind === 'update' ? 'updated' : 'deleted',
          kind === 'update' ? r.version : null,
          summary,
        );
      }
      return r;
    });
    if (!result.ok) {
      await this.audit.record(actor, {
        resource: type,
        action: kind,
        result: 'conflict',
        familyId: visible.family.id,
        basis: visible.basis,
        subjectId: id,
      });
      if (result.response === null) throw notFound(type === 'goal' ? 'Goal' : 'Agreement');
      throw versionConflict(result.version, result.response);
    }
    return result.response;
  }

  private async requireGoal(actor: Actor, goalId: string, action: 'update' | 'delete' | 'create', resource = 'goal') {
    // The goal first (it names its family), shown to no one before the family's access check below.
    const goal = await this.ds.getRepository(GoalEntity).findOneBy({ id: goalId });
    if (!goal) throw notFound('Goal');
    const visible = await this.guard.require(actor, goal.familyId, { resource, action });
    return { goal, visible };
  }

  private async goalResponse(goal: GoalEntity, m: EntityManager): Promise<GoalResponse> {
    const agreements = await m.getRepository(AgreementEntity).findBy({ goalId: goal.id });
    return toGoal(goal, agreements, []);
  }

  private async ownerLabel(
    type: CreateAgreementDto['ownerType'],
    ownerId: string | undefined,
    familyId: string,
  ): Promise<string> {
    if (!ownerId)
      throw new AppError(400, 'VALIDATION_FAILED', 'Say who: send ownerId or ownerLabel', [
        { field: 'ownerLabel', messages: ['ownerLabel is required without ownerId'] },
      ]);
    const sql: Record<typeof type, string> = {
      family_member: 'SELECT name AS label FROM family_member WHERE id = $1 AND family_id = $2',
      network_member: 'SELECT name AS label FROM network_member WHERE id = $1 AND family_id = $2',
      organisation: 'SELECT name AS label FROM organisation WHERE id = $1 AND $2::uuid IS NOT NULL',
      professional: 'SELECT display_name AS label FROM app_user WHERE id = $1 AND $2::uuid IS NOT NULL',
    };
    const [row]: { label: string | null }[] = await this.ds.query(sql[type], [ownerId, familyId]);
    if (!row?.label) {
      throw new AppError(400, 'VALIDATION_FAILED', 'ownerId does not name a known owner of that type', [
        { field: 'ownerId', messages: [`no ${type} with this id in this family`] },
      ]);
    }
    return row.label;
  }
}

const nothingToChange = () =>
  new AppError(400, 'VALIDATION_FAILED', 'Nothing to change: send at least one field', [
    { field: 'body', messages: ['send at least one field to change'] },
  ]);
