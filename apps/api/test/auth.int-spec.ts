import { ROLE_PERMISSIONS } from '@gezinsplan/contracts';
import request from 'supertest';
import { createProfessional, organisationId } from './support/fixtures';
import { logoutWith, refreshWith, sessionCookiesOf } from './support/session';
import { DEMO_PASSWORD, startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ env: { LOGIN_LOCK_THRESHOLD: '3', LOGIN_LOCK_SECONDS: '60' } });
});
afterAll(() => t.close());

const login = (email: string, password = DEMO_PASSWORD) =>
  request(t.http).post('/api/auth/login').send({ email, password });
const refreshCookieOf = sessionCookiesOf;

describe('login', () => {
  it('gives every demo account a token for its own role and permissions', async () => {
    const expected: Record<string, string> = {
      'toegang@heerlen.demo': 'access_team',
      'toegang@maastricht.demo': 'access_team',
      'zorg@horizon.demo': 'provider',
      'zorg@kompas.demo': 'provider',
      'gi@jeugdbescherming.demo': 'gi',
      'ouder@devries.demo': 'parent',
      'jeugd@devries.demo': 'youth',
      'ouder@janssen.demo': 'parent',
      'beleid@zuidlimburg.demo': 'policy',
      'beheer@gezinsplan.demo': 'admin',
    };
    for (const [email, role] of Object.entries(expected)) {
      const res = await login(email);
      expect(res.status).toBe(200);
      expect(res.body.user).toMatchObject({
        email,
        role,
        permissions: [...ROLE_PERMISSIONS[role as keyof typeof ROLE_PERMISSIONS]],
      });
      const me = await request(t.http).get('/api/auth/me').set('Authorization', `Bearer ${res.body.accessToken}`);
      expect(me.status).toBe(200);
      expect(me.body.email).toBe(email);
    }
  });

  it('tells a parent which member of which family they are; a professional belongs to no family', async () => {
    const parent = (await login('ouder@devries.demo')).body.accessToken as string;
    const me = (await request(t.http).get('/api/auth/me').set('Authorization', `Bearer ${parent}`)).body;
    expect(me.familyId).toEqual(expect.any(String));
    const family = await request(t.http).get(`/api/families/${me.familyId}`).set('Authorization', `Bearer ${parent}`);
    const self = (family.body.members as { id: string; name: string; hasCustody: boolean }[]).find(
      (m) => m.id === me.familyMemberId,
    );
    expect(self).toMatchObject({ name: 'Sanne de Vries', hasCustody: true });
    const pro = (await login('zorg@horizon.demo')).body.accessToken as string;
    const proMe = (await request(t.http).get('/api/auth/me').set('Authorization', `Bearer ${pro}`)).body;
    expect([proMe.familyId, proMe.familyMemberId]).toEqual([null, null]);
  });

  it('accepts the e-mail address in any case and with spaces around it', async () => {
    expect((await login('  Zorg@Horizon.DEMO ')).status).toBe(200);
  });

  it('sets the refresh token as an httpOnly, Secure, SameSite=Strict cookie scoped to /api/auth', async () => {
    const { raw } = refreshCookieOf(await login('zorg@horizon.demo'));
    expect(raw).toMatch(/HttpOnly/);
    expect(raw).toMatch(/Secure/);
    expect(raw).toMatch(/SameSite=Strict/);
    expect(raw).toMatch(/Path=\/api\/auth/);
  });

  it('stores passwords as argon2id hashes', async () => {
    const rows: { password_hash: string }[] = await t.ds.query(`SELECT password_hash FROM app_user`);
    expect(rows.length).toBeGreaterThanOrEqual(10);
    for (const r of rows) expect(r.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,(p=1,t=2|t=2,p=1)\$/);
  });

  it('answers a wrong password and an unknown address with the same generic 401', async () => {
    const wrong = await login('ouder@janssen.demo', 'not-the-password');
    const unknown = await login('niemand@nergens.demo', 'not-the-password');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
  });

  it('answers bad login input with 400 naming the fields', async () => {
    const res = await request(t.http).post('/api/auth/login').send({ email: 'geen-adres', extra: true });
    expect(res.status).toBe(400);
    expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['email', 'extra', 'password']);
  });

  it('locks an address after repeated failures, even for the right password, and audits the failures', async () => {
    const email = await createProfessional(
      t.ds,
      'provider',
      await organisationId(t.ds, 'Horizon Jeugdhulp'),
      'Juist-wachtwoord-1',
    );
    for (let i = 0; i < 3; i++) expect((await login(email, 'fout')).status).toBe(401);
    const locked = await login(email, 'Juist-wachtwoord-1');
    expect(locked.status).toBe(429);
    expect(locked.body.code).toBe('LOGIN_LOCKED');
    expect(locked.body.details.retryAfterSeconds).toBeGreaterThan(0);
    const rows: { result: string }[] = await t.ds.query(
      `SELECT a.result FROM audit_log a JOIN app_user u ON u.id = a.user_id WHERE u.email = $1 AND a.action = 'login'`,
      [email],
    );
    expect(rows.map((r) => r.result)).toEqual(['failed', 'failed', 'failed']);
    await t.ds.query(`UPDATE login_attempt SET locked_until = now() - interval '1 second' WHERE email_key = $1`, [
      email,
    ]);
    expect((await login(email, 'Juist-wachtwoord-1')).status).toBe(200); // the lock is temporary
  });
});

