import 'reflect-metadata';
import { plainToInstance, Transform } from 'class-transformer';
import { parseFieldKeys } from '../common/crypto/field-cipher';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, Min, MinLength, validateSync } from 'class-validator';
// Kept apart so parallel additions to the line above merge cleanly
import { Matches } from 'class-validator';

const toBool = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : ['1', 'true', 'yes', 'on'].includes(String(value).toLowerCase());
const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));

/**
 * Every environment variable the app reads, validated once at boot. Secrets are marked `secret` so they are
 * never printed. The README lists them all; `.env.example` shows an example.
 */
export class EnvSchema {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT = 3000;

  /** PostgreSQL connection string. When absent, an embedded PostgreSQL is started under DATA_DIR. */
  @IsOptional()
  @IsString()
  DATABASE_URL?: string;

  /** Folder for the embedded PostgreSQL data and generated dev secrets. */
  @IsString()
  DATA_DIR = 'data';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  EMBEDDED_PG_PORT = 54329;

  /** Apply pending migrations at boot. Default: on in embedded mode, off with DATABASE_URL (run `npm run db:migrate`). */
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  MIGRATE_ON_BOOT?: boolean;

  /** Seed the demo accounts and families when the database is empty. Default: on in embedded mode only. */
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  SEED_DEMO?: boolean;

  /** secret: HMAC key for access tokens. Required in production; generated and kept in DATA_DIR otherwise. */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  /**
   * secret: 32 random bytes, base64: encrypts citizen service numbers at rest. Required in production;
   * generated and kept in DATA_DIR otherwise.
   */
  @IsOptional()
  @IsString()
  FIELD_ENCRYPTION_KEY?: string;

