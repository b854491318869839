import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  accessibilityViolations,
  baseUrl,
  launch,
  loginWithKeyboard,
  newContext,
  newPhoneContext,
  screenshot,
} from './support/browser';
import { apiPost, apiToken, uniqueName } from './support/family';
import { apiLogin } from './support/portal';

// Axe scans of long pages are slow on a busy machine.
jest.setTimeout(300_000);

let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());
afterEach(async () => {
  while (contexts.length) await contexts.pop()?.close();
});

async function desktop(): Promise<Page> {
  const { context, page } = await newContext(browser);
  contexts.push(context);
  return page;
}

async function phone(): Promise<Page> {
  const { context, page } = await newPhoneContext(browser);
  contexts.push(context);
  return page;
}

/** Presses Tab until the focused element has this accessible text (button) or id. */
async function tabTo(page: Page, match: { text?: string; id?: string }, max = 250): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const hit = await page.evaluate(
      ({ text, id }) =>
        (id !== undefined && document.activeElement?.id === id) ||
        (text !== undefined && document.activeElement?.textContent?.trim() === text),
      match,
    );
    if (hit) return;
  }
  throw new Error(`never reached ${JSON.stringify(match)} by Tab`);
}

describe('closing a file (family page)', () => {
  it('the regisseur closes the file with the keyboard, sees the retention date, and reopens it', async () => {
    // A family of our own, in Maastricht where the other specs make theirs: never close a demo family, and never
    // add one to Heerlen's worklist, which other specs count.
    const token = await apiToken('toegang@maastricht.demo');
    const family = await apiPost<{ id: string }>(token, '/api/families', { displayName: uniqueName('Gezin Sluiten') });
    const page = await desktop();
    await loginWithKeyboard(page, 'toegang@maastricht.demo');
    await page.waitForURL(/\/gezinnen/);
    await page.goto(`${baseUrl()}/gezinnen/${family.id}`);
    const section = page.getByRole('region', { name: 'Dossier en bewaartermijn' });
    await section.getByText('Het dossier is open.').waitFor();
    await section.getByText('Er zijn geen verzoeken om vernietiging.').waitFor();

    // Submitting without a date: a clear error at the field.
    await tabTo(page, { text: 'Dossier sluiten' });
    await page.keyboard.press('Enter');
    await section.getByText('Vul een datum in die niet in de toekomst ligt.').waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('einde-hulp');
    await page.locator('#einde-hulp').fill('2026-01-15');
    await tabTo(page, { text: 'Dossier sluiten' });
    await page.keyboard.press('Enter');
    await section.getByText('Het dossier is gesloten.', { exact: true }).waitFor();
    await section.getByText('De hulp is beëindigd op 15 januari 2026', { exact: false }).waitFor();
    await section.getByText('Jeugdhulp: bewaard tot 15 januari 2046', { exact: false }).waitFor();
    await page.waitForFunction(() => document.activeElement?.id === 'dossier-openen');
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'retention-closed');

    await page.keyboard.press('Enter');
    await section.getByText('Het dossier is weer open.').waitFor();
    await section.getByText('Het dossier is open.').waitFor();

    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('region', { name: 'File and retention' }).getByText('The file is open.').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Schakel naar Nederlands' }).click();
  });
});

describe('early destruction: request -> refuse', () => {
  it('a parent asks on a phone, the regisseur refuses with a reason, the parent sees why', async () => {
    const parent = await apiLogin('ouder@janssen.demo');
    const familyId = parent.familyId as string;
    const explanation = uniqueName('De hulp is klaar, wij willen dit niet bewaard');

    // 1. The parent, on a phone: the explanation in plain words, then the request.
    const mobile = await phone();
    await loginWithKeyboard(mobile, 'ouder@janssen.demo');
    await mobile.waitForURL(/\/ons-gezin/);
    const ask = mobile.getByRole('region', { name: 'Gegevens laten vernietigen' });
    await ask
      .getByText('Wij bewaren het dossier van uw gezin na het einde van de hulp 20 jaar.', { exact: false })
      .waitFor();
    await ask.getByText('De regisseur beslist binnen 3 maanden.', { exact: false }).waitFor();
    await ask.getByText('Dat kan niet meer terug.', { exact: false }).waitFor();
    expect(await accessibilityViolations(mobile)).toEqual([]);
    await tabTo(mobile, { id: 'vernietigen-waarom' });
    await mobile.keyboard.type(explanation);
    await mobile.keyboard.press('Tab');
    expect(await mobile.evaluate(() => document.activeElement?.textContent?.trim())).toBe(
      'Vraag om het dossier te vernietigen',
    );
    await mobile.keyboard.press('Enter');
    await ask.getByText('Uw verzoek is verstuurd.', { exact: false }).waitFor();
    await ask.getByText('De regisseur beslist nog').waitFor();
    await ask.getByText('U heeft al een verzoek dat nog loopt.').waitFor();
    expect(await accessibilityViolations(mobile)).toEqual([]);
    await screenshot(mobile, 'retention-request-phone');

    // 2. The regisseur (access team Maastricht) answers on the family page: no reason first, then a reason.
    const page = await desktop();
    await loginWithKeyboard(page, 'toegang@maastricht.demo');
    await page.waitForURL(/\/gezinnen/);
    await page.goto(`${baseUrl()}/gezinnen/${familyId}`);
    const section = page.getByRole('region', { name: 'Dossier en bewaartermijn' });
    const item = section.locator('li', { hasText: explanation });
    await item.waitFor();
    await item.getByText('Wacht op besluit').waitFor();
    await item.getByText('Het hele dossier').waitFor();
    const reason = item.getByLabel('Reden van afwijzing');
    await reason.focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Afwijzen');
    await page.keyboard.press('Enter');
    await item.getByText('Kies een reden om af te wijzen.').waitFor();
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('SELECT');
    await reason.selectOption('help-ongoing');
    await page.keyboard.press('Tab');
    await page.keyboard.type('De hulp van Kompas loopt nog. Vraag het gerust opnieuw als de hulp klaar is.');
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'retention-decide');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await section.getByText('Het besluit is vastgelegd.').waitFor();
    const decided = section.locator('li', { hasText: explanation });
    await decided.getByText('Afgewezen').waitFor();
    await decided.getByText('Reden: De hulp loopt nog en het dossier is nodig').waitFor();
    expect(await decided.getByRole('button', { name: 'Toekennen en nu vernietigen' }).count()).toBe(0);

    // 3. The parent sees the answer and may ask again.
    await mobile.reload();
    const answer = mobile.getByRole('region', { name: 'Gegevens laten vernietigen' });
    await answer.getByText('Reden: De hulp loopt nog en het dossier is nodig').waitFor();
    await answer.getByText('De hulp van Kompas loopt nog.', { exact: false }).waitFor();
    await answer.getByRole('button', { name: 'Vraag om het dossier te vernietigen' }).waitFor();
    expect(await accessibilityViolations(mobile)).toEqual([]);
    await screenshot(mobile, 'retention-refused-phone');
  });
});
