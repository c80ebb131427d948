import { type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../platform/context.js';
import { actorOf, errors, IdParams, Ok } from '../../platform/http.js';
import * as comments from './comments.service.js';
import * as posts from './posts.service.js';
import * as reactions from './reactions.service.js';
import * as s from './posts.schemas.js';

/** Posts, comments, reactions, bookmarks, pins, shares and moderator hiding. */
export async function postRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['posts'];
  /** Writing is limited per person, so that one account (or a stolen session) cannot flood every feed. */
  const max = ctx.config.contentRateLimit;
  // Without it (0), the general API limit still applies.
  const writingLimit: { rateLimit?: { max: number; timeWindow: number } } = max > 0 ? { rateLimit: { max, timeWindow: 10 * 60_000 } } : {};
  const post = { 200: s.PostView, ...errors(400, 401, 403, 404) };
  const ok = { 200: Ok, ...errors(400, 401, 403, 404) };
  const reaction = { 200: s.ReactionState, ...errors(400, 401, 403, 404) };

  r.post(
    '/api/posts',
    { config: writingLimit, schema: { tags, body: s.NewPost, response: { 201: s.PostView, ...errors(400, 401, 403, 404, 413) } } },
    async (req, reply) => reply.status(201).send(await posts.createPost(ctx, actorOf(req), req.body)),
  );
  r.get('/api/posts/:id', { schema: { tags, params: IdParams, response: post } }, (req) => posts.getPost(ctx, actorOf(req), req.params.id));
  r.patch('/api/posts/:id', { schema: { tags, params: IdParams, body: s.PostPatch, response: post } }, (req) =>
    posts.updatePost(ctx, actorOf(req), req.params.id, req.body),
  );
  r.delete('/api/posts/:id', { schema: { tags, params: IdParams, response: ok } }, async (req) => {
    await posts.deletePost(ctx, actorOf(req), req.params.id);
    return { ok: true as const };
  });
  r.get(
    '/api/posts/:id/revisions',
    { schema: { tags, params: IdParams, querystring: s.PageQuery, response: { 200: s.RevisionPage, ...errors(400, 401, 403, 404) } } },
    (req) => posts.postRevisions(ctx, actorOf(req), req.params.id, req.query),
  );
  r.post('/api/posts/:id/pin', { schema: { tags, params: IdParams, response: { ...post, ...errors(409) } } }, (req) =>
    posts.setPinned(ctx, actorOf(req), req.params.id, true),
  );
  r.delete('/api/posts/:id/pin', { schema: { tags, params: IdParams, response: post } }, (req) =>
    posts.setPinned(ctx, actorOf(req), req.params.id, false),
  );
  r.put(
    '/api/posts/:id/bookmark',
    { schema: { tags, params: IdParams, response: { 200: s.BookmarkState, ...errors(401, 403, 404) } } },
    (req) => posts.setBookmark(ctx, actorOf(req), req.params.id, true),
  );
  r.delete(
    '/api/posts/:id/bookmark',
    { schema: { tags, params: IdParams, response: { 200: s.BookmarkState, ...errors(401, 403) } } },
    (req) => posts.setBookmark(ctx, actorOf(req), req.params.id, false),
  );
  r.post('/api/posts/:id/hide', { schema: { tags, params: IdParams, body: s.HideBody, response: ok } }, async (req) => {
    await posts.moderateContent(ctx, actorOf(req), { postId: req.params.id }, 'hide', req.body.reason);
    return { ok: true as const };
  });
  r.delete('/api/posts/:id/hide', { schema: { tags, params: IdParams, response: ok } }, async (req) => {
    await posts.moderateContent(ctx, actorOf(req), { postId: req.params.id }, 'restore', '');
    return { ok: true as const };
  });

  r.put('/api/posts/:id/reaction', { schema: { tags, params: IdParams, body: s.ReactionBody, response: reaction } }, (req) =>
    reactions.setReaction(ctx, actorOf(req), { postId: req.params.id }, req.body.kind),
  );
  r.delete('/api/posts/:id/reaction', { schema: { tags, params: IdParams, response: reaction } }, (req) =>
    reactions.clearReaction(ctx, actorOf(req), { postId: req.params.id }),
  );
  r.get(
    '/api/posts/:id/reactions',
    { schema: { tags, params: IdParams, querystring: s.ReactionsQuery, response: { 200: s.ReactorPage, ...errors(400, 401, 404) } } },
    (req) => reactions.listReactions(ctx, actorOf(req), { postId: req.params.id }, req.query),
  );

  r.get(
    '/api/posts/:id/comments',
    { schema: { tags, params: IdParams, querystring: s.PageQuery, response: { 200: s.ThreadPage, ...errors(400, 401, 404) } } },
    (req) => comments.listComments(ctx, actorOf(req), req.params.id, req.query),
  );
  r.post(
    '/api/posts/:id/comments',
    {
      config: writingLimit,
      schema: { tags, params: IdParams, body: s.NewComment, response: { 201: s.CommentView, ...errors(400, 401, 403, 404, 413) } },
    },
    async (req, reply) => reply.status(201).send(await comments.createComment(ctx, actorOf(req), req.params.id, req.body)),
  );

  const comment = { 200: s.CommentView, ...errors(400, 401, 403, 404) };
  r.get('/api/comments/:id', { schema: { tags, params: IdParams, response: comment } }, (req) =>
    comments.getComment(ctx, actorOf(req), req.params.id),
  );
  r.get(
    '/api/comments/:id/replies',
    { schema: { tags, params: IdParams, querystring: s.PageQuery, response: { 200: s.CommentPage, ...errors(400, 401, 404) } } },
    (req) => comments.listReplies(ctx, actorOf(req), req.params.id, req.query),
  );
  r.patch('/api/comments/:id', { schema: { tags, params: IdParams, body: s.CommentPatch, response: comment } }, (req) =>
    comments.updateComment(ctx, actorOf(req), req.params.id, req.body),
  );
  r.delete('/api/comments/:id', { schema: { tags, params: IdParams, response: ok } }, async (req) => {
    await comments.deleteComment(ctx, actorOf(req), req.params.id);
    return { ok: true as const };
  });
  r.put('/api/comments/:id/reaction', { schema: { tags, params: IdParams, body: s.ReactionBody, response: reaction } }, (req) =>
    reactions.setReaction(ctx, actorOf(req), { commentId: req.params.id }, req.body.kind),
  );
  r.delete('/api/comments/:id/reaction', { schema: { tags, params: IdParams, response: reaction } }, (req) =>
    reactions.clearReaction(ctx, actorOf(req), { commentId: req.params.id }),
  );
  r.get(
    '/api/comments/:id/reactions',
    { schema: { tags, params: IdParams, querystring: s.ReactionsQuery, response: { 200: s.ReactorPage, ...errors(400, 401, 404) } } },
    (req) => reactions.listReactions(ctx, actorOf(req), { commentId: req.params.id }, req.query),
  );
  r.post('/api/comments/:id/hide', { schema: { tags, params: IdParams, body: s.HideBody, response: ok } }, async (req) => {
    await posts.moderateContent(ctx, actorOf(req), { commentId: req.params.id }, 'hide', req.body.reason);
    return { ok: true as const };
  });
  r.delete('/api/comments/:id/hide', { schema: { tags, params: IdParams, response: ok } }, async (req) => {
    await posts.moderateContent(ctx, actorOf(req), { commentId: req.params.id }, 'restore', '');
    return { ok: true as const };
  });

  r.get(
    '/api/hashtags/suggest',
    { schema: { tags, querystring: s.HashtagSuggestQuery, response: { 200: s.HashtagSuggestions, ...errors(400, 401) } } },
    (req) => posts.suggestHashtags(ctx, actorOf(req), req.query.q),
  );
}
