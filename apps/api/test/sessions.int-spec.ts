import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { createProfessional, organisationId } from './support/fixtures';
import { logoutWith, refreshWith, type SessionCookies, sessionCookiesOf } from './support/session';
import { DEMO_PASSWORD, startTestApp, type TestApp } from './support/test-app';

const PASSWORD = 'Sessie-wachtwoord-2026';

// No cache for the session check, so a revocation shows on the very next request.
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ env: { SESSION_CHECK_CACHE_SECONDS: '0' } });
});
afterAll(() => t.close());

const api = () => request(t.http);
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

interface Login {
  email: string;
  token: string;
  cookies: SessionCookies;
  sessionId: string;
}

async function newUser(): Promise<string> {
  return createProfessional(t.ds, 'provider', await organisationId(t.ds, 'Horizon Jeugdhulp'), PASSWORD);
}

async function logIn(email: string, password = PASSWORD): Promise<Login> {
  const res = await api().post('/api/auth/login').send({ email, password });
  expect(res.status).toBe(200);
  const token = res.body.accessToken as string;
  const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { sid: string };
  return { email, token, cookies: sessionCookiesOf(res), sessionId: claims.sid };
}

const me = (token: string) => api().get('/api/auth/me').set(bearer(token));

describe('access tokens follow their session', () => {
  it('carry the session id and tell the client the idle timeout', async () => {
    const res = await api().post('/api/auth/login').send({ email: 'zorg@horizon.demo', password: DEMO_PASSWORD });
    expect(res.body.idleTimeoutSeconds).toBe(30 * 60);
    const claims = JSON.parse(Buffer.from(res.body.accessToken.split('.')[1], 'base64url').toString());
    const [row]: { method: string }[] = await t.ds.query('SELECT method FROM auth_session WHERE id = $1', [claims.sid]);
    expect(row.method).toBe('password');
  });

  it('stop working at logout', async () => {
    const s = await logIn(await newUser());
    expect((await me(s.token)).status).toBe(200);
    expect((await logoutWith(t.http, s.cookies)).status).toBe(204);
    const res = await me(s.token);
    expect([res.status, res.body.code]).toEqual([401, 'UNAUTHENTICATED']);
  });

  it('stop working when an admin ends the sessions or deactivates the user', async () => {
    const email = await newUser();
    const a = await logIn(email);
    const admin = await t.token('beheer@gezinsplan.demo');
    const [{ id, version }]: { id: string; version: number }[] = await t.ds.query(
      'SELECT id, version FROM app_user WHERE email = $1',
      [email],
    );
    expect((await api().post(`/api/users/${id}/sessions/revoke`).set(bearer(admin))).status).toBe(200);
    expect((await me(a.token)).status).toBe(401);

    const b = await logIn(email);
    expect((await me(b.token)).status).toBe(200);
    const off = await api()
      .patch(`/api/users/${id}`)
      .set(bearer(admin))
      .set('If-Match', `"${version}"`)
      .send({ active: false });
    expect(off.status).toBe(200);
    expect((await me(b.token)).status).toBe(401);
  });

  it('refuses tampered, expired, session-less and unsigned tokens', async () => {
    const s = await logIn(await newUser());
    const [h, p, sig] = s.token.split('.');
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
    const encode = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const jwt = new JwtService();
    const sign = (payload: Record<string, unknown>, expiresIn = 60) =>
      jwt.sign(payload, {
        secret: t.env.JWT_SECRET as string,
        algorithm: 'HS256',
        issuer: 'gezinsplan',
        audience: 'gezinsplan-api',
        expiresIn,
      });
    const { iat, exp, iss, aud, ...plain } = claims;
    expect([iat, exp, iss, aud].every((v) => v !== undefined)).toBe(true);
    const { sid, ...withoutSid } = plain;
    expect(sid).toBe(s.sessionId);
    const bad = [
      `${h}.${encode({ ...claims, role: 'admin' })}.${sig}`, // tampered payload
      `${h}.${p}.${sig.slice(0, -2)}xx`, // tampered signature
      `${encode({ alg: 'none', typ: 'JWT' })}.${p}.`, // unsigned
      sign(plain, -10), // expired
      sign(withoutSid), // properly signed, but from before sessions had ids
      sign({ ...plain, sid: randomUUID() }), // a session that does not exist
    ];
    for (const token of bad) {
      const res = await me(token);
      expect([res.status, res.body.code]).toEqual([401, 'UNAUTHENTICATED']);
    }
    expect((await me(sign(plain))).status).toBe(200); // the same claims, properly signed, are fine
  });
});

