import type { EnrolledSessionResponse, SecondFactorChallenge, TotpEnrolment } from '@gezinsplan/contracts';
import request from 'supertest';
import { loadEnv } from '../src/config/env';
import { createFamily, createParent, createProfessional, organisationId } from './support/fixtures';
import { sessionCookiesOf } from './support/session';
import { startTestApp, type TestApp } from './support/test-app';
import { totpCode } from './support/totp';

const PASSWORD = 'Tweede-factor-2026';

// MFA_REQUIRED on, as in production; the lock after three wrong attempts keeps the lockout test short.
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({
    env: { MFA_REQUIRED: 'true', LOGIN_LOCK_THRESHOLD: '3', SESSION_CHECK_CACHE_SECONDS: '0' },
  });
});
afterAll(() => t.close());

const api = () => request(t.http);
const login = (email: string, password = PASSWORD) => api().post('/api/auth/login').send({ email, password });
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

async function newProfessional(role: 'provider' | 'admin' | 'policy' = 'provider'): Promise<string> {
  const org = await organisationId(t.ds, role === 'provider' ? 'Horizon Jeugdhulp' : 'Gezinsplan Functioneel Beheer');
  return createProfessional(t.ds, role, org, PASSWORD);
}

/** A professional that went through the enrolment at login: its secret, recovery codes and session. */
async function enrolled(): Promise<{
  email: string;
  secret: string;
  firstCode: string;
  recoveryCodes: string[];
  accessToken: string;
}> {
  const email = await newProfessional();
  const challenge = (await login(email)).body as SecondFactorChallenge;
  const start = await api().post('/api/auth/login/enrolment').send({ mfaToken: challenge.mfaToken });
  expect(start.status).toBe(200);
  const { secret } = start.body as TotpEnrolment;
  const firstCode = totpCode(secret);
  const done = await api()
    .post('/api/auth/login/enrolment/confirm')
    .send({ mfaToken: challenge.mfaToken, code: firstCode });
  expect(done.status).toBe(200);
  const body = done.body as EnrolledSessionResponse;
  return { email, secret, firstCode, recoveryCodes: body.recoveryCodes, accessToken: body.accessToken };
}

async function auditSteps(email: string): Promise<{ action: string; result: string; step: string | null }[]> {
  return t.ds.query(
    `SELECT a.action, a.result, a.details->>'step' AS step
       FROM audit_log a JOIN app_user u ON u.id = a.user_id
      WHERE u.email = $1 AND a.resource = 'session' ORDER BY a.occurred_at, a.id`,
    [email],
  );
}

describe('configuration', () => {
  it('requires a second factor by default in production only, and MFA_REQUIRED overrides it', () => {
    const base = {
      JWT_SECRET: 'x'.repeat(32),
      FIELD_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'),
      AUDIT_CHAIN_KEY: 'k'.repeat(48),
    };
    expect(loadEnv({ ...base, NODE_ENV: 'production', DATABASE_URL: 'postgres://x/y' }).mfaRequired).toBe(true);
    expect(loadEnv({ ...base, NODE_ENV: 'development' }).mfaRequired).toBe(false);
    expect(loadEnv({ ...base, NODE_ENV: 'test' }).mfaRequired).toBe(false);
    expect(
      loadEnv({ ...base, NODE_ENV: 'production', DATABASE_URL: 'postgres://x/y', MFA_REQUIRED: 'false' }).mfaRequired,
    ).toBe(false);
    expect(loadEnv({ ...base, NODE_ENV: 'development', MFA_REQUIRED: 'true' }).mfaRequired).toBe(true);
  });
});

