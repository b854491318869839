import type { Request, Response } from 'express';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../common/errors/app-error';
import type { Env } from '../../config/env';
import type { IssuedSession } from './auth.service';

/** The refresh token: httpOnly, only sent to /api/auth. */
export const REFRESH_COOKIE = 'gp_refresh';
/** The double-submit CSRF token: readable by the page, which echoes it in `X-CSRF-Token`. */
export const CSRF_COOKIE = 'gp_csrf';
export const CSRF_HEADER = 'x-csrf-token';
const REFRESH_PATH = '/api/auth';

type CookieEnv = Pick<Env, 'COOKIE_SECURE'>;

const refreshOptions = (env: CookieEnv) => ({
  httpOnly: true,
  secure: env.COOKIE_SECURE,
  sameSite: 'strict' as const,
  path: REFRESH_PATH,
});
const csrfOptions = (env: CookieEnv) => ({
  httpOnly: false,
  secure: env.COOKIE_SECURE,
  sameSite: 'strict' as const,
  path: '/',
});

/**
 * Sets the cookies of a session (refresh token and CSRF token) and returns the JSON body to answer. Every way
 * of logging in (password, second factor, SSO) ends here, so the cookies are the same whichever was used.
 */
export function setSessionCookies<T>(res: Response, session: IssuedSession<T>, env: CookieEnv): T {
  res.cookie(REFRESH_COOKIE, session.refreshToken, { ...refreshOptions(env), expires: session.refreshExpiresAt });
  res.cookie(CSRF_COOKIE, randomBytes(32).toString('base64url'), {
    ...csrfOptions(env),
    expires: session.refreshExpiresAt,
  });
  res.setHeader('Cache-Control', 'no-store');
  return session.response;
}

export function clearSessionCookies(res: Response, env: CookieEnv): void {
  res.clearCookie(REFRESH_COOKIE, refreshOptions(env));
  res.clearCookie(CSRF_COOKIE, csrfOptions(env));
}

export function refreshCookie(req: Request): string | undefined {
  return cookie(req, REFRESH_COOKIE);
}

function cookie(req: Request, name: string): string | undefined {
  const value = (req.cookies as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

const csrfFailed = (reason: string) =>
  new AppError(403, 'CSRF_FAILED', 'This request did not come from the Gezinsplan app; reload the page', { reason });

/**
 * Double-submit check for state changes authenticated by a cookie (refresh, logout, SSO callback): the
 * `X-CSRF-Token` header must equal the `gp_csrf` cookie (another site can send the cookie but cannot read
 * it), and an `Origin` header, when present, must be this site or an allowed CORS origin.
 */
export function assertCsrf(req: Request, env: Pick<Env, 'corsOrigins'>): void {
  const origin = req.headers.origin;
  if (origin !== undefined && !sameOrigin(origin, req) && !env.corsOrigins.includes(origin)) {
    throw csrfFailed('foreign origin');
  }
  const expected = cookie(req, CSRF_COOKIE);
  const given = req.headers[CSRF_HEADER];
  if (!expected || typeof given !== 'string' || given.length === 0) throw csrfFailed('missing token');
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  if (a.length !== b.length || !timingSafeEqual(a, b)) throw csrfFailed('token mismatch');
}

function sameOrigin(origin: string, req: Request): boolean {
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}
