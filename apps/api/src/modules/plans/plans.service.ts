import {
  type OverdueAgreementResponse,
  PLAN_STATUS_TRANSITIONS,
  type PlanResponse,
  type SectionResponse,
} from '@gezinsplan/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../common/auth/actor';
import { AppError, notFound } from '../../common/errors/app-error';
import { versionConflict } from '../../common/http/concurrency';
import { updateIfVersion } from '../../database/versioned';
import { FamilyGuard } from '../access/family-guard.service';
import { AuditService } from '../audit/audit.service';
import { FamilyEntity } from '../families/family.entity';
import type { ClosePlanDto, UpdatePlanDto, UpdateSectionDto } from './dto/plan.dto';
import { AgreementEntity, GoalEntity } from './goal.entity';
import { PlanEvents } from './plan-events.service';
import { toAgreement, toPlanResponse, toSection } from './plan.mapper';
import { PlanEntity, PlanSectionEntity } from './plan.entity';
import { type Reader, viewFor } from './plan-view';
import { PlansRepository } from './plans.repository';

const STATUS_LABEL: Record<string, string> = { in_progress: 'in uitvoering', evaluated: 'geëvalueerd' };

const SECTION_LABEL: Record<string, string> = {
  going_well: 'Wat gaat goed',
  worries: 'Zorgen',
  wish: 'Wens van het gezin',
  strengths: 'Eigen kracht en netwerk',
  safety: 'Veiligheid',
};

