import { createHmac } from 'node:crypto';
import request from 'supertest';
import { createProfessional, organisationId } from './support/fixtures';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Brute force and token attacks: a burst of parallel guesses must not get more tries than the lockout allows
 * (auth.int-spec.ts covers the sequential case), the per-origin throttle holds under a burst, and only an
 * unexpired access token signed with our key, with our algorithm, issuer and audience, is accepted.
 */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ env: { LOGIN_LOCK_THRESHOLD: '3', LOGIN_LOCK_SECONDS: '60' } });
});
afterAll(() => t.close());

const login = (app: TestApp, email: string, password: string) =>
  request(app.http).post('/api/auth/login').send({ email, password });

describe('a burst of parallel wrong passwords', () => {
  it('gets no more guesses than the lockout threshold, and the right password stays refused while locked', async () => {
    const password = 'Juist-wachtwoord-burst-1';
    const email = await createProfessional(t.ds, 'provider', await organisationId(t.ds, 'Horizon Jeugdhulp'), password);
    // Bursts of 12 parallel guesses until the address is locked: every guess that reaches the password check
    // counts, and exactly the threshold (3) of them may get there in total.
    const checked: request.Response[] = [];
    for (let burstNo = 0; burstNo < 6; burstNo++) {
      const burst = await Promise.all(Array.from({ length: 12 }, (_, i) => login(t, email, `fout-${burstNo}-${i}`)));
      for (const r of burst) {
        if (r.status === 401) checked.push(r);
        else expect(r.body).toMatchObject({ statusCode: 429, code: 'LOGIN_LOCKED' });
      }
      const locked: unknown[] = await t.ds.query(
        `SELECT 1 FROM login_attempt WHERE email_key = $1 AND locked_until > now()`,
        [email],
      );
      if (locked.length) break;
    }
    expect(checked.length).toBe(3);
    for (const r of checked) expect(r.body.code).toBe('INVALID_CREDENTIALS');
    const right = await login(t, email, password);
    expect([right.status, right.body.code]).toEqual([429, 'LOGIN_LOCKED']);
    expect(right.body.accessToken).toBeUndefined();
    const failures: { n: number }[] = await t.ds.query(
      `SELECT count(*)::int AS n FROM audit_log a JOIN app_user u ON u.id = a.user_id
        WHERE u.email = $1 AND a.action = 'login' AND a.result = 'failed'`,
      [email],
    );
    expect(failures[0].n).toBe(checked.length);
  });

  it('still lets honest parallel logins of one account through (they run one after another)', async () => {
    const both = await Promise.all([1, 2, 3].map(() => login(t, 'zorg@kompas.demo', 'Gezinsplan-demo-2026')));
    expect(both.map((r) => r.status)).toEqual([200, 200, 200]);
  });
});

