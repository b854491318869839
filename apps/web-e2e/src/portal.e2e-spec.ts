import type { GoalResponse, PlanResponse } from '@gezinsplan/contracts';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  accessibilityViolations,
  baseUrl,
  delayPageCode,
  launch,
  loginWithKeyboard,
  newContext,
  newPhoneContext,
  recordReads,
  screenshot,
} from './support/browser';
import { api, apiLogin, deVriesFamilyId, unique } from './support/portal';

// Axe scans of the long portal page are slow on a busy machine.
jest.setTimeout(120_000);

let browser: Browser;
let context: BrowserContext;
let page: Page;
let familyId: string;

beforeAll(async () => {
  browser = await launch();
  familyId = await deVriesFamilyId();
});
afterAll(() => browser.close());
beforeEach(async () => {
  ({ context, page } = await newPhoneContext(browser));
});
afterEach(() => context.close());

async function openPortal(p: Page, email: string): Promise<void> {
  await loginWithKeyboard(p, email);
  await p.waitForURL(/\/ons-gezin/);
  await p.getByRole('heading', { name: 'Ons plan', level: 2 }).waitFor();
}

/** The number in "Goedgekeurd plan: versie N." */
async function agreedVersion(p: Page): Promise<number> {
  const text = (await p.getByTestId('agreed-version').textContent()) ?? '';
  const match = /versie (\d+)/.exec(text);
  if (!match) throw new Error(`no version number in "${text}"`);
  return Number(match[1]);
}

/** Gives the live channel a moment to join the family's room after the page rendered. */
const settle = () => new Promise((r) => setTimeout(r, 1500));

