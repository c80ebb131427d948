import type { ContentLang } from '../../db/schema.js';
import type { Ctx } from '../../platform/context.js';
import { decodeTimeCursor, keysetPage } from '../../platform/cursor.js';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors.js';
import { recordEvents, type RealtimeEvent } from '../../platform/events.js';
import { newId } from '../../platform/ids.js';
import { requireAction, type Actor } from '../../platform/policy.js';
import { LISTENING_LIMITS } from '../../../shared/listening.js';
import { photoUrl } from '../../../shared/urls.js';
import { listeningSettings } from '../listening/listening.settings.js';
import { readablePost } from '../posts/posts.access.js';
import { writeAndPublish } from '../posts/posts.content.js';
import type { PostView } from '../posts/posts.schemas.js';
import { presentPosts, writeKindPost } from '../posts/posts.service.js';
import * as q from './polls.queries.js';
import { isClosed } from './polls.rules.js';

export interface NewPollInput {
  communityId?: string | null | undefined;
  body: string;
  lang?: ContentLang | undefined;
  options: string[];
  multiple?: boolean | undefined;
  anonymous?: boolean | undefined;
  closesAt?: string | null | undefined;
}

/** The smallest group an anonymous poll's counts describe: the organisation's listening threshold, never below 3. */
export async function pollThreshold(db: Ctx['db'], orgId: string): Promise<number> {
  const { threshold } = await listeningSettings(db, orgId);
  return Math.max(LISTENING_LIMITS.minThreshold, threshold);
}

function cleanOptions(options: readonly string[]): string[] {
  const labels = options.map((o) => o.replace(/\s+/g, ' ').trim());
  if (labels.some((l) => l === '')) {
    throw badRequest('EMPTY_OPTION', 'Every option needs some text.');
  }
  if (new Set(labels.map((l) => l.toLocaleLowerCase())).size !== labels.length) {
    throw badRequest('DUPLICATE_OPTION', 'Two options say the same thing.');
  }
  return labels;
}

async function presentOne(ctx: Ctx, actor: Actor, id: string): Promise<PostView> {
  const [view] = await presentPosts(ctx.db, actor, [id]);
  if (!view) {
    throw notFound('post');
  }
  return view;
}

/** Asks a poll: a post of kind 'poll' with its options, in one transaction. */
export async function createPoll(ctx: Ctx, actor: Actor, input: NewPollInput): Promise<PostView> {
  requireAction(actor, 'content.write');
  const labels = cleanOptions(input.options);
  const closesAt = input.closesAt ? new Date(input.closesAt) : null;
  if (closesAt && closesAt.getTime() <= Date.now()) {
    throw badRequest('CLOSES_IN_PAST', 'A poll has to close in the future.');
  }
  const threshold = await pollThreshold(ctx.db, actor.orgId);
  const id = await writeAndPublish(ctx, async (trx) => {
    const written = await writeKindPost(trx, actor, {
      kind: 'poll',
      communityId: input.communityId ?? null,
      body: input.body,
      lang: input.lang,
    });
    await q.insertPoll(trx, {
      postId: written.id,
      orgId: actor.orgId,
      multiple: input.multiple ?? false,
      anonymous: input.anonymous ?? false,
      threshold,
      closesAt,
      options: labels.map((label) => ({ id: newId(), label })),
    });
    return { result: written.id, events: written.events };
  });
  return presentOne(ctx, actor, id);
}

/**
 * Votes once in an open poll: one option, or (multiple choice) one or more. An anonymous poll keeps who
 * voted apart from the votes, and shows new counts only each time `threshold` more people have voted,
 * so that nobody can learn one person's vote from the difference between two results.
 */
export async function vote(ctx: Ctx, actor: Actor, postId: string, optionIds: string[]): Promise<PostView> {
  requireAction(actor, 'content.write');
  await writeAndPublish(ctx, async (trx) => {
    const post = await readablePost(trx, actor, postId);
    const poll = await q.pollRow(trx, actor.orgId, postId);
    if (!poll) {
      throw notFound('poll');
    }
    if (!post.abilities.canInteract) {
      throw forbidden('CANNOT_INTERACT', 'Join this community to vote in its polls.');
    }
    if (isClosed(poll.closesAt)) {
      throw conflict('POLL_CLOSED', 'This poll is closed.');
    }
    const ids = [...new Set(optionIds)];
    if (!poll.multiple && ids.length !== 1) {
      throw badRequest('ONE_OPTION', 'Choose exactly one option.');
    }
    const options = new Set((await q.optionRows(trx, actor.orgId, [postId])).map((o) => o.id));
    if (ids.some((id) => !options.has(id))) {
      throw badRequest('INVALID_OPTION', 'Choose among the options of this poll.');
    }
    if (!(await q.addVoter(trx, actor.orgId, postId, actor.userId))) {
      throw conflict('ALREADY_VOTED', 'You have already voted in this poll.');
    }
    const counts = await q.addVotes(trx, actor.orgId, postId, ids, poll.anonymous ? null : { userId: actor.userId, at: new Date() });
    let shownChanged = !poll.anonymous;
    if (poll.anonymous && counts.voterCount >= counts.shownVoters + counts.threshold) {
      await q.snapshotCounts(trx, actor.orgId, postId, counts.voterCount);
      shownChanged = true;
    }
    const events: RealtimeEvent[] = shownChanged
      ? await recordEvents(trx, [{ orgId: actor.orgId, channel: `post:${postId}`, type: 'poll.changed', payload: { postId } }])
      : [];
    return { result: undefined, events };
  });
  return presentOne(ctx, actor, postId);
}

/** Who voted for what in a poll that is not anonymous, newest first; an anonymous poll answers 404. */
export async function listVoters(
  ctx: Ctx,
  actor: Actor,
  postId: string,
  page: { cursor?: string | undefined; limit?: number | undefined },
) {
  requireAction(actor, 'content.read');
  await readablePost(ctx.db, actor, postId);
  const poll = await q.pollRow(ctx.db, actor.orgId, postId);
  if (!poll || poll.anonymous) {
    throw notFound('poll');
  }
  const limit = page.limit ?? 20;
  const rows = await q.voterPage(ctx.db, actor.orgId, postId, limit, decodeTimeCursor(page.cursor));
  const { page: items, nextCursor } = keysetPage(rows, limit);
  return {
    items: items.map((r) => ({
      person: { id: r.id, name: r.name, title: r.title, photoUrl: photoUrl(r.id, r.photoKey) },
      optionIds: r.optionIds,
      votedAt: r.createdAt,
    })),
    nextCursor,
  };
}
