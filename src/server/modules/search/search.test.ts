import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Visibility } from '../../db/schema.js';
import { newId } from '../../platform/ids.js';
import { detectLang } from '../../../shared/lang.js';
import { searchTuning } from './search.queries.js';
import { createOrg, testApp, type Client, type TestApp, type TestOrg } from '../../test/helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const db = () => t.app.ctx.db;

async function community(org: TestOrg, name: string, visibility: Visibility, members: string[] = [], description = '') {
  const id = newId();
  await db()
    .insertInto('communities')
    .values({
      id,
      orgId: org.orgId,
      name,
      slug: `c-${id.slice(-12)}`,
      description,
      visibility,
      memberCount: members.length,
    })
    .execute();
  if (members.length > 0) {
    await db()
      .insertInto('communityMembers')
      .values(members.map((userId) => ({ orgId: org.orgId, communityId: id, userId, status: 'active' as const })))
      .execute();
  }
  return id;
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

async function post(
  org: TestOrg,
  authorId: string,
  body: string,
  opts: { communityId?: string; createdAt?: Date; deleted?: boolean; hidden?: boolean } = {},
) {
  const id = newId();
  const createdAt = opts.createdAt ?? new Date();
  await db()
    .insertInto('posts')
    .values({
      id,
      orgId: org.orgId,
      authorId,
      communityId: opts.communityId ?? null,
      body,
      bodyHtml: `<p>${escape(body)}</p>`,
      // As the posts module does when the author does not say.
      lang: detectLang(body),
      createdAt,
      deletedAt: opts.deleted ? new Date() : null,
      hiddenAt: opts.hidden ? new Date() : null,
      hiddenReason: opts.hidden ? 'spam' : null,
    })
    .execute();
  return id;
}

async function comment(
  org: TestOrg,
  postId: string,
  authorId: string,
  body: string,
  opts: { createdAt?: Date; deleted?: boolean; hidden?: boolean } = {},
) {
  const id = newId();
  await db()
    .insertInto('comments')
    .values({
      id,
      orgId: org.orgId,
      postId,
      authorId,
      body,
      bodyHtml: `<p>${escape(body)}</p>`,
      lang: detectLang(body),
      createdAt: opts.createdAt ?? new Date(),
      deletedAt: opts.deleted ? new Date() : null,
      hiddenAt: opts.hidden ? new Date() : null,
    })
    .execute();
  return id;
}

interface Hit {
  id: string;
  highlight: string;
}

async function find(client: Client, params: Record<string, string>) {
  const res = await client.get(`/api/search?${new URLSearchParams(params).toString()}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: Hit[]; nextCursor: string | null }>();
}

const ids = async (client: Client, q: string, extra: Record<string, string> = {}) =>
  (await find(client, { q, type: 'posts', ...extra })).items.map((i) => i.id);

describe('search', () => {
  it('finds English posts by other forms of the same word', async () => {
    const org = await createOrg(t);
    const running = await post(org, org.adminId, 'We are running the quarterly planning workshop with the sales teams this week.');
    const italian = await post(org, org.adminId, 'Il nostro gruppo di corsa si allena il martedì e il giovedì, venite con noi.');
    expect(await ids(org.admin, 'run')).toEqual([running]);
    expect(await ids(org.admin, 'runs')).toEqual([running]);
    expect(await ids(org.admin, 'workshops planned')).toEqual([running]);
    expect(await ids(org.admin, 'team')).toEqual([running]);
    expect(await ids(org.admin, 'allenamento')).toEqual([italian]);
  });

  it('finds Italian posts by other forms of the same word', async () => {
    const org = await createOrg(t);
    const lavoro = await post(
      org,
      org.adminId,
      'Stiamo lavorando insieme al nuovo progetto della squadra di Milano, grazie a tutti per la pazienza.',
    );
    await post(org, org.adminId, 'The new office in London opens on Monday, and the coffee machine finally works.');
    expect(await ids(org.admin, 'lavoro')).toEqual([lavoro]);
    expect(await ids(org.admin, 'lavorare progetti')).toEqual([lavoro]);
    expect(await ids(org.admin, 'squadre')).toEqual([lavoro]);
    expect(await ids(org.admin, 'pazienza milano')).toEqual([lavoro]);
  });

  it('matches the last word as the start of a word while typing, from three letters on', async () => {
    const org = await createOrg(t);
    const id = await post(org, org.adminId, 'The project kickoff for the onboarding portal is on Thursday, and everyone is welcome.');
    expect(await ids(org.admin, 'proj')).toEqual([id]);
    expect(await ids(org.admin, 'onboarding port')).toEqual([id]);
    expect(await ids(org.admin, 'pr')).toEqual([]);
    // Only the last word is a prefix: earlier words are complete.
    expect(await ids(org.admin, 'proj portal')).toEqual([]);
  });

  it('understands phrases, exclusions and "or"', async () => {
    const org = await createOrg(t);
    const a = await post(org, org.adminId, 'The customer feedback survey closes on Friday; thanks for all the answers so far.');
    const b = await post(org, org.adminId, 'We read every piece of feedback from the customer panel, and the survey results are in.');
    const c = await post(org, org.adminId, 'The employee survey is a draft for now, and the questions may still change this month.');
    expect(await ids(org.admin, '"customer feedback"')).toEqual([a]);
    expect((await ids(org.admin, 'customer feedback')).sort()).toEqual([a, b].sort());
    expect((await ids(org.admin, 'survey -customer')).sort()).toEqual([c]);
    expect((await ids(org.admin, 'survey friday or draft')).sort()).toEqual([a, c].sort());
  });

  it('ranks the closest match first, and the newer of two equal matches', async () => {
    const org = await createOrg(t);
    const day = 86_400_000;
    const loose = await post(
      org,
      org.adminId,
      'Notes from the all-hands: the budget is on track, hiring continues in three teams, the new office opens in spring, ' +
        'the security training is due, the parking rules change, and the cafeteria gets a new menu; questions about the review go to HR.',
    );
    const close = await post(org, org.adminId, 'Budget review: the budget review for the next quarter is on Thursday.', {
      createdAt: new Date(Date.now() - 60 * day),
    });
    expect(await ids(org.admin, 'budget review')).toEqual([close, loose]);

    const older = await post(org, org.adminId, 'Volunteering day at the food bank: sign up by Friday.', {
      createdAt: new Date(Date.now() - 10 * day),
    });
    const newer = await post(org, org.adminId, 'Volunteering day at the food bank: sign up by Friday.');
    expect(await ids(org.admin, 'volunteering')).toEqual([newer, older]);
  });

  it('narrows by community, author and dates', async () => {
    const org = await createOrg(t);
    const bea = await org.person({ name: 'Bea Conti' });
    const design = await community(org, 'Design', 'public');
    const january = await post(org, org.adminId, 'Accessibility review of the checkout flow.', {
      communityId: design,
      createdAt: new Date('2025-01-10T12:00:00Z'),
    });
    const june = await post(org, bea.id, 'Accessibility review of the sign-up flow.', {
      communityId: design,
      createdAt: new Date('2025-06-10T12:00:00Z'),
    });
    const profile = await post(org, bea.id, 'Accessibility review notes, shared on my profile.');

    expect((await ids(org.admin, 'accessibility', { communityId: design })).sort()).toEqual([january, june].sort());
    expect((await ids(org.admin, 'accessibility', { authorId: bea.id })).sort()).toEqual([june, profile].sort());
    expect(await ids(org.admin, 'accessibility', { from: '2025-06-01', to: '2025-06-30' })).toEqual([june]);
    expect(await ids(org.admin, 'accessibility', { to: '2025-01-10' })).toEqual([january]);
    expect(await ids(org.admin, 'accessibility', { from: '2025-06-10T12:00:01Z', to: '2025-12-31' })).toEqual([]);

    const all = (await org.admin.get(`/api/search?q=accessibility&authorId=${bea.id}`)).json();
    expect(all.posts.items).toHaveLength(2);
    expect(all.communities.items).toEqual([]);
    expect(all.people.items).toEqual([]);
  });

  it('highlights matches as escaped text, never as markup', async () => {
    const org = await createOrg(t);
    const ada = await org.person({ name: 'Ada Lovelace' });
    await post(
      org,
      org.adminId,
      `<script>alert("deploy")</script> <img src=x onerror=alert(1)> Deployment notes for @[Ada Lovelace](person:${ada.id}) & the team.`,
    );
    const [hit] = (await find(org.admin, { q: 'deployment', type: 'posts' })).items;
    expect(hit!.highlight).toContain('<mark>Deployment</mark> notes for @Ada Lovelace &amp; the team');
    expect(hit!.highlight).toContain('onerror=alert(1)&gt;');
    expect(hit!.highlight.replace(/<\/?mark>/g, '')).not.toMatch(/[<>"]/);
    expect(hit!.highlight).not.toContain('\uE000');
  });

  it('finds addresses, versions and hyphenated words as they were written', async () => {
    const org = await createOrg(t);
    const id = await post(
      org,
      org.adminId,
      'The release notes for v2.5 are on the wiki: write to ops-team@example.com with any e-mail questions.',
    );
    expect(await ids(org.admin, 'ops-team@example.com')).toEqual([id]);
    expect(await ids(org.admin, 'v2.5 notes')).toEqual([id]);
    expect(await ids(org.admin, 'e-mail')).toEqual([id]);
    expect(await ids(org.admin, 'v2.6')).toEqual([]);
  });

  it('answers anything typed with results or a clear refusal, never an error', async () => {
    const org = await createOrg(t);
    await post(org, org.adminId, "Ops: the 'blue' deploy (v1.2) finished & rolled back at 10:30 — see #ops!");
    const typed = fc.oneof(
      fc.string({ maxLength: 60 }),
      fc.stringMatching(/^[-a-z0-9"'():*&|!<>@.\\ ]{0,40}$/),
      fc.constantFrom("'", '\\', ':*', '"', '" "', "o'clock", '&&', '!(', 'a:*b', '10:30', '#ops', '<->', 'ops & !', '-"'),
    );
    await fc.assert(
      fc.asyncProperty(typed, fc.constantFrom('all', 'posts', 'comments', 'communities', 'people'), async (q, type) => {
        const res = await org.admin.get(`/api/search?${new URLSearchParams({ q, type }).toString()}`);
        expect([200, 400], `${q} → ${res.body}`).toContain(res.statusCode);
      }),
      { numRuns: 60 },
    );
  });

  it('answers a few of each kind in one box, each with the cursor of its next results', async () => {
    const org = await createOrg(t);
    const person = await org.person({ name: 'Orsola Fenwick' });
    const fenwick = await community(org, 'Fenwick fans', 'public', [person.id], 'For everyone who likes Fenwick trains');
    const postIds: string[] = [];
    for (let i = 0; i < 7; i += 1) {
      postIds.push(await post(org, person.id, `Fenwick train number ${i} leaves the station on time.`, { communityId: fenwick }));
    }
    await comment(org, postIds[0]!, org.adminId, 'The Fenwick timetable is on the wall.');

    const res = await org.admin.get('/api/search?q=fenwick');
    expect(res.statusCode).toBe(200);
    const all = res.json();
    expect(all.type).toBe('all');
    expect(all.posts.items).toHaveLength(5);
    expect(all.posts.items[0].post.community.id).toBe(fenwick);
    expect(all.posts.items[0].highlight).toContain('<mark>Fenwick</mark>');
    expect(all.comments.items).toHaveLength(1);
    expect(all.comments.items[0]).toMatchObject({ postId: postIds[0], community: { id: fenwick, name: 'Fenwick fans' } });
    expect(all.comments.items[0].author.id).toBe(org.adminId);
    expect(all.communities.items).toHaveLength(1);
    expect(all.communities.items[0]).toMatchObject({ id: fenwick, visibility: 'public', memberCount: 1, membership: null });
    expect(all.communities.items[0].highlight.name).toBe('<mark>Fenwick</mark> fans');
    expect(all.people.items.map((p: { id: string }) => p.id)).toEqual([person.id]);
    expect(all.comments.nextCursor).toBeNull();

    const rest = await find(org.admin, { q: 'fenwick', type: 'posts', cursor: all.posts.nextCursor });
    expect(rest.items).toHaveLength(2);
    expect(rest.nextCursor).toBeNull();
    const seen = [...all.posts.items, ...rest.items].map((i: Hit) => i.id);
    expect(seen.sort()).toEqual([...postIds].sort());
  });

  it('pages through ranked posts without repeats, unmoved by posts written meanwhile', async () => {
    const org = await createOrg(t);
    const written: string[] = [];
    for (let i = 0; i < 23; i += 1) {
      written.push(await post(org, org.adminId, `Kaizen idea ${i}: ${'kaizen '.repeat(1 + (i % 4))}for the warehouse.`));
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { items: Hit[]; nextCursor: string | null } = await find(org.admin, {
        q: 'kaizen',
        type: 'posts',
        limit: '10',
        ...(cursor ? { cursor } : {}),
      });
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
      pages += 1;
      if (pages === 1) {
        await post(org, org.adminId, 'Kaizen kaizen kaizen kaizen: a late idea.');
      }
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(23);
    expect([...seen].sort()).toEqual([...written].sort());
  });

  it('collects the same matches whichever way it reads them, and ranks only the newest', async () => {
    const org = await createOrg(t);
    const reader = await org.person();
    const closed = await community(org, 'Closed', 'private');
    const day = 86_400_000;
    const ago = (days: number) => new Date(Date.now() - days * day);
    const posts: string[] = [];
    const comments: string[] = [];
    const ages = [0, 1, 3, 9, 20, 45, 100, 200, 400, 800];
    for (const [i, age] of ages.entries()) {
      const id = await post(org, org.adminId, `Tapir sighting number ${i} near the river, with ${'photos '.repeat(i)}`, {
        createdAt: ago(age),
      });
      posts.push(id);
      await post(org, org.adminId, `Nothing to see on day ${i}`, { createdAt: ago(age + 0.5) });
      await post(org, org.adminId, `Tapir in a closed group ${i}`, { createdAt: ago(age + 0.2), communityId: closed });
      await post(org, org.adminId, `Tapir post since deleted ${i}`, { createdAt: ago(age + 0.3), deleted: true });
      comments.push(await comment(org, id, org.adminId, `A tapir comment ${i} ${'indeed '.repeat(i)}`, { createdAt: ago(age + 0.1) }));
      await comment(org, id, org.adminId, `An unrelated comment ${i}`, { createdAt: ago(age + 0.15) });
    }
    const results = async () => ({
      posts: await ids(reader.client, 'tapir', { limit: '50' }),
      comments: (await find(reader.client, { q: 'tapir', type: 'comments', limit: '50' })).items.map((i) => i.id),
      since: await ids(reader.client, 'tapir', { from: ago(150).toISOString(), to: ago(2).toISOString() }),
    });
    const saved = { ...searchTuning };
    try {
      const expected = await results();
      expect([...expected.posts].sort()).toEqual([...posts].sort());
      expect([...expected.comments].sort()).toEqual([...comments].sort());
      expect([...expected.since].sort()).toEqual(posts.slice(2, 7).sort());
      for (const tuning of [
        { probeRows: 3, walkRate: 0.04, maxWalk: 4 },
        { probeRows: 2, walkRate: 2, maxWalk: 2 },
        { probeRows: 4, walkRate: 0, maxWalk: 5 },
      ]) {
        Object.assign(searchTuning, tuning);
        expect(await results(), JSON.stringify(tuning)).toEqual(expected);
      }
      Object.assign(searchTuning, { ...saved, candidates: 4, probeRows: 2 });
      expect((await ids(reader.client, 'tapir')).sort()).toEqual(posts.slice(0, 4).sort());
      // With enough matches, collecting ends with the window of time that brought them (two weeks here).
      Object.assign(searchTuning, { ...saved, enough: 3, probeRows: 2, walkRate: 2 });
      expect((await ids(reader.client, 'tapir')).sort()).toEqual(posts.slice(0, 4).sort());
    } finally {
      Object.assign(searchTuning, saved);
    }
  });

  it('finds communities by the start of their words, secret ones only for members and administrators', async () => {
    const org = await createOrg(t);
    const member = await org.person();
    const other = await org.person();
    const open = await community(org, 'Photography walks', 'public');
    const closed = await community(org, 'Photography leads', 'private');
    const secret = await community(org, 'Photography jury', 'secret', [member.id]);
    const names = async (client: Client) => (await find(client, { q: 'photo', type: 'communities' })).items.map((i) => i.id).sort();
    expect(await names(other.client)).toEqual([open, closed].sort());
    expect(await names(member.client)).toEqual([open, closed, secret].sort());
    expect(await names(org.admin)).toEqual([open, closed, secret].sort());
    const mine = (await find(member.client, { q: 'jury', type: 'communities' })).items[0] as unknown as { membership: unknown };
    expect(mine.membership).toEqual({ role: 'member', status: 'active' });
  });

  it('never returns content of private and secret communities the reader is not in, nor deleted or hidden content', async () => {
    const org = await createOrg(t);
    const reader = await org.person({ name: 'Rita Reader' });
    const insider = await org.person({ name: 'Ivo Insider' });
    const pub = await community(org, 'Quokka public', 'public', [insider.id]);
    const priv = await community(org, 'Quokka private', 'private', [insider.id]);
    const secret = await community(org, 'Quokka secret', 'secret', [insider.id]);
    const banned = await community(org, 'Quokka banned', 'public', [insider.id]);
    await db()
      .insertInto('communityMembers')
      .values({ orgId: org.orgId, communityId: banned, userId: reader.id, status: 'banned' })
      .execute();

    const visiblePost = await post(org, insider.id, 'Quokka sighting in the public garden.', { communityId: pub });
    const privatePost = await post(org, insider.id, 'Quokka plans, private.', { communityId: priv });
    const secretPost = await post(org, insider.id, 'Quokka plans, secret.', { communityId: secret });
    const bannedPost = await post(org, insider.id, 'Quokka news for the banned.', { communityId: banned });
    const deletedPost = await post(org, insider.id, 'Quokka post that was deleted.', { communityId: pub, deleted: true });
    const hiddenPost = await post(org, insider.id, 'Quokka post a moderator hid.', { communityId: pub, hidden: true });
    const visibleComment = await comment(org, visiblePost, insider.id, 'Quokka comment anyone may read.');
    const hidden = [
      await comment(org, privatePost, insider.id, 'Quokka comment in private.'),
      await comment(org, secretPost, insider.id, 'Quokka comment in secret.'),
      await comment(org, bannedPost, insider.id, 'Quokka comment for the banned.'),
      await comment(org, deletedPost, insider.id, 'Quokka comment on a deleted post.'),
      await comment(org, hiddenPost, insider.id, 'Quokka comment on a hidden post.'),
      await comment(org, visiblePost, insider.id, 'Quokka comment that was deleted.', { deleted: true }),
      await comment(org, visiblePost, insider.id, 'Quokka comment a moderator hid.', { hidden: true }),
    ];
    const forbiddenPosts = [privatePost, secretPost, bannedPost, deletedPost, hiddenPost];

    for (const q of ['quokka', 'quok', 'quokka plans', 'quokka -sighting', '"quokka comment"']) {
      const posts = (await find(reader.client, { q, type: 'posts' })).items.map((i) => i.id);
      const comments = (await find(reader.client, { q, type: 'comments' })).items.map((i) => i.id);
      const all = (await reader.client.get(`/api/search?q=${encodeURIComponent(q)}&limit=10`)).json();
      for (const id of forbiddenPosts) {
        expect(posts).not.toContain(id);
        expect(JSON.stringify(all)).not.toContain(id);
      }
      for (const id of hidden) {
        expect(comments).not.toContain(id);
        expect(JSON.stringify(all)).not.toContain(id);
      }
      expect(JSON.stringify(all)).not.toContain(secret);
    }
    expect(await ids(reader.client, 'quokka')).toEqual([visiblePost]);
    expect((await find(reader.client, { q: 'quokka', type: 'comments' })).items.map((i) => i.id)).toEqual([visibleComment]);
    const communities = (await find(reader.client, { q: 'quokka', type: 'communities' })).items.map((i) => i.id);
    expect(communities.sort()).toEqual([pub, priv, banned].sort());

    // Administrators manage every community but read private content only by joining.
    expect((await ids(org.admin, 'quokka')).sort()).toEqual([visiblePost, bannedPost].sort());
    // Members read it all, deleted and hidden content still excepted.
    expect((await ids(insider.client, 'quokka')).sort()).toEqual([visiblePost, privatePost, secretPost, bannedPost].sort());

    // A community filter does not open a door: a secret community is unknown, a private one is empty.
    const bySecret = await reader.client.get(`/api/search?q=quokka&communityId=${secret}`);
    expect(bySecret.statusCode).toBe(404);
    expect(bySecret.json().error.code).toBe('NOT_FOUND');
    expect(await ids(reader.client, 'quokka', { communityId: priv })).toEqual([]);
  });

  it('refuses bad input with a clear error', async () => {
    const org = await createOrg(t);
    const code = async (url: string) => {
      const res = await org.admin.get(url);
      expect(res.statusCode, res.body).toBe(400);
      return res.json().error.code;
    };
    expect(await code('/api/search')).toBe('VALIDATION_FAILED');
    expect(await code('/api/search?q=')).toBe('QUERY_TOO_SHORT');
    expect(await code('/api/search?q=%20%20a%20%20')).toBe('QUERY_TOO_SHORT');
    expect(await code('/api/search?q=a%20b%20c')).toBe('QUERY_TOO_SHORT');
    expect(await code('/api/search?q=-excluded')).toBe('QUERY_TOO_SHORT');
    expect(await code('/api/search?q=%22%22%20!!')).toBe('QUERY_TOO_SHORT');
    expect(await code(`/api/search?q=${'word '.repeat(41)}`)).toBe('QUERY_TOO_LONG');
    expect(await code('/api/search?q=budget&type=everything')).toBe('VALIDATION_FAILED');
    expect(await code('/api/search?q=budget&from=yesterday')).toBe('INVALID_DATE');
    expect(await code('/api/search?q=budget&to=2026-02-30')).toBe('INVALID_DATE');
    expect(await code('/api/search?q=budget&from=2026-03-01&to=2026-02-01')).toBe('INVALID_DATE_RANGE');
    expect(await code('/api/search?q=budget&communityId=not-a-uuid')).toBe('VALIDATION_FAILED');
    expect(await code('/api/search?q=budget&type=people&from=2026-01-01')).toBe('FILTER_NOT_APPLICABLE');
    expect(await code('/api/search?q=budget&type=posts&cursor=bm9wZQ')).toBe('INVALID_CURSOR');
    expect(await code('/api/search?q=budget&limit=500')).toBe('VALIDATION_FAILED');

    for (let i = 0; i < 7; i += 1) {
      await post(org, org.adminId, `Budget line ${i}`);
    }
    const first = (await org.admin.get('/api/search?q=budget')).json();
    expect(await code(`/api/search?q=budget&type=comments&cursor=${first.posts.nextCursor}`)).toBe('INVALID_CURSOR');
    expect(await code(`/api/search?q=budget&cursor=${first.posts.nextCursor}`)).toBe('INVALID_CURSOR');

    const anonymous = await org.anonymous().get('/api/search?q=budget');
    expect(anonymous.statusCode).toBe(401);
  });
});
