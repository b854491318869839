import type { CreateUserResponse, OrganisationResponse } from '@gezinsplan/contracts';
import type { Browser } from 'playwright-core';
import {
  accessibilityViolations,
  baseUrl,
  focusByTab,
  launch,
  loginWithKeyboard,
  newContext,
  screenshot,
} from './support/browser';
import { apiToken } from './support/dashboard';
import { startTestIdp, type TestIdp } from './support/sso';

// A real OpenID Connect provider, a real browser, the real app: allow more than the default minute.
jest.setTimeout(180_000);

const CLIENT_ID = 'gezinsplan-e2e';
const CLIENT_SECRET = `e2e-secret-${Date.now().toString(36)}`;
let browser: Browser;
let idp: TestIdp;

beforeAll(async () => {
  browser = await launch();
  idp = await startTestIdp({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    redirectUri: `${baseUrl()}/api/auth/sso/callback`,
  });
});
afterAll(async () => {
  idp?.stop();
  await browser.close();
});

async function post<T>(path: string, token: string, body: unknown): Promise<T> {
  const res = await fetch(`${baseUrl()}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

describe('single sign-on via the organisation (OpenID Connect)', () => {
  it('the admin configures SSO; a professional logs in at the IdP and lands on the start page', async () => {
    const stamp = Date.now().toString(36);
    const orgName = `E2E SSO Zorg ${stamp}`;
    const email = `sso.${stamp}@e2e.example`;
    const admin = await apiToken('beheer@gezinsplan.demo');
    const org = await post<OrganisationResponse>('/api/organisations', admin, { name: orgName, type: 'provider' });
    await post<CreateUserResponse>('/api/users', admin, {
      email,
      displayName: `Iris Idp ${stamp}`,
      role: 'provider',
      organisationId: org.id,
    });

    // The admin sets it up in beheer, by keyboard.
    const adminSide = await newContext(browser);
    const page = adminSide.page;
    await loginWithKeyboard(page, 'beheer@gezinsplan.demo');
    await page.waitForURL(/\/beheer\/organisaties/);
    const card = page.locator('li.org').filter({ has: page.getByRole('heading', { name: orgName }) });
    const toggle = card.getByRole('button', { name: `Inloggen via organisatie (SSO) van ${orgName}` });
    await toggle.focus();
    await page.keyboard.press('Enter');
    // The panel renders on the next change detection (zoneless): wait for it, then check what the toggle says.
    await card.getByText(`${baseUrl()}/api/auth/sso/callback`).waitFor();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await card.getByLabel('Issuer-URL').focus();
    await page.keyboard.type(idp.issuer);
    await page.keyboard.press('Tab');
    await page.keyboard.type(CLIENT_ID);
    await page.keyboard.press('Tab');
    await page.keyboard.type(CLIENT_SECRET);
    await card.getByLabel('Inloggen via deze organisatie aanzetten').focus();
    await page.keyboard.press('Space');
    await card.getByRole('button', { name: 'SSO-instellingen opslaan' }).focus();
    await page.keyboard.press('Enter');
    await card.getByText(`De SSO-instellingen van ${orgName} zijn opgeslagen.`).waitFor();
    await card.getByText('Er is een geheim opgeslagen; het wordt nooit getoond.').waitFor();
    expect(await card.getByLabel('Client secret').inputValue()).toBe('');
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'sso-admin-settings');
    await adminSide.context.close();

    // The professional: login page -> organisation -> IdP -> back in Gezinsplan, logged in.
    const { context, page: pro } = await newContext(browser);
    await pro.goto(`${baseUrl()}/inloggen`);
    await pro.getByRole('group', { name: 'Inloggen via uw organisatie' }).waitFor();
    // The page keeps exactly one heading named "Inloggen" (other specs' login helper relies on it).
    expect(await pro.getByRole('heading', { name: 'Inloggen' }).count()).toBe(1);
    expect(await accessibilityViolations(pro)).toEqual([]);
    await screenshot(pro, 'sso-login-page');
    await focusByTab(pro, 'sso-organisatie');
    await pro.locator('#sso-organisatie').selectOption({ label: orgName });
    await pro.keyboard.press('Tab');
    await pro.keyboard.press('Enter');
    await pro.waitForURL((url) => url.href.startsWith(idp.issuer));
    await pro.getByLabel('E-mailadres bij de IdP').fill(email);
    await pro.keyboard.press('Enter');
    await pro.waitForURL(/\/gezinnen/);
    await pro.getByText(`Iris Idp ${stamp}`).first().waitFor();
    await context.close();
  });

  it('explains a refused SSO login on the login page, in Dutch and in English', async () => {
    const { context, page } = await newContext(browser);
    await page.goto(`${baseUrl()}/inloggen?sso_error=account`);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Er is geen actief account van uw organisatie in Gezinsplan');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.evaluate(() => localStorage.setItem('gezinsplan.lang', 'en'));
    await page.goto(`${baseUrl()}/sso?error=state`);
    await page.getByRole('heading', { name: 'Log in via your organisation' }).waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('This login attempt has expired');
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'sso-refused-en');
    await context.close();
  });
});
