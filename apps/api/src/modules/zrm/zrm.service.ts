import {
  type FieldError,
  ZRM_DOMAINS,
  type ZrmAssessmentResponse,
  type ZrmMemberOverview,
} from '@gezinsplan/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Actor } from '../../common/auth/actor';
import { AppError, validationError } from '../../common/errors/app-error';
import { FamilyGuard } from '../access/family-guard.service';
import { AuditService } from '../audit/audit.service';
import { PlanEvents } from '../plans/plan-events.service';
import type { CreateZrmAssessmentDto } from './zrm.dto';
import { ZrmAssessmentEntity } from './zrm-assessment.entity';

interface Row {
  id: string;
  member_id: string;
  edition: ZrmAssessmentEntity['edition'];
  assessed_on: string;
  assessed_by_user_id: string;
  display_name: string;
  scores: Record<string, number>;
}

/** Self-sufficiency per adult member over time: dated assessments, change since the first, order of approach. */
@Injectable()
export class ZrmService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly guard: FamilyGuard,
    private readonly audit: AuditService,
    private readonly events: PlanEvents,
  ) {}

  async overview(actor: Actor, familyId: string): Promise<ZrmMemberOverview[]> {
    const { basis } = await this.guard.require(actor, familyId, { resource: 'zrm', action: 'read' });
    const members: { id: string; name: string }[] = await this.ds.query(
      `SELECT id, name FROM family_member WHERE family_id = $1 AND birth_date <= current_date - interval '18 years' ORDER BY birth_date`,
      [familyId],
    );
    const rows: Row[] = await this.ds.query(
      `SELECT z.id, z.member_id, z.edition, z.assessed_on::text, z.assessed_by_user_id, u.display_name, z.scores
         FROM zrm_assessment z JOIN app_user u ON u.id = z.assessed_by_user_id
        WHERE z.family_id = $1 ORDER BY z.assessed_on, z.created_at`,
      [familyId],
    );
    await this.audit.record(actor, { resource: 'zrm', action: 'read', result: 'success', familyId, basis });
    return members.map((m) => overviewOf(m, rows.filter((r) => r.member_id === m.id).map(toResponse)));
  }

  async assess(actor: Actor, familyId: string, dto: CreateZrmAssessmentDto): Promise<ZrmAssessmentResponse> {
    const { family, basis } = await this.guard.require(actor, familyId, { resource: 'zrm', action: 'create' });
    const errors = scoreErrors(dto);
    if (errors.length) throw validationError(errors);
    const [member]: { adult: boolean }[] = await this.ds.query(
      `SELECT birth_date <= current_date - interval '18 years' AS adult FROM family_member WHERE id = $1 AND family_id = $2`,
      [dto.memberId, familyId],
    );
    if (!member) throw validationError([{ field: 'memberId', messages: ['not a member of this family'] }]);
    if (!member.adult) throw new AppError(422, 'UNPROCESSABLE', 'The ZRM assesses adult family members only');
    if (dto.assessedOn > new Date().toISOString().slice(0, 10)) {
      throw validationError([{ field: 'assessedOn', messages: ['assessedOn cannot be in the future'] }]);
    }
    const saved = await this.ds.transaction(async (m) => {
      const row = await m.save(
        m.create(ZrmAssessmentEntity, {
          familyId,
          memberId: dto.memberId,
          edition: dto.edition,
          assessedOn: dto.assessedOn,
          assessedByUserId: actor.userId,
          scores: dto.scores,
        }),
      );
      await this.events.changed(
        actor,
        {
          audit: { resource: 'zrm', action: 'create', basis, subjectId: dto.memberId },
          familyId,
          regisseurUserId: family.regisseurUserId,
          item: { type: 'zrm', id: row.id },
          action: 'created',
          version: null,
          summary: 'heeft een zelfredzaamheidsmeting (ZRM) vastgelegd',
        },
        m,
      );
      return row;
    });
    return {
      id: saved.id,
      memberId: saved.memberId,
      edition: saved.edition,
      assessedOn: saved.assessedOn,
      assessedBy: { userId: actor.userId, displayName: actor.displayName },
      scores: saved.scores,
    };
  }
}

/** Every domain of the edition scored once, each a whole number 1-5, and nothing else. */
export function scoreErrors(dto: Pick<CreateZrmAssessmentDto, 'edition' | 'scores'>): FieldError[] {
  const domains = ZRM_DOMAINS[dto.edition];
  const errors: FieldError[] = [];
  for (const d of domains) {
    const v = dto.scores[d];
    if (v === undefined) errors.push({ field: `scores.${d}`, messages: [`scores.${d} is required`] });
    else if (!Number.isInteger(v) || v < 1 || v > 5)
      errors.push({ field: `scores.${d}`, messages: [`scores.${d} must be 1 to 5`] });
  }
  for (const k of Object.keys(dto.scores)) {
    if (!domains.includes(k))
      errors.push({ field: `scores.${k}`, messages: [`${k} is not a domain of ${dto.edition}`] });
  }
  return errors;
}

export function overviewOf(
  member: { id: string; name: string },
  assessments: ZrmAssessmentResponse[],
): ZrmMemberOverview {
  const latest = assessments.at(-1);
  const first = latest ? assessments.find((a) => a.edition === latest.edition) : undefined;
  const changeSinceFirst =
    latest && first && first !== latest
      ? Object.fromEntries(
          Object.keys(latest.scores).map((d) => [d, latest.scores[d] - (first.scores[d] ?? latest.scores[d])]),
        )
      : null;
  const suggestedOrder = latest
    ? Object.entries(latest.scores)
        .map(([domain, score]) => ({ domain, score }))
        .sort(
          (a, b) =>
            a.score - b.score ||
            ZRM_DOMAINS[latest.edition].indexOf(a.domain) - ZRM_DOMAINS[latest.edition].indexOf(b.domain),
        )
    : [];
  return { memberId: member.id, name: member.name, assessments, changeSinceFirst, suggestedOrder };
}

function toResponse(r: Row): ZrmAssessmentResponse {
  return {
    id: r.id,
    memberId: r.member_id,
    edition: r.edition,
    assessedOn: r.assessed_on,
    assessedBy: { userId: r.assessed_by_user_id, displayName: r.display_name },
    scores: r.scores,
  };
}
