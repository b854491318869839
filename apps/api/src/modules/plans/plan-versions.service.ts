import type { PlanDiffResponse, PlanPdfLanguage, PlanVersionResponse, PlanVersionSummary } from '@gezinsplan/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Actor } from '../../common/auth/actor';
import { AppError, notFound } from '../../common/errors/app-error';
import { FamilyGuard } from '../access/family-guard.service';
import { AuditService } from '../audit/audit.service';
import type { AgreeVersionDto } from './dto/plan.dto';
import { diffPlans } from './plan-diff';
import { PlanEvents } from './plan-events.service';
import { PlanVersionAckEntity, PlanVersionEntity } from './plan-version.entity';
import { type PlanPdfInput, planPdfFilename, renderPlanPdf } from './plan-pdf';
import { viewFor } from './plan-view';
import { toPlanResponse } from './plan.mapper';
import { PlanEntity } from './plan.entity';
import { PlansRepository } from './plans.repository';
import { PlansService } from './plans.service';

interface VersionRow {
  number: number;
  approved_at: Date;
  approved_by_user_id: string;
  display_name: string;
  role: string;
  on_behalf_reason: string | null;
  id: string;
}

export interface PlanPdf {
  content: Buffer;
  filename: string;
}

/** Agreeing the plan freezes an immutable numbered version; versions are listed, read and compared. */
@Injectable()
export class PlanVersionsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly plans: PlansRepository,
    private readonly planService: PlansService,
    private readonly guard: FamilyGuard,
    private readonly audit: AuditService,
    private readonly events: PlanEvents,
  ) {}

  /**
   * A parent with custody approves the plan as they saw it (`revision`); or the regisseur approves on the
   * family's behalf, with a reason. A plan that changed since answers 409.
   */
  async agree(actor: Actor, familyId: string, dto: AgreeVersionDto): Promise<PlanVersionResponse> {
    const visible = await this.guard.require(actor, familyId, { resource: 'plan-version', action: 'create' });
    const reader = await this.planService.readerFor(actor, familyId);
    const isRegisseur = visible.family.regisseurUserId === actor.userId;
    if (!reader.parentWithCustody && !isRegisseur) {
      throw new AppError(
        403,
        'FORBIDDEN',
        'Only a parent with custody, or the regisseur on their behalf, can agree the plan',
      );
    }
    if (!reader.parentWithCustody && !dto.onBehalfReason) {
      throw new AppError(400, 'VALIDATION_FAILED', 'Say why the family does not approve it themselves', [
        {
          field: 'onBehalfReason',
          messages: ['onBehalfReason is required when the regisseur approves on behalf of the family'],
        },
      ]);
    }
    const number = await this.ds.transaction(async (m) => {
      const plan = await m
        .getRepository(PlanEntity)
        .createQueryBuilder('p')
        .setLock('pessimistic_write')
        .where('p.family_id = :familyId AND p.status <> :closed', { familyId, closed: 'closed' })
        .getOne();
      if (!plan) throw notFound('Plan');
      if (plan.revision !== dto.revision) {
        const current = viewFor(reader, toPlanResponse(await this.plans.parts(plan, m)));
        throw new AppError(
          409,
          'VERSION_CONFLICT',
          'The plan changed since you looked at it; read it again before agreeing',
          {
            currentVersion: plan.revision,
            current,
          },
        );
      }
      const snapshot = toPlanResponse(await this.plans.parts(plan, m));
      const next = (plan.currentVersionNumber ?? 0) + 1;
      const status = plan.status === 'draft' ? 'agreed' : plan.status;
      await m.insert(PlanVersionEntity, {
        planId: plan.id,
        familyId,
        number: next,
        snapshot: { ...snapshot, status, currentVersionNumber: next },
        approvedByUserId: actor.userId,
        onBehalfReason: reader.parentWithCustody ? null : (dto.onBehalfReason ?? null),
      });
      await m.query(
        'UPDATE plan SET current_version_number = $2, status = $3, version = version + 1, revision = revision + 1 WHERE id = $1',
        [plan.id, next, status],
      );
      await this.audit.record(
        actor,
        {
          resource: 'plan-version',
          action: 'create',
          result: 'success',
          familyId,
          basis: visible.basis,
          details: { number: next },
        },
        m,
      );
      // Every involved party hears of the new version (the regisseur through `events.changed` below).
      await m.query(
        `INSERT INTO notification (user_id, family_id, kind, message, item_type, item_id, actor_user_id)
         SELECT u.id, $1, 'version.agreed', $2, 'version', $3, $4 FROM app_user u
          WHERE u.active AND u.id <> $4 AND u.id IS DISTINCT FROM $5
            AND (u.organisation_id IN (SELECT i.organisation_id FROM involvement i
                                        WHERE i.family_id = $1 AND i.consent_given_at IS NOT NULL
                                          AND i.consent_withdrawn_at IS NULL AND (i.until IS NULL OR i.until >= current_date))
                 OR u.family_member_id IN (SELECT fm.id FROM family_member fm WHERE fm.family_id = $1))`,
        [
          familyId,
          `Versie ${next} van het gezinsplan is vastgesteld door ${actor.displayName}`,
          plan.id,
          actor.userId,
          visible.family.regisseurUserId,
        ],
      );
      await this.events.changed(
        actor,
        {
          familyId,
          regisseurUserId: visible.family.regisseurUserId,
          item: { type: 'version', id: plan.id },
          action: 'created',
          version: next,
          summary: `heeft versie ${next} van het plan vastgesteld`,
        },
        m,
      );
      return next;
    });
    return this.get(actor, familyId, number);
  }

  async list(actor: Actor, familyId: string): Promise<PlanVersionSummary[]> {
    const { basis } = await this.guard.require(actor, familyId, { resource: 'plan-version', action: 'list' });
    const rows = await this.versionRows(familyId);
    await this.audit.record(actor, { resource: 'plan-version', action: 'list', result: 'success', familyId, basis });
    return Promise.all(rows.map((r) => this.summary(familyId, r)));
  }

  async get(actor: Actor, familyId: string, number: number): Promise<PlanVersionResponse> {
    const { basis } = await this.guard.require(actor, familyId, { resource: 'plan-version', action: 'read' });
    const [row] = await this.versionRows(familyId, number);
    if (!row) throw notFound('Version');
    const version = await this.ds.getRepository(PlanVersionEntity).findOneByOrFail({ id: row.id });
    const reader = await this.planService.readerFor(actor, familyId);
    await this.audit.record(actor, {
      resource: 'plan-version',
      action: 'read',
      result: 'success',
      familyId,
      basis,
      details: { number },
    });
    return { ...(await this.summary(familyId, row)), plan: viewFor(reader, version.snapshot) };
  }

  /**
   * An agreed version (or, with `number` null, the living plan) as a PDF for this reader: the same
   * `viewFor` filter as the JSON, so nothing restricted reaches a PDF. Logged as a read with `export: pdf`.
   */
  async pdf(actor: Actor, familyId: string, number: number | null, lang: PlanPdfLanguage): Promise<PlanPdf> {
    const resource = number === null ? 'plan' : 'plan-version';
    const { family, basis } = await this.guard.require(actor, familyId, { resource, action: 'read' });
    const reader = await this.planService.readerFor(actor, familyId);
    let input: Omit<PlanPdfInput, 'lang' | 'familyName' | 'municipality'>;
    if (number === null) {
      const plan = await this.planService.requirePlan(familyId);
      input = {
        plan: viewFor(reader, toPlanResponse(await this.plans.parts(plan))),
        version: null,
        onBehalfReason: null,
      };
    } else {
      const [row] = await this.versionRows(familyId, number);
      if (!row) throw notFound('Version');
      const version = await this.ds.getRepository(PlanVersionEntity).findOneByOrFail({ id: row.id });
      input = {
        plan: viewFor(reader, version.snapshot),
        version: {
          number,
          approvedAt: new Date(row.approved_at).toISOString(),
          approvedBy: { displayName: row.display_name, role: row.role },
        },
        onBehalfReason: row.on_behalf_reason,
      };
    }
    const content = await renderPlanPdf({
      ...input,
      familyName: family.displayName,
      municipality: family.municipality,
      lang,
    });
    await this.audit.record(actor, {
      resource,
      action: 'read',
      result: 'success',
      familyId,
      basis,
      details: { ...(number === null ? {} : { number }), export: 'pdf', lang },
    });
    return { content, filename: planPdfFilename(family.displayName, number) };
  }

  async diff(actor: Actor, familyId: string, from: number, to: number): Promise<PlanDiffResponse> {
    const { basis } = await this.guard.require(actor, familyId, { resource: 'plan-version', action: 'read' });
    const reader = await this.planService.readerFor(actor, familyId);
    const load = async (n: number) => {
      const v = await this.ds
        .getRepository(PlanVersionEntity)
        .createQueryBuilder('v')
        .where('v.family_id = :familyId AND v.number = :n', { familyId, n })
        .getOne();
      if (!v) throw notFound(`Version ${n}`);
      return viewFor(reader, v.snapshot);
    };
    const [a, b] = [await load(from), await load(to)];
    await this.audit.record(actor, {
      resource: 'plan-version',
      action: 'read',
      result: 'success',
      familyId,
      basis,
      details: { diff: [from, to] },
    });
    return { from, to, changes: diffPlans(a, b) };
  }

  /** An involved organisation confirms it has seen the agreed version (and agrees to its own agreements). */
  async acknowledge(actor: Actor, familyId: string, number: number): Promise<PlanVersionSummary> {
    const { basis } = await this.guard.require(actor, familyId, { resource: 'plan-version', action: 'update' });
    const [row] = await this.versionRows(familyId, number);
    if (!row) throw notFound('Version');
    if (!actor.organisationId) throw new AppError(403, 'FORBIDDEN', 'Only organisations acknowledge a version');
    await this.ds.transaction(async (m) => {
      await m
        .createQueryBuilder()
        .insert()
        .into(PlanVersionAckEntity)
        .values({ versionId: row.id, organisationId: actor.organisationId as string, userId: actor.userId })
        .orIgnore()
        .execute();
      await this.audit.record(
        actor,
        {
          resource: 'plan-version',
          action: 'update',
          result: 'success',
          familyId,
          basis,
          details: { acknowledged: number },
        },
        m,
      );
    });
    return this.summary(familyId, row);
  }

  private versionRows(familyId: string, number?: number): Promise<VersionRow[]> {
    return this.ds.query(
      `SELECT v.id, v.number, v.approved_at, v.approved_by_user_id, u.display_name, u.role, v.on_behalf_reason
         FROM plan_version v JOIN app_user u ON u.id = v.approved_by_user_id
        WHERE v.family_id = $1 AND ($2::int IS NULL OR v.number = $2)
        ORDER BY v.number DESC`,
      [familyId, number ?? null],
    );
  }

  private async summary(familyId: string, row: VersionRow): Promise<PlanVersionSummary> {
    const acks: { organisation_id: string; name: string; user_id: string; acknowledged_at: Date }[] =
      await this.ds.query(
        `SELECT a.organisation_id, o.name, a.user_id, a.acknowledged_at
         FROM plan_version_ack a JOIN organisation o ON o.id = a.organisation_id
        WHERE a.version_id = $1 ORDER BY a.acknowledged_at`,
        [row.id],
      );
    const pending: { id: string; name: string }[] = await this.ds.query(
      `SELECT DISTINCT o.id, o.name FROM involvement i JOIN organisation o ON o.id = i.organisation_id
        WHERE i.family_id = $1 AND i.consent_given_at IS NOT NULL AND i.consent_withdrawn_at IS NULL
          AND (i.until IS NULL OR i.until >= current_date)
          AND NOT EXISTS (SELECT 1 FROM plan_version_ack a WHERE a.version_id = $2 AND a.organisation_id = o.id)
        ORDER BY o.name`,
      [familyId, row.id],
    );
    return {
      number: row.number,
      approvedAt: new Date(row.approved_at).toISOString(),
      approvedBy: { userId: row.approved_by_user_id, displayName: row.display_name, role: row.role },
      onBehalfReason: row.on_behalf_reason,
      acknowledgements: acks.map((a) => ({
        organisationId: a.organisation_id,
        organisation: a.name,
        userId: a.user_id,
        acknowledgedAt: new Date(a.acknowledged_at).toISOString(),
      })),
      pendingAcknowledgements: pending.map((p) => ({ organisationId: p.id, organisation: p.name })),
    };
  }
}
