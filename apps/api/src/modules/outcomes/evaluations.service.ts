import {
  type ComplaintResponse,
  type EvaluationResponse,
  type FieldError,
  GOAL_OUTCOME_LABELS,
  type GoalOutcome,
  PLAN_STATUS_TRANSITIONS,
} from '@gezinsplan/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Actor } from '../../common/auth/actor';
import { FieldCipher } from '../../common/crypto/field-cipher';
import { AppError, notFound, validationError } from '../../common/errors/app-error';
import { returnedRows } from '../../database/sql';
import { FamilyGuard } from '../access/family-guard.service';
import { AuditService } from '../audit/audit.service';
import { PlanEvents } from '../plans/plan-events.service';
import { PlansRepository } from '../plans/plans.repository';
import { ComplaintEntity, EvaluationEntity, EvaluationGoalEntity } from './evaluation.entity';
import type { CreateComplaintDto, CreateEvaluationDto, SatisfactionDto } from './outcomes.dto';

interface EvaluationRow {
  id: string;
  family_id: string;
  plan_id: string;
  plan_version_number: number;
  evaluated_on: string;
  evaluated_by_user_id: string;
  evaluated_by_name: string;
  satisfaction_score: number | null;
  satisfaction_remark: string | null;
  satisfaction_by: 'parent' | 'professional' | null;
  satisfaction_recorded_at: Date | null;
  version: number;
  created_at: Date;
  goals: { goalId: string; title: string; lifeDomain: string; outcome: GoalOutcome; note: string | null }[];
}

const today = () => new Date().toISOString().slice(0, 10);

