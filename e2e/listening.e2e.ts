import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations, launchBrowser, signInPage, startServer, type RunningServer } from './support.js';

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

const PHONE = { width: 390, height: 844 };
const EMPLOYEE = 'emily.clarke@fabbrica-aurora.example';
const HR = 'sarah.thompson@fabbrica-aurora.example';
const MANAGER = 'james.walker@fabbrica-aurora.example';

const signIn = (email: string, viewport?: { width: number; height: number }): Promise<Page> =>
  signInPage(browser, server.url, email, pageErrors, viewport);

async function expectAccessible(page: Page) {
  await expect.poll(() => page.evaluate(() => document.getAnimations().length), { timeout: 5_000 }).toBe(0);
  expect(await accessibilityViolations(page)).toEqual([]);
}

async function noHorizontalOverflow(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(1);
}

describe('employee listening', () => {
  it('an employee answers the open pulse on a phone, told how anonymous it is and warned about a name in a comment', async () => {
    const page = await signIn(EMPLOYEE, PHONE);
    await page.goto(`${server.url}/listening`);
    const answer = page.getByRole('link', { name: /^Answer/ }).first();
    await answer.waitFor();
    await answer.click();
    await page.waitForURL('**/listening/answer/**');

    await expect.poll(() => page.getByText('Your answers are anonymous').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByText(/counted among at least \d+ people/).count()).toBeGreaterThan(0);
    await noHorizontalOverflow(page);
    await expectAccessible(page);

    // Every choice question: pick the fourth answer (or the last), by its label, as a person taps it.
    const questions = page.locator('fieldset');
    const count = await questions.count();
    expect(count).toBeGreaterThan(0);
    for (let i = 0; i < count; i++) {
      const labels = questions.nth(i).locator('label');
      await labels.nth(Math.min(3, (await labels.count()) - 1)).click();
    }
    const comment = page.getByRole('textbox');
    if ((await comment.count()) > 0) {
      await comment.first().fill('Marco Ferrari carried the whole team this month.');
      await expect.poll(() => page.getByText('This could identify you').count(), { timeout: 5_000 }).toBeGreaterThan(0);
    }
    await page.getByRole('button', { name: 'Send my answers' }).click();
    await expect.poll(() => page.getByText('Thank you!').count()).toBeGreaterThan(0);

    // Answering twice is not possible: the round is no longer listed as waiting.
    await page.goto(page.url());
    await expect.poll(() => page.getByText('You have already answered').count()).toBeGreaterThan(0);
    await page.context().close();
  });

  it('HR reads the engagement results by department, with eNPS and suppressed cells shown as such', async () => {
    const page = await signIn(HR);
    const surveys = await page.evaluate(async () => {
      const res = await fetch('/api/listening/results/surveys');
      return ((await res.json()) as { items: { id: string; kind: string; title: string }[] }).items;
    });
    const engagement = surveys.find((s) => s.kind === 'survey');
    expect(engagement).toBeDefined();
    await page.goto(`${server.url}/listening/surveys/${engagement!.id}/results?by=department`);
    await expect.poll(() => page.getByText('eNPS').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await expect.poll(() => page.getByRole('table').count()).toBeGreaterThan(0);
    await expectAccessible(page);
    await page.context().close();
  });

  it('a manager sees results only for their own reporting line', async () => {
    const page = await signIn(MANAGER);
    const surveys = await page.evaluate(async () => {
      const res = await fetch('/api/listening/results/surveys');
      return ((await res.json()) as { items: { id: string }[] }).items;
    });
    expect(surveys.length).toBeGreaterThan(0);
    const scope = await page.evaluate(async (id) => {
      const res = await fetch(`/api/listening/surveys/${id}/results/overview`);
      return ((await res.json()) as { scope: { kind: string } }).scope.kind;
    }, surveys[0]!.id);
    expect(scope).toBe('line');
    await page.goto(`${server.url}/listening/surveys/${surveys[0]!.id}/results`);
    await expect.poll(() => page.getByText(/Reporting line of/).count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await page.context().close();
  });

  it('leaves no errors in the browser console', () => {
    expect(pageErrors).toEqual([]);
  });
});
