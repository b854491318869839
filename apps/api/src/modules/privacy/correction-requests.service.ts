import type { CorrectionHistoryEntry, CorrectionRequestResponse } from '@gezinsplan/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../common/auth/actor';
import { AppError, notFound } from '../../common/errors/app-error';
import { versionConflict } from '../../common/http/concurrency';
import { updateIfVersion } from '../../database/versioned';
import { FamilyGuard } from '../access/family-guard.service';
import { AuditService } from '../audit/audit.service';
import { NotificationEntity } from '../notifications/notification.entity';
import type { AnswerCorrectionRequestDto, CreateCorrectionRequestDto } from './privacy.dto';
import { CorrectionRequestEntity, CorrectionRequestEventEntity } from './privacy.entities';

const RESOURCE = 'correction-request';

interface RequestRow {
  id: string;
  family_id: string;
  requested_by_user_id: string;
  requester_name: string | null;
  requester_role: string | null;
  what_is_wrong: string;
  should_be: string;
  item_type: CorrectionRequestResponse['itemType'];
  item_id: string | null;
  status: CorrectionRequestResponse['status'];
  answer: string | null;
  answerer_name: string | null;
  answered_at: Date | null;
  created_at: Date;
  version: number;
}

/**
 * Correction requests (AVG art. 16). A parent or a youth (from 12, through FamilyGuard) files one; the
 * family's regisseur grants it (saying what was changed) or refuses it (with a reason), once, with If-Match.
 * The history is append-only; the requester is notified of the answer.
 */
