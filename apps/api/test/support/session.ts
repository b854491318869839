import type { Server } from 'node:http';
import request from 'supertest';

/** The cookies a session answer sets: the refresh token and the CSRF token the page must echo. */
export interface SessionCookies {
  /** `gp_refresh=...; gp_csrf=...`, for a Cookie header. */
  pair: string;
  /** The raw Set-Cookie of the refresh token. */
  raw: string;
  csrf: string;
}

export function sessionCookiesOf(res: request.Response): SessionCookies {
  const all = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  const raw = all.find((c) => c.startsWith('gp_refresh='));
  const csrfRaw = all.find((c) => c.startsWith('gp_csrf='));
  if (!raw || !csrfRaw) throw new Error('no session cookies set');
  const csrfPair = csrfRaw.split(';')[0];
  return { raw, pair: `${raw.split(';')[0]}; ${csrfPair}`, csrf: csrfPair.slice('gp_csrf='.length) };
}

/** POST /api/auth/refresh the way the web app does: both cookies and the X-CSRF-Token header. */
export const refreshWith = (http: Server, s: SessionCookies) =>
  request(http).post('/api/auth/refresh').set('Cookie', s.pair).set('X-CSRF-Token', s.csrf);

export const logoutWith = (http: Server, s: SessionCookies) =>
  request(http).post('/api/auth/logout').set('Cookie', s.pair).set('X-CSRF-Token', s.csrf);