describe('idle and absolute timeouts', () => {
  const age = (sessionId: string, column: 'last_seen_at' | 'created_at', interval: string) =>
    t.ds.query(`UPDATE auth_session SET ${column} = now() - $2::interval WHERE id = $1`, [sessionId, interval]);

  it('keeps a session that was active within the idle timeout', async () => {
    const s = await logIn(await newUser());
    await age(s.sessionId, 'last_seen_at', '29 minutes');
    const res = await refreshWith(t.http, s.cookies);
    expect(res.status).toBe(200);
    const [row]: { idle: boolean }[] = await t.ds.query(
      `SELECT last_seen_at < now() - interval '1 minute' AS idle FROM auth_session WHERE id = $1`,
      [s.sessionId],
    );
    expect(row.idle).toBe(false); // the refresh counts as activity
  });

  it('ends a session after 30 idle minutes: refresh and access token are refused, for good', async () => {
    const s = await logIn(await newUser());
    await age(s.sessionId, 'last_seen_at', '31 minutes');
    expect((await me(s.token)).status).toBe(401);
    const res = await refreshWith(t.http, s.cookies);
    expect([res.status, res.body.code]).toEqual([401, 'UNAUTHENTICATED']);
    await age(s.sessionId, 'last_seen_at', '0 minutes');
    expect((await refreshWith(t.http, s.cookies)).status).toBe(401); // revoked, not just idle
    const audit: { action: string; details: { reason: string } }[] = await t.ds.query(
      `SELECT action, details FROM audit_log WHERE resource = 'session' AND subject_id = $1 AND action = 'logout'`,
      [s.sessionId],
    );
    expect(audit).toEqual([{ action: 'logout', details: { reason: 'session timed out' } }]);
  });

  it('ends a session 12 hours after the login, even when active', async () => {
    const s = await logIn(await newUser());
    await age(s.sessionId, 'created_at', '12 hours 1 minute');
    expect((await me(s.token)).status).toBe(401);
    expect((await refreshWith(t.http, s.cookies)).status).toBe(401);
  });

  it('records activity on requests, at most once a minute', async () => {
    const s = await logIn(await newUser());
    await age(s.sessionId, 'last_seen_at', '10 minutes');
    expect((await me(s.token)).status).toBe(200);
    const [row]: { recent: boolean }[] = await t.ds.query(
      `SELECT last_seen_at > now() - interval '1 minute' AS recent FROM auth_session WHERE id = $1`,
      [s.sessionId],
    );
    expect(row.recent).toBe(true);
  });
});

