import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ENV } from '../../config/config.module';
import type { Env } from '../../config/env';
import { ensureAuditPartitions, sealAuditLog } from './audit-chain';

/** Months of audit_log partitions kept ready ahead of today. */
const MONTHS_AHEAD = 3;

/**
 * Seals new audit rows into the hash chain every AUDIT_SEAL_INTERVAL_MS (one instance at a time: the others find
 * the advisory lock taken and skip the tick), once more at shutdown, and keeps the next months' partitions
 * created. Requests never wait for it: they only insert.
 */
@Injectable()
export class AuditSealer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly log = new Logger('AuditSealer');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private partitionsMonth = '';

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(ENV) private readonly env: Env,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.env.AUDIT_CHAIN_KEY) {
      this.log.warn('AUDIT_CHAIN_KEY is not set: audit rows are not sealed by this instance');
      return;
    }
    if (this.env.AUDIT_SEAL_INTERVAL_MS === 0) return;
    this.timer = setInterval(() => void this.tick(), this.env.AUDIT_SEAL_INTERVAL_MS);
    this.timer.unref();
  }

  /** One round: partitions when the month changed, then up to 20 batches of sealing. */
  tick(): Promise<void> {
    this.running ??= this.round().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async round(): Promise<void> {
    const key = this.env.AUDIT_CHAIN_KEY;
    if (!key || !this.ds.isInitialized) return;
    try {
      const now = new Date();
      const month = now.toISOString().slice(0, 7);
      if (month !== this.partitionsMonth) {
        const ahead = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + MONTHS_AHEAD, 1));
        await ensureAuditPartitions(this.ds, now, ahead);
        this.partitionsMonth = month;
      }
      await sealAuditLog(this.ds, key, { maxBatches: 20 });
    } catch (err) {
      this.log.warn(`Sealing the audit log failed (retried next tick): ${(err as Error).message}`);
    }
  }

  /** Before the database module closes its connections (onApplicationShutdown would be too late). */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (!this.env.AUDIT_CHAIN_KEY || this.env.AUDIT_SEAL_INTERVAL_MS === 0) return;
    await this.running;
    if (!this.ds.isInitialized) return;
    await sealAuditLog(this.ds, this.env.AUDIT_CHAIN_KEY).catch((err: unknown) =>
      this.log.warn(`Final audit seal failed: ${(err as Error).message}`),
    );
  }
}
