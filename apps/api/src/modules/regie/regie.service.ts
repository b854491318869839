import type { RegieAssignmentResponse, RegieResponse } from '@gezinsplan/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../common/auth/actor';
import { AppError } from '../../common/errors/app-error';
import { FamilyGuard } from '../access/family-guard.service';
import { AuditService } from '../audit/audit.service';
import { LiveService } from '../live/live.service';
import { PlanEvents } from '../plans/plan-events.service';
import type { HandoverDto } from '../plans/dto/plan.dto';
import { RegieAssignmentEntity } from './regie-assignment.entity';

interface Row {
  user_id: string;
  display_name: string;
  role: string;
  organisation: string | null;
  started_at: Date;
  ended_at: Date | null;
  reason: string;
}

/** Exactly one regisseur per family; hand-over is explicit, with a reason, and the history is kept. */
@Injectable()
export class RegieService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly guard: FamilyGuard,
    private readonly audit: AuditService,
    private readonly events: PlanEvents,
    private readonly live: LiveService,
  ) {}

  async get(actor: Actor, familyId: string): Promise<RegieResponse> {
    const { basis } = await this.guard.require(actor, familyId, { resource: 'regie', action: 'read' });
    const rows: Row[] = await this.ds.query(
      `SELECT r.user_id, u.display_name, u.role, o.name AS organisation, r.started_at, r.ended_at, r.reason
         FROM regie_assignment r JOIN app_user u ON u.id = r.user_id LEFT JOIN organisation o ON o.id = u.organisation_id
        WHERE r.family_id = $1 ORDER BY r.started_at DESC`,
      [familyId],
    );
    await this.audit.record(actor, { resource: 'regie', action: 'read', result: 'success', familyId, basis });
    const history = rows.map(toAssignment);
    return { current: history.find((h) => h.endedAt === null) ?? null, history };
  }

  /**
   * The current regisseur (or the family's access team) hands the role to a professional of an involved
   * organisation, an access-team worker of the family's municipality, or a parent of the family.
   */
  async handover(actor: Actor, familyId: string, dto: HandoverDto): Promise<RegieResponse> {
    const { family, basis } = await this.guard.require(actor, familyId, { resource: 'regie', action: 'update' });
    if (family.regisseurUserId !== actor.userId && actor.role !== 'access_team') {
      throw new AppError(403, 'FORBIDDEN', 'Only the current regisseur or the access team can hand over the regie');
    }
    if (dto.toUserId === family.regisseurUserId) {
      throw new AppError(422, 'UNPROCESSABLE', 'This person is already the regisseur');
    }
    const [eligible]: { ok: boolean }[] = await this.ds.query(
      `SELECT EXISTS (
         SELECT 1 FROM app_user u
           LEFT JOIN organisation o ON o.id = u.organisation_id
           LEFT JOIN family_member fm ON fm.id = u.family_member_id
          WHERE u.id = $1 AND u.active
            AND ((u.role = 'access_team' AND o.municipality = $3)
              OR (u.role IN ('provider', 'gi') AND EXISTS (
                    SELECT 1 FROM involvement i WHERE i.family_id = $2 AND i.organisation_id = u.organisation_id
                       AND i.consent_given_at IS NOT NULL AND i.consent_withdrawn_at IS NULL
                       AND (i.until IS NULL OR i.until >= current_date)))
              OR (u.role = 'parent' AND fm.family_id = $2))) AS ok`,
      [dto.toUserId, familyId, family.municipality],
    );
    if (!eligible.ok) {
      throw new AppError(
        422,
        'UNPROCESSABLE',
        'The new regisseur must be involved with this family or be one of its parents',
        [
          {
            field: 'toUserId',
            messages: ['not an involved professional, access-team worker of the municipality, or parent of the family'],
          },
        ],
      );
    }
    await this.ds.transaction(async (m) => {
      await m.query('UPDATE regie_assignment SET ended_at = now() WHERE family_id = $1 AND ended_at IS NULL', [
        familyId,
      ]);
      await m.insert(RegieAssignmentEntity, {
        familyId,
        userId: dto.toUserId,
        reason: dto.reason,
        assignedByUserId: actor.userId,
      });
      await m.query(
        'UPDATE family SET regisseur_user_id = $2, version = version + 1, updated_at = now() WHERE id = $1',
        [familyId, dto.toUserId],
      );
      await this.events.changed(
        actor,
        {
          audit: { resource: 'regie', action: 'update', basis, details: { to: dto.toUserId } },
          familyId,
          regisseurUserId: dto.toUserId,
          item: { type: 'regie', id: familyId },
          action: 'updated',
          version: null,
          summary: `heeft de regie aan u overgedragen: ${dto.reason}`,
        },
        m,
      );
    });
    // Access can rest on being regisseur: whoever lost it leaves the live room.
    await this.live.revalidateFamily(familyId);
    return this.get(actor, familyId);
  }

  /** The first regisseur of a newly registered family. */
  async start(m: EntityManager, familyId: string, userId: string, reason: string): Promise<void> {
    await m.insert(RegieAssignmentEntity, { familyId, userId, reason, assignedByUserId: userId });
  }
}

function toAssignment(r: Row): RegieAssignmentResponse {
  return {
    userId: r.user_id,
    displayName: r.display_name,
    role: r.role,
    organisation: r.organisation,
    startedAt: new Date(r.started_at).toISOString(),
    endedAt: r.ended_at ? new Date(r.ended_at).toISOString() : null,
    reason: r.reason,
  };
}
