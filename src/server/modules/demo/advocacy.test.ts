import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADVOCACY_DEFAULTS,
  TRACKED_CODE,
  type AdvocacyInsightsDto,
  type GuidelinesDto,
  type LeaderboardRowDto,
  type ShareItemDto,
} from '../../../shared/advocacy.js';
import { BADGE_RULES } from '../../../shared/recognition.js';
import { Client, testApp, type TestApp } from '../../test/helpers.js';
import { DEMO_PASSWORD, loadDemo, type DemoResult } from './demo.service.js';

let t: TestApp;
let demo: DemoResult;
beforeAll(async () => {
  t = await testApp();
  demo = await loadDemo(t.app.ctx, { size: 300 });
}, 120_000);
afterAll(() => t.close());

const db = () => t.app.ctx.db;
const signIn = (role: DemoResult['signIns'][number]['role']) =>
  new Client(t.app, 'demo.localhost').signIn(demo.signIns.find((s) => s.role === role)!.email, DEMO_PASSWORD);
const orgId = () => demo.orgId!;
const userId = async (role: DemoResult['signIns'][number]['role']) => {
  const email = demo.signIns.find((s) => s.role === role)!.email;
  return (await db().selectFrom('users').select('id').where('orgId', '=', orgId()).where('email', '=', email).executeTakeFirstOrThrow()).id;
};

