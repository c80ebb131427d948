import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** A question's text shortened for a notification's line (plain text: it is never rendered as HTML). */
export function questionTitle(body: string): string {
  const text = body
    .replace(/@\[([^\]]*)\]\((?:person|community):[0-9a-f-]+\)/g, '@$1')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > 120 ? `${text.slice(0, 119)}…` : text;
}

/**
 * Whether a post is a question, with what a notification about it says. The comments of a question are
 * its answers: they are ordered best first and their author's first answer notifies the asker as one.
 */
export async function questionOf(
  db: Executor,
  orgId: string,
  postId: string,
): Promise<{ title: string; link: string; bestCommentId: string | null } | undefined> {
  const row = await db
    .selectFrom('questions as q')
    .innerJoin('posts as p', 'p.id', 'q.postId')
    .select(['p.body', 'q.bestCommentId'])
    .where('q.orgId', '=', orgId)
    .where('q.postId', '=', postId)
    .executeTakeFirst();
  return row ? { title: questionTitle(row.body), link: `/posts/${postId}`, bestCommentId: row.bestCommentId } : undefined;
}
