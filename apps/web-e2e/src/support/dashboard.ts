import type { IndicatorsResponse, LoginResponse } from '@gezinsplan/contracts';
import { baseUrl, DEMO_PASSWORD } from './browser';

/** Logs in through the API (not the browser) and answers the access token. */
export async function apiToken(email: string): Promise<string> {
  const res = await fetch(`${baseUrl()}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  if (!res.ok) throw new Error(`login ${email}: ${res.status}`);
  return ((await res.json()) as LoginResponse).accessToken;
}

export async function apiGet<T>(token: string, path: string): Promise<T> {
  const res = await fetch(`${baseUrl()}${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`GET ${path}: ${res.status}`);
  return (await res.json()) as T;
}

export function indicators(token: string, query = ''): Promise<IndicatorsResponse> {
  return apiGet<IndicatorsResponse>(token, `/api/indicators${query}`);
}

/** Families of the demo seed (demo-seed.ts and outcomes-seed.ts), in case an access team cannot list them. */
const SEEDED_FAMILIES = [
  'De Vries',
  'Janssen',
  'Bakker',
  'El Amrani',
  'Custers',
  'Dassen',
  'Frijns',
  'Gielen',
  'Hermans',
  'Kessels',
  'Lemmens',
  'Meijers',
  'Notermans',
  'Ortmans',
  'Pelzer',
  'Quaedvlieg',
];

/**
 * The names of every family in the database, as the access teams of each municipality see them, plus the seeded
 * ones: none of these may ever appear on the dashboard or in its export.
 */
export async function familyNames(): Promise<string[]> {
  const names = new Set(SEEDED_FAMILIES);
  for (const email of [
    'toegang@heerlen.demo',
    'toegang@maastricht.demo',
    'toegang@kerkrade.demo',
    'toegang@sittard-geleen.demo',
  ]) {
    const token = await apiToken(email);
    const page = await apiGet<{ items: { displayName: string }[] }>(token, '/api/families?limit=100');
    for (const family of page.items) names.add(family.displayName);
  }
  return [...names];
}

/** The family names that occur as a whole word in `text`. */
export function namesIn(text: string, names: string[]): string[] {
  return names.filter((name) => new RegExp(`(^|[^\\p{L}])${name}([^\\p{L}]|$)`, 'u').test(text));
}
