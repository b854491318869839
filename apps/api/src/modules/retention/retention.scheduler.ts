import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { reencryptColumns } from '../../common/crypto/encrypted-columns';
import { FieldCipher } from '../../common/crypto/field-cipher';
import { ENV } from '../../config/config.module';
import type { Env } from '../../config/env';
import { JOB_NAMES, JOB_SCHEDULES } from '../jobs/job-names';
import { JobsService } from '../jobs/jobs.service';
import { RetentionService } from './retention.service';

/**
 * Boot-time work of this feature:
 * - encrypts free-text notes still in plain text (written before encryption existed): a data migration that
 *   needs the key from configuration, so it runs here (and via `cli.js encrypt-notes`), not in a SQL migration;
 * - schedules the nightly retention sweep (with the audit purge) on the PostgreSQL job queue, so it runs once
 *   per night across API instances and survives restarts; RETENTION_SWEEP_INTERVAL_MINUTES (default 0: off)
 *   adds an in-process interval for deployments without the queue (JOBS_ENABLED=false). The sweep takes a
 *   PostgreSQL advisory lock, so two runs never overlap.
 */
@Injectable()
export class RetentionScheduler implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('Retention');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private stopping = false;
  /**
   * The boot-time encryption of plain-text notes, in the background so a large backlog never delays start-up
   * (reads accept plain text meanwhile). Settles when done; tests await it.
   */
  encrypted: Promise<void> = Promise.resolve();

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(ENV) private readonly env: Env,
    private readonly retention: RetentionService,
    private readonly cipher: FieldCipher,
    private readonly jobs: JobsService,
  ) {}

  onModuleInit(): void {
    if (!this.env.JOBS_ENABLED) return;
    this.jobs.schedule(JOB_NAMES.retentionSweep, JOB_SCHEDULES.retentionSweep, async () => {
      await this.retention.sweep();
    });
  }

  onApplicationBootstrap(): void {
    this.encrypted = reencryptColumns(this.ds, this.cipher, 'plaintext', 500, () => this.stopping).then(
      (result) => {
        const total = Object.values(result.rewritten).reduce((a, b) => a + b, 0);
        if (total > 0) this.log.log(`Encrypted ${total} free-text values that were still plain text`);
      },
      (err: unknown) => {
        // Counts and error names only: never a value. Retried at the next start or with `cli.js encrypt-notes`.
        if (!this.stopping)
          this.log.error(`Encrypting plain-text notes failed: ${err instanceof Error ? err.name : 'Error'}`);
      },
    );
    const minutes = this.env.RETENTION_SWEEP_INTERVAL_MINUTES;
    if (minutes > 0) {
      this.timer = setInterval(() => this.tick(), minutes * 60_000);
      this.timer.unref();
    }
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await Promise.all([this.running, this.encrypted]);
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.retention
      .sweep()
      .catch((err: unknown) => this.log.error(`Retention sweep failed: ${err instanceof Error ? err.name : 'Error'}`))
      .finally(() => {
        this.running = null;
      });
  }
}
