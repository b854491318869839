import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  DataSource,
  EntityManager,
  EntitySubscriberInterface,
  TransactionCommitEvent,
  TransactionRollbackEvent,
} from 'typeorm';
import type { AuditAction } from '@gezinsplan/contracts';
import type { Actor } from '../../common/auth/actor';
import { AuditService } from '../audit/audit.service';
import { LiveService } from '../live/live.service';
import { NotificationEntity } from '../notifications/notification.entity';

export type ItemType =
  | 'family'
  | 'plan'
  | 'section'
  | 'goal'
  | 'agreement'
  | 'progress'
  | 'version'
  | 'regie'
  | 'involvement'
  | 'zrm'
  | 'member'
  | 'comment'
  | 'allocation'
  | 'evaluation'
  | 'complaint';

export interface PlanChange {
  familyId: string;
  /** The audit row of this write (result success), written in the same transaction. */
  audit?: {
    resource: string;
    action: AuditAction;
    basis: string | null;
    subjectId?: string;
    details?: Record<string, unknown>;
  };
  /** Who gets the in-app notification: the regisseur, or e.g. the new regisseur of a hand-over. */
  regisseurUserId: string | null;
  item: { type: ItemType; id: string };
  action: 'created' | 'updated' | 'deleted';
  /** The item's new version; null for records that are never edited (progress notes, comments, assessments). */
  version: number | null;
  /** Plain Dutch line for the notification panel. */
  summary: string;
}

const PENDING = 'gezinsplan.pendingLiveChanges';

/**
 * What happens after an accepted change to a family's file:
 * - its audit row is written (when given), in the change's transaction;
 * - the regisseur is notified of every change made by someone else (stored in the change's transaction);
 * - everyone who has the family open hears of it on the live channel — only once the transaction has
 *   committed (so a reload shows it), and never for a change that rolled back.
 */
@Injectable()
export class PlanEvents implements EntitySubscriberInterface, OnModuleInit {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly live: LiveService,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    if (!this.ds.subscribers.includes(this)) this.ds.subscribers.push(this);
  }

  async changed(actor: Actor, change: PlanChange, manager: EntityManager = this.ds.manager): Promise<void> {
    if (change.audit) {
      await this.audit.record(actor, { ...change.audit, result: 'success', familyId: change.familyId }, manager);
    }
    if (change.regisseurUserId && change.regisseurUserId !== actor.userId) {
      await manager.insert(NotificationEntity, {
        userId: change.regisseurUserId,
        familyId: change.familyId,
        kind: `${change.item.type}.${change.action}`,
        message: `${actor.displayName}: ${change.summary}`,
        itemType: change.item.type,
        itemId: change.item.id,
        actorUserId: actor.userId,
      });
    }
    const publish = () =>
      this.live.publish(change.familyId, {
        item: change.item,
        version: change.version,
        action: change.action,
        by: { userId: actor.userId, displayName: actor.displayName },
      });
    const runner = manager.queryRunner;
    if (runner?.isTransactionActive) {
      ((runner.data[PENDING] ??= []) as (() => void)[]).push(publish);
    } else {
      publish();
    }
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    const pending = event.queryRunner.data[PENDING] as (() => void)[] | undefined;
    delete event.queryRunner.data[PENDING];
    for (const publish of pending ?? []) publish();
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    delete event.queryRunner.data[PENDING];
  }
}
