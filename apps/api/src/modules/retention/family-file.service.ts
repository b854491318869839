import type {
  DestructionRequestResponse,
  FamilyRetention,
  DestructionRefusalReason,
  DestructionScope,
} from '@gezinsplan/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../common/auth/actor';
import { FieldCipher } from '../../common/crypto/field-cipher';
import { AppError, notFound, validationError } from '../../common/errors/app-error';
import { versionConflict } from '../../common/http/concurrency';
import { updateIfVersion } from '../../database/versioned';
import { FamilyGuard } from '../access/family-guard.service';
import { AuditService } from '../audit/audit.service';
import { FamilyEntity } from '../families/family.entity';
import { NotificationEntity } from '../notifications/notification.entity';
import { DestructionRequestEntity } from './destruction-request.entity';
import { RetentionService } from './retention.service';

const today = () => new Date().toISOString().slice(0, 10);

/** A youth may ask for destruction of their own data from this age (Jeugdwet art. 7.3.9 with 7.3.10 lid 1). */
export const DESTRUCTION_MIN_AGE = 12;

/** Closing and reopening a family's file, and early destruction on request of the family. */
@Injectable()
export class FamilyFileService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly guard: FamilyGuard,
    private readonly audit: AuditService,
    private readonly retention: RetentionService,
    private readonly cipher: FieldCipher,
  ) {}

  async retentionOf(actor: Actor, familyId: string): Promise<FamilyRetention> {
    const { family, basis } = await this.guard.require(actor, familyId, { resource: 'retention', action: 'read' });
    await this.audit.record(actor, { resource: 'retention', action: 'read', result: 'success', familyId, basis });
    return this.toRetention(family);
  }

  /** Closes the file when the help ended; the retention period starts. Regisseur or access team only. */
  async close(
    actor: Actor,
    familyId: string,
    expectedVersion: number,
    dto: { helpEndedOn: string; childProtection?: boolean },
  ): Promise<FamilyRetention> {
    const { family, basis } = await this.requireManager(actor, familyId, 'close');
    if (dto.helpEndedOn > today()) {
      throw validationError([{ field: 'helpEndedOn', messages: ['helpEndedOn cannot be in the future'] }]);
    }
    if (family.status === 'closed' && family.version === expectedVersion) {
      throw new AppError(422, 'UNPROCESSABLE', 'The file is already closed');
    }
    const childProtection = dto.childProtection ?? (await this.childProtectionInvolved(familyId));
    return this.changeStatus(actor, family, basis, expectedVersion, {
      status: 'closed',
      helpEndedOn: dto.helpEndedOn,
      closedAt: new Date(),
      childProtection,
    });
  }

  /** Reopens a closed file (before it is erased): the retention period no longer runs. */
  async reopen(actor: Actor, familyId: string, expectedVersion: number): Promise<FamilyRetention> {
    const { family, basis } = await this.requireManager(actor, familyId, 'reopen');
    if (family.status !== 'closed' && family.version === expectedVersion) {
      throw new AppError(422, 'UNPROCESSABLE', 'The file is not closed');
    }
    return this.changeStatus(actor, family, basis, expectedVersion, {
      status: 'active',
      helpEndedOn: null,
      closedAt: null,
      childProtection: false,
    });
  }

  async listRequests(actor: Actor, familyId: string): Promise<DestructionRequestResponse[]> {
    const { basis } = await this.guard.require(actor, familyId, { resource: 'destruction-request', action: 'list' });
    const rows = await this.requestRows('r.family_id = $1', [familyId]);
    // A youth sees only their own requests; parents and professionals all of the family.
    const visible = actor.role === 'youth' ? rows.filter((r) => r.requested_by_user_id === actor.userId) : rows;
    await this.audit.record(actor, {
      resource: 'destruction-request',
      action: 'list',
      result: 'success',
      familyId,
      basis,
    });
    return visible.map((r) => this.toResponse(r));
  }

  /** A parent (the whole file) or a youth from 12 (their own data) asks for early destruction. */
  async request(
    actor: Actor,
    familyId: string,
    dto: { scope?: DestructionScope; explanation?: string },
  ): Promise<DestructionRequestResponse> {
    if (actor.familyId !== familyId || !actor.familyMemberId) {
      await this.audit.record(actor, {
        resource: 'destruction-request',
        action: 'create',
        result: 'denied',
        familyId,
      });
      throw notFound('Family');
    }
    if (actor.role === 'youth') {
      const [me]: { age: number }[] = await this.ds.query(
        `SELECT date_part('year', age(current_date, birth_date))::int AS age FROM family_member WHERE id = $1`,
        [actor.familyMemberId],
      );
      if (!me || me.age < DESTRUCTION_MIN_AGE) {
        await this.audit.record(actor, {
          resource: 'destruction-request',
          action: 'create',
          result: 'denied',
          familyId,
          details: { reason: 'below-minimum-age' },
        });
        throw new AppError(
          403,
          'FORBIDDEN',
          `A youth can ask for destruction of their own data from age ${DESTRUCTION_MIN_AGE}; ask a parent or the regisseur`,
        );
      }
    }
    const { family, basis } = await this.guard.require(actor, familyId, {
      resource: 'destruction-request',
      action: 'create',
    });
    const scope: DestructionScope = actor.role === 'youth' ? 'own-data' : (dto.scope ?? 'family');
    if (actor.role === 'youth' && dto.scope === 'family') {
      throw new AppError(422, 'UNPROCESSABLE', 'A youth can ask to destroy their own data only (scope own-data)');
    }
    const explanation = dto.explanation?.trim() ? dto.explanation.trim() : null;
    const id = await this.ds.transaction(async (m) => {
      const open: unknown[] = await m.query(
        `SELECT 1 FROM destruction_request WHERE family_id = $1 AND member_id = $2 AND scope = $3 AND status = 'pending'`,
        [familyId, actor.familyMemberId, scope],
      );
      if (open.length) {
        throw new AppError(409, 'ALREADY_EXISTS', 'You already have an open request of this kind; wait for the answer');
      }
      const saved = await m.save(
        m.create(DestructionRequestEntity, {
          familyId,
          memberId: actor.familyMemberId,
          requestedByUserId: actor.userId,
          requesterRole: actor.role as 'parent' | 'youth',
          scope,
          explanation: this.cipher.seal(explanation),
          status: 'pending',
        }),
      );
      await this.audit.record(
        actor,
        {
          resource: 'destruction-request',
          action: 'create',
          result: 'success',
          familyId,
          subjectId: saved.id,
          basis,
          details: { scope },
        },
        m,
      );
      if (family.regisseurUserId) {
        await this.notify(
          m,
          family.regisseurUserId,
          familyId,
          actor.userId,
          saved.id,
          'destruction-requested',
          scope === 'family'
            ? 'Een ouder vraagt om het dossier van het gezin te vernietigen. Beoordeel het verzoek.'
            : 'Een gezinslid vraagt om de eigen gegevens te vernietigen. Beoordeel het verzoek.',
        );
      }
      return saved.id;
    });
    return this.toResponse((await this.requestRows('r.id = $1', [id]))[0]);
  }

  /**
   * The regisseur (or the access team) grants or refuses. Granted: the data is erased at once, in the same
   * transaction; the decision stays (minimal, without personal data) and in the audit log.
   */
  async decide(
    actor: Actor,
    requestId: string,
    expectedVersion: number,
    dto: { decision: 'granted' | 'refused'; reasonCode?: DestructionRefusalReason; note?: string },
  ): Promise<DestructionRequestResponse> {
    const [req] = await this.requestRows('r.id = $1', [requestId]);
    if (!req || req.erased_at) throw notFound('Destruction request');
    const { family, basis } = await this.requireManager(actor, req.family_id, 'decide', 'destruction-request');
    const note = dto.note?.trim() ? dto.note.trim() : null;
    if (dto.decision === 'refused' && !dto.reasonCode) {
      throw validationError([{ field: 'reasonCode', messages: ['a refusal needs a reason code'] }]);
    }
    if (dto.decision === 'refused' && dto.reasonCode === 'other' && !note) {
      throw validationError([{ field: 'note', messages: ['explain the reason "other" in the note'] }]);
    }
    if (dto.decision === 'granted' && dto.reasonCode) {
      throw validationError([{ field: 'reasonCode', messages: ['a reason code is for refusals only'] }]);
    }
    if (req.version === expectedVersion && req.status !== 'pending') {
      throw new AppError(422, 'UNPROCESSABLE', 'This request has already been answered');
    }
    if (dto.decision === 'granted' && req.version === expectedVersion && (await this.measureRunning(req.family_id))) {
      throw new AppError(
        422,
        'UNPROCESSABLE',
        'A child-protection measure is running: the file must be kept (refuse with reason child-protection-measure)',
      );
    }
    const outcome = await this.ds.transaction(async (m) => {
      const ok = await updateIfVersion(m, DestructionRequestEntity, requestId, expectedVersion, {
        status: dto.decision,
        decisionReasonCode: dto.decision === 'refused' ? (dto.reasonCode ?? null) : null,
        decisionNote: this.cipher.seal(note),
        decidedByUserId: actor.userId,
        decidedAt: new Date(),
        ...(dto.decision === 'granted' ? { erasedAt: new Date() } : {}),
      });
      await this.audit.record(
        actor,
        {
          resource: 'destruction-request',
          action: 'update',
          result: ok ? 'success' : 'conflict',
          familyId: req.family_id,
          subjectId: requestId,
          basis,
          details: ok
            ? { decision: dto.decision, scope: req.scope, ...(dto.reasonCode ? { reasonCode: dto.reasonCode } : {}) }
            : { expectedVersion, currentVersion: req.version },
        },
        m,
      );
      if (!ok) return false;
      if (dto.decision === 'granted') {
        if (req.scope === 'family') {
          await this.retention.eraseFamily(m, req.family_id, { reason: 'destruction-request' }, actor);
        } else if (req.member_id) {
          await this.retention.eraseMember(m, req.family_id, req.member_id, actor);
        }
      } else if (req.requested_by_user_id) {
        await this.notify(
          m,
          req.requested_by_user_id,
          req.family_id,
          actor.userId,
          requestId,
          'destruction-refused',
          'Uw verzoek om gegevens te vernietigen is afgewezen. U ziet de reden bij Privacy.',
        );
      }
      // The regisseur hears it too when a colleague of the access team decided.
      if (family.regisseurUserId && family.regisseurUserId !== actor.userId && dto.decision === 'refused') {
        await this.notify(
          m,
          family.regisseurUserId,
          req.family_id,
          actor.userId,
          requestId,
          'destruction-refused',
          'Een verzoek om vernietiging is afgewezen.',
        );
      }
      return true;
    });
    const [current] = await this.requestRows('r.id = $1', [requestId]);
    if (!outcome) throw versionConflict(current.version, this.toResponse(current));
    return this.toResponse(current);
  }

  private async changeStatus(
    actor: Actor,
    family: FamilyEntity,
    basis: string,
    expectedVersion: number,
    changes: Pick<FamilyEntity, 'status' | 'helpEndedOn' | 'closedAt' | 'childProtection'>,
  ): Promise<FamilyRetention> {
    const outcome = await this.ds.transaction(async (m) => {
      const ok = await updateIfVersion(m, FamilyEntity, family.id, expectedVersion, changes);
      const current = await m.getRepository(FamilyEntity).findOneByOrFail({ id: family.id });
      await this.audit.record(
        actor,
        {
          resource: 'family',
          action: 'update',
          result: ok ? 'success' : 'conflict',
          familyId: family.id,
          basis,
          details: ok
            ? {
                change: changes.status === 'closed' ? 'closed' : 'reopened',
                helpEndedOn: changes.helpEndedOn,
                childProtection: changes.childProtection,
              }
            : { expectedVersion, currentVersion: current.version },
        },
        m,
      );
      return { ok, current: await this.toRetention(current, m) };
    });
    if (!outcome.ok) throw versionConflict(outcome.current.version, outcome.current);
    return outcome.current;
  }

  /** Visible, and the caller is the regisseur or the access team (municipality). Others: 403. */
  private async requireManager(
    actor: Actor,
    familyId: string,
    what: string,
    resource = 'family',
  ): Promise<{ family: FamilyEntity; basis: string }> {
    const action = 'update';
    const { family, basis } = await this.guard.require(actor, familyId, { resource, action });
    if (actor.role !== 'access_team' && family.regisseurUserId !== actor.userId) {
      await this.audit.record(actor, { resource, action, result: 'denied', familyId, basis, details: { what } });
      throw new AppError(403, 'FORBIDDEN', 'Only the regisseur or the access team can do this');
    }
    return { family, basis };
  }

  /** Derived child-protection flag: a GI organisation was ever involved, or a GI professional is regisseur. */
  private async childProtectionInvolved(familyId: string): Promise<boolean> {
    const rows: unknown[] = await this.ds.query(
      `SELECT 1 FROM family f
        WHERE f.id = $1 AND (
          EXISTS (SELECT 1 FROM involvement i JOIN organisation o ON o.id = i.organisation_id
                   WHERE i.family_id = f.id AND o.type = 'gi')
          OR EXISTS (SELECT 1 FROM app_user u WHERE u.id = f.regisseur_user_id AND u.role = 'gi'))`,
      [familyId],
    );
    return rows.length > 0;
  }

  /** A child-protection measure is running: a GI is involved now (current involvement) or is the regisseur. */
  private async measureRunning(familyId: string): Promise<boolean> {
    const rows: unknown[] = await this.ds.query(
      `SELECT 1 FROM family f
        WHERE f.id = $1 AND (
          EXISTS (SELECT 1 FROM involvement i JOIN organisation o ON o.id = i.organisation_id
                   WHERE i.family_id = f.id AND o.type = 'gi' AND (i.until IS NULL OR i.until >= current_date))
          OR EXISTS (SELECT 1 FROM app_user u WHERE u.id = f.regisseur_user_id AND u.role = 'gi'))`,
      [familyId],
    );
    return rows.length > 0;
  }

  private async toRetention(family: FamilyEntity, m?: EntityManager): Promise<FamilyRetention> {
    const { rule, retentionUntil } = await this.retention.retentionOf(family.id, m);
    return {
      familyId: family.id,
      status: family.status,
      version: family.version,
      helpEndedOn: family.helpEndedOn,
      closedAt: family.closedAt ? new Date(family.closedAt).toISOString() : null,
      childProtection: family.childProtection,
      rule,
      retentionUntil,
    };
  }

  private async notify(
    m: EntityManager,
    userId: string,
    familyId: string,
    actorUserId: string,
    requestId: string,
    kind: string,
    message: string,
  ): Promise<void> {
    await m.insert(NotificationEntity, {
      userId,
      familyId,
      kind,
      message,
      itemType: 'destruction-request',
      itemId: requestId,
      actorUserId,
    });
  }

  private requestRows(where: string, params: unknown[]): Promise<RequestRow[]> {
    return this.ds.query(
      `SELECT r.*, u.display_name FROM destruction_request r LEFT JOIN app_user u ON u.id = r.requested_by_user_id
        WHERE ${where} ORDER BY r.created_at DESC`,
      params,
    );
  }

  private toResponse(r: RequestRow): DestructionRequestResponse {
    return {
      id: r.id,
      familyId: r.family_id,
      scope: r.scope,
      status: r.status,
      requesterRole: r.requester_role,
      requestedBy: r.requested_by_user_id
        ? { userId: r.requested_by_user_id, displayName: r.display_name ?? '' }
        : null,
      explanation: this.cipher.open(r.explanation),
      requestedAt: new Date(r.created_at).toISOString(),
      decidedAt: r.decided_at ? new Date(r.decided_at).toISOString() : null,
      reasonCode: r.decision_reason_code,
      note: this.cipher.open(r.decision_note),
      erasedAt: r.erased_at ? new Date(r.erased_at).toISOString() : null,
      version: r.version,
    };
  }
}

interface RequestRow {
  id: string;
  family_id: string;
  member_id: string | null;
  requested_by_user_id: string | null;
  requester_role: 'parent' | 'youth';
  scope: DestructionScope;
  explanation: string | null;
  status: 'pending' | 'granted' | 'refused';
  decision_reason_code: DestructionRefusalReason | null;
  decision_note: string | null;
  decided_at: Date | null;
  erased_at: Date | null;
  created_at: Date;
  version: number;
  display_name: string | null;
}
