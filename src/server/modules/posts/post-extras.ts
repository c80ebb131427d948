import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../platform/policy.js';
import type { AnnouncementExtra, ArticleExtra, PollExtra, QuestionExtra } from './extras.schemas.js';
import { announcementExtras } from '../announcements/announcements.extras.js';
import { articleExtras } from '../articles/articles.extras.js';
import { questionExtras } from '../questions/questions.extras.js';
import { pollExtras } from '../polls/polls.extras.js';

type Executor = Kysely<DB> | Transaction<DB>;

export interface PostExtras {
  announcement?: AnnouncementExtra | null;
  article?: ArticleExtra | null;
  question?: QuestionExtra | null;
  poll?: PollExtra | null;
}

/**
 * Loads, for a page of posts, what each post of the kinds below carries for this viewer: one query
 * per kind present on the page. A loader that leaves a post out hides it from the viewer (an
 * announcement reaches only its audience).
 */
type Loader = (db: Executor, actor: Actor, postIds: string[]) => Promise<Map<string, unknown>>;

/** `narrows`: the kind reaches fewer people than its place would (an announcement its audience only). */
const LOADERS: Record<string, { field: keyof PostExtras; load: Loader; narrows: boolean }> = {
  announcement: { field: 'announcement', load: announcementExtras, narrows: true },
  article: { field: 'article', load: articleExtras, narrows: false },
  question: { field: 'question', load: questionExtras, narrows: false },
  poll: { field: 'poll', load: pollExtras, narrows: false },
};

/** Whether posts of this kind are read by fewer people than their community or profile would allow. */
export const kindNarrowsReaders = (kind: string): boolean => LOADERS[kind]?.narrows === true;

export async function loadPostExtras(
  db: Executor,
  actor: Actor,
  posts: ReadonlyArray<{ id: string; kind: string }>,
): Promise<{ shows(postId: string, kind: string): boolean; of(postId: string): PostExtras }> {
  const byKind = new Map<string, string[]>();
  for (const p of posts) {
    if (LOADERS[p.kind]) {
      byKind.set(p.kind, [...(byKind.get(p.kind) ?? []), p.id]);
    }
  }
  const found = new Map<string, PostExtras>();
  for (const [kind, ids] of byKind) {
    const loader = LOADERS[kind]!;
    const views = await loader.load(db, actor, ids);
    for (const [id, view] of views) {
      found.set(id, { [loader.field]: view });
    }
  }
  return {
    shows: (postId, kind) => !LOADERS[kind] || found.has(postId),
    of: (postId) => found.get(postId) ?? {},
  };
}