describe('access tokens', () => {
  const b64 = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const sign = (header: object, claims: object, key: string, alg: 'sha256' | 'sha512' = 'sha256') => {
    const input = `${b64(header)}.${b64(claims)}`;
    return `${input}.${createHmac(alg, key).update(input).digest('base64url')}`;
  };
  const me = (token: string) => request(t.http).get('/api/auth/me').set('Authorization', `Bearer ${token}`);
  let claims: Record<string, unknown>;
  let secret: string;
  const now = () => Math.floor(Date.now() / 1000);

  // The claims of a real login, so `sid` names a live session (auth_session): a token is only accepted while
  // its session lives, and the control case below must pass that check to make the refusals mean something.
  beforeAll(async () => {
    const token = await t.token('zorg@horizon.demo');
    claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as Record<string, unknown>;
    secret = t.env.JWT_SECRET as string;
  });

  it('accepts a token we sign ourselves with the right key (so the refusals below are about the attack)', async () => {
    expect(claims.sid).toEqual(expect.any(String));
    const good = sign({ alg: 'HS256', typ: 'JWT' }, { ...claims, iat: now(), exp: now() + 300 }, secret);
    expect((await me(good)).status).toBe(200);
  });

  it('refuses an expired token', async () => {
    const expired = sign({ alg: 'HS256', typ: 'JWT' }, { ...claims, iat: now() - 3600, exp: now() - 60 }, secret);
    const res = await me(expired);
    expect(res.body).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED' });
  });

  it('refuses tampered tokens: changed payload, alg none, wrong key, other algorithm, issuer, audience or session', async () => {
    const live = { ...claims, iat: now(), exp: now() + 300 };
    const real = sign({ alg: 'HS256', typ: 'JWT' }, live, secret);
    const [h, , s] = real.split('.');
    const attacks: Record<string, string> = {
      'payload changed to admin': `${h}.${b64({ ...live, role: 'admin' })}.${s}`,
      'payload of another user': `${h}.${b64({ ...live, sub: '00000000-0000-4000-8000-000000000000' })}.${s}`,
      'alg none, no signature': `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...live, role: 'admin' })}.`,
      'alg none, signature kept': `${b64({ alg: 'none', typ: 'JWT' })}.${b64(live)}.${s}`,
      'wrong key': sign({ alg: 'HS256', typ: 'JWT' }, live, 'not-our-secret-but-long-enough-0123456789'),
      'HS512 with our key': sign({ alg: 'HS512', typ: 'JWT' }, live, secret, 'sha512'),
      'other issuer': sign({ alg: 'HS256', typ: 'JWT' }, { ...live, iss: 'evil' }, secret),
      'other audience': sign({ alg: 'HS256', typ: 'JWT' }, { ...live, aud: 'other-api' }, secret),
      'unknown role': sign({ alg: 'HS256', typ: 'JWT' }, { ...live, role: 'superuser' }, secret),
      'signature stripped': `${h}.${b64(live)}.`,
      'no session id': sign({ alg: 'HS256', typ: 'JWT' }, { ...live, sid: undefined }, secret),
      'unknown session id': sign(
        { alg: 'HS256', typ: 'JWT' },
        { ...live, sid: '00000000-0000-4000-8000-000000000000' },
        secret,
      ),
      garbage: 'eyJhbGciOiJIUzI1NiJ9.bm9wZQ.xxx',
    };
    const answers: Record<string, string> = {};
    for (const [name, token] of Object.entries(attacks)) {
      const res = await me(token);
      answers[name] = `${res.status} ${res.body.code}`;
    }
    expect(answers).toEqual(Object.fromEntries(Object.keys(attacks).map((k) => [k, '401 UNAUTHENTICATED'])));
  });
});

// Last, on purpose: Passport keeps its strategies in one process-wide registry, so a second app started in this
// process takes over the 'jwt' strategy (and with it that app's session check and database pool, closed when
// it ends). Every token check of the first app after this test would fail for that reason, not for the attack.
describe('a burst from one origin', () => {
  it('throttles a burst from one origin at the configured rate, whatever the addresses', async () => {
    const limited = await startTestApp({ env: { LOGIN_RATE_LIMIT_PER_MINUTE: '5' } });
    try {
      const burst = await Promise.all(
        Array.from({ length: 15 }, (_, i) => login(limited, `burst-${i}@nergens.demo`, 'geen-wachtwoord')),
      );
      const limitedCount = burst.filter((r) => r.status === 429).length;
      expect(limitedCount).toBe(10);
      for (const r of burst.filter((x) => x.status === 429)) {
        expect(r.body).toEqual({ statusCode: 429, code: 'RATE_LIMITED', message: expect.any(String) });
      }
      // The correct password of a real account is throttled too.
      const right = await login(limited, 'ouder@devries.demo', 'Gezinsplan-demo-2026');
      expect([right.status, right.body.code]).toEqual([429, 'RATE_LIMITED']);
    } finally {
      await limited.close();
    }
  });
});
