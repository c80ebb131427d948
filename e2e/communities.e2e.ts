import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations, launchBrowser, startServer, type RunningServer } from './support.js';

let server: RunningServer;
let browser: Browser;
const pageErrors: string[] = [];

const ADMIN = { name: 'Ada Rossi', email: 'ada@aurora.test', password: 'tutti i gatti blu' };
const MEMBER = { name: 'Bruno Bianchi', email: 'bruno@aurora.test', password: 'a quiet morning walk' };
const COMMUNITY = 'Customer Stories';
let adminId = '';
let ada: Page;
let bruno: Page;

async function newPage(viewport = { width: 1280, height: 900 }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: 'en-GB', viewport });
  const page = await context.newPage();
  page.on('pageerror', (err) => pageErrors.push(err.message));
  page.on('console', (msg) => {
    // An API answer of 4xx is logged by the browser as a failed resource; the app handles those on purpose.
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) {
      pageErrors.push(msg.text());
    }
  });
  return { context, page };
}

async function expectAccessible(page: Page) {
  expect(await accessibilityViolations(page)).toEqual([]);
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const origin = { origin: server.url };

  // The organisation, its administrator and one invited colleague, set up through the API.
  const first = await newPage();
  const setup = await first.context.request.post(`${server.url}/api/setup`, {
    data: { orgName: 'Fabbrica Aurora', ...ADMIN, locale: 'en' },
    headers: origin,
  });
  expect(setup.status()).toBe(201);
  const session = (await setup.json()) as { userId: string; csrfToken: string };
  adminId = session.userId;
  const invitation = await first.context.request.post(`${server.url}/api/invitations`, {
    data: { email: MEMBER.email },
    headers: { ...origin, 'x-csrf-token': session.csrfToken },
  });
  expect(invitation.status()).toBe(201);
  const { link } = (await invitation.json()) as { link: string };
  ada = first.page;

  const second = await newPage();
  const accepted = await second.context.request.post(`${server.url}/api/invitations/accept`, {
    data: { token: link.split('/').pop(), name: MEMBER.name, password: MEMBER.password },
    headers: origin,
  });
  expect(accepted.status()).toBe(201);
  bruno = second.page;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('communities, notifications and search', () => {
  it('lets the administrator start a community', async () => {
    await ada.goto(`${server.url}/communities`);
    await ada.getByRole('heading', { level: 1, name: 'Communities' }).waitFor();
    await expectAccessible(ada);

    await ada.getByRole('button', { name: 'New community' }).first().click();
    await ada.getByLabel('Name').fill(COMMUNITY);
    await ada.getByLabel('What is it for?').fill('Wins, lessons and quotes from the people we work for.');
    await ada.getByRole('radio', { name: /Public/ }).click();
    await ada.getByRole('button', { name: 'Create community' }).click();

    await ada.waitForURL('**/communities/customer-stories');
    await ada.getByRole('heading', { level: 1, name: COMMUNITY }).waitFor();
    await expect.poll(() => ada.getByText('1 member', { exact: true }).count()).toBeGreaterThan(0);
    await expectAccessible(ada);
  });

  it('lets a colleague find it in Discover, join and post', async () => {
    await bruno.goto(`${server.url}/communities?tab=discover`);
    const join = bruno.getByRole('button', { name: `Join ${COMMUNITY}` });
    await join.waitFor();
    await expectAccessible(bruno);
    await join.click();
    await expect.poll(() => bruno.getByRole('button', { name: `Member of ${COMMUNITY}` }).count()).toBe(1);

    await bruno.getByRole('link', { name: COMMUNITY }).first().click();
    await bruno.waitForURL('**/communities/customer-stories');
    await bruno.getByRole('button', { name: `Share something with ${COMMUNITY}…` }).click();
    await bruno
      .getByLabel('What would you like to share?')
      .fill(`Gruppo Rossi told us the new onboarding halved their setup time. Thank you @[${ADMIN.name}](person:${adminId})!`);
    await bruno.getByRole('button', { name: 'Post', exact: true }).click();
    await expect.poll(() => bruno.getByRole('article').filter({ hasText: 'halved their setup time' }).count()).toBe(1);
  });

  it('tells the administrator at once, under the bell', async () => {
    // the administrator's page has stayed open since the community was created: the count arrives live
    const bell = ada.getByRole('button', { name: 'Notifications, 1 unread' });
    await bell.waitFor({ timeout: 20_000 });
    await bell.click();
    const panel = ada.getByRole('dialog', { name: 'Notifications' });
    await expect.poll(() => panel.getByText(`${MEMBER.name} mentioned you in ${COMMUNITY}`).count()).toBe(1);
    await panel.getByRole('button', { name: 'Mark all as read' }).click();
    await ada.getByRole('button', { name: 'Notifications', exact: true }).waitFor();

    // the community feed shows the new post too
    await ada.keyboard.press('Escape');
    await ada.reload();
    await expect.poll(() => ada.getByRole('article').filter({ hasText: 'halved their setup time' }).count()).toBe(1);
    await expectAccessible(ada);
  });

  it('finds the post with the search box, with the words marked', async () => {
    await ada.goto(`${server.url}/`);
    const box = ada.getByRole('combobox', { name: 'Search' });
    await box.fill('onboarding');
    await box.press('Enter');
    await ada.waitForURL('**/search?q=onboarding');
    const hit = ada.getByRole('article').filter({ hasText: 'halved their setup time' });
    await expect.poll(() => hit.count()).toBe(1);
    expect(await hit.locator('mark').first().innerText()).toMatch(/onboarding/i);
    await expectAccessible(ada);

    await ada.getByRole('tab', { name: 'Communities' }).click();
    await expect.poll(() => ada.getByRole('link', { name: COMMUNITY }).count()).toBeGreaterThan(0);
  });

  it('fits a phone screen', async () => {
    const { context, page } = await newPage({ width: 390, height: 844 });
    await context.addCookies(await bruno.context().cookies());
    for (const path of ['/communities', '/communities/customer-stories', '/search?q=gruppo', '/notifications']) {
      await page.goto(`${server.url}${path}`);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
    }
    await context.close();
  });

  it('logged no errors in the browser', () => {
    expect(pageErrors).toEqual([]);
  });
});