describe('enrolment at login (second factor required)', () => {
  it('answers a professional without a second factor with an enrolment challenge and no session', async () => {
    for (const role of ['provider', 'admin', 'policy'] as const) {
      const res = await login(await newProfessional(role));
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ mfa: 'enrolment-required', mfaToken: expect.any(String), expiresIn: 300 });
      expect(res.headers['set-cookie']).toBeUndefined();
    }
  });

  it('lets a parent log in with the password alone', async () => {
    const { email } = await createParent(t.ds, await createFamily(t.ds), 'Petra Test', PASSWORD);
    const res = await login(email);
    expect(res.status).toBe(200);
    expect(res.body.accessToken).toEqual(expect.any(String));
  });

  it('enrols with a QR code and the first code, then answers ten recovery codes and a session', async () => {
    const email = await newProfessional();
    const { mfaToken } = (await login(email)).body as SecondFactorChallenge;
    const start = await api().post('/api/auth/login/enrolment').send({ mfaToken });
    expect(start.status).toBe(200);
    const enrolment = start.body as TotpEnrolment;
    expect(enrolment.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(enrolment.otpauthUri).toMatch(/^otpauth:\/\/totp\/Gezinsplan:.+\?.*secret=/);
    expect(enrolment.otpauthUri).toContain(`secret=${enrolment.secret}`);
    expect(enrolment.qrCodeDataUrl).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(enrolment.qrCodeDataUrl.split(',')[1], 'base64').toString()).toContain('<svg');

    // the secret is encrypted at rest
    const [stored]: { secret_encrypted: string }[] = await t.ds.query(
      `SELECT secret_encrypted FROM user_totp t JOIN app_user u ON u.id = t.user_id WHERE u.email = $1`,
      [email],
    );
    expect(stored.secret_encrypted).toMatch(/^v\d:/);
    expect(stored.secret_encrypted).not.toContain(enrolment.secret);

    const wrong = await api().post('/api/auth/login/enrolment/confirm').send({ mfaToken, code: '000000' });
    expect([wrong.status, wrong.body.code]).toEqual([401, 'INVALID_SECOND_FACTOR']);
    const done = await api()
      .post('/api/auth/login/enrolment/confirm')
      .send({ mfaToken, code: totpCode(enrolment.secret) });
    expect(done.status).toBe(200);
    const body = done.body as EnrolledSessionResponse;
    expect(body.recoveryCodes).toHaveLength(10);
    expect(new Set(body.recoveryCodes).size).toBe(10);
    for (const c of body.recoveryCodes) expect(c).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    sessionCookiesOf(done);
    expect((await api().get('/api/auth/me').set(bearer(body.accessToken))).body.email).toBe(email);
    // recovery codes are stored hashed only
    const hashes: { code_hash: string }[] = await t.ds.query(
      `SELECT code_hash FROM recovery_code r JOIN app_user u ON u.id = r.user_id WHERE u.email = $1`,
      [email],
    );
    expect(hashes).toHaveLength(10);
    for (const h of hashes) expect(body.recoveryCodes.join()).not.toContain(h.code_hash);

    // once enrolled, the enrolment challenge cannot start another secret
    expect((await api().post('/api/auth/login/enrolment').send({ mfaToken })).status).toBe(401);
    expect(await auditSteps(email)).toEqual([
      { action: 'login', result: 'success', step: 'password' },
      { action: 'create', result: 'success', step: 'second-factor-enrolment-started' },
      { action: 'login', result: 'failed', step: 'second-factor-enrolment' },
      { action: 'update', result: 'success', step: 'second-factor-enrolled' },
      { action: 'login', result: 'success', step: null },
    ]);
  });
});

