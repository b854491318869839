import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

export const DEMO_PASSWORD = 'Gezinsplan-demo-2026';

/** Debian's chromium (apt package `chromium`); browser downloads are not possible here. */
export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export function baseUrl(): string {
  const url = process.env.E2E_BASE_URL;
  if (!url) throw new Error('E2E_BASE_URL is not set: run through jest (global setup)');
  return url;
}

/** axe-core's WCAG 2.1 A/AA rules on the page as it is now. */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/** Logs in with the keyboard only: Tab to each field, type, Enter. */
export async function loginWithKeyboard(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${baseUrl()}/inloggen`);
  await page.getByRole('heading', { name: 'Inloggen' }).waitFor();
  await focusByTab(page, 'email');
  await page.keyboard.type(email);
  await page.keyboard.press('Tab');
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
}

/** Presses Tab until the element with `id` has focus (fails after 20 presses). */
export async function focusByTab(page: Page, id: string): Promise<void> {
  for (let i = 0; i < 20; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((want) => document.activeElement?.id === want, id)) return;
  }
  throw new Error(`#${id} never received focus by Tab`);
}

export async function newContext(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: 'nl-NL' });
  return { context, page: await context.newPage() };
}

const ARTIFACTS = join(resolve(__dirname, '../../../..'), 'dist/e2e-artifacts');

/** Saves a full-page screenshot as a test artifact (dist/e2e-artifacts/screenshots/<name>.png). */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = join(ARTIFACTS, 'screenshots');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}

/** A phone-sized context (iPhone-like viewport, touch), for the parent's flows. */
export async function newPhoneContext(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    locale: 'nl-NL',
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  });
  return { context, page: await context.newPage() };
}

/**
 * Serves the app's scripts matching `pattern` through `hold`, which sees each one (its address, its code, when it was
 * asked for) and may hold it back before it is delivered. A script the browser gave up on meanwhile (a reload, the
 * test's page closing) is let go: its response is gone, and the error would otherwise land in a later test.
 */
export async function routeScripts(
  page: Page,
  pattern: RegExp,
  hold: (script: { url: string; body: string; requestedAt: number }) => Promise<void>,
): Promise<void> {
  await page.route(pattern, async (route) => {
    const requestedAt = Date.now();
    try {
      const response = await route.fetch();
      const body = await response.text();
      await hold({ url: route.request().url(), body, requestedAt });
      await route.fulfill({ response, body });
    } catch (error) {
      if (page.isClosed() || /disposed|closed|aborted|cancel/i.test(String(error))) return;
      throw error;
    }
  });
}

const slowly = () => new Promise((r) => setTimeout(r, 1500));

/**
 * A slow phone network for one page's code: the lazy chunk holding `selector` (a component's selector) arrives
 * 1.5 s late. `arrivedAt()` is when it was delivered (Infinity until then), to check that reads did not wait.
 */
export async function delayPageCode(page: Page, selector: string): Promise<{ arrivedAt: () => number }> {
  let arrived = Number.POSITIVE_INFINITY;
  await routeScripts(page, /\/chunk-[\w-]+\.js$/, async ({ body }) => {
    if (!body.includes(selector)) return;
    await slowly();
    arrived = Date.now();
  });
  return { arrivedAt: () => arrived };
}

/**
 * A slow phone network for the app's main script (1.5 s late), and when the chunk holding `selector` (a page
 * component's selector) was asked for: to check that the page's code does not wait for the app to start.
 */
export async function watchPageCode(
  page: Page,
  selector: string,
): Promise<{ mainArrivedAt: () => number; pageCodeRequestedAt: () => number }> {
  let mainArrived = Number.POSITIVE_INFINITY;
  let requested = Number.POSITIVE_INFINITY;
  await routeScripts(page, /\/(main|chunk)-[\w-]+\.js$/, async ({ url, body, requestedAt }) => {
    if (body.includes(selector)) requested = Math.min(requested, requestedAt);
    if (!/\/main-[\w-]+\.js$/.test(url)) return;
    await slowly();
    mainArrived = Date.now();
  });
  return { mainArrivedAt: () => mainArrived, pageCodeRequestedAt: () => requested };
}

/** When each GET whose path starts with `prefix` was sent (the page's reads). */
export function recordReads(page: Page, prefix: string): { path: string; at: number }[] {
  const reads: { path: string; at: number }[] = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (request.method() === 'GET' && path.startsWith(prefix)) reads.push({ path, at: Date.now() });
  });
  return reads;
}
