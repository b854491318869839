import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../common/auth/actor';
import { NotificationEntity } from '../notifications/notification.entity';

export type ItemType =
  'plan' | 'section' | 'goal' | 'agreement' | 'progress' | 'version' | 'regie' | 'involvement' | 'zrm' | 'member';

export interface PlanChange {
  familyId: string;
  regisseurUserId: string | null;
  item: { type: ItemType; id: string };
  action: 'created' | 'updated' | 'deleted';
  version: number | null;
  /** Plain Dutch line for the regisseur's notification panel. */
  summary: string;
}

/**
 * What happens after an accepted change to a family's plan: the regisseur is notified of every change made
 * by someone else (stored with the change, in the same transaction).
 */
@Injectable()
export class PlanEvents {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async changed(actor: Actor, change: PlanChange, manager: EntityManager = this.ds.manager): Promise<void> {
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
  }
}