describe('the parent portal (/ons-gezin) on a phone', () => {
  it('reads the family, the plan and the evaluations while the page’s code is still downloading', async () => {
    await openPortal(page, 'ouder@devries.demo');
    // The page's code arrives late (a slow phone network); its first reads must not wait for it.
    const code = await delayPageCode(page, 'gp-portal-page');
    const reads = recordReads(page, `/api/families/${familyId}`);
    await page.reload();
    await page.getByRole('heading', { name: 'Ons plan', level: 2 }).waitFor();
    const base = `/api/families/${familyId}`;
    for (const path of [base, `${base}/plan`, `${base}/evaluations`]) {
      const of = reads.filter((r) => r.path === path);
      // Each read once: the page took the answer read ahead.
      expect(of).toHaveLength(1);
      expect(of[0].at).toBeLessThan(code.arrivedAt());
    }
  });

  it('takes a parent, logged in with the keyboard alone, to the family plan in plain Dutch', async () => {
    await openPortal(page, 'ouder@devries.demo');
    expect(await page.title()).toBe('Ons gezin – Gezinsplan');
    await page.getByRole('heading', { name: 'Ons gezin – De Vries', level: 1 }).waitFor();
    await page.getByText('Uw regisseur is Fleur Hendriks.').waitFor();
    // The family's own words per section, and the goals with status and the latest news.
    await page.getByRole('heading', { name: 'Wat gaat er goed' }).waitFor();
    await page.getByText('Oma Ria woont om de hoek en helpt graag.', { exact: false }).waitFor();
    const school = page.getByRole('article', { name: 'Noah gaat weer elke dag naar school' });
    await school.getByText('Stand: bezig').waitFor();
    await school.getByText('Jolien Bakker (Horizon Jeugdhulp)', { exact: false }).first().waitFor();
    // What the family and its network do, next due first.
    const todo = page.locator('.todo__item .todo__what');
    expect(await todo.allTextContents()).toEqual([
      'Sanne belt elke vrijdag met de mentor van Noah',
      'Oma Ria helpt elke week met het ordenen van de post',
    ]);
    // Progress as a bar with the score in words.
    await page.getByRole('heading', { name: 'Voortgang', level: 2 }).waitFor();
    await page.locator('.progress').getByText('Score: 3 van de 10').waitFor();
    // No horizontal scrolling on a phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'portal-phone');
  });

  it('lets a parent propose a goal and comment on a goal with the keyboard', async () => {
    await openPortal(page, 'ouder@devries.demo');
    const title = unique('Lotte slaapt in haar eigen bed');
    await page.focus('#voorstel-doel');
    await page.keyboard.type(title);
    await page.keyboard.press('Tab');
    await page.keyboard.type('Opvoeden');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByText('Dank u. Uw voorstel staat in het plan. De regisseur kijkt ernaar.').waitFor();
    const proposal = page.getByRole('article', { name: title });
    await proposal.getByText('Voorgesteld, de regisseur kijkt ernaar').waitFor();
    await proposal.getByText('Over: Opvoeden').waitFor();

    const goal = page.getByRole('article', { name: 'Meer rust in huis na schooltijd' });
    const comment = unique('Na het eten gaat het al beter');
    await goal.getByLabel('Uw reactie op dit doel').focus();
    await page.keyboard.type(comment);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await goal.getByText('Uw reactie is geplaatst.').waitFor();
    await goal.getByText(comment).waitFor();
    await goal.getByText('Sanne de Vries', { exact: false }).first().waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('shows who looked at the file, with the organisation, in plain words', async () => {
    const provider = await apiLogin('zorg@horizon.demo');
    await api(provider, 'GET', `/api/families/${familyId}/plan`);
    await openPortal(page, 'ouder@devries.demo');
    const log = page.getByRole('region', { name: 'Wie heeft ons dossier bekeken' });
    await log.getByText('Horizon Jeugdhulp').first().waitFor();
    await log.getByText('Bekeken: het plan').first().waitFor();
    await log.getByText('U zelf').first().waitFor();
    await log.getByText(/1 tot en met \d+ van \d+/).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('shows what changed since the agreed version and lets a parent with custody approve it', async () => {
    await openPortal(page, 'ouder@devries.demo');
    const before = await agreedVersion(page);
    const regisseur = await apiLogin('toegang@heerlen.demo');
    const title = unique('Sanne en Mark plannen samen de week');
    await api<GoalResponse>(regisseur, 'POST', `/api/families/${familyId}/plan/goals`, {
      title,
      lifeDomain: 'family_system',
    });
    // The change arrives live: a polite notice, and the approval panel lists it in plain words.
    await page.getByText('Fleur Hendriks heeft het plan aangepast.', { exact: false }).waitFor();
    const panel = page.getByRole('region', { name: 'Er zijn wijzigingen' });
    await panel.getByText(`Nieuw doel: ${title}.`).waitFor();
    await panel.getByText(`Sinds versie ${before} is het plan veranderd.`, { exact: false }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'portal-approve-changes');

    // The regisseur changes the plan again while the parent's approval is on its way: the API answers 409
    // and the parent is asked to look at the new version first; nothing is agreed.
    const late = unique('Oma Ria kookt op woensdag');
    await page.route('**/api/families/*/plan/versions', async (route) => {
      await api<GoalResponse>(regisseur, 'POST', `/api/families/${familyId}/plan/goals`, {
        title: late,
        lifeDomain: 'family_system',
      });
      await route.continue();
    });
    await panel.getByRole('button', { name: 'Ik ga akkoord met dit plan' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('Het plan is net veranderd. Bekijk de nieuwe versie', { exact: false }).waitFor();
    await panel.getByText(`Nieuw doel: ${late}.`).waitFor();
    expect(await agreedVersion(page)).toBe(before);
    await page.unroute('**/api/families/*/plan/versions');

    await panel.getByRole('button', { name: 'Ik ga akkoord met dit plan' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText(`Dank u wel. Versie ${before + 1} van het plan is nu goedgekeurd.`).waitFor();
    await page.getByRole('region', { name: 'Plan goedkeuren' }).waitFor();
    await page.getByText('Er zijn geen nieuwe wijzigingen.', { exact: false }).waitFor();
    expect(await agreedVersion(page)).toBe(before + 1);
    const plan = await api<PlanResponse>(regisseur, 'GET', `/api/families/${familyId}/plan`);
    expect(plan.currentVersionNumber).toBe(before + 1);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'portal-approve-done');
  });

  it('shows progress posted by a care provider without a reload', async () => {
    await openPortal(page, 'ouder@devries.demo');
    await settle();
    const provider = await apiLogin('zorg@horizon.demo');
    const plan = await api<PlanResponse>(provider, 'GET', `/api/families/${familyId}/plan`);
    const school = plan.goals.find((g) => g.title === 'Noah gaat weer elke dag naar school');
    if (!school) throw new Error('the school goal is missing');
    const note = unique('Noah was de hele week op school');
    const url = page.url();
    await api(provider, 'POST', `/api/goals/${school.id}/progress`, { note, score: 8 });
    await page.getByText('Jolien Bakker heeft nieuwe voortgang geschreven.', { exact: false }).waitFor();
    const goal = page.getByRole('article', { name: 'Noah gaat weer elke dag naar school' });
    await goal.getByText(note).waitFor();
    await goal.getByText('Score: 8 van de 10').waitFor();
    expect(page.url()).toBe(url);
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('shows a youth of 14 their plan without an approve button, sharing switch or access log', async () => {
    await openPortal(page, 'jeugd@devries.demo');
    await page.getByRole('article', { name: 'Noah gaat weer elke dag naar school' }).waitFor();
    await page
      .getByText('Een ouder met gezag keurt het plan goed.')
      .or(page.getByText('Er zijn geen nieuwe wijzigingen.', { exact: false }))
      .first()
      .waitFor();
    expect(await page.getByRole('button', { name: 'Ik ga akkoord met dit plan' }).count()).toBe(0);
    expect(await page.getByRole('switch').count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Wie heeft ons dossier bekeken' }).count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Een doel voorstellen' }).count()).toBe(0);
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('reads well in English too', async () => {
    await openPortal(page, 'ouder@devries.demo');
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { name: 'Our plan', level: 2 }).waitFor();
    await page.getByText('Your case director is Fleur Hendriks.', { exact: false }).waitFor();
    await page.getByRole('heading', { name: 'What we are going to do' }).waitFor();
    expect(await page.title()).toBe('Our family – Gezinsplan');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Schakel naar Nederlands' }).click();
    await page.getByRole('heading', { name: 'Ons plan', level: 2 }).waitFor();
  });
});

describe('notifications (/meldingen)', () => {
  it('shows the regisseur changes by others, overdue agreements and evaluations, and marks one read', async () => {
    await context.close();
    ({ context, page } = await newContext(browser));
    // A change by the parent, so the regisseur has at least one unread notification.
    const parent = await apiLogin('ouder@devries.demo');
    const plan = await api<PlanResponse>(parent, 'GET', `/api/families/${familyId}/plan`);
    const comment = unique('Vraag van Sanne');
    await api(parent, 'POST', `/api/goals/${plan.goals[0].id}/comments`, { text: comment });

    await loginWithKeyboard(page, 'toegang@heerlen.demo');
    await page.waitForURL(/\/gezinnen/);
    await page.goto(`${baseUrl()}/meldingen`);
    await page.getByRole('heading', { name: 'Meldingen', level: 1 }).waitFor();
    expect(await page.title()).toBe('Meldingen – Gezinsplan');
    const changes = page.getByRole('region', { name: /Wijzigingen door anderen/ });
    const overdue = page.getByRole('region', { name: /Te late afspraken/ });
    await page.getByRole('region', { name: /Evaluaties binnenkort/ }).waitFor();
    const late = overdue.getByRole('link', { name: 'Aanmelden bij de schuldhulpverlening van de gemeente' });
    await late.waitFor();
    await overdue.getByText('Gezin De Vries', { exact: false }).waitFor();
    expect(await late.getAttribute('href')).toBe(`/gezinnen/${familyId}/plan`);

    const item = changes.locator('li', { hasText: comment });
    await item.waitFor();
    await item.getByText('Nieuw', { exact: true }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'notifications');
    await item.getByRole('button', { name: /Markeer als gelezen/ }).click();
    await item.getByRole('button', { name: /Markeer als gelezen/ }).waitFor({ state: 'detached' });
    expect(await item.getByText('Nieuw', { exact: true }).count()).toBe(0);
    await page.reload();
    await changes.locator('li', { hasText: comment }).waitFor();
    expect(await changes.locator('li', { hasText: comment }).getByText('Nieuw', { exact: true }).count()).toBe(0);

    // Keyboard: Tab to the overdue agreement and open the family's plan.
    let found = false;
    for (let i = 0; i < 80 && !found; i++) {
      await page.keyboard.press('Tab');
      found = await page.evaluate(
        () => document.activeElement?.closest('section')?.getAttribute('aria-labelledby') === 'te-laat',
      );
    }
    expect(found).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/gezinnen/${familyId}/plan`));
  });

  it('reads well in English', async () => {
    await context.close();
    ({ context, page } = await newContext(browser));
    await loginWithKeyboard(page, 'toegang@heerlen.demo');
    await page.waitForURL(/\/gezinnen/);
    await page.goto(`${baseUrl()}/meldingen`);
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { name: 'Overdue agreements' }).waitFor();
    await page.getByRole('heading', { name: 'Changes by others' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Schakel naar Nederlands' }).click();
    await page.getByRole('heading', { name: /Te late afspraken/ }).waitFor();
  });

  it('shows a parent their notifications with links to their own family page', async () => {
    await loginWithKeyboard(page, 'ouder@devries.demo');
    await page.waitForURL(/\/ons-gezin/);
    await page.goto(`${baseUrl()}/meldingen`);
    await page.getByRole('heading', { name: /Wijzigingen door anderen/ }).waitFor();
    expect(await page.getByRole('heading', { name: /Te late afspraken/ }).count()).toBe(0);
    const links = await page.locator('.items a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    for (const href of links) expect(href).toBe('/ons-gezin');
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'notifications-parent-phone');
  });
});