describe('sessions', () => {
  it('rotates the refresh token, and a reused one ends the whole session', async () => {
    const first = refreshCookieOf(await login('ouder@devries.demo'));
    const r1 = await refreshWith(t.http, first);
    expect(r1.status).toBe(200);
    expect(r1.body.accessToken).toEqual(expect.any(String));
    const second = refreshCookieOf(r1);
    expect(second.pair).not.toBe(first.pair);

    const replay = await refreshWith(t.http, first);
    expect(replay.status).toBe(401);
    // the thief's replay revoked the session, so the legitimate newer token is dead too
    expect((await refreshWith(t.http, second)).status).toBe(401);
  });

  it('revokes the session on logout', async () => {
    const cookie = refreshCookieOf(await login('ouder@devries.demo'));
    const out = await logoutWith(t.http, cookie);
    expect(out.status).toBe(204);
    expect((await refreshWith(t.http, cookie)).status).toBe(401);
  });

  it('refuses a refresh without a cookie, and requests without or with a forged token', async () => {
    const noRefreshCookie = await request(t.http)
      .post('/api/auth/refresh')
      .set('Cookie', 'gp_csrf=abc')
      .set('X-CSRF-Token', 'abc');
    expect(noRefreshCookie.body.code).toBe('UNAUTHENTICATED');
    const none = await request(t.http).get('/api/auth/me');
    expect([none.status, none.body.code]).toEqual([401, 'UNAUTHENTICATED']);
    const token = (await login('zorg@horizon.demo')).body.accessToken as string;
    const [h, p] = token.split('.');
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString('base64url')}.${token.split('.')[2]}`;
    expect((await request(t.http).get('/api/auth/me').set('Authorization', `Bearer ${forged}`)).status).toBe(401);
  });

  it('rate-limits login attempts per address of origin', async () => {
    const limited = await startTestApp({ env: { LOGIN_RATE_LIMIT_PER_MINUTE: '3' } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        statuses.push(
          (
            await request(limited.http)
              .post('/api/auth/login')
              .send({ email: `x${i}@y.demo`, password: 'z' })
          ).status,
        );
      }
      expect(statuses).toEqual([401, 401, 401, 429]);
      const res = await request(limited.http).post('/api/auth/login').send({ email: 'x@y.demo', password: 'z' });
      expect(res.body).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED' });
    } finally {
      await limited.close();
    }
  });
});
