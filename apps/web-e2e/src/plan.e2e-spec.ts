import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  accessibilityViolations,
  delayPageCode,
  launch,
  loginWithKeyboard,
  newContext,
  newPhoneContext,
  recordReads,
  routeScripts,
  screenshot,
} from './support/browser';
import { apiAs, familyIdByName, openPlan, tabTo, type ApiClient } from './support/plan';

interface PlanBody {
  id: string;
  revision: number;
  currentVersionNumber: number | null;
  sections: { id: string; kind: string; content: string; version: number }[];
  goals: { id: string; title: string; status: string; agreements: { id: string }[] }[];
}

const OWNER = 'toegang@maastricht.demo';
jest.setTimeout(180_000);

let browser: Browser;
const contexts: BrowserContext[] = [];
let regisseur: ApiClient;
let owner: ApiClient;
let deVries: string;

async function session(email: string): Promise<Page> {
  const { context, page } = await newContext(browser);
  contexts.push(context);
  await loginWithKeyboard(page, email);
  await page.waitForURL(/\/gezinnen/);
  return page;
}

/**
 * One family of this spec's own, registered through the API by the Maastricht access team, so agreeing versions
 * and editing sections touches no demo data (Heerlen's worklist is asserted exactly by the login spec).
 * The tests use different sections of it.
 */
let own: string | null = null;
async function ownFamily(): Promise<string> {
  own ??= (await owner.call<{ id: string }>('POST', '/api/families', { displayName: `Plantest ${Date.now()}` })).id;
  return own;
}

async function readPlan(familyId: string): Promise<PlanBody> {
  return owner.call<PlanBody>('GET', `/api/families/${familyId}/plan`);
}

async function setSection(familyId: string, kind: string, content: string): Promise<void> {
  const section = (await readPlan(familyId)).sections.find((s) => s.kind === kind);
  if (!section) throw new Error(`no section ${kind}`);
  await owner.call('PATCH', `/api/plan-sections/${section.id}`, { content }, { 'if-match': `"${section.version}"` });
}

async function agreeOnBehalf(familyId: string): Promise<void> {
  const { revision } = await readPlan(familyId);
  await owner.call('POST', `/api/families/${familyId}/plan/versions`, {
    revision,
    onBehalfReason: 'Ouders gaven mondeling akkoord',
  });
}

beforeAll(async () => {
  browser = await launch();
  regisseur = await apiAs('toegang@heerlen.demo');
  deVries = await familyIdByName(regisseur, 'De Vries');
  owner = await apiAs(OWNER);
});
afterAll(() => browser.close());
afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

