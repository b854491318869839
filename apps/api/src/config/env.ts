import 'reflect-metadata';
import { plainToInstance, Transform } from 'class-transformer';
import { parseFieldKeys } from '../common/crypto/field-cipher';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, Min, MinLength, validateSync } from 'class-validator';

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

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** Crisis help may be allocated without an agreed plan; the plan is due this many days after the decision. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  CRISIS_PLAN_DAYS = 14;

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

  /** Minutes between two retention sweeps inside the API process; 0 switches the in-process schedule off. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(10080)
  RETENTION_SWEEP_INTERVAL_MINUTES = 60;
}

export type Env = EnvSchema & { embedded: boolean; migrateOnBoot: boolean; seedDemo: boolean };

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
    'FIELD_ENCRYPTION_KEYS',
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
  const embedded = !env.DATABASE_URL;
  return Object.assign(env, {
    embedded,
    migrateOnBoot: env.MIGRATE_ON_BOOT ?? embedded,
    seedDemo: env.SEED_DEMO ?? embedded,
  });
}
