import { InvalidConfigError, loadEnv } from './env';

describe('configuration', () => {
  it('uses defaults and the embedded database when nothing is set', () => {
    const env = loadEnv({});
    expect(env).toMatchObject({ PORT: 3000, embedded: true, migrateOnBoot: true, seedDemo: true, COOKIE_SECURE: true });
  });

  it('never seeds or migrates on boot with DATABASE_URL unless asked', () => {
    expect(loadEnv({ DATABASE_URL: 'postgres://x@y/z' })).toMatchObject({
      embedded: false,
      migrateOnBoot: false,
      seedDemo: false,
    });
    expect(loadEnv({ DATABASE_URL: 'postgres://x@y/z', SEED_DEMO: 'true' }).seedDemo).toBe(true);
  });

  it('fails fast naming every bad variable', () => {
    expect(() => loadEnv({ PORT: 'abc', LOG_LEVEL: 'loud' })).toThrow(InvalidConfigError);
    expect(() => loadEnv({ PORT: 'abc', LOG_LEVEL: 'loud' })).toThrow(/PORT[\s\S]*LOG_LEVEL|LOG_LEVEL[\s\S]*PORT/);
  });

  it('requires strong secrets in production', () => {
    const key = Buffer.alloc(32, 1).toString('base64');
    expect(() => loadEnv({ NODE_ENV: 'production', FIELD_ENCRYPTION_KEY: key })).toThrow(/JWT_SECRET is required/);
    expect(() => loadEnv({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) })).toThrow(
      /FIELD_ENCRYPTION_KEY is required/,
    );
    expect(() => loadEnv({ NODE_ENV: 'production', JWT_SECRET: 'short', FIELD_ENCRYPTION_KEY: key })).toThrow(
      /at least 32/,
    );
    expect(() => loadEnv({ FIELD_ENCRYPTION_KEY: Buffer.alloc(16).toString('base64') })).toThrow(/32 random bytes/);
    const audit = { AUDIT_CHAIN_KEY: 'a'.repeat(32) };
    expect(() => loadEnv({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32), FIELD_ENCRYPTION_KEY: key })).toThrow(
      /AUDIT_CHAIN_KEY is required/,
    );
    expect(() => loadEnv({ AUDIT_CHAIN_KEY: 'short' })).toThrow(/AUDIT_CHAIN_KEY must be at least 32/);
    expect(
      loadEnv({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32), FIELD_ENCRYPTION_KEY: key, ...audit }).NODE_ENV,
    ).toBe('production');
  });
});
