import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  accessibilityViolations,
  baseUrl,
  focusByTab,
  launch,
  loginWithKeyboard,
  newContext,
  screenshot,
} from './support/browser';
import { apiToken, familyNames, indicators, namesIn } from './support/dashboard';

// Long end-to-end flows on a shared 2-core machine: allow more than the default minute.
jest.setTimeout(180_000);

let browser: Browser;
let context: BrowserContext;
let page: Page;
let families: string[];

beforeAll(async () => {
  browser = await launch();
  families = await familyNames();
});
afterAll(() => browser.close());
beforeEach(async () => {
  ({ context, page } = await newContext(browser));
});
afterEach(() => context.close());

const card = (p: Page, title: string) => p.locator('gp-indicator-card').filter({ hasText: title });
const mainValue = (p: Page, title: string) => card(p, title).locator('.indicator__value').first();
const mainText = (p: Page) => p.locator('main').evaluate((el) => el.textContent ?? '');

describe('outcome dashboard', () => {
  it('shows a policy user the region figures in Dutch, with charts, table alternatives, filters and CSV export', async () => {
    const token = await apiToken('beleid@zuidlimburg.demo');
    const region = await indicators(token);
    const heerlen = await indicators(token, '?municipality=Heerlen');
    expect(region.scope).toBe('region');
    const coverage = region.indicators.find((i) => i.key === 'plan_coverage');
    expect(coverage?.suppressed).toBe(false);
    expect(heerlen.indicators.find((i) => i.key === 'plan_coverage')?.suppressed).toBe(true);

    await loginWithKeyboard(page, 'beleid@zuidlimburg.demo');
    await page.waitForURL(/\/dashboard/);
    await page.getByRole('heading', { level: 1, name: 'Dashboard uitkomsten jeugdhulp' }).waitFor();
    expect(await page.title()).toBe('Dashboard uitkomsten – Gezinsplan');
    await page.getByText('Regio Zuid-Limburg', { exact: true }).waitFor();

    // Every indicator as a card with its Dutch title, value, group size and definition.
    expect(await page.locator('gp-indicator-card').count()).toBe(region.indicators.length);
    for (const title of [
      'Jeugdigen met hulp en een afgesproken gezinsplan',
      'Doorlooptijd van aanvraag tot beschikking en start',
      'Voortijdige beëindiging (uitval)',
      'Cliënttevredenheid',
      'Klachten per 100 gezinnen',
      'Openstaand werk',
    ]) {
      await page.getByRole('heading', { level: 3, name: title }).waitFor();
    }
    const expectedShare = `${Math.round(coverage?.figures[0].value ?? -1)}%`;
    expect(await mainValue(page, 'Jeugdigen met hulp en een afgesproken gezinsplan').textContent()).toBe(expectedShare);
    const coverageCard = card(page, 'Jeugdigen met hulp en een afgesproken gezinsplan');
    expect(await coverageCard.textContent()).toContain(`Berekend over ${coverage?.groupSize} gezinnen`);
    expect(await coverageCard.textContent()).toContain(`Definitie: ${coverage?.definition.nl}`);
    // A suppressed indicator says "< 5" and why.
    const suppressed = region.indicators.find((i) => i.suppressed);
    if (suppressed) {
      expect(await mainValue(page, suppressed.title.nl).textContent()).toBe('< 5');
      expect(await card(page, suppressed.title.nl).textContent()).toContain(
        'Dit cijfer gaat over minder dan 5 gezinnen. Het wordt niet getoond, zodat niemand herkenbaar is.',
      );
    }

    // Charts: a trend line and two comparisons, each an image with a summary as its name.
    const canvases = page.locator('canvas[role="img"]');
    await canvases.first().waitFor();
    expect(await canvases.count()).toBe(3);
    const summaries = await canvases.evaluateAll((els) => els.map((el) => el.getAttribute('aria-label') ?? ''));
    expect(summaries[0]).toMatch(/^Lijndiagram: Aandeel met afgesproken plan per maand/);
    expect(summaries[1]).toMatch(/^Staafdiagram: Aandeel met afgesproken plan per gemeente\. Hoogste/);
    expect(summaries[2]).toMatch(/^Staafdiagram: Aandeel met afgesproken plan per aanbieder\./);
    for (const s of summaries) expect(s).toContain('Alle cijfers staan in de tabel onder de grafiek.');
    // Charts were really drawn (the canvas has pixels).
    const drawn = await canvases.evaluateAll((els) =>
      els.map((el) => {
        const c = el as HTMLCanvasElement;
        const data = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? [];
        return Array.from(data).some((v, i) => i % 4 === 3 && v > 0);
      }),
    );
    expect(drawn).toEqual([true, true, true]);

    // Table alternatives, opened with the keyboard.
    const summaryButtons = page.locator('details.table-alt > summary');
    expect(await summaryButtons.count()).toBe(3);
    for (let i = 0; i < 3; i++) {
      await summaryButtons.nth(i).focus();
      await page.keyboard.press('Enter');
    }
    const municipalities = page.getByRole('table', { name: /Hoofdcijfers per gemeente/ });
    await municipalities.waitFor();
    const kerkrade = region.byMunicipality.find((m) => m.key === 'Kerkrade');
    const kerkradeShare = kerkrade?.values['plan_coverage.share'];
    expect(kerkradeShare?.suppressed).toBe(false);
    const kerkradeRow = municipalities.getByRole('row', { name: /^Kerkrade/ });
    expect(await kerkradeRow.locator('td').first().textContent()).toBe(`${Math.round(kerkradeShare?.value ?? -1)}%`);
    const heerlenRow = municipalities.getByRole('row', { name: /^Heerlen/ });
    expect(await heerlenRow.locator('td').first().textContent()).toBe('< 5');
    await page.getByRole('table', { name: /Hoofdcijfers per maand/ }).waitFor();
    await page.getByRole('table', { name: /Hoofdcijfers per aanbieder/ }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'dashboard-regio');
    expect(namesIn(await mainText(page), families)).toEqual([]);

    // Filter on Heerlen with the keyboard: the URL and the figures follow.
    await focusByTab(page, 'filter-gemeente');
    await page.keyboard.type('Heerlen');
    expect(await page.locator('#filter-gemeente').inputValue()).toBe('Heerlen');
    await focusByTab(page, 'filter-toepassen');
    await page.keyboard.press('Enter');
    await page.waitForURL(/[?&]gemeente=Heerlen/);
    await page.getByText('Gemeente Heerlen', { exact: true }).waitFor();
    await page.waitForFunction(
      () =>
        document.querySelector('gp-indicator-card .indicator__value')?.textContent?.trim() === '< 5' &&
        !document.querySelector('[role="status"]')?.textContent?.includes('berekend'),
    );
    expect(await mainValue(page, 'Jeugdigen met hulp en een afgesproken gezinsplan').textContent()).toBe('< 5');
    expect(await page.locator('#filter-gemeente').inputValue()).toBe('Heerlen');
    // A reload keeps the filter (it lives in the URL).
    await page.reload();
    await page.getByText('Gemeente Heerlen', { exact: true }).waitFor();
    expect(await page.locator('#filter-gemeente').inputValue()).toBe('Heerlen');

    // Export what is shown: a CSV with Dutch headers for Heerlen, and no family in it.
    await focusByTab(page, 'exporteer-csv');
    const [response, download] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/indicators/export.csv')),
      page.waitForEvent('download'),
      page.keyboard.press('Enter'),
    ]);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toMatch(/^text\/csv/);
    expect(new URL(response.url()).searchParams.get('municipality')).toBe('Heerlen');
    // The page turns the answer into a file; the browser keeps no copy of the body, so read the saved file.
    const file = readFileSync(await download.path(), 'utf8');
    const body = file.replace(/^\uFEFF/, '');
    expect(body.split('\n')[0]).toBe(
      'Onderdeel;Groep;Nummer;Indicator;Cijfer;Uitsplitsing;Waarde;Eenheid;Groepsgrootte (gezinnen);Periode van;Periode tot;Gemeente;Aanbieder;Arrangement',
    );
    expect(body).toContain('Jeugdigen met hulp en een afgesproken gezinsplan');
    expect(body).toContain(';Heerlen;');
    expect(body).toContain('< 5');
    expect(download.suggestedFilename()).toMatch(/^indicatoren-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(file.startsWith('\uFEFF')).toBe(true); // so Dutch spreadsheet programs read it as UTF-8
    expect(namesIn(body, families)).toEqual([]);
    await page.getByText(/Het CSV-bestand indicatoren-.*\.csv is opgeslagen/).waitFor();

    // Nothing on the page names a family, in any table or chart summary.
    const text = await mainText(page);
    const labels = await page
      .locator('main [aria-label]')
      .evaluateAll((els) => els.map((el) => el.getAttribute('aria-label')).join(' '));
    expect(namesIn(`${text} ${labels}`, families)).toEqual([]);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'dashboard-heerlen');
  });

  it('exports the whole region without naming a family', async () => {
    const token = await apiToken('beleid@zuidlimburg.demo');
    const res = await fetch(`${baseUrl()}/api/indicators/export.csv`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const body = await res.text();
    expect(body).toContain('Kerkrade');
    expect(namesIn(body, families)).toEqual([]);
  });

  it('works in English too, with the definitions in English', async () => {
    await loginWithKeyboard(page, 'beleid@zuidlimburg.demo');
    await page.waitForURL(/\/dashboard/);
    await page.getByRole('heading', { level: 1, name: 'Dashboard uitkomsten jeugdhulp' }).waitFor();
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Youth care outcomes dashboard' }).waitFor();
    expect(await page.title()).toBe('Outcomes dashboard – Gezinsplan');
    await page.getByRole('heading', { level: 3, name: 'Youths with help and an agreed family plan' }).waitFor();
    await page.getByText('Region Zuid-Limburg', { exact: true }).waitFor();
    expect(await card(page, 'Youths with help and an agreed family plan').textContent()).toContain('Definition:');
    const summary = await page.locator('canvas[role="img"]').first().getAttribute('aria-label');
    expect(summary).toMatch(/^Line chart: Share with agreed plan per month/);
    // The charts follow a different figure, chosen with the keyboard.
    await page.locator('#grafiek-cijfer').focus();
    await page.keyboard.press('ArrowDown');
    await page.waitForURL(/cijfer=lead_time\.decision_median/);
    await page.waitForFunction(() =>
      document.querySelector('canvas[role="img"]')?.getAttribute('aria-label')?.includes('Days to decision (median)'),
    );
    for (const details of await page.locator('details.table-alt > summary').all()) await details.click();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'dashboard-en');
  });

  it('shows a provider only the figures of their own organisation', async () => {
    const token = await apiToken('zorg@horizon.demo');
    const own = await indicators(token);
    expect(own.scope).toBe('provider');
    expect(own.byProvider.map((p) => p.label)).toEqual(['Horizon Jeugdhulp']);

    await loginWithKeyboard(page, 'zorg@horizon.demo');
    await page.waitForURL(/\/gezinnen/);
    await page.getByRole('link', { name: 'Dashboard' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/dashboard/);
    await page.getByText('Aanbieder Horizon Jeugdhulp', { exact: true }).waitFor();
    await page.getByText('Horizon Jeugdhulp (uw eigen organisatie)').waitFor();
    expect(await page.locator('select#filter-aanbieder').count()).toBe(0);
    await page.locator('canvas[role="img"]').first().waitFor();
    for (const details of await page.locator('details.table-alt > summary').all()) await details.click();
    const providers = page.getByRole('table', { name: /Hoofdcijfers per aanbieder/ });
    const rows = await providers.locator('tbody th').allTextContents();
    expect(rows.map((r) => r.trim())).toEqual(['Horizon Jeugdhulp']);
    expect(await page.locator('main').textContent()).not.toContain('Parkstad Jeugdzorg');
    expect(namesIn(await mainText(page), families)).toEqual([]);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'dashboard-aanbieder');
  });
});