/** Reading the living plan, and changing its sections and plan-level fields. */
@Injectable()
export class PlansService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly plans: PlansRepository,
    private readonly guard: FamilyGuard,
    private readonly audit: AuditService,
    private readonly events: PlanEvents,
  ) {}

  async get(actor: Actor, familyId: string): Promise<PlanResponse> {
    const { basis } = await this.guard.require(actor, familyId, { resource: 'plan', action: 'read' });
    const parts = await this.plans.document({ familyId });
    if (!parts) throw notFound('Plan');
    const view = viewFor(await this.readerFor(actor, familyId), toPlanResponse(parts));
    await this.audit.record(actor, { resource: 'plan', action: 'read', result: 'success', familyId, basis });
    return view;
  }

  async updatePlan(actor: Actor, familyId: string, expected: number, dto: UpdatePlanDto): Promise<PlanResponse> {
    const { family, basis } = await this.guard.require(actor, familyId, { resource: 'plan', action: 'update' });
    const plan = await this.requirePlan(familyId);
    const changes = Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined)) as Partial<PlanEntity>;
    if (Object.keys(changes).length === 0) {
      throw new AppError(400, 'VALIDATION_FAILED', 'Nothing to change: send at least one field', [
        { field: 'body', messages: ['send evaluationDate or status'] },
      ]);
    }
    if (dto.status && dto.status !== plan.status && !PLAN_STATUS_TRANSITIONS[plan.status].includes(dto.status)) {
      throw new AppError(422, 'UNPROCESSABLE', `A plan that is ${plan.status} cannot become ${dto.status}`, [
        {
          field: 'status',
          messages: [`allowed from ${plan.status}: ${PLAN_STATUS_TRANSITIONS[plan.status].join(', ') || 'none'}`],
        },
      ]);
    }
    const ok = await this.ds.transaction(async (m) => {
      if (!(await updateIfVersion(m, PlanEntity, plan.id, expected, changes))) {
        return false;
      }
      await this.plans.touch(plan.id, m);
      await this.events.changed(
        actor,
        {
          audit: { resource: 'plan', action: 'update', basis },
          familyId,
          regisseurUserId: family.regisseurUserId,
          item: { type: 'plan', id: plan.id },
          action: 'updated',
          version: expected + 1,
          summary: dto.status
            ? `heeft de status van het plan gewijzigd in ${STATUS_LABEL[dto.status]}`
            : 'heeft de evaluatiedatum van het plan gewijzigd',
        },
        m,
      );
      return true;
    });
    const reader = await this.readerFor(actor, familyId);
    const parts = await this.plans.document({ familyId });
    if (!parts) throw notFound('Plan');
    const current = viewFor(reader, toPlanResponse(parts));
    if (!ok) {
      await this.audit.record(actor, { resource: 'plan', action: 'update', result: 'conflict', familyId, basis });
      throw versionConflict(current.version, current);
    }
    return current;
  }

  async updateSection(
    actor: Actor,
    sectionId: string,
    expected: number,
    dto: UpdateSectionDto,
  ): Promise<SectionResponse> {
    const familyId = await this.guard.familyOf('plan_section', sectionId);
    if (!familyId) throw notFound('Section');
    const { family, basis } = await this.guard.require(actor, familyId, { resource: 'plan-section', action: 'update' });
    const changes = { content: dto.content, ...(dto.restrictedTo ? { restrictedTo: dto.restrictedTo } : {}) };
    const result = await this.ds.transaction(async (m) => {
      const ok = await updateIfVersion(m, PlanSectionEntity, sectionId, expected, changes);
      const section = await m.getRepository(PlanSectionEntity).findOneByOrFail({ id: sectionId });
      if (!ok) return { ok, section };
      await this.plans.touch(section.planId, m);
      await this.events.changed(
        actor,
        {
          audit: { resource: 'plan-section', action: 'update', basis, subjectId: sectionId },
          familyId,
          regisseurUserId: family.regisseurUserId,
          item: { type: 'section', id: sectionId },
          action: 'updated',
          version: section.version,
          summary: `heeft "${SECTION_LABEL[section.kind] ?? section.kind}" bijgewerkt`,
        },
        m,
      );
      return { ok, section };
    });
    if (!result.ok) {
      await this.audit.record(actor, {
        resource: 'plan-section',
        action: 'update',
        result: 'conflict',
        familyId,
        basis,
        subjectId: sectionId,
      });
      throw versionConflict(result.section.version, toSection(result.section));
    }
    return toSection(result.section);
  }

  /**
   * Afronding en overdracht: the regisseur (or the access team) closes the living plan, recording why and to
   * whom the family is handed over. The regie ends with it; the family's file stays for its retention period.
   */
  async close(actor: Actor, familyId: string, dto: ClosePlanDto): Promise<void> {
    const { family, basis } = await this.guard.require(actor, familyId, { resource: 'plan', action: 'update' });
    if (family.regisseurUserId !== actor.userId && actor.role !== 'access_team') {
      throw new AppError(403, 'FORBIDDEN', 'Only the regisseur or the access team can close the plan');
    }
    const plan = await this.requirePlan(familyId);
    await this.ds.transaction(async (m) => {
      await m.query(
        `UPDATE plan SET status = 'closed', closed_reason = $2, handed_over_to = $3, version = version + 1,
                revision = revision + 1, updated_at = now() WHERE id = $1`,
        [plan.id, dto.reason, dto.handedOverTo],
      );
      await m.query(`UPDATE regie_assignment SET ended_at = now() WHERE family_id = $1 AND ended_at IS NULL`, [
        familyId,
      ]);
      await m.query(
        // Closing the plan closes the file: the help ended today and the retention period starts (RetentionService).
        // A GI involved or GI regisseur marks the file as a child-protection measure's file.
        `UPDATE family f SET status = 'closed', help_ended_on = COALESCE(f.help_ended_on, current_date),
                closed_at = COALESCE(f.closed_at, now()),
                child_protection = f.child_protection OR EXISTS (
                  SELECT 1 FROM involvement i JOIN organisation o ON o.id = i.organisation_id
                   WHERE i.family_id = f.id AND o.type = 'gi')
                  OR EXISTS (SELECT 1 FROM app_user u WHERE u.id = f.regisseur_user_id AND u.role = 'gi'),
                regisseur_user_id = NULL, version = version + 1, updated_at = now() WHERE id = $1`,
        [familyId],
      );
      await this.events.changed(
        actor,
        {
          audit: { resource: 'plan', action: 'update', basis, details: { closed: true } },
          familyId,
          regisseurUserId: family.regisseurUserId,
          item: { type: 'plan', id: plan.id },
          action: 'updated',
          version: plan.version + 1,
          summary: `heeft het plan afgesloten en overgedragen aan ${dto.handedOverTo}`,
        },
        m,
      );
    });
  }

  /** Open agreements past their due date in the families where the caller is regisseur, oldest first. */
  async overdueForRegisseur(actor: Actor): Promise<OverdueAgreementResponse[]> {
    const rows: (AgreementEntity & { familyName: string; goalTitle: string })[] = await this.ds
      .getRepository(AgreementEntity)
      .createQueryBuilder('a')
      .innerJoin(GoalEntity, 'g', 'g.id = a.goal_id')
      .innerJoin(FamilyEntity, 'f', 'f.id = a.family_id')
      .innerJoin(PlanEntity, 'p', "p.id = g.plan_id AND p.status <> 'closed'")
      .where('f.regisseur_user_id = :me', { me: actor.userId })
      .andWhere("a.status = 'open' AND a.due_date < current_date")
      .select('a')
      .addSelect('f.display_name', 'familyName')
      .addSelect('g.title', 'goalTitle')
      .orderBy('a.due_date', 'ASC')
      .getRawAndEntities()
      .then(({ entities, raw }) =>
        entities.map((a) => {
          const r = (raw as { a_id: string; familyName: string; goalTitle: string }[]).find((x) => x.a_id === a.id);
          return Object.assign(a, { familyName: r?.familyName ?? '', goalTitle: r?.goalTitle ?? '' });
        }),
      );
    await this.audit.recordMany(
      actor,
      [...new Set(rows.map((r) => r.familyId))].map((familyId) => ({
        resource: 'agreement',
        action: 'list' as const,
        result: 'success' as const,
        familyId,
        basis: 'regisseur',
      })),
    );
    return rows.map((a) => ({
      ...toAgreement(a),
      familyId: a.familyId,
      familyName: a.familyName,
      goalTitle: a.goalTitle,
    }));
  }

  async requirePlan(familyId: string, manager?: EntityManager): Promise<PlanEntity> {
    const plan = await this.plans.livingPlan(familyId, manager);
    if (!plan) throw notFound('Plan');
    return plan;
  }

  /** Facts about the reader in this family that decide what of the plan they may see. */
  async readerFor(actor: Actor, familyId: string): Promise<Reader> {
    if (actor.role !== 'parent' || actor.familyId !== familyId || !actor.familyMemberId) {
      return { who: actor, parentWithCustody: false, hiddenMemberIds: [] };
    }
    // Custody (gezag) per child governs a parent's access to that child's data until 16; from 16 the youth's own
    // choice does. In a family without children, custody is moot: the parent acts for the family.
    const children: { id: string; custody: boolean; hidden: boolean }[] = await this.ds.query(
      `SELECT c.id,
              EXISTS (SELECT 1 FROM custody k WHERE k.parent_member_id = $2 AND k.child_member_id = c.id) AS custody,
              (c.birth_date <= current_date - interval '16 years' AND c.shares_with_parents IS NOT TRUE) AS hidden
         FROM family_member c WHERE c.family_id = $1 AND c.role = 'child'`,
      [familyId, actor.familyMemberId],
    );
    const custody = children.length === 0 || children.some((c) => c.custody);
    const hidden = children.filter((c) => !c.custody || c.hidden);
    return { who: actor, parentWithCustody: custody, hiddenMemberIds: hidden.map((h) => h.id) };
  }
}
