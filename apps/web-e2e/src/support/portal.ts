import { baseUrl, DEMO_PASSWORD } from './browser';

/** A demo user's REST session, for a test that plays another person (a professional) next to the browser. */
export interface ApiUser {
  token: string;
  userId: string;
  familyId: string | null;
}

export async function apiLogin(email: string): Promise<ApiUser> {
  const res = await fetch(`${baseUrl()}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  if (!res.ok) throw new Error(`login ${email}: ${res.status}`);
  const body = (await res.json()) as { accessToken: string; user: { id: string; familyId: string | null } };
  return { token: body.accessToken, userId: body.user.id, familyId: body.user.familyId };
}

/** Calls the API as `user`; fails the test on any non-2xx answer. */
export async function api<T>(user: ApiUser, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${baseUrl()}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${user.token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** The De Vries family id, as the family's own parent sees it. */
export async function deVriesFamilyId(): Promise<string> {
  const parent = await apiLogin('ouder@devries.demo');
  if (!parent.familyId) throw new Error('ouder@devries.demo has no family');
  return parent.familyId;
}

/** A title no other test (or earlier run) uses. */
export function unique(prefix: string): string {
  return `${prefix} ${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;
}
