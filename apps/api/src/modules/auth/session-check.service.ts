import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { returnedRows } from '../../database/sql';
import { ENV } from '../../config/config.module';
import type { Env } from '../../config/env';

interface Cached {
  userId: string;
  live: Promise<boolean>;
  until: number;
}

/**
 * Is the session behind an access token still live? Refused when its tokens were revoked (logout, reuse, a
 * password change, an admin ending the sessions), the user was deactivated, or the idle or absolute timeout
 * passed. One small indexed query per session every SESSION_CHECK_CACHE_SECONDS per API instance (a request
 * burst shares one query), and it keeps the session's last activity (to the minute) for the idle timeout.
 */
@Injectable()
export class SessionCheck {
  private readonly cache = new Map<string, Cached>();

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(ENV) private readonly env: Env,
  ) {}

  isLive(sessionId: string, userId: string): Promise<boolean> {
    const now = Date.now();
    const hit = this.cache.get(sessionId);
    if (hit && hit.userId === userId && hit.until > now) return hit.live;
    const live = this.query(sessionId, userId).catch((err: unknown) => {
      this.cache.delete(sessionId);
      throw err;
    });
    const ttl = this.env.SESSION_CHECK_CACHE_SECONDS * 1000;
    if (ttl > 0) {
      if (this.cache.size > 10_000) this.prune(now);
      this.cache.set(sessionId, { userId, live, until: now + ttl });
    }
    return live;
  }

  /** Drops what this instance remembers about a user's sessions (after revoking them here). */
  forgetUser(userId: string): void {
    for (const [sid, entry] of this.cache) if (entry.userId === userId) this.cache.delete(sid);
  }

  private async query(sessionId: string, userId: string): Promise<boolean> {
    const [row] = returnedRows<{ live: boolean; stale: boolean }>(
      await this.ds.query(
        `SELECT (u.active
                 AND s.created_at > now() - make_interval(hours => $3::int)
                 AND s.last_seen_at > now() - make_interval(mins => $4::int)
                 AND EXISTS (SELECT 1 FROM refresh_token r WHERE r.session_id = s.id AND r.revoked_at IS NULL)) AS live,
                s.last_seen_at < now() - interval '1 minute' AS stale
           FROM auth_session s JOIN app_user u ON u.id = s.user_id
          WHERE s.id = $1 AND s.user_id = $2`,
        [sessionId, userId, this.env.SESSION_ABSOLUTE_HOURS, this.env.SESSION_IDLE_MINUTES],
      ),
    );
    if (!row?.live) return false;
    if (row.stale) await this.ds.query('UPDATE auth_session SET last_seen_at = now() WHERE id = $1', [sessionId]);
    return true;
  }

  private prune(now: number): void {
    for (const [sid, entry] of this.cache) if (entry.until <= now) this.cache.delete(sid);
  }
}
