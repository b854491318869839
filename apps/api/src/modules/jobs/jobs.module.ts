import { Global, Module } from '@nestjs/common';
import { DeadlineNotificationsJob } from './deadline-notifications.job';
import { JobsService } from './jobs.service';

/**
 * The PostgreSQL job queue, injectable everywhere: `jobs.register(name, handler)`, `jobs.enqueue(name, data)`,
 * `jobs.schedule(name, cron, handler)` (see job-names.ts for the names and schedules).
 */
@Global()
@Module({
  providers: [JobsService, DeadlineNotificationsJob],
  exports: [JobsService],
})
export class JobsModule {}
