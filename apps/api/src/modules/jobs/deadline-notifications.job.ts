import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { JOB_NAMES, JOB_SCHEDULES } from './job-names';
import { JobsService } from './jobs.service';

export interface DeadlineRun {
  agreements: number;
  evaluations: number;
}

/**
 * Daily: tells each regisseur, in their notifications, about open agreements past their due date and plans
 * whose evaluation date has passed without an evaluation. Idempotent: an item gets one notification per
 * deadline (a notification created on or after that date counts), so a rerun, a retry or two instances add
 * nothing; a deadline moved later and missed again notifies again.
 */
@Injectable()
export class DeadlineNotificationsJob implements OnModuleInit {
  constructor(
    private readonly jobs: JobsService,
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    this.jobs.schedule(JOB_NAMES.deadlineNotifications, JOB_SCHEDULES.deadlineNotifications, async ({ id }) => {
      await this.run(id);
    });
  }

  async run(jobId: string | null = null): Promise<DeadlineRun> {
    return this.ds.transaction(async (m) => {
      // One run at a time: the NOT EXISTS checks below are only idempotent when runs do not overlap.
      await m.query('SELECT pg_advisory_xact_lock(7514)');
      const agreements: { family_id: string }[] = await m.query(
        `INSERT INTO notification (user_id, family_id, kind, message, item_type, item_id)
         SELECT f.regisseur_user_id, f.id, 'agreement.overdue',
                'Afspraak over de datum (' || to_char(a.due_date, 'DD-MM-YYYY') || '): ' || left(a.description, 120),
                'agreement', a.id
           FROM agreement a
           JOIN goal g ON g.id = a.goal_id
           JOIN plan p ON p.id = g.plan_id AND p.status <> 'closed'
           JOIN family f ON f.id = a.family_id AND f.status <> 'closed' AND f.regisseur_user_id IS NOT NULL
          WHERE a.status = 'open' AND a.due_date < current_date
            AND NOT EXISTS (SELECT 1 FROM notification n
                             WHERE n.item_id = a.id AND n.kind = 'agreement.overdue'
                               AND n.user_id = f.regisseur_user_id AND n.created_at >= a.due_date)
         RETURNING family_id`,
      );
      const evaluations: { family_id: string }[] = await m.query(
        `INSERT INTO notification (user_id, family_id, kind, message, item_type, item_id)
         SELECT f.regisseur_user_id, f.id, 'plan.evaluation_overdue',
                'Evaluatie van het plan was gepland op ' || to_char(p.evaluation_date, 'DD-MM-YYYY'),
                'plan', p.id
           FROM plan p
           JOIN family f ON f.id = p.family_id AND f.status <> 'closed' AND f.regisseur_user_id IS NOT NULL
          WHERE p.status <> 'closed' AND p.evaluation_date < current_date
            AND NOT EXISTS (SELECT 1 FROM evaluation e WHERE e.plan_id = p.id AND e.evaluated_on >= p.evaluation_date)
            AND NOT EXISTS (SELECT 1 FROM notification n
                             WHERE n.item_id = p.id AND n.kind = 'plan.evaluation_overdue'
                               AND n.user_id = f.regisseur_user_id AND n.created_at >= p.evaluation_date)
         RETURNING family_id`,
      );
      // The system read deadlines of these families and wrote notifications for their regisseur (NEN 7513).
      const families = [...new Set([...agreements, ...evaluations].map((r) => r.family_id))];
      await this.audit.recordMany(
        { ip: null, requestId: jobId ? `job:${jobId}` : 'job:deadline-notifications' },
        families.map((familyId) => ({
          resource: 'notification',
          action: 'create' as const,
          result: 'success' as const,
          familyId,
          basis: 'deadline-notifications',
        })),
        m,
      );
      return { agreements: agreements.length, evaluations: evaluations.length };
    });
  }
}
