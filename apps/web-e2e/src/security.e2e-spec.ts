import { randomUUID } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  accessibilityViolations,
  baseUrl,
  DEMO_PASSWORD,
  focusByTab,
  launch,
  loginWithKeyboard,
  newContext,
  screenshot,
} from './support/browser';

const PASSWORD = 'Veilig-inloggen-2026';

let browser: Browser;
let context: BrowserContext;
let page: Page;
let email: string;
/** Shared by the steps below, which run in order: the authenticator key and the recovery codes. */
let key = '';
let codes: string[] = [];
const SLOW = 150_000;

/** What the authenticator app would show for this key, `steps` periods of 30 s from now. */
const totp = (key: string, steps = 0) =>
  new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(key) }).generate({
    timestamp: Date.now() + steps * 30_000,
  });

async function api<T>(path: string, init: { method?: string; token?: string; body?: unknown } = {}): Promise<T> {
  const res = await fetch(`${baseUrl()}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      'Content-Type': 'application/json',
      ...(init.token ? { Authorization: `Bearer ${init.token}` } : {}),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

/** A fresh provider account of this test (created and activated the way an admin and the user would). */
async function freshAccount(): Promise<string> {
  const admin = await api<{ accessToken: string }>('/api/auth/login', {
    method: 'POST',
    body: { email: 'beheer@gezinsplan.demo', password: DEMO_PASSWORD },
  });
  const orgs = await api<{ id: string; name: string }[]>('/api/organisations', { token: admin.accessToken });
  const horizon = orgs.find((o) => o.name === 'Horizon Jeugdhulp');
  if (!horizon) throw new Error('Horizon Jeugdhulp not found');
  const address = `veilig-${randomUUID().slice(0, 8)}@test.demo`;
  const created = await api<{ activation: { token: string } }>('/api/users', {
    method: 'POST',
    token: admin.accessToken,
    body: { email: address, displayName: 'Vera Veilig', role: 'provider', organisationId: horizon.id },
  });
  await api('/api/auth/activate', { method: 'POST', body: { token: created.activation.token, password: PASSWORD } });
  return address;
}

async function logout(): Promise<void> {
  await page.getByRole('button', { name: 'Uitloggen' }).focus();
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/inloggen/);
}

beforeAll(async () => {
  browser = await launch();
  email = await freshAccount();
});
afterAll(() => browser.close());
beforeEach(async () => {
  ({ context, page } = await newContext(browser));
});
afterEach(() => context.close());

describe('two-step login', () => {
  it(
    'is set up from the account page with the keyboard alone',
    async () => {
      // 1. Log in with the password (no second factor yet) and open the account page.
      await loginWithKeyboard(page, email, PASSWORD);
      await page.getByRole('heading', { name: 'Mijn gezinnen' }).waitFor();
      await page.getByRole('link', { name: 'Mijn account' }).focus();
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'Mijn account', level: 1 }).waitFor();
      await page.getByText('Inloggen in twee stappen staat uit.').waitFor();
      expect(await page.title()).toBe('Mijn account – Gezinsplan');
      expect(await accessibilityViolations(page)).toEqual([]);
      await screenshot(page, 'account-security');

      // 2. Enrol: QR code plus a key to type; the test is the authenticator app.
      await focusByTab(page, 'mfa-aanzetten');
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'Authenticator-app koppelen' }).waitFor();
      expect(await page.getByRole('img', { name: 'QR-code om te scannen met uw authenticator-app' }).count()).toBe(1);
      key = ((await page.getByTestId('totp-key').textContent()) ?? '').replace(/\s/g, '');
      expect(key).toMatch(/^[A-Z2-7]{32}$/);
      expect(await accessibilityViolations(page)).toEqual([]);
      await screenshot(page, 'account-enrol-totp');
      await focusByTab(page, 'enrol-code');
      await page.keyboard.type('000000');
      await page.keyboard.press('Enter');
      await page.getByText('Deze code klopt niet of is al gebruikt.').waitFor();
      await page.getByLabel('Code uit de app').fill('');
      await page.keyboard.type(totp(key));
      await page.keyboard.press('Enter');

      // 3. The recovery codes, once, with the "I saved them" step.
      await page.getByRole('heading', { name: 'Uw herstelcodes' }).waitFor();
      codes = (await page.getByTestId('recovery-codes').locator('li').allTextContents()).map((c) => c.trim());
      expect(codes).toHaveLength(10);
      expect(await accessibilityViolations(page)).toEqual([]);
      await screenshot(page, 'account-recovery-codes');
      await focusByTab(page, 'codes-saved');
      await page.keyboard.press('Tab'); // to "Doorgaan" without ticking the box
      await page.keyboard.press('Enter');
      await page.getByText('Vink aan dat u de codes heeft bewaard.').waitFor();
      await focusByTab(page, 'codes-saved');
      await page.keyboard.press('Space');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await page.getByText('Inloggen in twee stappen staat aan.').waitFor();
      await page.getByText('U heeft nog 10 ongebruikte herstelcodes.').waitFor();
    },
    SLOW,
  );

  it(
    'asks for the code after the password',
    async () => {
      await loginWithKeyboard(page, email, PASSWORD);
      await page.getByRole('heading', { name: 'Inloggen: tweede stap' }).waitFor();
      expect(await accessibilityViolations(page)).toEqual([]);
      await screenshot(page, 'login-second-step');
      await focusByTab(page, 'code');
      await page.keyboard.type(totp(key, 1)); // the next code: the enrolment's code cannot be used again
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'Mijn gezinnen' }).waitFor();
    },
    SLOW,
  );

  it(
    'accepts a recovery code once',
    async () => {
      for (const attempt of ['first', 'second'] as const) {
        if (attempt === 'second') await logout();
        await loginWithKeyboard(page, email, PASSWORD);
        await page.getByRole('heading', { name: 'Inloggen: tweede stap' }).waitFor();
        await page.getByRole('button', { name: 'Ik kan de app niet gebruiken: herstelcode invullen' }).focus();
        await page.keyboard.press('Enter');
        await page.getByLabel('Herstelcode').waitFor();
        await page.getByLabel('Herstelcode').focus();
        await page.keyboard.type(codes[0]);
        await page.keyboard.press('Enter');
        if (attempt === 'first') {
          await page.getByRole('heading', { name: 'Mijn gezinnen' }).waitFor();
        } else {
          await page.getByRole('alert').getByText('Deze code klopt niet.').waitFor();
          expect(page.url()).toContain('/inloggen');
          expect(await accessibilityViolations(page)).toEqual([]);
          await screenshot(page, 'login-recovery-code-used');
        }
      }
    },
    SLOW,
  );

  it(
    'offers the account page in English, accessible too',
    async () => {
      await loginWithKeyboard(page, email, PASSWORD);
      await page.getByRole('heading', { name: 'Inloggen: tweede stap' }).waitFor();
      await page.getByRole('button', { name: 'Switch to English' }).click();
      await page.getByRole('heading', { name: 'Log in: second step' }).waitFor();
      expect(await accessibilityViolations(page)).toEqual([]);
    },
    SLOW,
  );
});