describe('the plan screen for professionals', () => {
  it('lets the regisseur work in the De Vries plan with the keyboard alone', async () => {
    const stamp = Date.now();
    const goalTitle = `Noah fietst zelf naar school ${stamp}`;
    const page = await session('toegang@heerlen.demo');
    await openPlan(page, deVries);
    expect(await page.locator('h1').textContent()).toContain('Gezinsplan De Vries');
    await page.getByText('in uitvoering').first().waitFor();
    await page.getByText('15 maart 2027').waitFor();
    await page.getByRole('heading', { name: 'In de woorden van het gezin' }).waitFor();
    await page.getByRole('heading', { name: 'School en opleiding' }).waitFor();
    await page.getByText('Vier van de vijf dagen op school.').waitFor();

    // A section, inline: Bewerken -> textarea -> Opslaan.
    await tabTo(page, { label: 'Bewerken: Onze sterke kanten' });
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.tagName === 'TEXTAREA');
    await page.keyboard.press('End');
    await page.keyboard.press('Control+End');
    await page.keyboard.type(` Noah helpt graag met koken (${stamp}).`);
    await tabTo(page, { text: 'Opslaan' });
    await page.keyboard.press('Enter');
    await page.getByText(`Noah helpt graag met koken (${stamp}).`).waitFor();
    // Focus returns to the edit button.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      'Bewerken: Onze sterke kanten',
    );

    // A new goal, in the education domain, then moved above the existing one with the keyboard buttons.
    await tabTo(page, { id: 'nieuw-doel-titel' });
    await page.keyboard.type(goalTitle);
    await page.keyboard.press('Tab');
    await page.keyboard.type('School');
    expect(await page.locator('#nieuw-doel-domein').inputValue()).toBe('education');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    const education = page.locator('section[aria-labelledby="domein-education"]');
    await education.getByRole('heading', { name: goalTitle }).waitFor();
    await page.getByText(`Doel "${goalTitle}" is toegevoegd.`).waitFor();
    const titles = () => education.locator('h4').allTextContents();
    expect((await titles()).map((t) => t.replace('⋮⋮', '').trim()).at(-1)).toBe(goalTitle);

    await tabTo(page, { label: `Omhoog: ${goalTitle}` });
    const before = (await titles()).length;
    for (let i = 1; i < before; i++) {
      await page.keyboard.press('Enter');
      await page
        .getByText(new RegExp(`${goalTitle} staat nu op plaats ${before - i} van ${before} in School en opleiding`))
        .waitFor();
    }
    expect((await titles()).map((t) => t.replace('⋮⋮', '').trim())[0]).toBe(goalTitle);
    // The keyboard user stays on the moved goal.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-move'))).not.toBeNull();

    // An agreement for the new goal: what, who, by when. The folded-away forms are not built yet (a form per goal,
    // and chromium's first date field, are work a phone would do for nothing while the plan opens); opening one
    // builds it.
    const newGoal = page.locator('article.goal', { hasText: goalTitle });
    expect(await newGoal.locator('input[type="date"]').count()).toBe(0);
    expect(await page.locator('article.goal details.add form').count()).toBe(0);
    await tabTo(page, { label: `Afspraak toevoegen bij: ${goalTitle}` });
    await page.keyboard.press('Enter');
    await newGoal.getByLabel('Klaar op (datum)').waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.type('Mark fietst de eerste week mee');
    await page.keyboard.press('Tab'); // who (family member)
    await page.keyboard.press('Tab'); // name
    await page.keyboard.type('Mark de Vries');
    // Past the date field (its day, month and year parts) to the button.
    await tabTo(page, { text: 'Afspraak toevoegen' }, 10);
    await page.keyboard.press('Enter');
    const card = page.locator('article.goal', { hasText: goalTitle });
    await card.locator('.description', { hasText: 'Mark fietst de eerste week mee' }).waitFor();
    await card.getByText('Wie: Mark de Vries (gezinslid)').waitFor();
    await card.getByText('Klaar op: geen datum').waitFor();

    // Its due date, inline; then marked done.
    await card.getByRole('button', { name: 'Bewerken: afspraak Mark fietst de eerste week mee' }).click();
    await card.locator('gp-agreement-item').getByLabel('Klaar op (datum)').fill('2026-12-31');
    await card.getByRole('button', { name: 'Opslaan' }).click();
    await card.getByText('Klaar op: 31 december 2026').waitFor();
    await card.getByRole('button', { name: 'Gedaan: Mark fietst de eerste week mee' }).click();
    await card.getByRole('button', { name: 'Weer openen: Mark fietst de eerste week mee' }).waitFor();

    // The goal's comments: folded away (and not built) until opened, then a comment with its author and time.
    const thread = card.locator('gp-comment-thread').last();
    expect(await thread.locator('textarea').count()).toBe(0);
    await thread.getByText('Reacties (0)').click();
    await thread.getByText('Nog geen reacties.').waitFor();
    await thread.getByLabel(`Reactie bij: ${goalTitle}`).fill(`Goed plan, Noah (${stamp}).`);
    await thread.getByRole('button', { name: 'Reactie plaatsen' }).click();
    await thread.getByText('Reacties (1)').waitFor();
    await thread.getByText(`Goed plan, Noah (${stamp}).`).waitFor();
    await thread
      .getByText(/Fleur Hendriks \(toegangsteam\) · \d{1,2} [a-z]+ 20\d\d om \d{2}:\d{2}/)
      .first()
      .waitFor();

    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'plan-desktop');
  });

  it('reads the plan while the screen’s code is still downloading, and reads nothing twice', async () => {
    const page = await session('toegang@heerlen.demo');
    // The plan screen's code arrives late (a slow phone network); the reads must not wait for it.
    const code = await delayPageCode(page, 'gp-plan-page');
    const reads = recordReads(page, `/api/families/${deVries}`);
    await openPlan(page, deVries);
    // The live channel joins once the plan is on screen, and catches up with one more read of the plan.
    await page.locator('section[aria-labelledby="kijkers"]').getByText('Fleur Hendriks').waitFor();

    const base = `/api/families/${deVries}`;
    const of = (path: string) => reads.filter((r) => r.path === path);
    for (const path of [base, `${base}/plan`, `${base}/plan/versions`]) {
      expect(of(path).length).toBeGreaterThan(0);
      expect(of(path)[0].at).toBeLessThan(code.arrivedAt());
    }
    expect(of(base)).toHaveLength(1);
    expect(of(`${base}/plan/versions`)).toHaveLength(1);
    expect(of(`${base}/plan`)).toHaveLength(2);
  });

  it('resumes the session, reads the plan and fetches the screen’s code before the app’s code has arrived', async () => {
    const page = await session('toegang@heerlen.demo');
    const reads = recordReads(page, `/api/families/${deVries}`);
    // A slow phone network: the app's main script and the plan screen's code both arrive late.
    const arrived: Record<'main' | 'screen', number> = { main: Infinity, screen: Infinity };
    let screenImports: string[] = [];
    let screenPath = '';
    await routeScripts(page, /\/(main|chunk)-[\w-]+\.js$/, async ({ url, body }) => {
      const main = /\/main-[\w-]+\.js$/.test(url);
      const screen = body.includes('gp-plan-page');
      if (screen) {
        screenImports = [...body.matchAll(/from\s*["'`]\.\/(chunk-[\w-]+\.js)["'`]/g)].map((m) => m[1]);
        screenPath = new URL(url).pathname;
      }
      if (main || screen) await new Promise((r) => setTimeout(r, 1500));
      if (main) arrived.main = Date.now();
      if (screen) arrived.screen = Date.now();
    });
    const requested = new Map<string, number>();
    const refreshes: number[] = [];
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (request.method() === 'POST' && path === '/api/auth/refresh') refreshes.push(Date.now());
      if (!requested.has(path)) requested.set(path, Date.now());
    });
    await openPlan(page, deVries);
    await page.locator('section[aria-labelledby="kijkers"]').getByText('Fleur Hendriks').waitFor();

    // The refresh left while the app's code was still on its way, and the app sent no second one (the server
    // rotates the refresh token on every refresh).
    expect(refreshes).toHaveLength(1);
    expect(refreshes[0]).toBeLessThan(arrived.main);
    // So did the screen's first reads, as soon as the session was there; the app used them and read none of them
    // again (the plan a second time only for the live channel's catch-up, as in the test above).
    const base = `/api/families/${deVries}`;
    const of = (path: string) => reads.filter((r) => r.path === path);
    for (const path of [base, `${base}/plan`, `${base}/plan/versions`]) {
      expect(of(path)[0]?.at).toBeGreaterThanOrEqual(refreshes[0]);
      expect(of(path)[0]?.at).toBeLessThan(arrived.main);
    }
    expect(of(base)).toHaveLength(1);
    expect(of(`${base}/plan/versions`)).toHaveLength(1);
    expect(of(`${base}/plan`)).toHaveLength(2);
    // The screen's code, and every chunk it imports, was asked for by the page itself while the app's code was still
    // on its way, instead of by the app once it had started (and then the shared chunks one round trip later).
    expect(requested.get(screenPath)).toBeLessThan(arrived.main);
    expect(screenImports.length).toBeGreaterThan(0);
    for (const chunk of screenImports) expect(requested.get(`/${chunk}`)).toBeLessThan(arrived.main);
  });

  it('reads again what failed before the app’s code arrived', async () => {
    const page = await session('toegang@heerlen.demo');
    const base = `/api/families/${deVries}`;
    // The versions read that leaves before the app's code fails once (a dropped connection); later ones go through.
    let failed = 0;
    await page.route(`**${base}/plan/versions`, async (route) => {
      if (failed++ === 0) await route.fulfill({ status: 503, body: '' });
      else await route.continue();
    });
    const reads = recordReads(page, base);
    await openPlan(page, deVries);
    await page.locator('section.versions').waitFor();
    // The versions the second read brought are on the page (compared with the API's own answer: a response body
    // read from the browser can already be gone by then).
    const versions = await regisseur.call<unknown[]>('GET', `${base}/plan/versions`);
    expect(await page.locator('section.versions tbody tr').count()).toBe(versions.length);
    expect(versions.length).toBeGreaterThan(0);
    expect(reads.filter((r) => r.path === `${base}/plan/versions`)).toHaveLength(2);
    expect(reads.filter((r) => r.path === base)).toHaveLength(1);
  });

  it('draws the header and the family’s words first on a phone, then the goal cards one by one', async () => {
    const { context, page } = await newPhoneContext(browser);
    contexts.push(context);
    await loginWithKeyboard(page, 'toegang@heerlen.demo');
    await page.waitForURL(/\/gezinnen/);
    // What the page holds after each task that changed it (a MutationObserver reports once per task).
    await page.addInitScript(() => {
      const steps: { words: boolean; goals: number; versions: boolean; addGoal: boolean }[] = [];
      (window as unknown as { steps: typeof steps }).steps = steps;
      new MutationObserver(() => {
        const step = {
          words: document.querySelector('gp-plan-sections section') !== null,
          goals: document.querySelectorAll('gp-goal-card').length,
          versions: document.querySelector('section.versions') !== null,
          addGoal: document.querySelector('#nieuw-doel') !== null,
        };
        const last = steps.at(-1);
        if (!last || JSON.stringify(last) !== JSON.stringify(step)) steps.push(step);
      }).observe(document, { childList: true, subtree: true });
    });
    await openPlan(page, deVries);
    await page.locator('section.versions').waitFor();
    const steps = await page.evaluate(() => (window as unknown as { steps: unknown[] }).steps);
    const typed = steps as { words: boolean; goals: number; versions: boolean; addGoal: boolean }[];
    const first = typed.findIndex((step) => step.words);
    // The first render with the plan has the family's words and no goal card yet.
    expect(typed[first]).toEqual({ words: true, goals: 0, versions: false, addGoal: false });
    // Then one goal card per step, then the form for a new goal and the versions.
    const counts = typed.slice(first).map((step) => step.goals);
    for (let i = 1; i < counts.length; i++) expect(counts[i] - counts[i - 1]).toBeLessThanOrEqual(1);
    const { goals } = await regisseur.call<PlanBody>('GET', `/api/families/${deVries}/plan`);
    const onBoard = goals.filter((goal) => goal.status !== 'proposed' && goal.status !== 'declined').length;
    expect(onBoard).toBeGreaterThan(1);
    expect(typed.at(-1)).toEqual({ words: true, goals: onBoard, versions: true, addGoal: true });
  });

  it.each(['phone', 'desktop'])(
    'does not jump on a %s while the session, the plan and the live channel arrive',
    async (screen) => {
      // Lighthouse's desktop screen: the first part of the plan is shorter than the screen, so the footer is in view
      // while the goal cards are drawn in turns.
      const { context, page } =
        screen === 'phone'
          ? await newPhoneContext(browser)
          : await browser.newContext({ locale: 'nl-NL', viewport: { width: 1350, height: 940 } }).then(async (c) => ({
              context: c,
              page: await c.newPage(),
            }));
      contexts.push(context);
      await loginWithKeyboard(page, 'toegang@heerlen.demo');
      await page.waitForURL(/\/gezinnen/);
      await page.addInitScript(() => {
        const shifts: number[] = [];
        (window as unknown as { shifts: number[] }).shifts = shifts;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) shifts.push((entry as unknown as { value: number }).value);
        }).observe({ type: 'layout-shift', buffered: true });
      });
      // A page load of its own: the session resumes from the cookie while the header is already drawn.
      await openPlan(page, deVries);
      await page.locator('section[aria-labelledby="kijkers"]').getByText('Fleur Hendriks').waitFor();
      await page.locator('section.versions').waitFor();
      const shifts = await page.evaluate(() => (window as unknown as { shifts: number[] }).shifts);
      // Chromium's layout-shift score of the whole load (the CLS of Lighthouse); the viewers list arriving used to
      // push the plan down by one row (0.016), the user's name the language button (0.055), and on the desktop the
      // goal cards drawn one by one the footer (0.046).
      expect(shifts.reduce((sum, value) => sum + value, 0)).toBeLessThan(0.005);
    },
  );

  it('shows progress posted by the provider live, with who did it, and who is looking', async () => {
    const note = `Noah was deze week alle dagen op school (${Date.now()}).`;
    const fleur = await session('toegang@heerlen.demo');
    await openPlan(fleur, deVries);
    const jolien = await session('zorg@horizon.demo');
    await openPlan(jolien, deVries);

    const viewers = fleur.locator('section[aria-labelledby="kijkers"]');
    await viewers.getByText('Jolien Bakker').waitFor();
    await viewers.getByText('Fleur Hendriks').waitFor();
    await jolien.locator('section[aria-labelledby="kijkers"]').getByText('Fleur Hendriks').waitFor();
    expect(await viewers.locator('.avatar').allTextContents()).toEqual(expect.arrayContaining(['FH', 'JB']));
    await fleur.evaluate(() => ((window as unknown as { marker: string }).marker = 'no reload'));

    const goal = jolien.locator('article.goal', { hasText: 'Noah gaat weer elke dag naar school' });
    await goal.getByText('Voortgang noteren').click();
    await goal.getByLabel('Wat is er gebeurd?').fill(note);
    await goal.getByLabel('Score (1 tot en met 10)').fill('8');
    await goal.getByRole('button', { name: 'Voortgang opslaan' }).click();
    await goal.getByText(note).waitFor();

    await fleur.getByText('Jolien Bakker heeft een voortgangsnotitie toegevoegd').waitFor();
    const item = fleur.locator('.timeline__item', { hasText: note });
    await item.waitFor();
    expect(await item.textContent()).toContain('Score 8 van 10');
    expect(await item.textContent()).toContain('door Jolien Bakker');
    // Newest first.
    const first = fleur
      .locator('article.goal', { hasText: 'Noah gaat weer elke dag naar school' })
      .locator('.timeline__item')
      .first();
    expect(await first.textContent()).toContain(note);
    expect(await fleur.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe('no reload');
    expect(await accessibilityViolations(fleur)).toEqual([]);
  });

  it('shows both versions when two people edit the same section, and merging keeps both texts', async () => {
    const familyId = await ownFamily();
    const first = await session(OWNER);
    const second = await session(OWNER);
    await openPlan(first, familyId);
    await openPlan(second, familyId);

    for (const page of [first, second]) await page.getByRole('button', { name: 'Bewerken: Wat gaat er goed' }).click();
    await first.getByLabel('Wat gaat er goed').fill('Vader kookt elke dag.');
    await first.getByRole('button', { name: 'Opslaan' }).click();
    await first.getByText('Vader kookt elke dag.').waitFor();

    await second.getByLabel('Wat gaat er goed').fill('Moeder brengt de kinderen naar school.');
    await second.getByRole('button', { name: 'Opslaan' }).click();
    const dialog = second.getByRole('dialog', { name: 'Iemand anders heeft dit net aangepast' });
    await dialog.waitFor();
    expect(await second.evaluate(() => document.activeElement?.id)).toBe('conflict-title');
    const mine = dialog.locator('section[aria-labelledby="conflict-mine"]');
    const theirs = dialog.locator('section[aria-labelledby="conflict-theirs"]');
    expect(await mine.textContent()).toContain('Uw versie');
    expect(await mine.textContent()).toContain('Moeder brengt de kinderen naar school.');
    expect(await theirs.textContent()).toContain('De nieuwste versie');
    expect(await theirs.textContent()).toContain('Vader kookt elke dag.');
    await dialog.getByRole('button', { name: 'Mijn versie bewaren' }).waitFor();
    await dialog.getByRole('button', { name: 'Hun versie nemen' }).waitFor();
    expect(await accessibilityViolations(second)).toEqual([]);
    await screenshot(second, 'plan-conflict-dialog');

    await dialog.getByRole('button', { name: 'Samenvoegen' }).click();
    const merged = dialog.getByLabel('Samengevoegde tekst');
    expect(await merged.inputValue()).toBe('Moeder brengt de kinderen naar school.\n\nVader kookt elke dag.');
    await merged.fill('Moeder brengt de kinderen naar school. Vader kookt elke dag.');
    await dialog.getByRole('button', { name: 'Samengevoegde tekst opslaan' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await second.getByText('Moeder brengt de kinderen naar school. Vader kookt elke dag.').waitFor();
    const stored = (await readPlan(familyId)).sections.find((s) => s.kind === 'going_well');
    expect(stored?.content).toBe('Moeder brengt de kinderen naar school. Vader kookt elke dag.');
    // The first browser hears nothing of its own user's change, but a reload shows the merged text.
    await first.reload();
    await first.getByText('Moeder brengt de kinderen naar school. Vader kookt elke dag.').waitFor();
  });

  it('keeps an edit made offline and sends it when the connection is back', async () => {
    const familyId = await ownFamily();
    const page = await session(OWNER);
    await openPlan(page, familyId);
    await page.context().setOffline(true);
    await page
      .getByText('Verbinding verbroken — uw wijzigingen worden bewaard en verstuurd zodra de verbinding terug is')
      .waitFor();
    await page.getByRole('button', { name: 'Bewerken: Onze sterke kanten' }).click();
    await page.getByLabel('Onze sterke kanten').fill('De buren helpen mee.');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    const section = page.locator('article.section', { hasText: 'Onze sterke kanten' });
    await section.getByText('nog niet verstuurd').waitFor();
    await section.getByText('De buren helpen mee.').waitFor();
    expect(
      await page.evaluate(() => Object.keys(localStorage).some((k) => k.startsWith('gezinsplan.plan.pending.'))),
    ).toBe(true);

    await page.context().setOffline(false);
    await section.getByText('nog niet verstuurd').waitFor({ state: 'detached' });
    const stored = (await readPlan(familyId)).sections.find((s) => s.kind === 'strengths');
    expect(stored?.content).toBe('De buren helpen mee.');
  });

  it('lists versions, shows what changed side by side, agrees on behalf of the family, and serves PDFs', async () => {
    const familyId = await ownFamily();
    await setSection(familyId, 'wish', 'Een rustig huis.');
    await owner.call('POST', `/api/families/${familyId}/plan/goals`, {
      title: 'Vaste bedtijden',
      lifeDomain: 'parenting',
    });
    await agreeOnBehalf(familyId);
    await setSection(familyId, 'wish', 'Een rustig huis en een vaste dagstructuur.');
    await agreeOnBehalf(familyId);

    const page = await session(OWNER);
    await openPlan(page, familyId);
    const table = page.locator('section[aria-labelledby="versies"] table');
    await table.locator('tbody tr').nth(1).waitFor();
    expect(await table.locator('tbody tr').count()).toBe(2);
    expect(await table.textContent()).toContain('namens het gezin: Ouders gaven mondeling akkoord');
    expect(await table.textContent()).toContain('Ruben Claessens');

    await page.getByRole('button', { name: 'Wat is er veranderd in versie 2' }).click();
    const diff = page.locator('section[aria-labelledby="verschil"]');
    await diff.getByRole('heading', { name: 'Wat is er veranderd van versie 1 naar versie 2' }).waitFor();
    const change = diff.locator('li.change', { hasText: 'Wat willen we bereiken' });
    expect(await change.locator('.field__before').textContent()).toContain('Een rustig huis.');
    expect(await change.locator('.field__after').textContent()).toContain('Een rustig huis en een vaste dagstructuur.');
    // Read in order, a screen reader hears the item, then before, then after.
    const linear = (await change.textContent()) ?? '';
    const order = [
      'Onderdeel: Wat willen we bereiken',
      'Eerst (versie 1): Een rustig huis.',
      'Nu (versie 2): Een rustig huis en een vaste dagstructuur.',
    ].map((part) => linear.indexOf(part));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'plan-versions-diff');

    // The PDF is fetched with the session's token.
    const popup = page.context().waitForEvent('page');
    const [pdf] = await Promise.all([
      page.waitForResponse((r) => r.url().includes(`/plan/versions/2/pdf`)),
      page.getByRole('button', { name: 'PDF van versie 2' }).click(),
    ]);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    await (await popup).close();
    await page.getByText('De PDF is geopend in een nieuw tabblad.').waitFor();

    // Agree the current plan on the family's behalf: the reason is required.
    await page.getByRole('button', { name: 'Deze versie vastleggen' }).click();
    await page.getByText('Schrijf op waarom (minstens 3 tekens).').waitFor();
    await page.getByLabel('Waarom legt u de versie namens het gezin vast?').fill('Vader tekent volgende week');
    await page.getByRole('button', { name: 'Deze versie vastleggen' }).click();
    await page.getByText('Versie 3 is vastgelegd.').waitFor();
    await table.locator('tbody tr', { hasText: 'Vader tekent volgende week' }).waitFor();
    expect(await table.locator('tbody tr').count()).toBe(3);
    expect((await readPlan(familyId)).currentVersionNumber).toBe(3);
  });

  it('is accessible in English too', async () => {
    const page = await session('zorg@horizon.demo');
    await openPlan(page, deVries);
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { name: 'Family plan De Vries' }).waitFor();
    await page.getByRole('heading', { name: "In the family's own words" }).waitFor();
    await page.getByRole('heading', { name: 'Versions' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Schakel naar Nederlands' }).click();
    await page.getByRole('heading', { name: 'Gezinsplan De Vries' }).waitFor();
  });
});
