import {
  type AccessLogEntry,
  hasPermission,
  PERMISSIONS,
  type PlanResponse,
  type PrivacyExport,
} from '@gezinsplan/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Actor } from '../../common/auth/actor';
import { AppError } from '../../common/errors/app-error';
import { FamilyGuard } from '../access/family-guard.service';
import { AuditService } from '../audit/audit.service';
import { type AccessLogRow, toAccessLogEntry } from '../families/access-log.service';
import { FamiliesService } from '../families/families.service';
import { InvolvementsService } from '../families/involvements.service';
import { AllocationsService } from '../outcomes/allocations.service';
import { EvaluationsService } from '../outcomes/evaluations.service';
import { PlanVersionsService } from '../plans/plan-versions.service';
import { PlansService } from '../plans/plans.service';
import { ZrmService } from '../zrm/zrm.service';
import { CorrectionRequestsService } from './correction-requests.service';
import { EmergencyAccessService } from './emergency-access.service';

const RESOURCE = 'privacy-export';

/**
 * The data subject access export (AVG art. 15, and art. 20 as JSON): everything the system holds on the
 * person, filtered exactly as they may see it, because every part comes from the same services (and
 * filters) as the screens:
 * - a parent with custody: the family's file as that parent sees it, plus the family's access log and
 *   emergency accesses;
 * - a youth from 16: only their own data (own member record, goals that concern them or the whole family,
 *   their own requests, notifications and actions). Under 16: refused (403).
 */
