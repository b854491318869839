import type { Page } from 'playwright-core';
import { baseUrl, DEMO_PASSWORD } from './browser';

/** A bearer token for setting up data through the API (the browser keeps its own session). */
export async function apiToken(email: string): Promise<string> {
  const res = await fetch(`${baseUrl()}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  if (!res.ok) throw new Error(`login ${email} failed: ${res.status}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

/** POST with a bearer token; fails the test on anything but 2xx. */
export async function apiPost<T>(token: string, path: string, body: unknown): Promise<T> {
  const res = await fetch(`${baseUrl()}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`POST ${path} failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Presses Tab until a link or button with exactly this text has focus (fails after `max` presses). */
export async function tabToText(page: Page, text: string, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((want) => document.activeElement?.textContent?.trim() === want, text)) return;
  }
  throw new Error(`"${text}" never received focus by Tab`);
}

/** A family name nobody else uses, so parallel specs never meet it. */
export function uniqueName(prefix: string): string {
  return `${prefix} ${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;
}