describe('changing the password', () => {
  it('needs the current password, and ends every other session of the user', async () => {
    const email = await newUser();
    const here = await logIn(email);
    const there = await logIn(email);
    const change = (body: Record<string, unknown>) =>
      api().post('/api/auth/password').set(bearer(here.token)).send(body);

    const wrong = await change({ currentPassword: 'niet-goed', newPassword: 'Nieuw-wachtwoord-2026' });
    expect([wrong.status, wrong.body.details[0].field]).toEqual([400, 'currentPassword']);
    const short = await change({ currentPassword: PASSWORD, newPassword: 'kort' });
    expect([short.status, short.body.details[0].field]).toEqual([400, 'newPassword']);
    const same = await change({ currentPassword: PASSWORD, newPassword: PASSWORD });
    expect(same.status).toBe(400);
    expect((await me(there.token)).status).toBe(200); // nothing changed yet

    const ok = await change({ currentPassword: PASSWORD, newPassword: 'Nieuw-wachtwoord-2026' });
    expect(ok.status).toBe(204);
    expect((await me(there.token)).status).toBe(401);
    expect((await refreshWith(t.http, there.cookies)).status).toBe(401);
    expect((await me(here.token)).status).toBe(200);
    expect((await refreshWith(t.http, here.cookies)).status).toBe(200);

    expect((await api().post('/api/auth/login').send({ email, password: PASSWORD })).status).toBe(401);
    expect((await api().post('/api/auth/login').send({ email, password: 'Nieuw-wachtwoord-2026' })).status).toBe(200);
    const audit: { details: { passwordChanged: boolean; sessionsEnded: number } }[] = await t.ds.query(
      `SELECT a.details FROM audit_log a JOIN app_user u ON u.id = a.user_id
        WHERE u.email = $1 AND a.resource = 'user' AND a.result = 'success'`,
      [email],
    );
    expect(audit.map((a) => a.details)).toEqual([{ passwordChanged: true, sessionsEnded: 1 }]);
  });
});

describe('CSRF protection of the cookie routes', () => {
  it('sets a readable, SameSite=Strict CSRF cookie for the whole site with the session', async () => {
    const res = await api()
      .post('/api/auth/login')
      .send({ email: await newUser(), password: PASSWORD });
    const raw = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('gp_csrf='));
    expect(raw).toMatch(/^gp_csrf=[A-Za-z0-9_-]{43};/);
    expect(raw).toMatch(/SameSite=Strict/);
    expect(raw).toMatch(/Path=\/;/);
    expect(raw).not.toMatch(/HttpOnly/);
  });

  it('refuses refresh and logout without the matching X-CSRF-Token, with 403 CSRF_FAILED, changing nothing', async () => {
    const s = await logIn(await newUser());
    const attempts = [
      api().post('/api/auth/refresh').set('Cookie', s.cookies.pair),
      api().post('/api/auth/refresh').set('Cookie', s.cookies.pair).set('X-CSRF-Token', 'forged'),
      api().post('/api/auth/refresh').set('Cookie', s.cookies.raw.split(';')[0]).set('X-CSRF-Token', s.cookies.csrf),
      api()
        .post('/api/auth/refresh')
        .set('Cookie', s.cookies.pair)
        .set('X-CSRF-Token', s.cookies.csrf)
        .set('Origin', 'https://evil.example'),
      api().post('/api/auth/logout').set('Cookie', s.cookies.pair),
      api().post('/api/auth/logout').set('Cookie', s.cookies.pair).set('X-CSRF-Token', `${s.cookies.csrf}x`),
    ];
    for (const attempt of attempts) {
      const res = await attempt;
      expect(res.status).toBe(403);
      expect(res.body).toEqual({
        statusCode: 403,
        code: 'CSRF_FAILED',
        message: expect.any(String),
        details: { reason: expect.any(String) },
      });
      expect(res.headers['set-cookie']).toBeUndefined();
    }
    // the session is untouched: the refresh token was not rotated or revoked
    expect((await me(s.token)).status).toBe(200);
    const sameSite = await refreshWith(t.http, s.cookies).set('Origin', `http://${'127.0.0.1'}`);
    expect(sameSite.status).toBe(403); // another host (the request goes to 127.0.0.1:<port>)
    const ok = await refreshWith(t.http, s.cookies);
    expect(ok.status).toBe(200);
  });

  it('accepts a same-origin Origin header', async () => {
    const s = await logIn(await newUser());
    const address = t.http.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const res = await request(t.http)
      .post('/api/auth/refresh')
      .set('Host', `localhost:${port}`)
      .set('Origin', `http://localhost:${port}`)
      .set('Cookie', s.cookies.pair)
      .set('X-CSRF-Token', s.cookies.csrf);
    expect(res.status).toBe(200);
  });
});
