import type { AuditAction, AuditResult } from '@gezinsplan/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../common/auth/actor';
import { AuditLogEntity } from './audit-log.entity';

export interface AuditEvent {
  resource: string;
  action: AuditAction;
  result: AuditResult;
  familyId?: string | null;
  subjectId?: string | null;
  basis?: string | null;
  emergency?: boolean;
  details?: Record<string, unknown>;
}

type Who = Pick<Actor, 'ip' | 'requestId'> & Partial<Pick<Actor, 'userId' | 'role' | 'organisationId'>>;

/**
 * Appends NEN 7513 rows. Pass the transaction's manager for writes, so the row commits with the change
 * (or not at all); reads and refusals are logged on their own.
 */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async record(who: Who, event: AuditEvent, manager?: EntityManager): Promise<void> {
    await this.recordMany(who, [event], manager);
  }

  async recordMany(who: Who, events: AuditEvent[], manager?: EntityManager): Promise<void> {
    if (events.length === 0) return;
    const rows = events.map((e) => ({
      userId: who.userId ?? null,
      userRole: who.role ?? null,
      organisationId: who.organisationId ?? null,
      familyId: e.familyId ?? null,
      subjectId: e.subjectId ?? null,
      resource: e.resource,
      action: e.action,
      result: e.result,
      basis: e.basis ?? null,
      // Every access resting on a break-the-glass grant is flagged, whichever feature records it.
      emergency: e.emergency ?? e.basis === 'emergency',
      ip: who.ip,
      requestId: who.requestId,
      // jsonb: TypeORM's deep-partial type cannot express an open record
      details: (e.details ?? null) as never,
    }));
    await (manager ?? this.ds.manager).insert(AuditLogEntity, rows);
  }
}
