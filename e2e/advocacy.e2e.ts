import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ShareItemDto, ShareResult } from '../src/shared/advocacy.js';
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

const COMMS = 'alessandra.serra@fabbrica-aurora.example';
/** The demo keeps her from having shared or accepted the guidelines, so this is her first share. */
const EMPLOYEE = 'emily.clarke@fabbrica-aurora.example';
const TITLE = 'Fabbrica Aurora opens a warehouse in Bologna';
const APPROVED = 'https://www.fabbrica-aurora.example/press/2026/bologna-warehouse?ref=newsroom';
const SUGGESTED = 'Forty new jobs and next-day delivery across Emilia-Romagna: our new Bologna warehouse opens today.';

const BROWSER_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const LINKEDIN_BOT = 'LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)';

const signIn = (email: string, viewport?: { width: number; height: number }): Promise<Page> =>
  signInPage(browser, server.url, email, pageErrors, viewport);

async function expectAccessible(page: Page) {
  await expect.poll(() => page.evaluate(() => document.getAnimations().length), { timeout: 5_000 }).toBe(0);
  expect(await accessibilityViolations(page)).toEqual([]);
}

/** A request from outside the app, as a visitor or a link-preview fetcher makes it; never follows the redirect. */
const visit = (url: string, userAgent: string, method = 'GET') =>
  fetch(url, { method, redirect: 'manual', headers: { 'user-agent': userAgent } });

describe('employee advocacy', () => {
  it('takes a first share from the list to LinkedIn through the guidelines, and counts a real click but not a crawler', async () => {
    // Communications makes an approved link shareable, with a suggested LinkedIn text.
    const comms = await signIn(COMMS);
    const created = await pageApi<ShareItemDto>(comms, 'POST', '/api/advocacy/items', {
      kind: 'link',
      url: APPROVED,
      title: TITLE,
      summary: 'Forty new jobs and next-day delivery across Emilia-Romagna.',
      suggestions: [{ network: 'linkedin', lang: 'en', text: SUGGESTED }],
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const itemId = created.json.id;

    // Emily, on her phone, finds it ready to share.
    const emily = await signIn(EMPLOYEE, { width: 390, height: 844 });
    // The network's own page is not reached from the test machine: answer for it.
    await emily
      .context()
      .route('https://www.linkedin.com/**', (route) =>
        route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>LinkedIn</title><p>Share</p>' }),
      );
    await emily.goto(`${server.url}/advocacy`);
    const card = emily.getByRole('article', { name: TITLE });
    await card.waitFor({ state: 'visible', timeout: 15_000 });
    await expectAccessible(emily);

    const shared = emily.waitForResponse(
      (r) => r.request().method() === 'POST' && r.url().endsWith(`/api/advocacy/items/${itemId}/shares`) && r.status() === 201,
      { timeout: 30_000 },
    );
    // Every tab the flow opens: a blank one is opened inside each click and closed if the share has to wait.
    const tabs: Page[] = [];
    emily.context().on('page', (p) => tabs.push(p));
    await card.getByRole('button', { name: `Share “${TITLE}”` }).click();

    // The guidelines come before a first share: either as the dialog opens, or when the server asks for them.
    const accept = emily.getByRole('button', { name: 'I accept' });
    const words = emily.getByRole('textbox', { name: 'Your words' });
    let sawGuidelines = false;
    await words.or(accept).first().waitFor({ state: 'visible', timeout: 15_000 });
    if (await accept.isVisible()) {
      sawGuidelines = true;
      await expectAccessible(emily);
      await accept.click();
      await words.waitFor({ state: 'visible', timeout: 15_000 });
    }
    expect(await emily.getByRole('radio', { name: 'LinkedIn' }).isChecked()).toBe(true);
    expect(await words.inputValue()).toContain(SUGGESTED);
    await words.fill(`${SUGGESTED} Proud of the team that made it happen.`);
    await emily.getByRole('button', { name: 'Share on LinkedIn' }).click();
    if (!sawGuidelines) {
      await accept.waitFor({ state: 'visible', timeout: 15_000 });
      sawGuidelines = true;
      await expectAccessible(emily);
      await accept.click();
    }
    expect(sawGuidelines).toBe(true);

    const result = (await (await shared).json()) as ShareResult;
    expect(result.trackedUrl).toMatch(new RegExp(`^${server.url.replace(/\./g, '\\.')}/s/[A-Za-z0-9]{10}$`));
    expect(result.intentUrl).toMatch(/^https:\/\/www\.linkedin\.com\//);
    // The network's page opened in a new tab, carrying the person's tracked link.
    const onLinkedIn = () => tabs.find((p) => !p.isClosed() && p.url().startsWith('https://www.linkedin.com/'));
    await expect.poll(() => onLinkedIn()?.url() ?? '', { timeout: 15_000 }).not.toBe('');
    // The person's own words and their tracked link, whatever parameter the network takes them in.
    const sent = [...new URL(onLinkedIn()!.url()).searchParams.values()].join(' ');
    expect(sent).toContain(result.trackedUrl);
    expect(sent).toContain('Proud of the team that made it happen.');
    await onLinkedIn()!.close();

    // A link-preview fetcher and a HEAD request follow the link but are not counted.
    const preview = await visit(result.trackedUrl, LINKEDIN_BOT);
    expect(preview.status).toBe(302);
    expect((await visit(result.trackedUrl, BROWSER_UA, 'HEAD')).status).toBeLessThan(500);

    // A visitor is sent to the approved address, with its own query kept and the UTM parameters added.
    const click = await visit(result.trackedUrl, BROWSER_UA);
    expect(click.status).toBe(302);
    const target = new URL(click.headers.get('location')!);
    expect(`${target.origin}${target.pathname}`).toBe('https://www.fabbrica-aurora.example/press/2026/bologna-warehouse');
    expect(Object.fromEntries(target.searchParams)).toEqual({
      ref: 'newsroom',
      utm_source: 'linkedin',
      utm_medium: 'employee_advocacy',
      utm_campaign: 'advocacy',
      utm_content: itemId,
    });
    // The same visitor again the same day is the same click.
    expect((await visit(result.trackedUrl, BROWSER_UA)).status).toBe(302);

    // An unknown code leads nowhere.
    const unknown = await visit(`${server.url}/s/ZZZZZZZZZZ`, BROWSER_UA);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('location')).toBeNull();

    // The item counts one share and one click: not the crawler, not the HEAD, not the repeat.
    await expect
      .poll(async () => (await pageApi<ShareItemDto>(emily, 'GET', `/api/advocacy/items/${itemId}`)).json.clickCount, { timeout: 15_000 })
      .toBe(1);
    await emily.goto(`${server.url}/advocacy`);
    const after = emily.getByRole('article', { name: TITLE });
    await after.waitFor({ state: 'visible', timeout: 15_000 });
    await after.getByText('1 share', { exact: true }).waitFor();
    await after.getByText('1 click', { exact: true }).waitFor();
    await after.getByText('You shared it on: LinkedIn').waitFor();
    await expectAccessible(emily);
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
