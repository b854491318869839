import {
  type AllocationResponse,
  type AllocationStatus,
  ARRANGEMENT_LABELS,
  EARLY_TERMINATION_CODES,
  type FieldError,
  hasPermission,
  IJW_MESSAGES,
  type IjwStopReason,
  PERMISSIONS,
} from '@gezinsplan/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../common/auth/actor';
import { AppError, notFound, validationError } from '../../common/errors/app-error';
import { versionConflict } from '../../common/http/concurrency';
import { ENV } from '../../config/config.module';
import type { Env } from '../../config/env';
import { updateIfVersion } from '../../database/versioned';
import { FamilyGuard } from '../access/family-guard.service';
import { AuditService } from '../audit/audit.service';
import { InvolvementEntity } from '../families/involvement.entity';
import { PlanEvents } from '../plans/plan-events.service';
import { PlansRepository } from '../plans/plans.repository';
import { AllocationEntity, AllocationGoalEntity } from './allocation.entity';
import type { CreateAllocationDto, UpdateAllocationDto } from './outcomes.dto';

interface Row {
  id: string;
  family_id: string;
  youth_member_id: string;
  youth_name: string;
  provider_organisation_id: string;
  provider_name: string;
  arrangement: AllocationResponse['arrangement'];
  request_date: string;
  decision_date: string | null;
  start_date: string | null;
  planned_end_date: string | null;
  end_date: string | null;
  end_reason: IjwStopReason | null;
  status: AllocationStatus;
  crisis_without_plan: boolean;
  plan_due_date: string | null;
  plan_overdue: boolean;
  version: number;
  created_at: Date;
  goal_ids: string[];
}

const SELECT = `
  SELECT a.id, a.family_id, a.youth_member_id, m.name AS youth_name, a.provider_organisation_id, o.name AS provider_name,
         a.arrangement, a.request_date::text, a.decision_date::text, a.start_date::text, a.planned_end_date::text,
         a.end_date::text, a.end_reason, a.status, a.crisis_without_plan, a.plan_due_date::text, a.version, a.created_at,
         COALESCE((SELECT array_agg(ag.goal_id::text ORDER BY g.priority) FROM allocation_goal ag
                     JOIN goal g ON g.id = ag.goal_id WHERE ag.allocation_id = a.id), '{}') AS goal_ids,
         (a.crisis_without_plan AND a.plan_due_date < current_date
           AND NOT EXISTS (SELECT 1 FROM plan p WHERE p.family_id = a.family_id AND p.current_version_number IS NOT NULL)
         ) AS plan_overdue
    FROM allocation a
    JOIN family_member m ON m.id = a.youth_member_id
    JOIN organisation o ON o.id = a.provider_organisation_id`;

const PLANNED_FIELDS = ['requestDate', 'decisionDate', 'plannedEndDate', 'goalIds'] as const;
const CONFIRM_FIELDS = ['startDate', 'endDate', 'endReason'] as const;

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const unprocessable = (message: string, field?: string, detail?: string) =>
  new AppError(422, 'UNPROCESSABLE', message, field ? [{ field, messages: [detail ?? message] }] : undefined);

/**
 * Help allocated (inzet / toewijzing): the access team allocates, the provider confirms start and end. An agreed
 * plan version is required first, except for crisis help (flagged with a date by which the plan is due).
 */
