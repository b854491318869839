import type { AllocationResponse, FamilyDetail, InvolvementResponse, PlanResponse } from '@gezinsplan/contracts';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  accessibilityViolations,
  baseUrl,
  focusByTab,
  launch,
  loginWithKeyboard,
  newContext,
  newPhoneContext,
  screenshot,
} from './support/browser';
import { apiPost, apiToken, tabToText, uniqueName } from './support/family';

// A slow shared machine: these walk whole flows with several axe scans.
jest.setTimeout(180_000);

let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());
afterEach(() => context?.close());

async function familyNames(p: Page): Promise<string[]> {
  return p.locator('.family__name').allTextContents();
}

/** Registers a family through the worklist form (Maastricht's access team, so Heerlen's lists stay as they are). */
async function registerFamily(p: Page, name: string): Promise<string> {
  await p.getByRole('button', { name: 'Nieuw gezin aanmelden' }).click();
  await p.getByLabel('Naam van het gezin').fill(name);
  await p.getByRole('button', { name: 'Gezin aanmelden' }).click();
  await p.waitForURL(/\/gezinnen\/[0-9a-f-]{36}$/);
  await p.getByRole('heading', { level: 1, name }).waitFor();
  return p.url().split('/').pop() ?? '';
}

describe('worklist and family page for professionals', () => {
  it('lets an access-team worker filter the worklist by keyboard, keeps the filter in the URL, and open De Vries', async () => {
    ({ context, page } = await newContext(browser));
    await loginWithKeyboard(page, 'toegang@heerlen.demo');
    await page.getByRole('heading', { name: 'Mijn gezinnen' }).waitFor();
    await page.getByRole('status').filter({ hasText: '2 gezinnen' }).waitFor();
    // Attention order: De Vries has an overdue agreement, so it comes before Bakker.
    expect(await familyNames(page)).toEqual(['De Vries', 'Bakker']);
    await page.getByText('Te laat: 1 afspraak').waitFor();
    await page.getByText('U bent de regisseur').waitFor();
    await page.getByText('Regisseur: Ingrid Coenen').waitFor();

    await focusByTab(page, 'filter-te-laat');
    await page.keyboard.press('Space');
    await page.waitForURL(/overdue=true/);
    await page.getByRole('status').filter({ hasText: '1 gezin (gefilterd)' }).waitFor();
    expect(await familyNames(page)).toEqual(['De Vries']);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'family-worklist-desktop');

    // Reload keeps the filter.
    await page.reload();
    await page.getByRole('status').filter({ hasText: '1 gezin (gefilterd)' }).waitFor();
    expect(await page.getByLabel('afspraken die te laat zijn').isChecked()).toBe(true);

    // Space again clears the filter.
    await focusByTab(page, 'filter-te-laat');
    await page.keyboard.press('Space');
    await page
      .getByRole('status')
      .filter({ hasText: /^2 gezinnen$/ })
      .waitFor();
    expect(page.url()).not.toContain('overdue');

    await page.getByLabel('Zoek op naam').fill('vries');
    await page.waitForURL(/q=vries/);
    await page.getByRole('status').filter({ hasText: '1 gezin (gefilterd)' }).waitFor();

    // Open the family with the keyboard.
    await tabToText(page, 'De Vries');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/gezinnen\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { level: 1, name: 'De Vries' }).waitFor();

    const members = page.locator('table.members');
    for (const name of ['Sanne de Vries', 'Mark de Vries', 'Noah de Vries', 'Lotte de Vries'])
      await members.getByText(name, { exact: true }).waitFor();
    await members
      .getByText(/Gezag bij .*Sanne de Vries/)
      .first()
      .waitFor();
    await page.getByRole('columnheader', { name: 'BSN' }).waitFor();
    await page.getByText('Oma Ria', { exact: true }).waitFor();

    const organisations = page.locator('section[aria-labelledby="organisaties-titel"]');
    await organisations.getByText('Horizon Jeugdhulp').waitFor();
    await organisations.getByText('Toestemming gegeven', { exact: true }).waitFor();
    await organisations.getByRole('button', { name: 'Toestemming intrekken voor Horizon Jeugdhulp' }).waitFor();

    const regie = page.locator('section[aria-labelledby="regie-titel"]');
    await regie.getByText('Fleur Hendriks (u)').waitFor();
    await regie.getByRole('button', { name: 'Regie overdragen' }).waitFor();

    const zrm = page.locator('section[aria-labelledby="zrm-titel"]');
    await zrm.getByRole('heading', { name: 'Sanne de Vries' }).waitFor();
    const chart = zrm.getByRole('img', { name: /Staafgrafiek van de ZRM-scores van Sanne de Vries/ });
    await chart.waitFor();
    expect((await chart.boundingBox())?.height).toBeGreaterThan(100);
    const table = zrm.getByRole('table', { name: 'ZRM-scores van Sanne de Vries per meting' });
    await table.getByRole('rowheader', { name: 'Financiën' }).waitFor();
    await table.getByRole('columnheader', { name: 'Verandering' }).waitFor();

    await page.getByText('Ingezette hulp').waitFor();
    await page.getByRole('cell', { name: 'Begeleiding' }).first().waitFor();
    await page.getByRole('link', { name: /Naar het gezinsplan/ }).waitFor();
    // Dates as the language writes them (the app formats them itself, without Intl): 3 maart 2026, 03-03-2026.
    await showsDates(
      page,
      /(januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december)/,
      '-',
    );
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'family-page-de-vries');

    // Once in English, with zero violations too.
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { name: 'Family members' }).waitFor();
    await page.getByText('Organisations involved').waitFor();
    await page.getByText('Consent given', { exact: true }).waitFor();
    // 3 March 2026, 03/03/2026 (as en-GB writes them).
    await showsDates(
      page,
      /(January|February|March|April|May|June|July|August|September|October|November|December)/,
      '/',
    );
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Schakel naar Nederlands' }).click();
    await page.getByRole('heading', { name: 'Gezinsleden' }).waitFor();
  });

  it('shows the worklist well on a phone', async () => {
    ({ context, page } = await newPhoneContext(browser));
    await loginWithKeyboard(page, 'toegang@heerlen.demo');
    await page.getByRole('status').filter({ hasText: '2 gezinnen' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'family-worklist-phone');
  });

  it('shows a provider De Vries without BSN and without management actions', async () => {
    ({ context, page } = await newContext(browser));
    await loginWithKeyboard(page, 'zorg@horizon.demo');
    await page.getByRole('heading', { name: 'Mijn gezinnen' }).waitFor();
    await page.getByRole('status').filter({ hasText: '1 gezin' }).waitFor();
    expect(await familyNames(page)).toEqual(['De Vries']);
    await noButton(page, 'Nieuw gezin aanmelden');
    await page.getByRole('link', { name: 'De Vries' }).click();
    await page.getByRole('heading', { level: 1, name: 'De Vries' }).waitFor();
    await page.getByRole('rowheader', { name: 'Noah de Vries' }).waitFor();
    await page.getByText('Horizon Jeugdhulp').first().waitFor();
    await page.getByText('Ingezette hulp').waitFor();
    expect(await page.getByRole('columnheader', { name: 'BSN' }).count()).toBe(0);
    for (const action of [
      'Naam wijzigen',
      'Gezinslid toevoegen',
      'Persoon uit het netwerk toevoegen',
      'Organisatie betrekken',
      'Toestemming intrekken voor Horizon Jeugdhulp',
      'Hulp inzetten',
      'Regie overdragen',
    ])
      await noButton(page, action);
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('registers a new family, renames it and adds a member with validation next to the fields', async () => {
    ({ context, page } = await newContext(browser));
    await loginWithKeyboard(page, 'toegang@maastricht.demo');
    await page.getByRole('heading', { name: 'Mijn gezinnen' }).waitFor();

    await page.getByRole('button', { name: 'Nieuw gezin aanmelden' }).click();
    await page.getByRole('button', { name: 'Gezin aanmelden' }).click();
    await page.getByText('Vul de naam van het gezin in.').waitFor();
    expect(await page.getByLabel('Naam van het gezin').getAttribute('aria-invalid')).toBe('true');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Annuleren' }).click();

    const name = uniqueName('Gezin Proef');
    await registerFamily(page, name);
    await page.getByText('Er zijn nog geen gezinsleden vastgelegd.').waitFor();
    await page.locator('section[aria-labelledby="regie-titel"]').getByText(/\(u\)/).waitFor();

    // Rename inline (If-Match on the version shown).
    const renamed = `${name} B`;
    await page.getByRole('button', { name: 'Naam wijzigen' }).click();
    await page.getByLabel('Naam van het gezin').fill(renamed);
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByRole('heading', { level: 1, name: renamed }).waitFor();
    await page.getByText('De naam is gewijzigd.').waitFor();

    // Add a member: the form says what is wrong next to each field.
    await page.getByRole('button', { name: 'Gezinslid toevoegen' }).click();
    await page.locator('#lid-bsn').fill('123456789');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByText('Vul de naam in.').waitFor();
    await page.getByText('Vul een geboortedatum in.').waitFor();
    await page.getByText('Dit is geen geldig BSN').waitFor();
    expect(await page.locator('#lid-naam').getAttribute('aria-invalid')).toBe('true');
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.locator('#lid-naam').fill('Mila Proef');
    await page.locator('#lid-geboortedatum').fill('2015-04-20');
    await page.locator('#lid-bsn').fill('111222333');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByText('Mila Proef is toegevoegd aan het gezin.').waitFor();
    const row = page.locator('table.members tr', { hasText: 'Mila Proef' });
    await row.getByText('kind', { exact: true }).waitFor();
    await row.getByText('••••••333').waitFor();
    await row.getByRole('button', { name: 'toon het BSN van Mila Proef' }).click();
    await row.getByText('111222333').waitFor();

    // A person from the network.
    await page.getByRole('button', { name: 'Persoon uit het netwerk toevoegen' }).click();
    await page.locator('#netwerk-naam').fill('Buurman Kees');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByText('Vul de relatie met het gezin in.').waitFor();
    await page.locator('#netwerk-relatie').fill('buurman');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByText('Buurman Kees is toegevoegd aan het netwerk.').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('explains in plain Dutch that help needs an agreed plan first', async () => {
    ({ context, page } = await newContext(browser));
    await loginWithKeyboard(page, 'toegang@maastricht.demo');
    await page.getByRole('heading', { name: 'Mijn gezinnen' }).waitFor();
    const name = uniqueName('Gezin Zonderplan');
    const familyId = await registerFamily(page, name);

    // A child and a goal in the (draft) plan, set up through the API.
    const token = await apiToken('toegang@maastricht.demo');
    await apiPost(token, `/api/families/${familyId}/members`, {
      role: 'child',
      name: 'Jesse Zonderplan',
      birthDate: '2013-02-02',
    });
    await apiPost(token, `/api/families/${familyId}/plan/goals`, {
      title: 'Jesse gaat weer naar school',
      lifeDomain: 'education',
    });
    // Back to the worklist and in again (in the app, no reload), so the page loads the new data.
    await page.getByRole('link', { name: 'Terug naar mijn gezinnen' }).click();
    await page.getByRole('link', { name, exact: true }).click();
    await page.getByText('Jesse Zonderplan', { exact: true }).waitFor();

    await page.getByRole('button', { name: 'Hulp inzetten' }).click();
    await page.locator('form').getByRole('button', { name: 'Hulp inzetten' }).click();
    await page.getByText('Kies de soort hulp.').waitFor();
    await page.getByText('Kies minstens één doel uit het plan.').waitFor();

    await page.getByLabel('Soort hulp').selectOption({ label: 'Begeleiding' });
    await page.getByLabel('Aanbieder').selectOption({ label: 'Kompas Gezinsbegeleiding' });
    await page.getByLabel('Voor welk kind?').selectOption({ label: 'Jesse Zonderplan' });
    await page.getByLabel('Jesse gaat weer naar school').check();
    await page.locator('form').getByRole('button', { name: 'Hulp inzetten' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'nog geen afgesproken gezinsplan' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain(
      'Deze hulp kan nog niet worden ingezet, want het gezin heeft nog geen afgesproken gezinsplan.',
    );
    await page.getByText('Er is nog geen hulp ingezet.').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'family-allocation-refused');
  });
});

async function noButton(p: Page, name: string): Promise<void> {
  expect(await p.getByRole('button', { name, exact: true }).count()).toBe(0);
}

describe('help allocated, confirmed by the care provider', () => {
  it('lets Horizon confirm the start of its own help and end it with the iJw reason, by keyboard', async () => {
    const access = await apiToken('toegang@heerlen.demo');
    const get = async <T>(path: string): Promise<T> =>
      (await (await fetch(`${baseUrl()}${path}`, { headers: { authorization: `Bearer ${access}` } })).json()) as T;
    const families = await get<{ items: { id: string; displayName: string }[] }>('/api/families?q=De%20Vries');
    const familyId = families.items.find((f) => f.displayName === 'De Vries')?.id ?? '';
    const family = await get<FamilyDetail>(`/api/families/${familyId}`);
    const noah = family.members.find((m) => m.name === 'Noah de Vries');
    const plan = await get<PlanResponse>(`/api/families/${familyId}/plan`);
    const involvements = await get<InvolvementResponse[]>(`/api/families/${familyId}/involvements`);
    const horizon = involvements.find((i) => i.organisation.name === 'Horizon Jeugdhulp')?.organisation.id;
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const allocation = await apiPost<AllocationResponse>(access, `/api/families/${familyId}/allocations`, {
      youthMemberId: noah?.id,
      providerId: horizon,
      arrangement: 'treatment',
      goalIds: [plan.goals[0].id],
      requestDate: day(-10),
      decisionDate: day(-5),
    });
    expect(allocation.status).toBe('allocated');

    ({ context, page } = await newContext(browser));
    await loginWithKeyboard(page, 'zorg@horizon.demo');
    await page.waitForURL(/\/gezinnen/);
    await page.goto(`${baseUrl()}/gezinnen/${familyId}`);
    await page.getByRole('heading', { name: 'Ingezette hulp' }).waitFor();

    // Start: JW305.
    const start = page.getByRole('button', { name: 'Start bevestigen: Behandeling – Noah de Vries' });
    await start.focus();
    await page.keyboard.press('Enter');
    await page.locator(`#hulp-${allocation.id}-datum`).waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(`hulp-${allocation.id}-datum`);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.keyboard.press('Enter');
    const end = page.getByRole('button', { name: 'Hulp beëindigen: Behandeling – Noah de Vries' });
    await end.waitFor();
    const started = (await get<AllocationResponse[]>(`/api/families/${familyId}/allocations`)).find(
      (a) => a.id === allocation.id,
    );
    expect([started?.status, started?.ijwMessage, started?.startDate]).toEqual(['started', 'JW305', day(0)]);

    // End: JW307 with a reason; without one the form says what is missing and nothing is sent.
    await end.focus();
    await page.keyboard.press('Enter');
    await page.locator(`#hulp-${allocation.id}-datum`).waitFor();
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByText('Kies de reden van beëindiging.').waitFor();
    expect(
      (await get<AllocationResponse[]>(`/api/families/${familyId}/allocations`)).find((a) => a.id === allocation.id)
        ?.status,
    ).toBe('started');
    await page.locator(`#hulp-${allocation.id}-reden`).selectOption('34');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    // The button is hidden while the form is open: first the form goes (saved), then the button stays gone once
    // the list is read again with the help stopped.
    await page.locator(`#hulp-${allocation.id}-datum`).waitFor({ state: 'detached' });
    await end.waitFor({ state: 'detached' });
    const stopped = (await get<AllocationResponse[]>(`/api/families/${familyId}/allocations`)).find(
      (a) => a.id === allocation.id,
    );
    expect([stopped?.status, stopped?.endReason, stopped?.earlyTermination]).toEqual(['stopped', '34', true]);
    await page.getByText('Voortijdig beëindigd', { exact: false }).first().waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'family-allocation-confirmed');
  });
});

/** A long date (3 maart 2026, with the language's month names) and a short one (03-03-2026) are on the page. */
async function showsDates(page: Page, months: RegExp, separator: '-' | '/'): Promise<void> {
  await page
    .getByText(new RegExp(`\\b\\d{1,2} ${months.source} 20\\d\\d\\b`))
    .first()
    .waitFor();
  await page
    .getByText(new RegExp(`\\b\\d{2}${separator}\\d{2}${separator}20\\d\\d\\b`))
    .first()
    .waitFor();
}