describe('login with a second factor', () => {
  it('asks for the code after the password; the challenge is good for that step only', async () => {
    const { email, secret } = await enrolled();
    const res = await login(email);
    expect(res.body).toEqual({ mfa: 'required', mfaToken: expect.any(String), expiresIn: 300 });
    const { mfaToken } = res.body as SecondFactorChallenge;
    // not an access token, and not an enrolment challenge
    expect((await api().get('/api/auth/me').set(bearer(mfaToken))).status).toBe(401);
    expect((await api().post('/api/auth/login/enrolment').send({ mfaToken })).status).toBe(401);
    // a tampered challenge is refused
    const [h, p, s] = mfaToken.split('.');
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...claims, pur: 'enrol' })).toString('base64url')}.${s}`;
    expect((await api().post('/api/auth/login/enrolment').send({ mfaToken: forged })).status).toBe(401);

    const ok = await api()
      .post('/api/auth/login/second-factor')
      .send({ mfaToken, code: totpCode(secret, 1) });
    expect(ok.status).toBe(200);
    expect(ok.body.user.email).toBe(email);
    sessionCookiesOf(ok);
    const [session]: { method: string; second_factor: string }[] = await t.ds.query(
      `SELECT s.method, s.second_factor FROM auth_session s JOIN app_user u ON u.id = s.user_id
        WHERE u.email = $1 ORDER BY s.created_at DESC LIMIT 1`,
      [email],
    );
    expect(session).toEqual({ method: 'password', second_factor: 'totp' });
  });

  it('refuses a wrong code and a code reused within its time step', async () => {
    const { email, secret, firstCode } = await enrolled();
    const { mfaToken } = (await login(email)).body as SecondFactorChallenge;
    const wrong = await api().post('/api/auth/login/second-factor').send({ mfaToken, code: '123456' });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ statusCode: 401, code: 'INVALID_SECOND_FACTOR' });
    // the enrolment's own code, again (still inside the accepted window of one step either side)
    const replay = await api().post('/api/auth/login/second-factor').send({ mfaToken, code: firstCode });
    expect(replay.status).toBe(401);
    expect(replay.body).toMatchObject({ code: 'INVALID_SECOND_FACTOR', details: { reason: 'reused' } });
    // an earlier step than the last accepted one is refused too
    const earlier = await api()
      .post('/api/auth/login/second-factor')
      .send({ mfaToken, code: totpCode(secret, -1) });
    expect(earlier.status).toBe(401);
    expect(earlier.headers['set-cookie']).toBeUndefined();
  });

  it('accepts each recovery code once, in any case and with or without dashes', async () => {
    const { email, recoveryCodes } = await enrolled();
    const first = (await login(email)).body as SecondFactorChallenge;
    const use = await api()
      .post('/api/auth/login/second-factor')
      .send({ mfaToken: first.mfaToken, recoveryCode: recoveryCodes[3].toUpperCase() });
    expect(use.status).toBe(200);
    const again = (await login(email)).body as SecondFactorChallenge;
    const reuse = await api()
      .post('/api/auth/login/second-factor')
      .send({ mfaToken: again.mfaToken, recoveryCode: recoveryCodes[3].replaceAll('-', '') });
    expect([reuse.status, reuse.body.code]).toEqual([401, 'INVALID_SECOND_FACTOR']);
    const other = await api()
      .post('/api/auth/login/second-factor')
      .send({ mfaToken: again.mfaToken, recoveryCode: recoveryCodes[4] });
    expect(other.status).toBe(200);
    const token = other.body.accessToken as string;
    const status = await api().get('/api/auth/second-factor').set(bearer(token));
    expect(status.body).toEqual({ enabled: true, required: true, recoveryCodesLeft: 8 });
  });

  it('answers bad second-factor input with a 400 and changes nothing', async () => {
    const { email } = await enrolled();
    const { mfaToken } = (await login(email)).body as SecondFactorChallenge;
    for (const body of [
      { mfaToken },
      { mfaToken, code: '12345' },
      { mfaToken, code: '123456', recoveryCode: 'abcd-efgh-jkmn' },
      { mfaToken, code: 123456 },
      { code: '123456' },
      { mfaToken, code: '123456', extra: true },
    ]) {
      const res = await api().post('/api/auth/login/second-factor').send(body);
      expect([res.status, res.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    }
    const [attempts]: { n: number }[] = await t.ds.query(
      'SELECT count(*)::int AS n FROM login_attempt WHERE email_key = $1',
      [email],
    );
    expect(attempts.n).toBe(0);
  });

  it('counts wrong codes into the lockout of the address, so guessing codes locks the account', async () => {
    const { email, secret } = await enrolled();
    const { mfaToken } = (await login(email)).body as SecondFactorChallenge;
    for (let i = 0; i < 3; i++) {
      const res = await api()
        .post('/api/auth/login/second-factor')
        .send({ mfaToken, code: `00000${i}` });
      expect(res.status).toBe(401);
    }
    const locked = await api()
      .post('/api/auth/login/second-factor')
      .send({ mfaToken, code: totpCode(secret, 1) });
    expect([locked.status, locked.body.code]).toEqual([429, 'LOGIN_LOCKED']);
    // a fresh password login does not reset the count either
    expect((await login(email)).status).toBe(429);
    const rows = (await auditSteps(email)).filter((r) => r.step === 'second-factor');
    expect(rows).toEqual(Array(3).fill({ action: 'login', result: 'failed', step: 'second-factor' }));
  });
});

describe('the second factor on the account page', () => {
  it('lets a parent turn it on, renew recovery codes with a code, and turn it off with the password', async () => {
    const { email } = await createParent(t.ds, await createFamily(t.ds), 'Paula Test', PASSWORD);
    const token = (await login(email)).body.accessToken as string;
    const before = await api().get('/api/auth/second-factor').set(bearer(token));
    expect(before.body).toEqual({ enabled: false, required: false, recoveryCodesLeft: 0 });
    const start = await api().post('/api/auth/second-factor/enrolment').set(bearer(token));
    expect(start.status).toBe(200);
    const { secret } = start.body as TotpEnrolment;
    const firstCode = totpCode(secret);
    const wrong = await api()
      .post('/api/auth/second-factor/enrolment/confirm')
      .set(bearer(token))
      .send({ code: '000000' });
    expect([wrong.status, wrong.body.details[0].field]).toEqual([400, 'code']);
    const confirm = await api()
      .post('/api/auth/second-factor/enrolment/confirm')
      .set(bearer(token))
      .send({ code: firstCode });
    expect(confirm.status).toBe(200);
    expect(confirm.body.recoveryCodes).toHaveLength(10);
    expect((await api().post('/api/auth/second-factor/enrolment').set(bearer(token))).status).toBe(409);

    // new recovery codes need a fresh code; the old ones stop working
    const reused = await api()
      .post('/api/auth/second-factor/recovery-codes')
      .set(bearer(token))
      .send({ code: firstCode });
    expect(reused.status).toBe(400);
    const renewed = await api()
      .post('/api/auth/second-factor/recovery-codes')
      .set(bearer(token))
      .send({ code: totpCode(secret, 1) });
    expect(renewed.status).toBe(200);
    expect(renewed.body.recoveryCodes).toHaveLength(10);
    const challenge = (await login(email)).body as SecondFactorChallenge;
    expect(challenge.mfa).toBe('required');
    const old = await api()
      .post('/api/auth/login/second-factor')
      .send({ mfaToken: challenge.mfaToken, recoveryCode: confirm.body.recoveryCodes[0] });
    expect(old.status).toBe(401);

    const badPassword = await api().delete('/api/auth/second-factor').set(bearer(token)).send({ password: 'nee' });
    expect([badPassword.status, badPassword.body.details[0].field]).toEqual([400, 'password']);
    const off = await api().delete('/api/auth/second-factor').set(bearer(token)).send({ password: PASSWORD });
    expect(off.status).toBe(204);
    expect((await login(email)).body.accessToken).toEqual(expect.any(String));
    expect((await auditSteps(email)).map((r) => r.step)).toEqual(
      expect.arrayContaining(['second-factor-enrolled', 'recovery-codes-regenerated', 'second-factor-removed']),
    );
  });

  it('refuses to turn it off where it is required', async () => {
    const { accessToken } = await enrolled();
    const res = await api().delete('/api/auth/second-factor').set(bearer(accessToken)).send({ password: PASSWORD });
    expect([res.status, res.body.code]).toEqual([409, 'SECOND_FACTOR_REQUIRED']);
  });
});
