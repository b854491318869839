import type { PrivacyExport } from '@gezinsplan/contracts';
import { readFileSync } from 'node:fs';
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
import { api, apiLogin, deVriesFamilyId, unique } from './support/portal';

jest.setTimeout(150_000);

let browser: Browser;
let context: BrowserContext;
let page: Page;
let familyId: string;
const wrong = unique('Mijn telefoonnummer klopt niet');
const answerText = unique('Het telefoonnummer is aangepast');

beforeAll(async () => {
  browser = await launch();
  familyId = await deVriesFamilyId();
});
afterAll(() => browser.close());
afterEach(() => context.close());

async function openPortal(p: Page, email: string): Promise<void> {
  await loginWithKeyboard(p, email);
  await p.waitForURL(/\/ons-gezin/);
  await p.getByRole('heading', { name: 'Mijn gegevens', level: 2 }).waitFor();
}

/** A random citizen service number that passes the 11-test. */
function randomBsn(): string {
  for (;;) {
    const digits = Array.from({ length: 8 }, () => Math.floor(Math.random() * 10));
    if (digits[0] === 0) continue;
    const last = digits.reduce((acc, d, i) => acc + d * (9 - i), 0) % 11;
    if (last !== 10) return [...digits, last].join('');
  }
}

describe('privacy rights in the portal and on the family page', () => {
  it('lets a parent download everything (JSON and PDF) and file a correction request with the keyboard', async () => {
    ({ context, page } = await newPhoneContext(browser));
    await openPortal(page, 'ouder@devries.demo');
    const section = page.locator('section[aria-labelledby="mijn-gegevens-titel"]');
    await section.getByText('U mag alles zien wat wij over u bewaren.', { exact: false }).waitFor();

    const [json] = await Promise.all([
      page.waitForEvent('download'),
      section.getByRole('button', { name: 'Download als JSON (voor een computer)' }).click(),
    ]);
    const data = JSON.parse(readFileSync((await json.path()) as string, 'utf8')) as PrivacyExport;
    expect(data.format).toBe('gezinsplan-privacy-export');
    expect(data.family.displayName).toBe('De Vries');
    expect(data.subject.role).toBe('parent');
    expect(data.plan?.goals.length).toBeGreaterThan(0);
    expect(data.accessLog.length).toBeGreaterThan(0);
    await section.getByText('Het bestand is gedownload.').waitFor();

    const [pdf] = await Promise.all([
      page.waitForEvent('download'),
      section.getByRole('button', { name: 'Download als PDF (om te lezen)' }).click(),
    ]);
    expect(
      readFileSync((await pdf.path()) as string)
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');

    // The correction form, keyboard only; an empty form says what is missing.
    await page.focus('#correctie-fout');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await section.getByText('Vul dit in.').first().waitFor();
    await page.focus('#correctie-fout');
    await page.keyboard.type(wrong);
    await page.keyboard.press('Tab');
    await page.keyboard.type('06-12345678');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await section.getByText('Uw verzoek is verstuurd.', { exact: false }).waitFor();
    const mine = section.locator('li', { hasText: wrong });
    await mine.getByText('Nog geen antwoord').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'privacy-my-data-phone');
  });

  it('lets the regisseur answer the request on the family page, and the parent sees the answer', async () => {
    ({ context, page } = await newContext(browser));
    await loginWithKeyboard(page, 'toegang@heerlen.demo');
    await page.waitForURL(/\/gezinnen/);
    await page.goto(`${baseUrl()}/gezinnen/${familyId}`);
    const section = page.locator('section[aria-labelledby="correcties-titel"]');
    const item = section.locator('li', { hasText: wrong });
    await item.waitFor();
    await item.getByLabel('Uw antwoord (wat is aangepast, of waarom niet)').focus();
    await page.keyboard.type(answerText);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await item.getByText(answerText, { exact: false }).waitFor();
    // The access log on the family page, filtered to today.
    await page.getByRole('button', { name: 'Toegangslog tonen' }).click();
    const log = page.locator('section[aria-labelledby="inzage-titel"]');
    await log.getByRole('heading', { name: 'Wie heeft ons dossier bekeken' }).waitFor();
    const today = new Date().toISOString().slice(0, 10);
    await log.getByLabel('Vanaf').fill(today);
    await log.getByRole('button', { name: 'Toon' }).click();
    await log.getByText('Bekeken: de download van alle gegevens').first().waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'privacy-regisseur-corrections');
    await context.close();

    ({ context, page } = await newPhoneContext(browser));
    await openPortal(page, 'ouder@devries.demo');
    const mine = page.locator('section[aria-labelledby="mijn-gegevens-titel"] li', { hasText: wrong });
    await mine.getByText('Toegekend').waitFor();
    await mine.getByText(answerText, { exact: false }).waitFor();
  });

  it('lets a provider use emergency access on a family it is not involved with; the parent sees it flagged', async () => {
    // A member with a citizen service number in the Janssen family (Horizon is not involved there).
    const maastricht = await apiLogin('toegang@maastricht.demo');
    const janssen = (await apiLogin('ouder@janssen.demo')).familyId as string;
    const bsn = randomBsn();
    await api(maastricht, 'POST', `/api/families/${janssen}/members`, {
      role: 'other',
      name: unique('Kees Noodtoegang'),
      birthDate: '1961-04-04',
      citizenServiceNumber: bsn,
    });

    ({ context, page } = await newContext(browser));
    await loginWithKeyboard(page, 'zorg@horizon.demo');
    await page.waitForURL(/\/gezinnen/);
    await page.getByRole('link', { name: 'Noodtoegang' }).click();
    await page.getByRole('heading', { name: 'Noodtoegang', level: 1 }).waitFor();
    await page.getByText('Gebruik noodtoegang alleen', { exact: false }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'privacy-emergency-form');
    await page.focus('#nood-bsn');
    await page.keyboard.type(bsn);
    await page.getByLabel('Geboortedatum van dat gezinslid').fill('1961-04-04');
    await page.focus('#nood-reden');
    await page.keyboard.type('Te kort');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByText('de reden heeft minstens 10 tekens', { exact: false }).waitFor();
    await page.focus('#nood-reden');
    await page.keyboard.type(' – melding van de politie, kind alleen thuis aangetroffen');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/gezinnen\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { level: 1, name: 'Janssen' }).waitFor();
    await page.getByTestId('noodtoegang-banner').getByText('U gebruikt noodtoegang', { exact: false }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'privacy-emergency-banner');
    await context.close();

    ({ context, page } = await newPhoneContext(browser));
    await loginWithKeyboard(page, 'ouder@janssen.demo');
    await page.waitForURL(/\/ons-gezin/);
    const log = page.locator('section[aria-labelledby="inzage-titel"]');
    await log.getByText('Met spoed-toegang').first().waitFor();
    await log.getByText('Waarom mocht dit: noodtoegang').first().waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'privacy-parent-sees-emergency');
  });
});
