import type { PlanResponse } from '@gezinsplan/contracts';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  accessibilityViolations,
  launch,
  loginWithKeyboard,
  newContext,
  newPhoneContext,
  screenshot,
} from './support/browser';
import { apiAs, familyIdByName, openPlan } from './support/plan';

/**
 * Issue 4's "done means", in one story with three browsers: the regisseur (toegang@heerlen) writes the De Vries
 * plan on a desktop, the mother (ouder@devries) approves it on her phone, and the care provider (zorg@horizon)
 * posts progress that both of them see appear without reloading — all in Dutch.
 */
jest.setTimeout(240_000);

let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  await browser.close();
});

async function loggedIn(email: string, phone = false): Promise<Page> {
  const { context, page } = phone ? await newPhoneContext(browser) : await newContext(browser);
  contexts.push(context);
  await loginWithKeyboard(page, email);
  await page.waitForURL((url) => !url.pathname.startsWith('/inloggen'));
  return page;
}

it('the regisseur writes the plan, the parent approves it on a phone, and progress appears live for both', async () => {
  const regisseurApi = await apiAs('toegang@heerlen.demo');
  const familyId = await familyIdByName(regisseurApi, 'De Vries');
  const before = (await regisseurApi.call<PlanResponse>('GET', `/api/families/${familyId}/plan`))
    .currentVersionNumber as number;

  const fleur = await loggedIn('toegang@heerlen.demo');
  await openPlan(fleur, familyId);
  const sanne = await loggedIn('ouder@devries.demo', true);
  await sanne.waitForURL(/\/ons-gezin/);
  await sanne.getByRole('heading', { level: 1 }).waitFor();
  const jolien = await loggedIn('zorg@horizon.demo');
  await openPlan(jolien, familyId);

  // 1. The regisseur adds a goal in the family's words, with the keyboard.
  const goalTitle = `Sanne en Mark eten drie keer per week samen met de kinderen (${Date.now().toString(36)})`;
  await fleur.locator('#nieuw-doel-titel').focus();
  await fleur.keyboard.type(goalTitle);
  await fleur.locator('#nieuw-doel-domein').selectOption('family_system');
  await fleur.locator('#nieuw-doel-titel').focus();
  await fleur.keyboard.press('Enter');
  await fleur.getByText(`Doel "${goalTitle}" is toegevoegd.`).waitFor();

  // 2. The mother sees on her phone, without reloading, that the plan changed and what changed; she approves.
  const changes = sanne.getByRole('region', { name: 'Er zijn wijzigingen' });
  await changes.getByText(`Nieuw doel: ${goalTitle}.`).waitFor();
  expect(await accessibilityViolations(sanne)).toEqual([]);
  await screenshot(sanne, 'story-parent-sees-changes');
  await changes.getByRole('button', { name: 'Ik ga akkoord met dit plan' }).focus();
  await sanne.keyboard.press('Enter');
  await sanne.getByText(`Dank u wel. Versie ${before + 1} van het plan is nu goedgekeurd.`).waitFor();

  // The regisseur hears of the approval live.
  await fleur.getByText('Sanne de Vries heeft een versie van het plan vastgelegd').waitFor();
  const agreed = await regisseurApi.call<PlanResponse>('GET', `/api/families/${familyId}/plan`);
  expect(agreed.currentVersionNumber).toBe(before + 1);

  // 3. The care provider posts progress on the new goal; both others see it appear without a reload.
  await fleur.evaluate(() => ((window as unknown as { marker: string }).marker = 'no reload'));
  await sanne.evaluate(() => ((window as unknown as { marker: string }).marker = 'no reload'));
  const note = `Eerste keer samen gegeten, iedereen was er (${Date.now().toString(36)}).`;
  const goal = jolien.locator('article.goal', { hasText: goalTitle });
  await goal.getByText('Voortgang noteren').click();
  await goal.getByLabel('Wat is er gebeurd?').fill(note);
  await goal.getByLabel('Score (1 tot en met 10)').fill('7');
  await goal.getByRole('button', { name: 'Voortgang opslaan' }).click();
  await goal.getByText(note).waitFor();

  await fleur.getByText('Jolien Bakker heeft een voortgangsnotitie toegevoegd').waitFor();
  await fleur.locator('.timeline__item', { hasText: note }).waitFor();
  await sanne.getByText('Jolien Bakker heeft nieuwe voortgang geschreven.', { exact: false }).waitFor();
  await sanne.getByRole('article', { name: goalTitle }).getByText(note).waitFor();
  for (const page of [fleur, sanne]) {
    expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe('no reload');
    expect(await page.getAttribute('html', 'lang')).toBe('nl');
    expect(await accessibilityViolations(page)).toEqual([]);
  }
  await screenshot(fleur, 'story-regisseur-sees-progress');
  await screenshot(sanne, 'story-parent-sees-progress');
});
