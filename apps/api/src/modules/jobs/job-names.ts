/**
 * Names and cron schedules (Europe/Amsterdam) of the background jobs. A name is a queue in the database: keep it
 * stable once deployed.
 */
export const JOB_NAMES = {
  deadlineNotifications: 'deadline-notifications',
  /** RetentionService.sweep(): erases closed files past their retention period, then purges old audit months. */
  retentionSweep: 'retention-sweep',
} as const;

export const JOB_SCHEDULES = {
  deadlineNotifications: '0 6 * * *',
  retentionSweep: '30 2 * * *',
} as const;