@Injectable()
export class PrivacyExportService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly guard: FamilyGuard,
    private readonly audit: AuditService,
    private readonly families: FamiliesService,
    private readonly involvements: InvolvementsService,
    private readonly plans: PlansService,
    private readonly versions: PlanVersionsService,
    private readonly zrm: ZrmService,
    private readonly allocations: AllocationsService,
    private readonly evaluations: EvaluationsService,
    private readonly corrections: CorrectionRequestsService,
    private readonly emergency: EmergencyAccessService,
  ) {}

  async export(actor: Actor, familyId: string, format: 'json' | 'pdf'): Promise<PrivacyExport> {
    const { basis } = await this.guard.require(actor, familyId, { resource: RESOURCE, action: 'read' });
    const denied = async (message: string) => {
      await this.audit.record(actor, { resource: RESOURCE, action: 'read', result: 'denied', familyId });
      return new AppError(403, 'FORBIDDEN', message);
    };
    if (actor.familyId !== familyId) throw await denied('Only the family itself can download its data');
    const [me]: { birth_date: string; custody: boolean; name: string }[] = await this.ds.query(
      `SELECT m.birth_date::text, m.name,
              EXISTS (SELECT 1 FROM custody c WHERE c.parent_member_id = m.id) AS custody
         FROM family_member m WHERE m.id = $1`,
      [actor.familyMemberId],
    );
    if (!me) throw await denied('Your account is not linked to a family member');
    const youth = actor.role === 'youth';
    if (youth && !isAtLeast(me.birth_date, 16)) {
      throw await denied('From 16 you can download your own data; until then your parents can');
    }
    if (actor.role === 'parent' && !me.custody) {
      throw await denied('Parents with custody can download the family file');
    }

    const family = await this.families.get(actor, familyId);
    const plan = await this.optional(() => this.plans.get(actor, familyId));
    const summaries = plan ? await this.versions.list(actor, familyId) : [];
    const planVersions = [];
    for (const v of summaries) planVersions.push(await this.versions.get(actor, familyId, v.number));
    const may = (p: (typeof PERMISSIONS)[keyof typeof PERMISSIONS]) => hasPermission(actor.role, p);
    const zrm = (await this.zrm.overview(actor, familyId)).filter((z) => !youth || z.memberId === actor.familyMemberId);
    const notifications: PrivacyExport['notifications'] = await this.ds.query(
      `SELECT id, kind, message, item_type AS "itemType", item_id AS "itemId", created_at AS "createdAt",
              read_at AS "readAt"
         FROM notification WHERE user_id = $1 AND (family_id = $2 OR family_id IS NULL) ORDER BY created_at`,
      [actor.userId, familyId],
    );
    const result: PrivacyExport = {
      format: 'gezinsplan-privacy-export',
      formatVersion: 1,
      exportedAt: new Date().toISOString(),
      subject: { userId: actor.userId, name: me.name, role: actor.role, familyMemberId: actor.familyMemberId },
      family: youth
        ? { ...family, members: family.members.filter((m) => m.id === actor.familyMemberId), network: [] }
        : family,
      involvements: await this.involvements.list(actor, familyId),
      plan: plan ? await this.withAllProgress(plan, youth) : null,
      planVersions,
      zrm,
      allocations: may(PERMISSIONS.allocationRead) ? await this.allocations.list(actor, familyId) : [],
      evaluations: may(PERMISSIONS.evaluationRead) ? await this.evaluations.list(actor, familyId) : [],
      complaints: may(PERMISSIONS.complaintRead) ? await this.evaluations.complaints(actor, familyId) : [],
      notifications,
      correctionRequests: await this.corrections.forExport(familyId, youth ? actor.userId : null),
      emergencyAccess: youth ? [] : await this.emergency.forFamily(familyId),
      accessLog: await this.accessLog(familyId, youth ? actor.userId : null),
    };
    await this.audit.record(actor, {
      resource: RESOURCE,
      action: 'read',
      result: 'success',
      familyId,
      basis,
      details: { format },
    });
    return result;
  }

  /** The plan response carries the latest progress only; the export carries every note the reader may see. */
  private async withAllProgress(plan: PlanResponse, youth: boolean): Promise<PlanResponse> {
    const goalIds = plan.goals.map((g) => g.id);
    if (goalIds.length === 0) return plan;
    const notes: {
      id: string;
      goal_id: string;
      note: string;
      score: number;
      noted_on: string;
      author: string | null;
      organisation: string | null;
      restricted_to: string[];
      created_at: Date;
    }[] = await this.ds.query(
      `SELECT p.id, p.goal_id, p.note, p.score, p.noted_on::text, u.display_name AS author, o.name AS organisation,
              p.restricted_to, p.created_at
         FROM progress_note p LEFT JOIN app_user u ON u.id = p.author_user_id
         LEFT JOIN organisation o ON o.id = p.organisation_id
        WHERE p.goal_id = ANY($1::uuid[]) ORDER BY p.noted_on, p.created_at`,
      [goalIds],
    );
    const visible = notes.filter((n) => !youth || n.restricted_to.length === 0);
    return {
      ...plan,
      goals: plan.goals.map((g) => ({
        ...g,
        allProgress: visible
          .filter((n) => n.goal_id === g.id)
          .map((n) => ({
            id: n.id,
            note: n.note,
            score: n.score,
            notedOn: n.noted_on,
            author: n.author,
            organisation: n.organisation,
            createdAt: new Date(n.created_at).toISOString(),
          })),
      })),
    };
  }

  /** Every access to the family's file (parent), or the youth's own actions in it. */
  private async accessLog(familyId: string, onlyUserId: string | null): Promise<AccessLogEntry[]> {
    const rows: AccessLogRow[] = await this.ds.query(
      `SELECT a.id, a.occurred_at, a.user_id, u.display_name, a.user_role, o.name AS organisation_name,
              a.resource, a.action, a.result, a.basis, a.emergency
         FROM audit_log a
         LEFT JOIN app_user u ON u.id = a.user_id
         LEFT JOIN organisation o ON o.id = a.organisation_id
        WHERE a.family_id = $1 AND ($2::uuid IS NULL OR a.user_id = $2)
        ORDER BY a.occurred_at, a.id`,
      [familyId, onlyUserId],
    );
    return rows.map(toAccessLogEntry);
  }

  private async optional<T>(load: () => Promise<T>): Promise<T | null> {
    try {
      return await load();
    } catch (e) {
      if (e instanceof AppError && e.statusCode === 404) return null;
      throw e;
    }
  }
}

function isAtLeast(birthDate: string, years: number): boolean {
  const [y, m, d] = birthDate.split('-').map(Number);
  const now = new Date();
  const birthday = new Date(Date.UTC(y + years, m - 1, d));
  return birthday.getTime() <= Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
}
