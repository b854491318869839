import type { AuditAction, AuditResult } from '@gezinsplan/contracts';
import { type BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../common/auth/actor';
import { GroupCommit } from '../../database/group-commit';
import { preparedQuery } from '../../database/prepared';
import { AUDIT_INSERT_ROWS } from './audit-insert.sql';

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

interface Row {
  userId: string | null;
  userRole: string | null;
  organisationId: string | null;
  familyId: string | null;
  subjectId: string | null;
  resource: string;
  action: AuditAction;
  result: AuditResult;
  basis: string | null;
  emergency: boolean;
  ip: string | null;
  requestId: string | null;
  details: Record<string, unknown> | null;
}

/**
 * Appends NEN 7513 rows. Pass the transaction's manager for writes, so the row commits with the change
 * (or not at all). Reads and refusals are logged on their own, by group commit (`GroupCommit`): the caller
 * waits until its rows are committed, so nothing is answered before its access is logged, and under load one
 * insert and one commit serve many requests.
 */
@Injectable()
export class AuditService implements BeforeApplicationShutdown {
  private readonly reads = new GroupCommit<Row>((rows) => this.insert(rows));

  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async record(who: Who, event: AuditEvent, manager?: EntityManager): Promise<void> {
    await this.recordMany(who, [event], manager);
  }

  async recordMany(who: Who, events: AuditEvent[], manager?: EntityManager): Promise<void> {
    if (events.length === 0) return;
    const rows = events.map((e): Row => ({
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
      ip: who.ip ?? null,
      requestId: who.requestId ?? null,
      details: e.details ?? null,
    }));
    if (manager) return this.insert(rows, manager);
    return this.reads.add(rows);
  }

  /** Rows still waiting are written before the database connection closes. */
  beforeApplicationShutdown(): Promise<void> {
    return this.reads.drain();
  }

  private async insert(rows: Row[], manager: EntityManager = this.ds.manager): Promise<void> {
    const column = <K extends keyof Row>(key: K) => rows.map((r) => r[key]);
    await preparedQuery(manager, 'audit-insert', AUDIT_INSERT_ROWS, [
      column('userId'),
      column('userRole'),
      column('organisationId'),
      column('familyId'),
      column('subjectId'),
      column('resource'),
      column('action'),
      column('result'),
      column('basis'),
      column('emergency'),
      column('ip'),
      column('requestId'),
      rows.map((r) => (r.details === null ? null : JSON.stringify(r.details))),
    ]);
  }
}
