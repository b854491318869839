import type { AccessLogEntry, AuditAction, AuditResult, Page } from '@gezinsplan/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Actor } from '../../common/auth/actor';
import { AppError, notFound } from '../../common/errors/app-error';
import { AccessService } from '../access/access.service';
import { AuditService } from '../audit/audit.service';
import { FamiliesRepository } from './families.repository';

/** One audit row as the access log reads it (with the person's and organisation's names joined in). */
export interface AccessLogRow {
  id: string;
  occurred_at: Date;
  user_id: string | null;
  display_name: string | null;
  user_role: string | null;
  organisation_name: string | null;
  resource: string;
  action: AuditAction;
  result: AuditResult;
  basis: string | null;
  emergency: boolean;
}

interface Row extends AccessLogRow {
  total: string;
}

/** The access-log entry of one row: the family's view, the regisseur's view and the privacy export alike. */
export function toAccessLogEntry(r: AccessLogRow): AccessLogEntry {
  return {
    id: String(r.id),
    occurredAt: new Date(r.occurred_at).toISOString(),
    actor: { userId: r.user_id, displayName: r.display_name, role: r.user_role, organisation: r.organisation_name },
    resource: r.resource,
    action: r.action,
    result: r.result,
    basis: r.basis,
    emergency: r.emergency,
  };
}

/** Who looked at or changed a family's file: for the family's own parents and for the regisseur. */
@Injectable()
export class AccessLogService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly families: FamiliesRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  async forFamily(
    actor: Actor,
    familyId: string,
    page: { limit: number; offset: number; from?: string; to?: string; order?: 'asc' | 'desc' },
  ): Promise<Page<AccessLogEntry>> {
    const from = page.from ? new Date(page.from) : null;
    const to = page.to ? endOf(page.to) : null;
    const invalid = (['from', 'to'] as const).filter((k) => {
      const value = page[k];
      return value !== undefined && !isRealMoment(value);
    });
    if (invalid.length > 0) {
      throw new AppError(
        400,
        'VALIDATION_FAILED',
        `Invalid input: ${invalid.join(', ')}`,
        invalid.map((field) => ({ field, messages: [`${field} is not an existing date`] })),
      );
    }
    if (from && to && from.getTime() >= to.getTime()) {
      throw new AppError(400, 'VALIDATION_FAILED', 'Invalid input: from, to', [
        { field: 'from', messages: ['from must be before to'] },
      ]);
    }
    const family = await this.families.findVisible(actor, familyId);
    const isOwnParent = actor.role === 'parent' && actor.familyId === familyId;
    const isRegisseur = family?.regisseurUserId === actor.userId;
    if (!family || !(isOwnParent || isRegisseur)) {
      await this.audit.record(actor, { resource: 'access-log', action: 'read', result: 'denied', familyId });
      if (!family) throw notFound('Family');
      throw new AppError(
        403,
        'FORBIDDEN',
        "Only the family's parents and the regisseur can see who looked at the file",
      );
    }
    const rows: Row[] = await this.ds.query(
      `SELECT a.id, a.occurred_at, a.user_id, u.display_name, a.user_role, o.name AS organisation_name,
              a.resource, a.action, a.result, a.basis, a.emergency, count(*) OVER () AS total
         FROM audit_log a
         LEFT JOIN app_user u ON u.id = a.user_id
         LEFT JOIN organisation o ON o.id = a.organisation_id
        WHERE a.family_id = $1
          AND ($4::timestamptz IS NULL OR a.occurred_at >= $4)
          AND ($5::timestamptz IS NULL OR a.occurred_at < $5)
        ORDER BY a.occurred_at ${page.order === 'asc' ? 'ASC' : 'DESC'}, a.id ${page.order === 'asc' ? 'ASC' : 'DESC'}
        LIMIT $2 OFFSET $3`,
      [familyId, page.limit, page.offset, from, to],
    );
    await this.audit.record(actor, {
      resource: 'access-log',
      action: 'read',
      result: 'success',
      familyId,
      basis: this.access.basisFor(actor, family.regisseurUserId),
      details: { from: page.from ?? null, to: page.to ?? null, offset: page.offset },
    });
    return {
      items: rows.map(toAccessLogEntry),
      total: rows.length > 0 ? Number(rows[0].total) : 0,
      limit: page.limit,
      offset: page.offset,
    };
  }
}

/** A date or moment that exists (2026-02-30 does not, though JavaScript would roll it over to March). */
function isRealMoment(value: string): boolean {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return false;
  const day = /^(\d{4}-\d{2}-\d{2})/.exec(value)?.[1];
  return day === undefined || new Date(`${day}T12:00:00Z`).toISOString().slice(0, 10) === day;
}

/** The end of a `to` bound: a bare date (YYYY-MM-DD) includes that whole day; a moment is taken as is. */
function endOf(to: string): Date {
  if (/^\d{4}-\d{2}-\d{2}$/.test(to)) {
    const d = new Date(`${to}T00:00:00.000Z`);
    d.setUTCDate(d.getUTCDate() + 1);
    return d;
  }
  return new Date(to);
}
