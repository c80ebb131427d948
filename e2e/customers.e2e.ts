import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations, launchBrowser, pageApi, type RunningServer, startServer } from './support.js';

let server: RunningServer;
let browser: Browser;
const pageErrors: string[] = [];

beforeAll(async () => {
  // Without SMTP the server writes e-mails to its log, at info level: that is where the customer's link is read.
  server = await startServer({ DEMO: 'true', LOG_LEVEL: 'info' });
  browser = await launchBrowser();
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const DEMO_PASSWORD = 'tessuto-demo';
const ADMIN = 'elena.marchetti@fabbrica-aurora.example';
const CONTACT = { name: 'Chiara Verdi', email: 'chiara.verdi@cliente-e2e.example' };
const COMMENT = 'Tempi di risposta troppo lunghi sull’ultimo ordine.';

async function signIn(email: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  watch(page);
  await page.goto(`${server.url}/sign-in`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${server.url}/`);
  return page;
}

function watch(page: Page) {
  page.on('pageerror', (err) => pageErrors.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) {
      pageErrors.push(msg.text());
    }
  });
}

async function expectAccessible(page: Page) {
  await expect.poll(() => page.evaluate(() => document.getAnimations().length), { timeout: 5_000 }).toBe(0);
  expect(await accessibilityViolations(page)).toEqual([]);
}

/** The single-use link of the feedback request e-mailed to `email`, read from the server's log. */
async function linkSentTo(email: string): Promise<string> {
  let link: string | undefined;
  await expect
    .poll(
      () => {
        const lines = server.logs.join('').split('\n');
        const line = lines.find((l) => l.includes(email) && l.includes('/r/'));
        link = line ? /https?:\/\/[^\s"\\]+\/r\/[A-Za-z0-9_-]+/.exec(line)?.[0] : undefined;
        return link;
      },
      { timeout: 30_000 },
    )
    .toBeTruthy();
  return link!;
}

describe('voice of the customer', () => {
  let accountName = '';

  it('the administrator browses the demo’s customer accounts and opens one', async () => {
    const page = await signIn(ADMIN);
    await page.goto(`${server.url}/customers`);
    await expect.poll(() => page.getByRole('heading', { name: 'Customer accounts' }).count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const accounts = page.getByRole('table').getByRole('link');
    await accounts.first().waitFor();
    expect(await accounts.count()).toBeGreaterThan(5);
    await expectAccessible(page);

    const first = accounts.first();
    const name = (await first.textContent())!.trim();
    await first.click();
    await page.waitForURL('**/customers/accounts/**');
    await expect.poll(() => page.getByRole('heading', { level: 1, name }).count(), { timeout: 15_000 }).toBe(1);
    await expectAccessible(page);
    await page.context().close();
  });

  it('an Italian customer answers a feedback link with a low score and is thanked in Italian', async () => {
    const admin = await signIn(ADMIN);
    const list = await pageApi<{ items: { id: string; name: string; locale: string; status: string }[] }>(
      admin,
      'GET',
      '/api/customers/accounts?status=active&limit=100',
    );
    expect(list.status).toBe(200);
    const account = list.json.items.find((a) => a.locale === 'it');
    expect(account).toBeDefined();
    accountName = account!.name;
    const contact = await pageApi<{ id: string }>(admin, 'POST', `/api/customers/accounts/${account!.id}/contacts`, {
      ...CONTACT,
      locale: 'it',
    });
    expect(contact.status).toBe(201);
    const sent = await pageApi<{ created: number }>(admin, 'POST', '/api/customers/requests', {
      kind: 'nps',
      contactIds: [contact.json.id],
    });
    expect(sent.status).toBe(201);
    expect(sent.json.created).toBe(1);
    await admin.context().close();

    const link = await linkSentTo(CONTACT.email);
    const context = await browser.newContext({ locale: 'it-IT', viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    watch(page);
    await page.goto(link);
    await expect.poll(() => page.getByText(/Con quale probabilità consiglierebbe/).count()).toBeGreaterThan(0);
    await expectAccessible(page);
    await page.getByLabel('3', { exact: true }).check();
    await page.getByLabel(/Ci dica il perché/).fill(COMMENT);
    await page.getByRole('button', { name: 'Invia' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Grazie!' }).count()).toBe(1);

    // The link answers once.
    await page.goto(link);
    await expect.poll(() => page.getByRole('heading', { name: 'Ha già risposto' }).count()).toBe(1);
    await context.close();
  });

  it('the administrator finds the answer in the feedback inbox and its follow-up among the open ones', async () => {
    const page = await signIn(ADMIN);
    await page.goto(`${server.url}/customers/feedback`);
    const answer = page.getByRole('article').filter({ hasText: COMMENT });
    await expect.poll(() => answer.count(), { timeout: 15_000 }).toBe(1);
    expect(await answer.getByText(accountName).count()).toBeGreaterThan(0);
    await expectAccessible(page);

    await page.goto(`${server.url}/customers/followups`);
    await expect.poll(() => page.getByRole('heading', { name: 'Follow-ups' }).count(), { timeout: 15_000 }).toBeGreaterThan(0);
    // The row names the account and quotes the answer; it opens the follow-up beside the list.
    const row = page.getByRole('link').filter({ hasText: COMMENT });
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
    expect(await row.getByText(accountName).count()).toBeGreaterThan(0);
    await row.click();
    await page.waitForURL('**/customers/followups/**');
    await expect.poll(() => page.getByRole('dialog').getByText(COMMENT).count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await expectAccessible(page);
    await page.context().close();
  });

  it('leaves no errors in the browser console', () => {
    expect(pageErrors).toEqual([]);
  });
});