  /**
   * secret: HMAC key of the audit log's hash chain (at least 32 characters). Required in production; generated
   * and kept in DATA_DIR otherwise. Losing it makes the existing chain unverifiable: back it up apart from the data.
   */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'AUDIT_CHAIN_KEY must be at least 32 characters' })
  AUDIT_CHAIN_KEY?: string;

  /** How often (ms) the API seals new audit rows into the hash chain; 0 turns the in-process sealer off. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(60000)
  AUDIT_SEAL_INTERVAL_MS = 1000;

  @Transform(toInt)
  @IsInt()
  @Min(30)
  @Max(3600)
  ACCESS_TOKEN_TTL_SECONDS = 900;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(90)
  REFRESH_TOKEN_TTL_DAYS = 14;

  /** Set the Secure flag on the refresh cookie. Browsers accept Secure cookies on http://localhost. */
  @Transform(toBool)
  @IsBoolean()
  COOKIE_SECURE = true;

  /** Login attempts per IP address per minute. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_RATE_LIMIT_PER_MINUTE = 20;

  /** Failed logins for one e-mail address before it is locked; every further failure doubles the lock. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_LOCK_THRESHOLD = 5;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_LOCK_SECONDS = 60;

  /**
   * Professionals (access team, provider, GI, policy, admin) must log in with a second factor (TOTP).
   * Default: on when NODE_ENV=production, off otherwise (the demo accounts have no second factor).
   */
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  MFA_REQUIRED?: boolean;

  /** A session without any activity for this many minutes ends (checked at refresh and on every request). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1440)
  SESSION_IDLE_MINUTES = 30;

  /** A session ends this many hours after the login, active or not. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(720)
  SESSION_ABSOLUTE_HOURS = 12;

  /** How long one API instance trusts its last check that an access token's session is still live. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(60)
  SESSION_CHECK_CACHE_SECONDS = 5;

  /** Comma-separated origins allowed to call the API from another site (CORS). Empty: CORS stays closed. */
  @IsOptional()
  @IsString()
  CORS_ORIGINS?: string;

  /** Folder of the built web app to serve on the same port. Default: dist/apps/web/browser next to the API build. */
  @IsOptional()
  @IsString()
  WEB_DIST_DIR?: string;

  /**
   * PostgreSQL NOTIFY channel prefix of the live channel: API instances on one database with the same prefix
   * share rooms, presence and events.
   */
  @IsString()
  @MinLength(1)
  LIVE_CHANNEL_PREFIX = 'gezinsplan-live';

  /**
   * Background jobs (PostgreSQL queue, pg-boss): deadline notifications and the scheduled maintenance. Off: nothing
   * runs in the background and enqueueing fails.
   */
  @Transform(toBool)
  @IsBoolean()
  JOBS_ENABLED = true;

  /** Run job handlers and cron schedules in this instance. Off: the instance only enqueues (a pure web node). */
  @Transform(toBool)
  @IsBoolean()
  JOBS_WORKERS = true;

  /** PostgreSQL schema of the job queue's tables (created on first start). */
  @IsString()
  @MinLength(1)
  JOBS_SCHEMA = 'pgboss';

  /** Seconds between a worker's polls for new jobs. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(60)
  JOBS_POLL_SECONDS = 2;

  /** Seconds between checks of the cron schedules (1-45). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(45)
  JOBS_CRON_MONITOR_SECONDS = 30;

  /**
   * Connection for the job queue, e.g. a direct one when DATABASE_URL goes through PgBouncer (see
   * docs/scale-out.md). Default: DATABASE_URL.
   */
  @IsOptional()
  @IsString()
  JOBS_DATABASE_URL?: string;

  /**
   * Connection for the live channel's Socket.IO adapter (LISTEN/NOTIFY needs a direct or session-mode
   * connection, not PgBouncer in transaction mode). Default: DATABASE_URL.
   */
  @IsOptional()
  @IsString()
  LIVE_DATABASE_URL?: string;

  /** A read-only streaming replica for the dashboard (indicator) queries. Default: DATABASE_URL. */
  @IsOptional()
  @IsString()
  DATABASE_READ_URL?: string;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** Crisis help may be allocated without an agreed plan; the plan is due this many days after the decision. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  CRISIS_PLAN_DAYS = 14;

  /** Break the glass: how long an emergency access grant lasts, in minutes. */
  @Transform(toInt)
  @IsInt()
  @Min(5)
  @Max(1440)
  EMERGENCY_ACCESS_MINUTES = 60;

  /** Break the glass: at most this many emergency access requests per professional per hour (hits or misses). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  EMERGENCY_ACCESS_PER_HOUR = 5;

  /** Indicator 2: the norm for a decision (beschikking), in working days after the request. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  DECISION_NORM_WORKING_DAYS = 5;

  /** Indicator 3.2: the period (months) after the end of help in which no new help may start. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(60)
  NO_NEW_HELP_MONTHS = 6;

  /**
   * Issue 7: seconds the computed indicator figures of one (scope, filters) are reused before PostgreSQL computes
   * them again (every read is still audit-logged; the answer says `figuresAsOf`). 0 = always compute. Default:
   * 300 with NODE_ENV=production, otherwise 0.
   */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(86_400)
  INDICATORS_CACHE_SECONDS?: number;

  /**
   * Issue 7: connections of the API's PostgreSQL pool (per instance). More connections than the database server
   * has cores to run them make every statement wait longer; see docs/performance.md. Default 10.
   */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(500)
  DATABASE_POOL_SIZE?: number;

  /**
   * The URL browsers reach the app on (scheme, host, port; no path), e.g. https://gezinsplan.example.nl: the SSO
   * redirect URI is `<PUBLIC_URL>/api/auth/sso/callback`. Empty: http://localhost:<PORT>.
   */
  @IsString()
  @Matches(/^(https?:\/\/[^\s/?#]+\/?)?$/, { message: 'PUBLIC_URL must be like https://host[:port], without a path' })
  PUBLIC_URL = '';

  /**
   * secret: the key ring for field encryption, `<id>:<base64 32 bytes>` separated by commas, e.g.
   * `k2:...,k1:...`: the first encrypts, all decrypt (rotation: put a new key first, run `cli.js rotate-keys`,
   * then drop the old one). FIELD_ENCRYPTION_KEY, when also set, stays readable as key `k0`.
   */
  @IsOptional()
  @IsString()
  FIELD_ENCRYPTION_KEYS?: string;

  /** Retention of a youth-care file (Jeugdwet art. 7.3.8): years after the help ended. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  RETENTION_YEARS_YOUTH_CARE = 20;

  /** Retention of a child-protection measure's file: years after the youngest youth concerned turns 18. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  RETENTION_YEARS_CHILD_PROTECTION = 30;

  /** Retention of audit rows (NEN 7513 access logging), in years after they were written. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  AUDIT_RETENTION_YEARS = 20;

  /**
   * Minutes between two in-process retention sweeps; 0 (default) leaves the sweep to the nightly job on the
   * PostgreSQL queue (JOBS_ENABLED). Set it when the queue is off.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(10080)
  RETENTION_SWEEP_INTERVAL_MINUTES = 0;
}

export type Env = EnvSchema & {
  embedded: boolean;
  migrateOnBoot: boolean;
  seedDemo: boolean;
  /** MFA_REQUIRED, defaulting to NODE_ENV=production. */
  mfaRequired: boolean;
  /** CORS_ORIGINS as a list (empty: closed). */
  corsOrigins: string[];
};

export class InvalidConfigError extends Error {}

/** Validates the environment and fails fast with one clear message naming every bad variable. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const known = Object.keys(new EnvSchema());
  const picked: Record<string, unknown> = {};
  for (const key of [
    ...known,
    'DATABASE_URL',
    'MIGRATE_ON_BOOT',
    'SEED_DEMO',
    'JWT_SECRET',
    'WEB_DIST_DIR',
    'FIELD_ENCRYPTION_KEY',
    'AUDIT_CHAIN_KEY',
    'JOBS_DATABASE_URL',
    'LIVE_DATABASE_URL',
    'DATABASE_READ_URL',
    'FIELD_ENCRYPTION_KEYS',
    'MFA_REQUIRED',
    'CORS_ORIGINS',
    'INDICATORS_CACHE_SECONDS',
    'DATABASE_POOL_SIZE',
  ]) {
    if (source[key] !== undefined && source[key] !== '') picked[key] = source[key];
  }
  const env = plainToInstance(EnvSchema, picked);
  const errors = validateSync(env, { forbidUnknownValues: true });
  if (env.FIELD_ENCRYPTION_KEY && Buffer.from(env.FIELD_ENCRYPTION_KEY, 'base64').length !== 32) {
    throw new InvalidConfigError('Invalid configuration: FIELD_ENCRYPTION_KEY must be 32 random bytes, base64-encoded');
  }
  if (env.FIELD_ENCRYPTION_KEYS) {
    try {
      parseFieldKeys(env.FIELD_ENCRYPTION_KEYS, env.FIELD_ENCRYPTION_KEY);
    } catch (err) {
      throw new InvalidConfigError(`Invalid configuration: ${(err as Error).message}`);
    }
  }
  for (const secret of ['JWT_SECRET', 'FIELD_ENCRYPTION_KEY'] as const) {
    if (secret === 'FIELD_ENCRYPTION_KEY' && env.FIELD_ENCRYPTION_KEYS) continue;
    if (env.NODE_ENV === 'production' && !env[secret]) {
      throw new InvalidConfigError(`Invalid configuration: ${secret} is required when NODE_ENV=production`);
    }
  }
  if (errors.length > 0) {
    const lines = errors.map((e) => `  ${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`);
    throw new InvalidConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  if (env.NODE_ENV === 'production' && !env.AUDIT_CHAIN_KEY) {
    throw new InvalidConfigError('Invalid configuration: AUDIT_CHAIN_KEY is required when NODE_ENV=production');
  }
  const embedded = !env.DATABASE_URL;
  return Object.assign(env, {
    embedded,
    migrateOnBoot: env.MIGRATE_ON_BOOT ?? embedded,
    seedDemo: env.SEED_DEMO ?? embedded,
    mfaRequired: env.MFA_REQUIRED ?? env.NODE_ENV === 'production',
    corsOrigins: (env.CORS_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter((o) => o.length > 0),
    INDICATORS_CACHE_SECONDS: env.INDICATORS_CACHE_SECONDS ?? (env.NODE_ENV === 'production' ? 300 : 0),
  });
}
