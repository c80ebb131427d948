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
  expect(await accessibilityViolations(page)).toEqual([]);
}

const ADA = { name: 'Ada Rossi', email: 'ada@aurora.test', password: 'tutti i gatti blu' };
const BRUNO = { name: 'Bruno Bianchi', email: 'bruno@aurora.test', password: 'a quiet morning walk' };
const POST_TEXT = 'The new canteen opens on Monday';
const COMMENT_TEXT = 'Finally, proper coffee on the ground floor';

let ada: Page;
let bruno: Page;
let adaId = '';
let postPath = '';

describe('posting, reading and talking in the feed', () => {
  it('sets up an organisation of two colleagues, each in their own browser', async () => {
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

    bruno = await open({ width: 390, height: 844 });
    await bruno.goto(inviteLink);
    await bruno.getByLabel('Your name').fill(BRUNO.name);
    await bruno.getByLabel('Password', { exact: true }).fill(BRUNO.password);
    await bruno.getByRole('button', { name: 'Join' }).click();
    await bruno.waitForURL(`${server.url}/`);

    adaId = await ada.evaluate(async () => ((await (await fetch('/api/me')).json()) as { user: { id: string } }).user.id);
    expect(adaId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("lets a colleague follow someone from their profile, so that their posts reach the colleague's feed", async () => {
    await bruno.goto(`${server.url}/people/${adaId}`);
    const follow = bruno.getByRole('button', { name: 'Follow', exact: true });
    await follow.click();
    await expect.poll(() => bruno.getByRole('button', { name: 'Following', exact: true }).getAttribute('aria-pressed')).toBe('true');
    await bruno.goto(`${server.url}/`);
    await bruno.getByRole('heading', { level: 1 }).waitFor();
  });

  it('shows a new post to the colleague live, without a reload', async () => {
    await ada.goto(`${server.url}/`);
    await ada.getByRole('button', { name: /What's on your mind/ }).click();
    const box = ada.getByRole('textbox', { name: 'What would you like to share?' });
    await box.fill(`${POST_TEXT}, **all day**. Thanks `);
    // a mention picked from the suggestions
    await box.pressSequentially('@Brun');
    const option = ada.getByRole('option', { name: /Bruno Bianchi/ });
    await option.waitFor();
    await ada.keyboard.press('Enter');
    await box.pressSequentially('for organising it #canteen');
    await expect.poll(() => box.inputValue()).toMatch(/@\[Bruno Bianchi\]\(person:[0-9a-f-]{36}\) for organising it #canteen$/);
    await expectAccessible(ada);
    // the draft survives a reload
    const draft = await box.inputValue();
    await ada.waitForTimeout(500);
    await ada.reload();
    await expect.poll(() => box.inputValue()).toBe(draft);
    await ada.getByRole('button', { name: 'Post', exact: true }).click();
    const mine = ada.getByRole('article').filter({ hasText: POST_TEXT });
    await mine.waitFor();
    expect(await mine.getByRole('link', { name: '@Bruno Bianchi' }).count()).toBe(1);

    // Bruno's feed was already open: a banner, or the post itself, appears by itself
    const banner = bruno.getByRole('button', { name: /new post/ });
    const post = bruno.getByRole('article').filter({ hasText: POST_TEXT });
    await expect.poll(async () => (await banner.count()) + (await post.count()), { timeout: 15_000 }).toBeGreaterThan(0);
    if ((await post.count()) === 0) {
      await banner.click();
    }
    await post.waitFor();
    postPath =
      (await post
        .getByRole('link', { name: /ago|just now/ })
        .first()
        .getAttribute('href')) ?? '';
    expect(postPath).toMatch(/^\/posts\/[0-9a-f-]{36}$/);
  });

  it('fits a phone screen without scrolling sideways', async () => {
    const overflow = await bruno.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const shot = await bruno.screenshot({ fullPage: true });
    expect(shot.byteLength).toBeGreaterThan(10_000);
  });

  it('shows a comment to the author live, on the post', async () => {
    await ada.goto(`${server.url}${postPath}`);
    await ada.getByRole('article').filter({ hasText: POST_TEXT }).waitFor();
    await ada.getByRole('textbox', { name: 'Write a comment' }).waitFor();

    await bruno.goto(`${server.url}${postPath}`);
    await bruno.getByRole('textbox', { name: 'Write a comment' }).fill(COMMENT_TEXT);
    await bruno.getByRole('button', { name: 'Comment', exact: true }).last().click();
    await bruno.getByText(COMMENT_TEXT).waitFor();

    await expect.poll(() => ada.getByText(COMMENT_TEXT).count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => ada.getByText('1 comment', { exact: true }).count(), { timeout: 15_000 }).toBe(1);
  });

  it('lets a colleague react by keyboard, and the author sees the reaction arrive', async () => {
    const post = bruno.getByRole('article').filter({ hasText: POST_TEXT });
    const choose = post.getByRole('button', { name: 'Choose a reaction' }).first();
    await choose.focus();
    await bruno.keyboard.press('Enter');
    const celebrate = bruno.getByRole('button', { name: 'Celebrate' });
    await celebrate.waitFor();
    await bruno.keyboard.press('ArrowRight');
    await expect.poll(() => celebrate.evaluate((el) => el === document.activeElement)).toBe(true);
    await bruno.keyboard.press('Enter');
    await expect.poll(() => post.getByRole('button', { name: 'Celebrate', exact: true }).first().getAttribute('aria-pressed')).toBe('true');

    await expect.poll(() => ada.getByRole('button', { name: /1 reaction/ }).count(), { timeout: 15_000 }).toBe(1);
    await expectAccessible(ada);
  });

  it('keeps the home feed with posts accessible', async () => {
    await ada.goto(`${server.url}/`);
    await ada.getByRole('article').filter({ hasText: POST_TEXT }).waitFor();
    await expectAccessible(ada);
    await ada
      .getByRole('button', { name: /1 reaction/ })
      .first()
      .click();
    await ada.getByRole('dialog').getByText(BRUNO.name).waitFor();
    await expectAccessible(ada);
  });

  it('logged no errors in the browser', () => {
    expect(pageErrors).toEqual([]);
  });
});
