import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../platform/policy.js';
import type { ArticleExtra } from '../posts/extras.schemas.js';
import * as q from './articles.queries.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** The address of an article's cover; it changes with the cover, so that browsers fetch a new one. */
export function coverUrl(articleId: string, coverKey: string | null): string | null {
  if (!coverKey) {
    return null;
  }
  const version = /cover-([0-9a-f-]+)\.webp$/.exec(coverKey)?.[1]?.slice(-12) ?? '1';
  return `/api/articles/${articleId}/cover?v=${version}`;
}

/**
 * What article posts show in a feed: title, cover, summary, reading time, in one query for the page.
 * The posts are already those the viewer may read; one whose article is no longer published is left out.
 */
export async function articleExtras(db: Executor, actor: Actor, postIds: string[]): Promise<Map<string, ArticleExtra>> {
  const rows = await q.articlesOfPosts(db, actor.orgId, postIds);
  return new Map(
    rows
      .filter((r): r is typeof r & { postId: string; publishedAt: Date } => r.postId !== null && r.publishedAt !== null)
      .map((r) => [
        r.postId,
        {
          id: r.id,
          title: r.title,
          summary: r.summary,
          coverUrl: coverUrl(r.id, r.coverKey),
          readingMinutes: r.readingMinutes,
          publishedAt: r.publishedAt,
        },
      ]),
  );
}
