import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, pageApi, type RunningServer, signInPage, startServer } from './support.js';

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

/** An administrator may broadcast to anyone. */
const SENDER = 'elena.marchetti@fabbrica-aurora.example';
const RECIPIENT = 'emily.clarke@fabbrica-aurora.example';
const TITLE = 'Gas leak in building B: leave now';

const signIn = (email: string, viewport?: { width: number; height: number }): Promise<Page> =>
  signInPage(browser, server.url, email, pageErrors, viewport);

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The axe violations (WCAG 2.0–2.2 A and AA) of the urgent banners alone, whatever the page around them holds. */
async function bannerViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; help: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run(
      { include: [['section[aria-label="Urgent messages"]']] },
      { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } },
    );
    return result.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

describe('urgent broadcasts', () => {
  it('interrupts an open page at once, and acknowledging takes the banner away', async () => {
    // A phone: the banner must work in one column.
    const recipient = await signIn(RECIPIENT, { width: 390, height: 844 });
    const sender = await signIn(SENDER);
    const me = await pageApi<{ user: { id: string } }>(recipient, 'GET', '/api/me');
    await expect.poll(() => recipient.getByRole('heading', { level: 1 }).count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await expect.poll(() => recipient.getByRole('alert').filter({ hasText: TITLE }).count()).toBe(0);

    const sent = await pageApi<{ id: string }>(sender, 'POST', '/api/announcements', {
      title: TITLE,
      body: 'Use the **north exit**. Do not use the lifts.',
      audience: { userIds: [me.json.user.id] },
      urgent: true,
    });
    expect(sent.status, JSON.stringify(sent.json)).toBeLessThan(300);

    // No reload: the banner arrives over the WebSocket.
    const banner = recipient.getByRole('alert').filter({ hasText: TITLE });
    await banner.waitFor({ state: 'visible', timeout: 15_000 });
    expect(await banner.textContent()).toContain('Use the north exit.');
    expect(await banner.getByRole('link', { name: 'Read the message' }).getAttribute('href')).toBe(`/announcements/${sent.json.id}`);
    const box = await banner.boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    const overflowing = await banner.evaluate(
      (el) =>
        [el, ...el.querySelectorAll('*')].filter((e) => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'hidden')
          .length,
    );
    expect(overflowing).toBe(0);
    await expect.poll(() => recipient.evaluate(() => document.getAnimations().length), { timeout: 10_000 }).toBe(0);
    expect(await bannerViolations(recipient)).toEqual([]);

    await banner.getByRole('button', { name: 'I have seen it' }).click();
    await banner.waitFor({ state: 'detached', timeout: 10_000 });
    const active = await pageApi<{ items: { id: string }[] }>(recipient, 'GET', '/api/urgent/active');
    expect(active.json.items.map((i) => i.id)).not.toContain(sent.json.id);
    expect(pageErrors).toEqual([]);
  });

  it('serves the service worker fresh, for the whole site', async () => {
    const res = await fetch(`${server.url}/sw.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('service-worker-allowed')).toBe('/');
    expect(res.headers.get('content-type')).toContain('javascript');
    expect(await res.text()).toContain('notificationclick');
  });
});
