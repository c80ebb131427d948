import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations, launchBrowser, pageApi, type RunningServer, signInPage, startServer } from './support.js';

let server: RunningServer;
let browser: Browser;
const pageErrors: string[] = [];

beforeAll(async () => {
  server = await startServer({ DEMO: 'true' });
  browser = await launchBrowser();
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const SENDER = 'alessandra.serra@fabbrica-aurora.example';
const RECIPIENT = 'emily.clarke@fabbrica-aurora.example';
const TITLE = 'New security badges from Monday';

const signIn = (email: string, viewport?: { width: number; height: number }): Promise<Page> =>
  signInPage(browser, server.url, email, pageErrors, viewport);

async function expectAccessible(page: Page) {
  await expect.poll(() => page.evaluate(() => document.getAnimations().length), { timeout: 5_000 }).toBe(0);
  expect(await accessibilityViolations(page)).toEqual([]);
}

describe('announcements', () => {
  it('reaches a department, stays on top of home until acknowledged, and the sender sees it counted', async () => {
    const recipient = await signIn(RECIPIENT, { width: 390, height: 844 });
    const me = await recipient.evaluate(async () => {
      const { user } = (await (await fetch('/api/me')).json()) as { user: { id: string } };
      return (await (await fetch(`/api/people/${user.id}`)).json()) as { department: { name: string } | null };
    });
    const department = me.department?.name;
    expect(department).toBeTruthy();

    const sender = await signIn(SENDER);
    // The demo's communications lead reads Italian; this journey reads the English words.
    const senderId = (await pageApi<{ user: { id: string } }>(sender, 'GET', '/api/me')).json.user.id;
    await pageApi(sender, 'PATCH', `/api/people/${senderId}`, { locale: 'en' });
    await sender.goto(`${server.url}/announcements`);
    await sender.getByRole('link', { name: 'New announcement' }).first().click();
    await sender.waitForURL(`${server.url}/announcements/new`);
    await sender.getByLabel('Title').fill(TITLE);
    await sender.getByRole('textbox', { name: 'Message' }).fill('Collect yours at **reception** before Monday.');
    const departments = sender.getByRole('combobox', { name: 'Departments' });
    await departments.click();
    await departments.fill(department!);
    await sender.getByRole('option', { name: department!, exact: false }).first().click();
    await sender.keyboard.press('Escape');
    await sender.getByLabel('Ask people to confirm they have read it').check();
    await expect.poll(() => sender.getByTestId('audience-size').textContent(), { timeout: 15_000 }).toMatch(/Reaches \d+/);
    await expectAccessible(sender);
    await sender.getByRole('button', { name: 'Send', exact: true }).click();
    await sender.waitForURL(/\/announcements\/[0-9a-f-]{36}$/);
    await sender.getByRole('heading', { name: 'Delivery' }).waitFor();

    await recipient.goto(`${server.url}/`);
    const card = recipient.getByTestId('pinned-announcement').filter({ hasText: TITLE });
    await card.waitFor({ state: 'visible', timeout: 15_000 });
    await card.getByRole('button', { name: 'I have read this' }).click();
    // Acknowledged and not pinned: it leaves the top of home.
    await card.waitFor({ state: 'detached', timeout: 10_000 });
    // Home holds everyone's posts (code blocks among them); the announcement's own page is checked here.
    await recipient.goto(`${server.url}/announcements`);
    await recipient.getByRole('link', { name: TITLE }).click();
    await recipient.getByRole('heading', { name: TITLE }).waitFor();
    await recipient.getByText('You acknowledged it').waitFor();
    await expectAccessible(recipient);

    // The sender's page follows the counts live.
    const acknowledged = sender.getByText('Acknowledged (', { exact: false }).locator('xpath=..');
    await expect.poll(async () => (await acknowledged.textContent()) ?? '', { timeout: 15_000 }).toMatch(/\)\s*1$/);
    await expectAccessible(sender);
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