/** Evaluations of the plan (per agreed version), the family's satisfaction, and complaints. */
@Injectable()
export class EvaluationsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly guard: FamilyGuard,
    private readonly audit: AuditService,
    private readonly events: PlanEvents,
    private readonly plans: PlansRepository,
    private readonly cipher: FieldCipher,
  ) {}

  async list(actor: Actor, familyId: string): Promise<EvaluationResponse[]> {
    const { basis } = await this.guard.require(actor, familyId, { resource: 'evaluation', action: 'list' });
    const rows = await this.rows('e.family_id = $1', familyId);
    await this.audit.record(actor, { resource: 'evaluation', action: 'list', result: 'success', familyId, basis });
    return rows.map(toEvaluation);
  }

  /**
   * The regisseur (or another professional in the plan) evaluates the agreed plan: per goal an outcome, which
   * becomes the goal's status; the plan becomes `evaluated` when its status allows.
   */
  async create(actor: Actor, familyId: string, dto: CreateEvaluationDto): Promise<EvaluationResponse> {
    const { family, basis } = await this.guard.require(actor, familyId, { resource: 'evaluation', action: 'create' });
    const errors: FieldError[] = [];
    if (dto.evaluatedOn > today()) {
      errors.push({ field: 'evaluatedOn', messages: ['evaluatedOn cannot be in the future'] });
    }
    const ids = dto.goals.map((g) => g.goalId);
    if (new Set(ids).size !== ids.length) errors.push({ field: 'goals', messages: ['each goal only once'] });
    const plan = await this.plans.livingPlan(familyId);
    if (!plan) throw notFound('Plan');
    const goals: { id: string; life_domain: string; title: string }[] = await this.ds.query(
      `SELECT id, life_domain, title FROM goal WHERE plan_id = $1 AND id = ANY($2::uuid[]) AND status NOT IN ('proposed', 'declined')`,
      [plan.id, ids],
    );
    dto.goals.forEach((g, i) => {
      if (!goals.some((x) => x.id === g.goalId)) {
        errors.push({ field: `goals.${i}.goalId`, messages: ["not a goal of this family's plan"] });
      }
    });
    if (errors.length) throw validationError(errors);
    if (plan.currentVersionNumber === null) {
      throw new AppError(
        422,
        'UNPROCESSABLE',
        'Er is nog geen afgesproken planversie om te evalueren. / There is no agreed plan version to evaluate yet.',
      );
    }
    const versionNumber = plan.currentVersionNumber;
    const toEvaluated = plan.status !== 'evaluated' && PLAN_STATUS_TRANSITIONS[plan.status].includes('evaluated');

    const id = await this.ds.transaction(async (m) => {
      const saved = await m.save(
        m.create(EvaluationEntity, {
          familyId,
          planId: plan.id,
          planVersionNumber: versionNumber,
          evaluatedOn: dto.evaluatedOn,
          evaluatedByUserId: actor.userId,
          satisfactionScore: dto.satisfaction?.score ?? null,
          satisfactionRemark: this.cipher.seal(dto.satisfaction?.remark || null),
          satisfactionBy: dto.satisfaction ? 'professional' : null,
          satisfactionRecordedByUserId: dto.satisfaction ? actor.userId : null,
          satisfactionRecordedAt: dto.satisfaction ? new Date() : null,
        }),
      );
      await m.insert(
        EvaluationGoalEntity,
        dto.goals.map((g) => ({
          evaluationId: saved.id,
          goalId: g.goalId,
          lifeDomain: goals.find((x) => x.id === g.goalId)?.life_domain as EvaluationGoalEntity['lifeDomain'],
          outcome: g.outcome,
          note: this.cipher.seal(g.note || null),
        })),
      );
      for (const g of dto.goals) {
        await m.query(`UPDATE goal SET status = $2, version = version + 1, updated_at = now() WHERE id = $1`, [
          g.goalId,
          g.outcome,
        ]);
      }
      if (toEvaluated) {
        await m.query(`UPDATE plan SET status = 'evaluated', version = version + 1, updated_at = now() WHERE id = $1`, [
          plan.id,
        ]);
      }
      await this.plans.touch(plan.id, m);
      const achieved = dto.goals.filter((g) => g.outcome === 'achieved').length;
      await this.events.changed(
        actor,
        {
          audit: {
            resource: 'evaluation',
            action: 'create',
            basis,
            subjectId: saved.id,
            details: { planVersion: versionNumber, goals: dto.goals.length, planEvaluated: toEvaluated },
          },
          familyId,
          regisseurUserId: family.regisseurUserId,
          item: { type: 'evaluation', id: saved.id },
          action: 'created',
          version: saved.version,
          summary: `heeft het plan (versie ${versionNumber}) geëvalueerd: ${achieved} van ${dto.goals.length} doelen ${GOAL_OUTCOME_LABELS.achieved.nl.toLowerCase()}`,
        },
        m,
      );
      return saved.id;
    });
    return toEvaluation((await this.rows('e.id = $1', id))[0]);
  }

  /** The family's satisfaction with the latest evaluation: once, by a parent in the portal or a professional. */
  async satisfaction(
    actor: Actor,
    familyId: string,
    evaluationId: string,
    dto: SatisfactionDto,
  ): Promise<EvaluationResponse> {
    const { family, basis } = await this.guard.require(actor, familyId, { resource: 'evaluation', action: 'update' });
    const [latest]: { id: string }[] = await this.ds.query(
      `SELECT id FROM evaluation WHERE family_id = $1 ORDER BY evaluated_on DESC, created_at DESC LIMIT 1`,
      [familyId],
    );
    const [target]: { id: string }[] = await this.ds.query(
      'SELECT id FROM evaluation WHERE id = $1 AND family_id = $2',
      [evaluationId, familyId],
    );
    if (!target) throw notFound('Evaluation');
    if (latest.id !== evaluationId) {
      throw new AppError(422, 'UNPROCESSABLE', 'Satisfaction is asked about the latest evaluation only');
    }
    const by = actor.role === 'parent' ? 'parent' : 'professional';
    const recorded = await this.ds.transaction(async (m) => {
      const rows = returnedRows<{ version: number }>(
        await m.query(
          `UPDATE evaluation SET satisfaction_score = $2, satisfaction_remark = $3, satisfaction_by = $4,
                  satisfaction_recorded_by_user_id = $5, satisfaction_recorded_at = now(), version = version + 1,
                  updated_at = now()
            WHERE id = $1 AND satisfaction_score IS NULL RETURNING version`,
          [evaluationId, dto.score, this.cipher.seal(dto.remark || null), by, actor.userId],
        ),
      );
      if (rows.length === 0) return false;
      await this.events.changed(
        actor,
        {
          audit: { resource: 'satisfaction', action: 'create', basis, subjectId: evaluationId },
          familyId,
          regisseurUserId: family.regisseurUserId,
          item: { type: 'evaluation', id: evaluationId },
          action: 'updated',
          version: rows[0].version,
          summary: 'heeft de tevredenheid over de hulp ingevuld',
        },
        m,
      );
      return true;
    });
    if (!recorded) {
      throw new AppError(422, 'UNPROCESSABLE', 'The satisfaction for this evaluation has already been recorded');
    }
    return toEvaluation((await this.rows('e.id = $1', evaluationId))[0]);
  }

  async complaints(actor: Actor, familyId: string): Promise<ComplaintResponse[]> {
    const { basis } = await this.guard.require(actor, familyId, { resource: 'complaint', action: 'list' });
    const rows = this.openComplaints(
      await this.ds.query(`${COMPLAINT_SELECT} WHERE c.family_id = $1 ORDER BY c.received_on DESC, c.created_at DESC`, [
        familyId,
      ]),
    );
    await this.audit.record(actor, { resource: 'complaint', action: 'list', result: 'success', familyId, basis });
    return rows.map(toComplaint);
  }

  async addComplaint(actor: Actor, familyId: string, dto: CreateComplaintDto): Promise<ComplaintResponse> {
    const { family, basis } = await this.guard.require(actor, familyId, { resource: 'complaint', action: 'create' });
    if (dto.receivedOn > today()) {
      throw validationError([{ field: 'receivedOn', messages: ['receivedOn cannot be in the future'] }]);
    }
    const id = await this.ds.transaction(async (m) => {
      const saved = await m.save(
        m.create(ComplaintEntity, {
          familyId,
          receivedOn: dto.receivedOn,
          subject: this.cipher.seal(dto.subject),
          registeredByUserId: actor.userId,
        }),
      );
      await this.events.changed(
        actor,
        {
          audit: { resource: 'complaint', action: 'create', basis, subjectId: saved.id },
          familyId,
          regisseurUserId: family.regisseurUserId,
          item: { type: 'complaint', id: saved.id },
          action: 'created',
          version: null,
          summary: 'heeft een klacht geregistreerd',
        },
        m,
      );
      return saved.id;
    });
    const [row] = this.openComplaints(await this.ds.query(`${COMPLAINT_SELECT} WHERE c.id = $1`, [id]));
    return toComplaint(row);
  }

  /** Free-text columns (complaint subject) are encrypted at rest: decrypted here, the one place they are read. */
  private openComplaints(rows: ComplaintRow[]): ComplaintRow[] {
    return rows.map((r) => ({ ...r, subject: this.cipher.open(r.subject) }));
  }

  /** Evaluation rows with their free-text notes and remark decrypted (encrypted at rest). */
  private async rows(where: string, param: string): Promise<EvaluationRow[]> {
    const rows: EvaluationRow[] = await this.ds.query(
      `SELECT e.id, e.family_id, e.plan_id, e.plan_version_number, e.evaluated_on::text, e.evaluated_by_user_id,
              u.display_name AS evaluated_by_name, e.satisfaction_score, e.satisfaction_remark, e.satisfaction_by,
              e.satisfaction_recorded_at, e.version, e.created_at,
              COALESCE((SELECT json_agg(json_build_object('goalId', eg.goal_id, 'title', g.title, 'lifeDomain', eg.life_domain,
                                                          'outcome', eg.outcome, 'note', eg.note) ORDER BY g.priority)
                          FROM evaluation_goal eg JOIN goal g ON g.id = eg.goal_id WHERE eg.evaluation_id = e.id), '[]') AS goals
         FROM evaluation e JOIN app_user u ON u.id = e.evaluated_by_user_id
        WHERE ${where} ORDER BY e.evaluated_on DESC, e.created_at DESC`,
      [param],
    );
    for (const r of rows) {
      r.satisfaction_remark = this.cipher.open(r.satisfaction_remark);
      for (const g of r.goals) g.note = this.cipher.open(g.note);
    }
    return rows;
  }
}

