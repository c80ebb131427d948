import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, testApp, type TestApp } from '../../test/helpers.js';
import { DEMO_PASSWORD, loadDemo, type DemoResult } from './demo.service.js';

let t: TestApp;
let demo: DemoResult;
beforeAll(async () => {
  t = await testApp();
  demo = await loadDemo(t.app.ctx, { size: 300 });
}, 120_000);
afterAll(() => t.close());

const signIn = (role: DemoResult['signIns'][number]['role']) =>
  new Client(t.app, 'demo.localhost').signIn(demo.signIns.find((s) => s.role === role)!.email, DEMO_PASSWORD);

type Page<T> = { items: T[] };

describe('demo communication', () => {
  it('pins the company announcement on an employee’s home until they acknowledge it, and shows its sender the counts', async () => {
    const emily = await signIn('employee-en');
    const pinned = (await emily.get('/api/announcements/pinned')).json<Page<{ id: string; title: string }>>();
    const policy = pinned.items.find((a) => a.title.startsWith('Our hybrid way of working'));
    expect(policy).toBeDefined();
    const comms = await signIn('communications');
    const stats = await comms.get(`/api/announcements/${policy!.id}/stats`);
    expect(stats.statusCode, stats.body).toBe(200);
    const s = stats.json<{ delivered: number; seen: number; acknowledged: number }>();
    expect(s.delivered).toBe(demo.people);
    expect(s.acknowledged).toBeGreaterThan(0);
    expect(s.acknowledged).toBeLessThan(s.seen);
  });

  it('has upcoming events with a full one that keeps a waitlist, and an AMA collecting questions', async () => {
    const emily = await signIn('employee-en');
    const events = (await emily.get('/api/events?when=upcoming')).json<Page<{ title: string; goingCount?: number }>>();
    expect(events.items.length).toBeGreaterThanOrEqual(2);
    const amas = (await emily.get('/api/amas?when=upcoming')).json<Page<{ id: string }>>();
    expect(amas.items).toHaveLength(1);
    const questions = (await emily.get(`/api/amas/${amas.items[0]!.id}/questions?sort=top`)).json<Page<{ upvoteCount: number }>>();
    expect(questions.items.length).toBe(5);
    expect(questions.items[0]!.upvoteCount).toBeGreaterThanOrEqual(questions.items[1]!.upvoteCount);
  });

  it('shows articles, questions and polls in the feed, an anonymous poll with its results past the threshold', async () => {
    const emily = await signIn('employee-en');
    const feed = (await emily.get('/api/feed?limit=100')).json<
      Page<{ kind: string; article?: { title: string } | null; poll?: { anonymous: boolean; resultsShown: boolean } | null }>
    >();
    const kinds = new Set(feed.items.map((p) => p.kind));
    expect(kinds).toContain('article');
    expect(kinds).toContain('poll');
    const anonymous = feed.items.find((p) => p.poll?.anonymous);
    expect(anonymous?.poll?.resultsShown).toBe(true);
    const safety = await signIn('safety');
    expect((await safety.get('/api/safety/checks')).statusCode).toBe(200);
  });
});