@Injectable()
export class AllocationsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(ENV) private readonly env: Env,
    private readonly guard: FamilyGuard,
    private readonly audit: AuditService,
    private readonly events: PlanEvents,
    private readonly plans: PlansRepository,
  ) {}

  /** The family's allocations; a provider or GI sees only those to its own organisation (unless regisseur). */
  async list(actor: Actor, familyId: string): Promise<AllocationResponse[]> {
    const { family, basis } = await this.guard.require(actor, familyId, { resource: 'allocation', action: 'list' });
    const ownOnly = (actor.role === 'provider' || actor.role === 'gi') && family.regisseurUserId !== actor.userId;
    const rows: Row[] = await this.ds.query(
      `${SELECT} WHERE a.family_id = $1 AND ($2::uuid IS NULL OR a.provider_organisation_id = $2)
        ORDER BY a.request_date DESC, a.created_at DESC`,
      [familyId, ownOnly ? actor.organisationId : null],
    );
    await this.audit.record(actor, { resource: 'allocation', action: 'list', result: 'success', familyId, basis });
    return rows.map(toResponse);
  }

  async create(actor: Actor, familyId: string, dto: CreateAllocationDto): Promise<AllocationResponse> {
    const { family, basis } = await this.guard.require(actor, familyId, { resource: 'allocation', action: 'create' });
    const errors: FieldError[] = [];
    const [youth]: { role: string }[] = await this.ds.query(
      'SELECT role FROM family_member WHERE id = $1 AND family_id = $2',
      [dto.youthMemberId, familyId],
    );
    if (!youth || youth.role !== 'child') {
      errors.push({ field: 'youthMemberId', messages: ['not a child of this family'] });
    }
    if (dto.decisionDate && dto.decisionDate < dto.requestDate) {
      errors.push({ field: 'decisionDate', messages: ['decisionDate cannot be before requestDate'] });
    }
    if (dto.plannedEndDate && dto.plannedEndDate < (dto.decisionDate ?? dto.requestDate)) {
      errors.push({ field: 'plannedEndDate', messages: ['plannedEndDate cannot be before the decision or request'] });
    }
    if (dto.arrangement !== 'crisis' && dto.goalIds.length === 0) {
      errors.push({ field: 'goalIds', messages: ['name at least one goal of the plan that this help serves'] });
    }
    const plan = await this.plans.livingPlan(familyId);
    errors.push(...(await this.goalErrors(plan?.id ?? null, dto.goalIds)));
    if (errors.length) throw validationError(errors);

    const [org]: { type: string }[] = await this.ds.query('SELECT type FROM organisation WHERE id = $1', [
      dto.providerId,
    ]);
    if (!org || !['provider', 'gi'].includes(org.type)) {
      throw unprocessable(
        'Help can only be allocated to a care provider or a GI',
        'providerId',
        'not a provider or GI',
      );
    }
    const agreed = plan?.currentVersionNumber != null;
    if (!agreed && dto.arrangement !== 'crisis') {
      throw new AppError(
        422,
        'UNPROCESSABLE',
        'Geen hulp zonder afgesproken gezinsplan: het gezin heeft nog geen afgesproken planversie (alleen crisishulp kan eerder). / ' +
          'Help cannot be allocated while the family has no agreed plan version (only crisis help can).',
        [{ field: 'arrangement', messages: ['the family has no agreed plan version; only crisis help is allowed'] }],
      );
    }
    const crisisWithoutPlan = !agreed;
    const planDueDate = crisisWithoutPlan
      ? addDays(dto.decisionDate ?? dto.requestDate, this.env.CRISIS_PLAN_DAYS)
      : null;

    const id = await this.ds.transaction(async (m) => {
      const saved = await m.save(
        m.create(AllocationEntity, {
          familyId,
          youthMemberId: dto.youthMemberId,
          providerOrganisationId: dto.providerId,
          arrangement: dto.arrangement,
          status: dto.decisionDate ? 'allocated' : 'requested',
          requestDate: dto.requestDate,
          decisionDate: dto.decisionDate ?? null,
          plannedEndDate: dto.plannedEndDate ?? null,
          crisisWithoutPlan,
          planDueDate,
          createdByUserId: actor.userId,
        }),
      );
      if (dto.goalIds.length) {
        await m.insert(
          AllocationGoalEntity,
          dto.goalIds.map((goalId) => ({ allocationId: saved.id, goalId })),
        );
      }
      await this.recordInvolvement(actor, familyId, family.regisseurUserId, dto.providerId, basis, m);
      await this.events.changed(
        actor,
        {
          audit: {
            resource: 'allocation',
            action: 'create',
            basis,
            subjectId: saved.id,
            details: { arrangement: dto.arrangement, ijw: IJW_MESSAGES[saved.status].code, crisisWithoutPlan },
          },
          familyId,
          regisseurUserId: family.regisseurUserId,
          item: { type: 'allocation', id: saved.id },
          action: 'created',
          version: saved.version,
          summary: `heeft ${ARRANGEMENT_LABELS[dto.arrangement].nl.toLowerCase()} toegewezen`,
        },
        m,
      );
      return saved.id;
    });
    return this.one(id);
  }

  async update(
    actor: Actor,
    allocationId: string,
    expected: number,
    dto: UpdateAllocationDto,
  ): Promise<AllocationResponse> {
    const current = await this.ds.getRepository(AllocationEntity).findOneBy({ id: allocationId });
    if (!current) throw notFound('Allocation');
    const { family, basis } = await this.guard.require(actor, current.familyId, {
      resource: 'allocation',
      action: 'update',
    });
    const familyId = current.familyId;
    if ((actor.role === 'provider' || actor.role === 'gi') && current.providerOrganisationId !== actor.organisationId) {
      await this.audit.record(actor, { resource: 'allocation', action: 'update', result: 'denied', familyId, basis });
      throw notFound('Allocation');
    }
    const given = (fields: readonly string[]) =>
      fields.filter((f) => (dto as Record<string, unknown>)[f] !== undefined);
    const planned = given(PLANNED_FIELDS);
    const confirm = given(CONFIRM_FIELDS);
    if (planned.length + confirm.length === 0) {
      throw validationError([{ field: 'body', messages: ['send at least one field to change'] }]);
    }
    if (planned.length && !hasPermission(actor.role, PERMISSIONS.allocationWrite)) {
      throw new AppError(403, 'FORBIDDEN', `Only the access team changes ${planned.join(', ')}`);
    }
    if (confirm.length && !hasPermission(actor.role, PERMISSIONS.allocationConfirm)) {
      throw new AppError(403, 'FORBIDDEN', `Only the provider confirms ${confirm.join(', ')}`);
    }

    const next = {
      requestDate: dto.requestDate ?? current.requestDate,
      decisionDate: dto.decisionDate === undefined ? current.decisionDate : dto.decisionDate,
      plannedEndDate: dto.plannedEndDate === undefined ? current.plannedEndDate : dto.plannedEndDate,
      startDate: dto.startDate ?? current.startDate,
      endDate: dto.endDate ?? current.endDate,
      endReason: dto.endReason ?? current.endReason,
    };
    const errors: FieldError[] = [];
    if (dto.endDate && !next.endReason)
      errors.push({ field: 'endReason', messages: ['endReason is required with endDate'] });
    if (dto.endReason && !next.endDate)
      errors.push({ field: 'endDate', messages: ['endDate is required with endReason'] });
    if (dto.goalIds) {
      if (current.arrangement !== 'crisis' && dto.goalIds.length === 0) {
        errors.push({ field: 'goalIds', messages: ['name at least one goal of the plan that this help serves'] });
      }
      const plan = await this.plans.livingPlan(familyId);
      errors.push(...(await this.goalErrors(plan?.id ?? null, dto.goalIds)));
    }
    if (errors.length) throw validationError(errors);
    if (current.status === 'stopped') {
      throw unprocessable('This help has ended (JW307); it can no longer be changed');
    }
    if (next.decisionDate && next.decisionDate < next.requestDate) {
      throw unprocessable('The decision cannot be before the request', 'decisionDate');
    }
    if (next.startDate && !next.decisionDate) {
      throw unprocessable('Help can only start after the decision (JW301)', 'startDate');
    }
    if (next.startDate && next.decisionDate && next.startDate < next.decisionDate) {
      throw unprocessable('The start cannot be before the decision', 'startDate');
    }
    if (next.endDate && !next.startDate) {
      throw unprocessable('Help can only end after its start was confirmed (JW305)', 'endDate');
    }
    if (next.endDate && next.startDate && next.endDate < next.startDate) {
      throw unprocessable('The end cannot be before the start', 'endDate');
    }
    const status: AllocationStatus = next.endDate
      ? 'stopped'
      : next.startDate
        ? 'started'
        : next.decisionDate
          ? 'allocated'
          : 'requested';
    const planDueDate = current.crisisWithoutPlan
      ? addDays(next.decisionDate ?? next.requestDate, this.env.CRISIS_PLAN_DAYS)
      : null;

    const ok = await this.ds.transaction(async (m) => {
      const changed = await updateIfVersion(m, AllocationEntity, allocationId, expected, {
        ...next,
        status,
        planDueDate,
      });
      if (!changed) return false;
      if (dto.goalIds) {
        await m.delete(AllocationGoalEntity, { allocationId });
        if (dto.goalIds.length) {
          await m.insert(
            AllocationGoalEntity,
            dto.goalIds.map((goalId) => ({ allocationId, goalId })),
          );
        }
      }
      await this.events.changed(
        actor,
        {
          audit: {
            resource: 'allocation',
            action: 'update',
            basis,
            subjectId: allocationId,
            details: { fields: [...planned, ...confirm], ijw: IJW_MESSAGES[status].code, endReason: next.endReason },
          },
          familyId,
          regisseurUserId: family.regisseurUserId,
          item: { type: 'allocation', id: allocationId },
          action: 'updated',
          version: expected + 1,
          summary:
            status !== current.status && status === 'started'
              ? 'heeft de start van de hulp bevestigd'
              : status !== current.status && status === 'stopped'
                ? 'heeft het einde van de hulp vastgelegd'
                : 'heeft een toewijzing van hulp gewijzigd',
        },
        m,
      );
      return true;
    });
    const response = await this.one(allocationId);
    if (!ok) {
      await this.audit.record(actor, {
        resource: 'allocation',
        action: 'update',
        result: 'conflict',
        familyId,
        basis,
        subjectId: allocationId,
      });
      throw versionConflict(response.version, response);
    }
    return response;
  }

  private async one(id: string): Promise<AllocationResponse> {
    const [row]: Row[] = await this.ds.query(`${SELECT} WHERE a.id = $1`, [id]);
    if (!row) throw notFound('Allocation');
    return toResponse(row);
  }

  /** Every goal must be a goal of the family's living plan (not a pending or declined proposal). */
  private async goalErrors(planId: string | null, goalIds: string[]): Promise<FieldError[]> {
    if (goalIds.length === 0) return [];
    const found: { id: string }[] = planId
      ? await this.ds.query(
          `SELECT id FROM goal WHERE plan_id = $1 AND id = ANY($2::uuid[]) AND status NOT IN ('proposed', 'declined')`,
          [planId, goalIds],
        )
      : [];
    const known = new Set(found.map((g) => g.id));
    const missing = goalIds.filter((g) => !known.has(g));
    return missing.length
      ? [{ field: 'goalIds', messages: [`not goals of this family's plan: ${missing.join(', ')}`] }]
      : [];
  }

  /** Allocating to a provider records its involvement (consent still pending), unless one is already recorded. */
  private async recordInvolvement(
    actor: Actor,
    familyId: string,
    regisseurUserId: string | null,
    organisationId: string,
    basis: string,
    m: EntityManager,
  ): Promise<void> {
    const [existing]: { id: string }[] = await m.query(
      `SELECT id FROM involvement WHERE family_id = $1 AND organisation_id = $2 AND (until IS NULL OR until >= current_date)`,
      [familyId, organisationId],
    );
    if (existing) return;
    const saved = await m.save(
      m.create(InvolvementEntity, {
        familyId,
        organisationId,
        since: new Date().toISOString().slice(0, 10),
        consentGivenAt: null,
        consentGivenBy: null,
      }),
    );
    await this.events.changed(
      actor,
      {
        audit: {
          resource: 'involvement',
          action: 'create',
          basis,
          subjectId: saved.id,
          details: { via: 'allocation' },
        },
        familyId,
        regisseurUserId,
        item: { type: 'involvement', id: saved.id },
        action: 'created',
        version: saved.version,
        summary: 'heeft een organisatie bij het gezin betrokken (toewijzing van hulp; toestemming nog nodig)',
      },
      m,
    );
  }
}

function toResponse(r: Row): AllocationResponse {
  return {
    id: r.id,
    familyId: r.family_id,
    youth: { memberId: r.youth_member_id, name: r.youth_name },
    provider: { id: r.provider_organisation_id, name: r.provider_name },
    arrangement: r.arrangement,
    goalIds: r.goal_ids,
    requestDate: r.request_date,
    decisionDate: r.decision_date,
    startDate: r.start_date,
    plannedEndDate: r.planned_end_date,
    endDate: r.end_date,
    endReason: r.end_reason,
    earlyTermination: r.end_reason !== null && EARLY_TERMINATION_CODES.includes(r.end_reason),
    status: r.status,
    ijwMessage: IJW_MESSAGES[r.status].code,
    crisisWithoutPlan: r.crisis_without_plan,
    planDueDate: r.plan_due_date,
    planOverdue: r.plan_overdue,
    version: r.version,
    createdAt: new Date(r.created_at).toISOString(),
  };
}