describe('demo advocacy', () => {
  it('has the company’s guidelines, two campaigns and about ten items, all made by communications', async () => {
    const settings = await db().selectFrom('advocacySettings').selectAll().where('orgId', '=', orgId()).executeTakeFirstOrThrow();
    expect(settings.guidelinesVersion).toBe(1);
    expect(settings.guidelines).toContain('## Be yourself');
    expect(settings.guidelinesHtml).toContain('<h2');
    expect(settings.guidelinesHtml).not.toContain('<script');

    const comms = await userId('communications');
    expect(demo.signIns.find((s) => s.role === 'communications')!.email).toBe('alessandra.serra@fabbrica-aurora.example');
    const campaigns = await db().selectFrom('shareCampaigns').selectAll().where('orgId', '=', orgId()).orderBy('name').execute();
    expect(campaigns.map((c) => c.name)).toEqual(['Aurora careers week', 'Sustainable packaging launch']);
    expect(campaigns.every((c) => c.createdBy === comms && c.hashtag?.startsWith('#') && (c.goal ?? 0) > 0)).toBe(true);
    const audiences = campaigns.map((c) => (typeof c.audience === 'string' ? JSON.parse(c.audience) : c.audience) as object);
    expect(audiences[0]).toEqual({ all: true });
    expect(audiences[1]).toHaveProperty('departmentIds');

    const items = await db().selectFrom('shareItems').selectAll().where('orgId', '=', orgId()).execute();
    expect(items.length).toBeGreaterThanOrEqual(9);
    expect(items.every((i) => i.createdBy === comms)).toBe(true);
    expect(new Set(items.map((i) => i.kind))).toEqual(new Set(['post', 'article', 'link']));
    for (const link of items.filter((i) => i.kind === 'link')) {
      expect(link.url).toMatch(/^https:\/\/www\.fabbrica-aurora\.example\//);
    }
    // Suggested texts in both languages, and none too long for X when meant for X.
    const suggestions = items.flatMap((i) => i.suggestions as Array<{ network: string; lang: string; text: string }>);
    expect(new Set(suggestions.map((s) => s.lang))).toEqual(new Set(['en', 'it']));
    expect(suggestions.filter((s) => s.network === 'x').every((s) => s.text.length <= 280)).toBe(true);
    // Some open now, one past its end, one not started yet.
    const now = Date.now();
    expect(
      items.filter((i) => i.startsAt.getTime() <= now && (i.endsAt === null || i.endsAt.getTime() > now)).length,
    ).toBeGreaterThanOrEqual(7);
    expect(items.some((i) => i.endsAt !== null && i.endsAt.getTime() < now)).toBe(true);
    expect(items.some((i) => i.startsAt.getTime() > now)).toBe(true);
  });

  it('shares only posts the whole company can read, and keeps one internal-only post out', async () => {
    const internal = await db().selectFrom('posts').select('id').where('orgId', '=', orgId()).where('internalOnly', '=', true).execute();
    expect(internal).toHaveLength(1);
    const posts = await db()
      .selectFrom('shareItems')
      .innerJoin('posts', 'posts.id', 'shareItems.postId')
      .innerJoin('communities', 'communities.id', 'posts.communityId')
      .select(['posts.id', 'posts.internalOnly', 'posts.kind', 'communities.visibility', 'shareItems.kind as itemKind'])
      .where('shareItems.orgId', '=', orgId())
      .execute();
    expect(posts.length).toBeGreaterThanOrEqual(3);
    expect(posts.some((p) => p.id === internal[0]!.id)).toBe(false);
    expect(posts.every((p) => !p.internalOnly && p.visibility === 'public')).toBe(true);
    expect(posts.filter((p) => p.itemKind === 'article').every((p) => p.kind === 'article')).toBe(true);
  });

  it('leaves Emily and Marco without shares or accepted guidelines, for the first share in the journey', async () => {
    for (const role of ['employee-en', 'employee-it'] as const) {
      const id = await userId(role);
      expect(await db().selectFrom('shares').select('id').where('userId', '=', id).execute()).toHaveLength(0);
      expect(await db().selectFrom('guidelineAcceptances').select('version').where('userId', '=', id).execute()).toHaveLength(0);
    }
  });

  it('has about 60 people who accepted the guidelines before their first share, LinkedIn first among networks', async () => {
    const sharers = await db()
      .selectFrom('shares')
      .select(['userId', (eb) => eb.fn.min('createdAt').as('first')])
      .where('orgId', '=', orgId())
      .groupBy('userId')
      .execute();
    expect(sharers.length).toBeGreaterThanOrEqual(50);
    expect(sharers.length).toBeLessThanOrEqual(60);
    const accepted = new Map(
      (await db().selectFrom('guidelineAcceptances').select(['userId', 'acceptedAt']).where('orgId', '=', orgId()).execute()).map((a) => [
        a.userId,
        a.acceptedAt,
      ]),
    );
    expect(accepted.size).toBeGreaterThan(sharers.length);
    for (const s of sharers) {
      expect(accepted.get(s.userId)!.getTime()).toBeLessThan(new Date(s.first).getTime());
    }

    const byNetwork = await db()
      .selectFrom('shares')
      .select(['network', (eb) => eb.fn.countAll<number>().as('n')])
      .where('orgId', '=', orgId())
      .groupBy('network')
      .orderBy('n', 'desc')
      .execute();
    expect(byNetwork).toHaveLength(5);
    expect(byNetwork[0]!.network).toBe('linkedin');
    expect(Number(byNetwork[0]!.n)).toBeGreaterThan(2 * Number(byNetwork[4]!.n));
    expect(byNetwork.find((n) => n.network === 'facebook')!.n).toBe(byNetwork[4]!.n);
  });

  it('gives each share its own tracked link and counts clicks only after the share, each a distinct visitor', async () => {
    const links = await db().selectFrom('shareLinks').select(['code']).where('orgId', '=', orgId()).execute();
    expect(links.every((l) => TRACKED_CODE.test(l.code))).toBe(true);
    const unmatched = await sql<{ n: number }>`
      select count(*)::int as n from shares s join share_links l on l.id = s.link_id
      where s.org_id = ${orgId()} and (l.item_id <> s.item_id or l.user_id <> s.user_id or l.network <> s.network)
    `.execute(db());
    expect(unmatched.rows[0]!.n).toBe(0);

    const clicks = await sql<{ total: number; visitors: number; early: number; future: number; wrongDay: number }>`
      select count(*)::int as total,
             count(distinct c.visitor)::int as visitors,
             count(*) filter (where c.created_at < s.created_at)::int as early,
             count(*) filter (where c.created_at > now())::int as future,
             count(*) filter (where c.day <> (c.created_at at time zone 'UTC')::date)::int as "wrongDay"
      from share_clicks c join shares s on s.link_id = c.link_id
      where c.org_id = ${orgId()}
    `.execute(db());
    const c = clicks.rows[0]!;
    expect(c.total).toBeGreaterThan(500);
    expect(c.visitors).toBe(c.total);
    expect(c.early).toBe(0);
    expect(c.future).toBe(0);
    expect(c.wrongDay).toBe(0);

    // Clicks fade after a share: more on its first day than on its fourth.
    const decay = await sql<{ first: number; fourth: number }>`
      select count(*) filter (where c.created_at < s.created_at + interval '1 day')::int as first,
             count(*) filter (where c.created_at >= s.created_at + interval '3 days'
                              and c.created_at < s.created_at + interval '4 days')::int as fourth
      from share_clicks c join shares s on s.link_id = c.link_id where c.org_id = ${orgId()}
    `.execute(db());
    expect(decay.rows[0]!.first).toBeGreaterThan(3 * decay.rows[0]!.fourth);
  });

  it('pays points for shares through the ledger without passing the weekly cap', async () => {
    const weeks = await sql<{ points: number }>`
      select sum(delta)::int as points from points_ledger
      where org_id = ${orgId()} and reason = 'share'
      group by user_id, date_trunc('week', created_at at time zone 'UTC')
    `.execute(db());
    expect(weeks.rows.length).toBeGreaterThan(0);
    expect(Math.max(...weeks.rows.map((w) => w.points))).toBeLessThanOrEqual(ADVOCACY_DEFAULTS.pointsCapPerWeek);

    const mismatch = await sql<{ n: number }>`
      select count(*)::int as n from shares s
      left join points_ledger l on l.share_id = s.id and l.reason = 'share'
      where s.org_id = ${orgId()} and coalesce(l.delta, 0) <> s.points
    `.execute(db());
    expect(mismatch.rows[0]!.n).toBe(0);
    const zero = await db().selectFrom('shares').select('id').where('orgId', '=', orgId()).where('points', '=', 0).execute();
    // Somebody shared past the cap in a busy week, and earned nothing for it.
    expect(zero.length).toBeGreaterThan(0);
  });

  it('gives the first-share badge to everyone who shared, when recognition has the rule', async () => {
    if (!(BADGE_RULES as readonly string[]).includes('first_share')) {
      return;
    }
    const badge = await db()
      .selectFrom('badges')
      .select('id')
      .where('orgId', '=', orgId())
      .where('rule', '=', 'first_share')
      .executeTakeFirstOrThrow();
    const holders = await db().selectFrom('userBadges').select('userId').where('badgeId', '=', badge.id).execute();
    const sharers = await db().selectFrom('shares').select('userId').distinct().where('orgId', '=', orgId()).execute();
    expect(new Set(holders.map((h) => h.userId))).toEqual(new Set(sharers.map((s) => s.userId)));
  });

  it('shows Emily items ready to share and the guidelines to accept, and communications the reach and the leaderboard', async () => {
    const emily = await signIn('employee-en');
    const guidelines = (await emily.get('/api/advocacy/guidelines')).json<GuidelinesDto>();
    expect(guidelines.acceptedAt).toBeNull();
    expect(guidelines.html).toContain('Be yourself');
    const ready = await emily.get('/api/advocacy/ready?limit=50');
    expect(ready.statusCode, ready.body).toBe(200);
    const items = ready.json<{ items: ShareItemDto[] }>().items;
    expect(items.length).toBeGreaterThanOrEqual(5);
    expect(items.every((i) => i.state === 'active' && i.mySharedNetworks.length === 0)).toBe(true);
    expect(items.some((i) => i.campaign?.name === 'Aurora careers week')).toBe(true);
    expect(items.reduce((n, i) => n + i.clickCount, 0)).toBeGreaterThan(0);

    const comms = await signIn('communications');
    const board = (await comms.get('/api/advocacy/leaderboard?period=all&limit=50')).json<{ items: LeaderboardRowDto[] }>();
    expect(board.items.length).toBeGreaterThanOrEqual(10);
    expect(board.items[0]!.shares).toBeGreaterThanOrEqual(board.items[board.items.length - 1]!.shares);
    const insights = await comms.get('/api/advocacy/insights');
    expect(insights.statusCode, insights.body).toBe(200);
    const totals = insights.json<AdvocacyInsightsDto>().totals;
    expect(totals.shares).toBeGreaterThan(50);
    expect(totals.clicks).toBeGreaterThan(totals.shares);
  });
});