interface ComplaintRow {
  id: string;
  family_id: string;
  received_on: string;
  subject: string;
  registered_by_user_id: string;
  display_name: string;
  created_at: Date;
}

const COMPLAINT_SELECT = `SELECT c.id, c.family_id, c.received_on::text, c.subject, c.registered_by_user_id, u.display_name, c.created_at
  FROM complaint c JOIN app_user u ON u.id = c.registered_by_user_id`;

function toComplaint(r: ComplaintRow): ComplaintResponse {
  return {
    id: r.id,
    familyId: r.family_id,
    receivedOn: r.received_on,
    subject: r.subject,
    registeredBy: { userId: r.registered_by_user_id, displayName: r.display_name },
    createdAt: new Date(r.created_at).toISOString(),
  };
}

function toEvaluation(r: EvaluationRow): EvaluationResponse {
  return {
    id: r.id,
    familyId: r.family_id,
    planId: r.plan_id,
    planVersionNumber: r.plan_version_number,
    evaluatedOn: r.evaluated_on,
    evaluatedBy: { userId: r.evaluated_by_user_id, displayName: r.evaluated_by_name },
    goals: r.goals,
    satisfaction:
      r.satisfaction_score === null
        ? null
        : {
            score: r.satisfaction_score,
            remark: r.satisfaction_remark,
            recordedBy: r.satisfaction_by ?? 'professional',
            recordedAt: new Date(r.satisfaction_recorded_at ?? r.created_at).toISOString(),
          },
    version: r.version,
    createdAt: new Date(r.created_at).toISOString(),
  };
}
