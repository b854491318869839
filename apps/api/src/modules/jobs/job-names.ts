/**
 * Names and cron schedules (Europe/Amsterdam) of the background jobs. A name is a queue in the database: keep it
 * stable once deployed.
 */
export const JOB_NAMES = {
  deadlineNotifications: 'deadline-notifications',
  /** RetentionService.sweep(): deletes or anonymises what is past its retention period. */
  retentionSweep: 'retention-sweep',
  /** The audit sealer: seals the day's audit log rows (hash chain). */
  auditSeal: 'audit-seal',
} as const;

export const JOB_SCHEDULES = {
  deadlineNotifications: '0 6 * * *',
  retentionSweep: '30 2 * * *',
  auditSeal: '15 0 * * *',
} as const;
