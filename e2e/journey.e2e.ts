import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations, launchBrowser, startServer, type RunningServer } from './support.js';

let server: RunningServer;
let browser: Browser;
const pageErrors: string[] = [];

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function open(locale = 'en-GB', viewport = { width: 1280, height: 900 }): Promise<Page> {
  const context = await browser.newContext({ locale, viewport });
  const page = await context.newPage();
  page.on('pageerror', (err) => pageErrors.push(err.message));
  page.on('console', (msg) => {
    // An API answer of 4xx is logged by the browser as a failed resource; the app handles those on purpose.
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) {
      pageErrors.push(msg.text());
    }
  });
  return page;
}

async function expectAccessible(page: Page) {
  expect(await accessibilityViolations(page)).toEqual([]);
}

const ADMIN = { email: 'ada@aurora.test', password: 'tutti i gatti blu' };
const JOINER = { name: 'Bruno Bianchi', email: 'bruno@aurora.test', password: 'a quiet morning walk' };
let inviteLink = '';

describe('first day with Tessuto', () => {
  it('sets up the organisation and its first administrator', async () => {
    const page = await open();
    await page.goto(server.url);
    await page.waitForURL('**/setup');
    await expectAccessible(page);
    await page.getByLabel('Organisation name').fill('Fabbrica Aurora');
    await page.getByLabel('Your name').fill('Ada Rossi');
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await page.getByRole('button', { name: 'Create my organisation' }).click();
    await page.waitForURL(`${server.url}/`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toMatch(/Ada/);
    await expectAccessible(page);

    await page.goto(`${server.url}/admin/invitations`);
    await page.getByLabel('Email').fill(JOINER.email);
    await page.getByRole('button', { name: 'Send invitation' }).click();
    const link = page.getByLabel('Invitation link');
    await link.waitFor();
    inviteLink = await link.inputValue();
    expect(inviteLink).toMatch(/\/invite\/[\w-]+$/);
    await expectAccessible(page);

    await page.goto(`${server.url}/admin/audit`);
    await expect.poll(() => page.getByText('Invited a colleague').count()).toBe(1);
    await expectAccessible(page);
    await page.context().close();
  });

  it('lets the invited colleague join with the link, once', async () => {
    const page = await open();
    await page.goto(inviteLink);
    await page.getByLabel('Your name').fill(JOINER.name);
    await page.getByLabel('Password', { exact: true }).fill(JOINER.password);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Join' }).click();
    await page.waitForURL(`${server.url}/`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toMatch(/Bruno/);
    await page.context().close();

    const again = await open();
    await again.goto(inviteLink);
    await expect.poll(() => again.getByText("This invitation can't be used").count()).toBe(1);
    await again.context().close();
  });

  it('signs in and finds a colleague in the directory', async () => {
    const page = await open();
    await page.goto(`${server.url}/sign-in`);
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${server.url}/`);

    await page.goto(`${server.url}/people`);
    await page.getByRole('searchbox', { name: 'Search' }).fill('brun');
    await expect.poll(() => page.getByText(JOINER.name).count()).toBeGreaterThan(0);
    await expectAccessible(page);
    await page.context().close();
  });

  it('speaks Italian to an Italian browser, at phone width', async () => {
    const page = await open('it-IT', { width: 375, height: 800 });
    await page.goto(`${server.url}/sign-in`);
    await page.getByLabel('Email').fill(JOINER.email);
    await page.getByLabel('Password', { exact: true }).fill(JOINER.password);
    await page.getByRole('button', { name: 'Accedi' }).click();
    await page.waitForURL(`${server.url}/`);
    await page.goto(`${server.url}/people`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toBe('Persone');
    await expectAccessible(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.context().close();
  });

  it('logged no errors in the browser', () => {
    expect(pageErrors).toEqual([]);
  });
});