@Injectable()
export class CorrectionRequestsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly guard: FamilyGuard,
    private readonly audit: AuditService,
  ) {}

  async create(actor: Actor, familyId: string, dto: CreateCorrectionRequestDto): Promise<CorrectionRequestResponse> {
    const { family, basis } = await this.guard.require(actor, familyId, { resource: RESOURCE, action: 'create' });
    if (actor.familyId !== familyId) throw notFound('Family');
    const id = await this.ds.transaction(async (m) => {
      const saved = await m.getRepository(CorrectionRequestEntity).save({
        familyId,
        requestedByUserId: actor.userId,
        whatIsWrong: dto.whatIsWrong,
        shouldBe: dto.shouldBe,
        itemType: dto.itemType ?? null,
        itemId: dto.itemId ?? null,
        status: 'open' as const,
      });
      await m
        .getRepository(CorrectionRequestEventEntity)
        .insert({ requestId: saved.id, event: 'filed', text: dto.whatIsWrong, userId: actor.userId });
      await this.audit.record(
        actor,
        { resource: RESOURCE, action: 'create', result: 'success', familyId, subjectId: saved.id, basis },
        m,
      );
      if (family.regisseurUserId) {
        await m.getRepository(NotificationEntity).insert({
          userId: family.regisseurUserId,
          familyId,
          kind: 'correction-requested',
          message: `${actor.displayName} vraagt om een correctie in het dossier van ${family.displayName}.`,
          itemType: RESOURCE,
          itemId: saved.id,
          actorUserId: actor.userId,
        });
      }
      return saved.id;
    });
    return this.one(id);
  }

  /** The regisseur sees every request; a parent the requests of the family's parents; a youth their own. */
  async list(actor: Actor, familyId: string): Promise<CorrectionRequestResponse[]> {
    const { family, basis } = await this.guard.require(actor, familyId, { resource: RESOURCE, action: 'list' });
    const isRegisseur = family.regisseurUserId === actor.userId;
    const isFamily = (actor.role === 'parent' || actor.role === 'youth') && actor.familyId === familyId;
    if (!isRegisseur && !isFamily) {
      await this.audit.record(actor, { resource: RESOURCE, action: 'list', result: 'denied', familyId });
      throw new AppError(403, 'FORBIDDEN', "Only the family and its regisseur see the family's correction requests");
    }
    const rows = await this.rows(this.ds.manager, familyId, null);
    const visible = rows.filter(
      (r) =>
        isRegisseur ||
        r.requested_by_user_id === actor.userId ||
        (actor.role === 'parent' && r.requester_role === 'parent'),
    );
    await this.audit.record(actor, { resource: RESOURCE, action: 'list', result: 'success', familyId, basis });
    return this.withHistory(visible);
  }

  async answer(
    actor: Actor,
    requestId: string,
    expected: number,
    dto: AnswerCorrectionRequestDto,
  ): Promise<CorrectionRequestResponse> {
    const [found]: { family_id: string }[] = await this.ds.query(
      'SELECT family_id FROM correction_request WHERE id = $1',
      [requestId],
    );
    if (!found) throw notFound('Correction request');
    const familyId = found.family_id;
    const { family, basis } = await this.guard.require(actor, familyId, { resource: RESOURCE, action: 'update' });
    if (family.regisseurUserId !== actor.userId) {
      await this.audit.record(actor, {
        resource: RESOURCE,
        action: 'update',
        result: 'denied',
        familyId,
        subjectId: requestId,
      });
      throw new AppError(403, 'FORBIDDEN', "Only the family's regisseur answers correction requests");
    }
    const outcome = await this.ds.transaction(async (m) => {
      const [current] = await this.rows(m, familyId, requestId);
      if (current.status !== 'open' && current.version === expected) {
        throw new AppError(422, 'UNPROCESSABLE', 'This correction request has already been answered');
      }
      const ok = await updateIfVersion(m, CorrectionRequestEntity, requestId, expected, {
        status: dto.decision,
        answer: dto.answer,
        answeredByUserId: actor.userId,
        answeredAt: new Date(),
      });
      await this.audit.record(
        actor,
        {
          resource: RESOURCE,
          action: 'update',
          result: ok ? 'success' : 'conflict',
          familyId,
          subjectId: requestId,
          basis,
          details: { decision: dto.decision, expectedVersion: expected, currentVersion: current.version },
        },
        m,
      );
      if (!ok) return { ok: false as const, current };
      await m
        .getRepository(CorrectionRequestEventEntity)
        .insert({ requestId, event: dto.decision, text: dto.answer, userId: actor.userId });
      await m.getRepository(NotificationEntity).insert({
        userId: current.requested_by_user_id,
        familyId,
        kind: 'correction-answered',
        message:
          dto.decision === 'granted'
            ? 'Uw verzoek om een correctie is toegekend. Bekijk het antwoord bij Mijn gegevens.'
            : 'Uw verzoek om een correctie is afgewezen. Bekijk de reden bij Mijn gegevens.',
        itemType: RESOURCE,
        itemId: requestId,
        actorUserId: actor.userId,
      });
      return { ok: true as const };
    });
    if (!outcome.ok) {
      const [current] = await this.withHistory([outcome.current]);
      throw versionConflict(current.version, current);
    }
    return this.one(requestId);
  }

  /** All requests of a family, for the export (already filtered by the caller). */
  async forExport(familyId: string, userId: string | null): Promise<CorrectionRequestResponse[]> {
    const rows = await this.rows(this.ds.manager, familyId, null);
    return this.withHistory(userId ? rows.filter((r) => r.requested_by_user_id === userId) : rows);
  }

  private async one(id: string): Promise<CorrectionRequestResponse> {
    const [row]: { family_id: string }[] = await this.ds.query(
      'SELECT family_id FROM correction_request WHERE id = $1',
      [id],
    );
    const rows = await this.rows(this.ds.manager, row.family_id, id);
    const [response] = await this.withHistory(rows);
    return response;
  }

  private rows(m: EntityManager, familyId: string, id: string | null): Promise<RequestRow[]> {
    return m.query(
      `SELECT c.id, c.family_id, c.requested_by_user_id, ru.display_name AS requester_name, ru.role AS requester_role,
              c.what_is_wrong, c.should_be, c.item_type, c.item_id, c.status, c.answer,
              au.display_name AS answerer_name, c.answered_at, c.created_at, c.version
         FROM correction_request c
         LEFT JOIN app_user ru ON ru.id = c.requested_by_user_id
         LEFT JOIN app_user au ON au.id = c.answered_by_user_id
        WHERE c.family_id = $1 AND ($2::uuid IS NULL OR c.id = $2)
        ORDER BY c.created_at DESC, c.id`,
      [familyId, id],
    );
  }

  private async withHistory(rows: RequestRow[]): Promise<CorrectionRequestResponse[]> {
    if (rows.length === 0) return [];
    const events: {
      request_id: string;
      at: Date;
      event: CorrectionHistoryEntry['event'];
      text: string;
      name: string | null;
    }[] = await this.ds.query(
      `SELECT e.request_id, e.at, e.event, e.text, u.display_name AS name
           FROM correction_request_event e LEFT JOIN app_user u ON u.id = e.user_id
          WHERE e.request_id = ANY($1::uuid[]) ORDER BY e.at, e.id`,
      [rows.map((r) => r.id)],
    );
    return rows.map((r) => ({
      id: r.id,
      familyId: r.family_id,
      requestedBy: { userId: r.requested_by_user_id, name: r.requester_name, role: r.requester_role },
      whatIsWrong: r.what_is_wrong,
      shouldBe: r.should_be,
      itemType: r.item_type,
      itemId: r.item_id,
      status: r.status,
      answer: r.answer,
      answeredBy: r.answerer_name,
      answeredAt: r.answered_at ? new Date(r.answered_at).toISOString() : null,
      createdAt: new Date(r.created_at).toISOString(),
      version: r.version,
      history: events
        .filter((e) => e.request_id === r.id)
        .map((e) => ({ at: new Date(e.at).toISOString(), byName: e.name, event: e.event, text: e.text })),
    }));
  }
}
