import type { Page } from 'playwright-core';
import { baseUrl, DEMO_PASSWORD } from './browser';

/** A logged-in API client (bearer token), for setting up data only this spec uses. */
export interface ApiClient {
  call<T>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<T>;
}

export async function apiAs(email: string): Promise<ApiClient> {
  const res = await fetch(`${baseUrl()}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  if (!res.ok) throw new Error(`login ${email}: ${res.status}`);
  const { accessToken } = (await res.json()) as { accessToken: string };
  return {
    async call<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
      const answer = await fetch(`${baseUrl()}${path}`, {
        method,
        headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json', ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!answer.ok) throw new Error(`${method} ${path}: ${answer.status} ${await answer.text()}`);
      return (answer.status === 204 ? undefined : await answer.json()) as T;
    },
  };
}

export async function familyIdByName(api: ApiClient, name: string): Promise<string> {
  const page = await api.call<{ items: { id: string; displayName: string }[] }>(
    'GET',
    `/api/families?q=${encodeURIComponent(name)}`,
  );
  const family = page.items.find((f) => f.displayName === name);
  if (!family) throw new Error(`family ${name} not found`);
  return family.id;
}

/** Presses Tab until the focused element matches (accessible name via aria-label, id, or text). */
export async function tabTo(page: Page, match: { label?: string; id?: string; text?: string }, max = 400) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const hit = await page.evaluate((want) => {
      const el = document.activeElement as HTMLElement | null;
      if (!el) return false;
      if (want.id && el.id === want.id) return true;
      if (want.label && el.getAttribute('aria-label') === want.label) return true;
      if (want.text && el.textContent?.trim() === want.text) return true;
      return false;
    }, match);
    if (hit) return;
  }
  throw new Error(`never reached ${JSON.stringify(match)} by Tab`);
}

export async function openPlan(page: Page, familyId: string): Promise<void> {
  await page.goto(`${baseUrl()}/gezinnen/${familyId}/plan`);
  await page.locator('h1').filter({ hasText: 'Gezinsplan' }).waitFor();
}
