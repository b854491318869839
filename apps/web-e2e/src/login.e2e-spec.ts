import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  accessibilityViolations,
  baseUrl,
  delayPageCode,
  launch,
  loginWithKeyboard,
  newContext,
  routeScripts,
  watchPageCode,
} from './support/browser';
import { apiAs } from './support/plan';

let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());
beforeEach(async () => {
  ({ context, page } = await newContext(browser));
});
afterEach(() => context.close());

describe('login and the worklist', () => {
  it('shows a Dutch, accessible login page', async () => {
    await page.goto(`${baseUrl()}/`);
    await page.waitForURL(/\/inloggen/);
    expect(await page.getAttribute('html', 'lang')).toBe('nl');
    expect(await page.title()).toBe('Inloggen – Gezinsplan');
    await page.getByLabel('E-mailadres').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('logs an access-team worker in with the keyboard alone and lists only their families', async () => {
    await loginWithKeyboard(page, 'toegang@heerlen.demo');
    await page.getByRole('heading', { name: 'Mijn gezinnen' }).waitFor();
    await page.getByText('De Vries').waitFor();
    const names = await page.locator('.family__name').allTextContents();
    expect(names.sort()).toEqual(['Bakker', 'De Vries']);
    await page.getByText('Fleur Hendriks').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('says in plain Dutch when the password is wrong, and stays on the login page', async () => {
    await loginWithKeyboard(page, 'ouder@devries.demo', 'verkeerd-wachtwoord');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Het e-mailadres of het wachtwoord klopt niet.');
    expect(page.url()).toContain('/inloggen');
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('names missing fields next to the field when the form is sent empty', async () => {
    await page.goto(`${baseUrl()}/inloggen`);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByText('Vul een geldig e-mailadres in.').waitFor();
    expect(await page.getByLabel('E-mailadres').getAttribute('aria-invalid')).toBe('true');
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('takes a parent to their own family, shows only that family, and keeps the session across a reload', async () => {
    await loginWithKeyboard(page, 'ouder@janssen.demo');
    await page.waitForURL(/\/ons-gezin/);
    await page.goto(`${baseUrl()}/gezinnen`);
    await page.getByText('Janssen', { exact: true }).waitFor();
    expect(await page.locator('.family__name').allTextContents()).toEqual(['Janssen']);
    await page.reload();
    await page.getByText('Janssen', { exact: true }).waitFor();
    expect(page.url()).toContain('/gezinnen');
  });

  it('reads the worklist, with the filters in its address, while the page’s code is still downloading', async () => {
    await loginWithKeyboard(page, 'toegang@heerlen.demo');
    await page.getByText('De Vries').waitFor();
    // The worklist's code arrives late (a slow phone network); its list must not wait for it.
    const code = await delayPageCode(page, 'gp-family-list-page');
    const lists: { search: URLSearchParams; at: number }[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (request.method() === 'GET' && url.pathname === '/api/families')
        lists.push({ search: url.searchParams, at: Date.now() });
    });
    await page.goto(`${baseUrl()}/gezinnen?sort=name&planStatus=draft`);
    await page.locator('.family__name').first().waitFor();
    expect(lists).toHaveLength(1);
    expect(lists[0].at).toBeLessThan(code.arrivedAt());
    expect(Object.fromEntries(lists[0].search)).toEqual({ limit: '200', sort: 'name', planStatus: 'draft' });
    // The list shown is that answer: the families whose plan is a draft (Bakker, in the demo data).
    const api = await apiAs('toegang@heerlen.demo');
    const drafts = await api.call<{ items: { displayName: string }[] }>(
      'GET',
      '/api/families?limit=200&sort=name&planStatus=draft',
    );
    expect(drafts.items.length).toBeGreaterThan(0);
    expect(await page.locator('.family__name').allTextContents()).toEqual(drafts.items.map((f) => f.displayName));
  });

  it.each([
    ['the login page', '/inloggen', 'gp-login-page', 'Inloggen'],
    ['the worklist', '/gezinnen', 'gp-family-list-page', 'De Vries'],
  ])(
    'fetches the code of %s together with the app’s own code, not after it has started',
    async (_, path, selector, text) => {
      if (path !== '/inloggen') {
        await loginWithKeyboard(page, 'toegang@heerlen.demo');
        await page.getByText('De Vries').first().waitFor();
      }
      // The app's main script arrives late (a slow phone network): the page's code must not wait for it.
      const code = await watchPageCode(page, selector);
      await page.goto(`${baseUrl()}${path}`);
      await page.locator(selector).getByText(text).first().waitFor();
      expect(code.pageCodeRequestedAt()).toBeLessThan(code.mainArrivedAt());
    },
  );

  it('tells a policy user that case files are not for their role', async () => {
    await loginWithKeyboard(page, 'beleid@zuidlimburg.demo');
    await page.waitForURL(/\/dashboard/);
    await page.goto(`${baseUrl()}/gezinnen`);
    await page.getByText('Met uw rol ziet u geen gezinsdossiers.').waitFor();
    expect(await page.locator('.family').count()).toBe(0);
    // Nor is any list read ahead for a role that may not see one.
    const lists: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/api/families') lists.push(request.url());
    });
    await page.reload();
    await page.getByText('Met uw rol ziet u geen gezinsdossiers.').waitFor();
    expect(lists).toEqual([]);
  });

  it('logs out, after which the worklist asks for a login again', async () => {
    await loginWithKeyboard(page, 'zorg@horizon.demo');
    await page.getByText('De Vries').waitFor();
    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await page.waitForURL(/\/inloggen/);
    await page.goto(`${baseUrl()}/gezinnen`);
    await page.waitForURL(/\/inloggen\?terug=/);
  });

  it('switches to English and back, remembering the choice across a reload', async () => {
    await page.goto(`${baseUrl()}/inloggen`);
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.title()).toBe('Log in – Gezinsplan');
    await page.getByLabel('E-mail address').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    // After a reload the page says it is English before the app's code has even arrived (the early script reads the
    // choice), so a screen reader never starts reading it as Dutch: the main script is held back meanwhile.
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await routeScripts(page, /\/main-[\w-]+\.js$/, () => held);
    // Not 'domcontentloaded': that waits for the (held) module script. The page's HTML is read once gp-root is there.
    await page.reload({ waitUntil: 'commit' });
    await page.locator('gp-root').waitFor({ state: 'attached' });
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.locator('gp-root').innerHTML()).toBe('');
    release();
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    await page.getByRole('button', { name: 'Schakel naar Nederlands' }).click();
    await page.getByRole('heading', { name: 'Inloggen' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('nl');
  });
});
