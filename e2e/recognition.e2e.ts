import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations, launchBrowser, pageApi, type RunningServer, startServer } from './support.js';

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

async function open(viewport = { width: 1280, height: 900 }): Promise<Page> {
  const context = await browser.newContext({ locale: 'en-GB', viewport });
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
  // a dialog fading in has, for a moment, text too faint to read: check once it has settled
  await expect.poll(() => page.evaluate(() => document.getAnimations().length), { timeout: 5_000 }).toBe(0);
  expect(await accessibilityViolations(page)).toEqual([]);
}

const ADA = { name: 'Ada Rossi', email: 'ada@aurora.test', password: 'tutti i gatti blu' };
const BRUNO = { name: 'Bruno Bianchi', email: 'bruno@aurora.test', password: 'a quiet morning walk' };
const VALUE = 'Craft';
const MESSAGE = 'Thank you for rebuilding the packing line over the weekend';

let ada: Page;
let bruno: Page;
let adaId = '';

describe('giving kudos to a colleague', () => {
  it('sets up an organisation of two colleagues, and a company value', async () => {
    ada = await open();
    await ada.goto(server.url);
    await ada.waitForURL('**/setup');
    await ada.getByLabel('Organisation name').fill('Fabbrica Aurora');
    await ada.getByLabel('Your name').fill(ADA.name);
    await ada.getByLabel('Email').fill(ADA.email);
    await ada.getByLabel('Password', { exact: true }).fill(ADA.password);
    await ada.getByRole('button', { name: 'Create my organisation' }).click();
    await ada.waitForURL(`${server.url}/`);

    await ada.goto(`${server.url}/admin/invitations`);
    await ada.getByLabel('Email').fill(BRUNO.email);
    await ada.getByRole('button', { name: 'Send invitation' }).click();
    const link = ada.getByLabel('Invitation link');
    await link.waitFor();
    const inviteLink = await link.inputValue();

    bruno = await open();
    await bruno.goto(inviteLink);
    await bruno.getByLabel('Your name').fill(BRUNO.name);
    await bruno.getByLabel('Password', { exact: true }).fill(BRUNO.password);
    await bruno.getByRole('button', { name: 'Join' }).click();
    await bruno.waitForURL(`${server.url}/`);
    adaId = await ada.evaluate(async () => ((await (await fetch('/api/me')).json()) as { user: { id: string } }).user.id);
    expect(adaId).toMatch(/^[0-9a-f-]{36}$/);

    // the administrator names one value the company cares about
    const { status } = await pageApi(ada, 'POST', '/api/admin/values', {
      name: VALUE,
      description: 'Careful work, finished properly.',
      emoji: '🛠️',
    });
    expect(status).toBe(201);
  });

  it("gives kudos from a colleague's profile, with a value and points", async () => {
    await bruno.goto(`${server.url}/people/${adaId}`);
    await bruno.getByRole('heading', { name: 'Recognition' }).waitFor();
    await bruno.getByText('No kudos yet').waitFor();
    await expectAccessible(bruno);

    await bruno.getByRole('button', { name: 'Give kudos' }).click();
    const dialog = bruno.getByRole('dialog', { name: 'Give kudos' });
    await dialog.waitFor();
    // the colleague is already picked, and the allowance is shown
    await dialog.getByText(ADA.name).first().waitFor();
    await dialog.getByText('You have 100 points left this month.').waitFor();
    await expectAccessible(bruno);

    // sending with no message says what is missing
    await dialog.getByRole('button', { name: 'Send kudos' }).click();
    await dialog.getByText('Write a few words about what they did.').waitFor();

    await dialog.locator('label').filter({ hasText: VALUE }).click();
    expect(await dialog.getByRole('radio', { name: VALUE }).isChecked()).toBe(true);
    await dialog.getByRole('textbox', { name: 'Your message' }).fill(MESSAGE);
    await dialog.getByLabel('Points for each person').fill('10');
    await expectAccessible(bruno);
    await dialog.getByRole('button', { name: 'Send kudos' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await bruno.getByText('Kudos sent').waitFor();

    // the profile lists the kudos received at once
    const item = bruno.getByRole('article', { name: `Kudos from ${BRUNO.name}` });
    await item.waitFor();
    expect(await item.getByText('+10 points').count()).toBe(1);
  });

  it('shows the kudos card in the home feed, with the recipient, the value and the points', async () => {
    await bruno.goto(`${server.url}/`);
    const card = bruno.getByRole('article').filter({ hasText: MESSAGE });
    await card.waitFor();
    expect(await card.getByText('Kudos to').count()).toBe(1);
    expect(await card.getByRole('link', { name: ADA.name }).getAttribute('href')).toBe(`/people/${adaId}`);
    expect(await card.getByText(VALUE).count()).toBeGreaterThan(0);
    expect(await card.getByText('+10 points').count()).toBe(1);
    await expectAccessible(bruno);

    const left = await bruno.evaluate(
      async () => ((await (await fetch('/api/recognition/me')).json()) as { allowance: { remaining: number } }).allowance.remaining,
    );
    expect(left).toBe(90);
  });

  it('lets the colleague see the kudos in the feed and in the notifications, on a phone', async () => {
    await ada.setViewportSize({ width: 390, height: 844 });
    await ada.goto(`${server.url}/`);
    const card = ada.getByRole('article').filter({ hasText: MESSAGE });
    await card.waitFor({ timeout: 15_000 });
    expect(await card.getByText('+10 points').count()).toBe(1);
    const overflow = await ada.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);

    await ada.goto(`${server.url}/notifications`);
    const note = ada.getByRole('link', { name: new RegExp(`${BRUNO.name} gave you kudos and 10 points`) });
    await note.waitFor();
    await expectAccessible(ada);
    await note.click();
    await ada.waitForURL(/\/posts\/[0-9a-f-]{36}$/);
    await ada.getByRole('article').filter({ hasText: MESSAGE }).waitFor();
  });

  it('logged no errors in the browser', () => {
    expect(pageErrors).toEqual([]);
  });
});
