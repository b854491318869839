import { type NotificationResponse, PERMISSIONS } from '@gezinsplan/contracts';
import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { type Actor, CurrentActor } from '../../common/auth/actor';
import { RequirePermission } from '../../common/auth/decorators';
import { notFound } from '../../common/errors/app-error';
import { uuidParam } from '../../common/http/params';
import { NotificationEntity } from './notification.entity';

@ApiTags('notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  @Get()
  @RequirePermission(PERMISSIONS.notificationRead)
  @ApiOperation({ summary: 'Your latest 100 notifications, newest first' })
  async list(@CurrentActor() actor: Actor): Promise<NotificationResponse[]> {
    const rows = await this.ds
      .getRepository(NotificationEntity)
      .find({ where: { userId: actor.userId }, order: { createdAt: 'DESC' }, take: 100 });
    return rows.map((n) => ({
      id: n.id,
      familyId: n.familyId,
      kind: n.kind,
      message: n.message,
      item: n.itemType && n.itemId ? { type: n.itemType, id: n.itemId } : null,
      createdAt: n.createdAt.toISOString(),
      read: n.readAt !== null,
    }));
  }

  @Post(':notificationId/read')
  @HttpCode(204)
  @RequirePermission(PERMISSIONS.notificationRead)
  @ApiOperation({ summary: 'Mark one of your notifications as read' })
  async markRead(
    @CurrentActor() actor: Actor,
    @Param('notificationId', uuidParam('notificationId')) id: string,
  ): Promise<void> {
    const result = await this.ds.query(
      'UPDATE notification SET read_at = coalesce(read_at, now()) WHERE id = $1 AND user_id = $2 RETURNING id',
      [id, actor.userId],
    );
    if ((result[0] as unknown[]).length === 0) throw notFound('Notification');
  }
}
