import type { OrganisationResponse } from '@gezinsplan/contracts';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { accessibilityViolations, baseUrl, launch, loginWithKeyboard, newContext, screenshot } from './support/browser';
import { apiGet, apiToken } from './support/dashboard';

// Long end-to-end flows on a shared 2-core machine: allow more than the default minute.
jest.setTimeout(180_000);

let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());
beforeEach(async () => {
  ({ context, page } = await newContext(browser));
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl() });
});
afterEach(() => context.close());

const post = (path: string, body: unknown, token?: string) =>
  fetch(`${baseUrl()}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });

describe('beheer (admin)', () => {
  it('creates an organisation, a team and an account, shows the activation token once, and deactivates the account', async () => {
    const stamp = Date.now().toString(36);
    const orgName = `E2E Jeugdzorg ${stamp}`;
    const teamName = `Wijkteam Oost ${stamp}`;
    const userName = `Sanne Proost ${stamp}`;
    const email = `sanne.${stamp}@e2e.example`;
    const adminToken = await apiToken('beheer@gezinsplan.demo');

    await loginWithKeyboard(page, 'beheer@gezinsplan.demo');
    await page.waitForURL(/\/beheer\/organisaties/);
    await page.getByRole('heading', { level: 2, name: 'Organisaties en teams' }).waitFor();
    expect(await page.title()).toBe('Beheer: organisaties – Gezinsplan');
    expect(await accessibilityViolations(page)).toEqual([]);

    // A new organisation, by keyboard.
    await page.locator('#org-naam').focus();
    await page.keyboard.type(orgName);
    await page.locator('#org-soort').selectOption('provider');
    await page.locator('#org-naam').focus();
    await page.keyboard.press('Enter');
    await page.getByText(`Organisatie ${orgName} is toegevoegd.`).waitFor();
    const orgCard = page.locator('li.org').filter({ has: page.getByRole('heading', { name: orgName }) });
    await orgCard.waitFor();
    expect(await orgCard.textContent()).toContain('jeugdhulpaanbieder');

    // Edit it; someone else changes it in between, so the save meets a newer version (409) and says so.
    const org = (await apiGet<OrganisationResponse[]>(adminToken, '/api/organisations')).find(
      (o) => o.name === orgName,
    );
    expect(org).toBeDefined();
    await page.getByRole('button', { name: `Bewerken – ${orgName}` }).click();
    const nameField = page.locator(`#naam-${org?.id}`);
    await nameField.waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(`naam-${org?.id}`);
    const other = await fetch(`${baseUrl()}/api/organisations/${org?.id}`, {
      method: 'PATCH',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${adminToken}`,
        'if-match': `"${org?.version}"`,
      },
      body: JSON.stringify({ name: `${orgName} (door collega)` }),
    });
    expect(other.status).toBe(200);
    await nameField.fill(`${orgName} BV`);
    await nameField.press('Enter');
    await page.getByText(`De huidige versie heet "${orgName} (door collega)"`).waitFor();
    expect(await nameField.inputValue()).toBe(`${orgName} BV`);
    await nameField.press('Enter');
    await page.getByText(`Wijzigingen in ${orgName} BV zijn opgeslagen.`).waitFor();
    const saved = (await apiGet<OrganisationResponse[]>(adminToken, '/api/organisations')).find(
      (o) => o.id === org?.id,
    );
    expect(saved?.name).toBe(`${orgName} BV`);

    // A team for it.
    const teamField = page.getByLabel(`Naam van het nieuwe team van ${orgName} BV`);
    await teamField.focus();
    await page.keyboard.type(teamName);
    await page.keyboard.press('Enter');
    await page.getByText(`Team ${teamName} is toegevoegd aan ${orgName} BV.`).waitFor();
    expect(
      await page
        .locator('li.org')
        .filter({ hasText: `${orgName} BV` })
        .locator('.teams li')
        .allTextContents(),
    ).toEqual([teamName]);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'beheer-organisaties');

    // An account for a professional of that organisation and team.
    await page.getByRole('link', { name: 'Gebruikers' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/beheer\/gebruikers/);
    await page.getByRole('heading', { level: 2, name: 'Gebruikers' }).waitFor();
    await page.locator('#gebruiker-email').focus();
    await page.keyboard.type(email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(userName);
    await page.locator('#gebruiker-rol').selectOption('provider');
    await page.locator('#gebruiker-organisatie').selectOption({ label: `${orgName} BV` });
    await page.locator('#gebruiker-team').selectOption({ label: teamName });
    await page.getByRole('button', { name: 'Account aanmaken' }).focus();
    await page.keyboard.press('Enter');

    // The one-time token: shown once, focused, copyable, explained.
    const heading = page.getByRole('heading', { name: `Activatietoken voor ${userName}` });
    await heading.waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('activatie-kop');
    await page.getByText('Dit token wordt maar één keer getoond').waitFor();
    const token = ((await page.locator('#activatie-token').textContent()) ?? '').trim();
    expect(token.length).toBeGreaterThanOrEqual(20);
    await page.getByRole('button', { name: 'Kopieer token' }).click();
    await page.getByText('Het token is gekopieerd.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'beheer-activatietoken');
    await page.getByRole('button', { name: 'Ik heb het token doorgegeven' }).click();
    await page.locator('#activatie-token').waitFor({ state: 'detached' });
    await page.reload();
    await page.getByRole('heading', { level: 2, name: 'Gebruikers' }).waitFor();
    await page.locator(`li.user[data-email="${email}"]`).waitFor();
    expect(await page.locator('main').textContent()).not.toContain(token);

    // The new user activates the account on /activeren with the token (keyboard only), then logs in.
    const password = 'Een-eigen-wachtwoord-2026';
    const newcomer = await newContext(browser);
    try {
      const p = newcomer.page;
      await p.goto(`${baseUrl()}/activeren`);
      await p.getByRole('heading', { name: 'Account activeren' }).waitFor();
      expect(await p.title()).toBe('Account activeren – Gezinsplan');
      // A wrong token first: a plain explanation, nothing activated.
      await p.getByLabel('Activatietoken').fill('dit-is-geen-geldig-token-123456');
      await p.getByLabel('Nieuw wachtwoord').fill(password);
      await p.getByLabel('Herhaal het wachtwoord').fill(password);
      await p.keyboard.press('Enter');
      await p.getByRole('alert').getByText('Dit activatietoken is niet (meer) geldig.').waitFor();
      expect(await accessibilityViolations(p)).toEqual([]);
      await p.getByLabel('Activatietoken').fill(token);
      await p.getByLabel('Herhaal het wachtwoord').fill('iets-anders-dan-het-wachtwoord');
      await p.keyboard.press('Enter');
      await p.getByText('De twee wachtwoorden zijn niet hetzelfde.').waitFor();
      await p.getByLabel('Herhaal het wachtwoord').fill(password);
      await p.keyboard.press('Enter');
      await p.getByText('Uw account is geactiveerd.').waitFor();
      await screenshot(p, 'account-activeren');
      await loginWithKeyboard(p, email, password);
      await p.waitForURL((url) => !url.pathname.startsWith('/inloggen'));
    } finally {
      await newcomer.context.close();
    }

    // Find the user with the filters, end their sessions, then deactivate with confirmation.
    await page.locator('#zoek-gebruiker').focus();
    await page.keyboard.type(stamp);
    const row = page.locator(`li.user[data-email="${email}"]`);
    await page.getByText('1 gebruiker', { exact: true }).waitFor();
    expect(await row.textContent()).toContain(`${orgName} BV`);
    expect(await row.textContent()).toContain(teamName);
    await page.getByRole('button', { name: `Sessies beëindigen – ${userName}` }).click();
    await page.getByText(`1 sessie(s) van ${userName} beëindigd.`).waitFor();
    await page.getByRole('button', { name: `Deactiveren – ${userName}` }).click();
    const confirm = page.getByRole('alertdialog');
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain(`Weet u zeker dat u het account van ${userName} wilt deactiveren?`);
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe(`Ja, deactiveer ${userName}`);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.keyboard.press('Enter');
    await page.getByText(`Het account van ${userName} is gedeactiveerd.`).waitFor();
    await row.getByText('Gedeactiveerd').waitFor();
    expect((await post('/api/auth/login', { email, password })).status).not.toBe(200);
    await screenshot(page, 'beheer-gebruikers');
  });

  it('works in English with zero axe violations', async () => {
    await loginWithKeyboard(page, 'beheer@gezinsplan.demo');
    await page.waitForURL(/\/beheer\/organisaties/);
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { level: 2, name: 'Organisations and teams' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Users' }).click();
    await page.getByRole('heading', { level: 2, name: 'Users' }).waitFor();
    await page.getByText('toegang@heerlen.demo').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'beheer-gebruikers-en');
  });
});
