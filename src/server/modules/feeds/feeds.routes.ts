import { type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../platform/context.js';
import { actorOf, errors, IdParams, sendJson } from '../../platform/http.js';
import * as feeds from './feeds.service.js';
import * as s from './feeds.schemas.js';

/** Feeds (home, community, profile, hashtag, bookmarks, discover) and following people and hashtags. */
export async function feedRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['feeds'];
  const page = { 200: s.FeedPage, ...errors(400, 401, 403, 404) };

  r.get(
    '/api/feed',
    { schema: { tags, querystring: s.HomeQuery, response: { 200: s.HomePage, ...errors(400, 401, 403) } } },
    async (req, reply) => {
      const json = await feeds.homeFeedJson(ctx, actorOf(req), req.query, (page) => reply.serialize(page) as string);
      return sendJson(reply, json);
    },
  );
  r.get('/api/feed/news', { schema: { tags, querystring: s.NewsQuery, response: { 200: s.News, ...errors(400, 401, 403) } } }, (req) =>
    feeds.feedNews(ctx, actorOf(req), req.query),
  );
  r.get('/api/discover', { schema: { tags, querystring: s.PageQuery, response: page } }, (req) =>
    feeds.discoverFeed(ctx, actorOf(req), req.query),
  );
  r.get('/api/bookmarks', { schema: { tags, querystring: s.PageQuery, response: page } }, (req) =>
    feeds.bookmarksFeed(ctx, actorOf(req), req.query),
  );
  r.get('/api/communities/:id/feed', { schema: { tags, params: IdParams, querystring: s.PageQuery, response: page } }, (req) =>
    feeds.communityFeed(ctx, actorOf(req), req.params.id, req.query),
  );
  r.get('/api/people/:id/feed', { schema: { tags, params: IdParams, querystring: s.PageQuery, response: page } }, (req) =>
    feeds.profileFeed(ctx, actorOf(req), req.params.id, req.query),
  );
  r.get('/api/hashtags/:tag/feed', { schema: { tags, params: s.TagParams, querystring: s.PageQuery, response: page } }, (req) =>
    feeds.hashtagFeed(ctx, actorOf(req), req.params.tag, req.query),
  );

  const hashtag = { 200: s.HashtagView, ...errors(400, 401, 403) };
  r.get('/api/hashtags/:tag', { schema: { tags, params: s.TagParams, response: hashtag } }, (req) =>
    feeds.getHashtag(ctx, actorOf(req), req.params.tag),
  );
  r.put('/api/hashtags/:tag/follow', { schema: { tags, params: s.TagParams, response: { ...hashtag, ...errors(422) } } }, (req) =>
    feeds.followHashtag(ctx, actorOf(req), req.params.tag),
  );
  r.delete('/api/hashtags/:tag/follow', { schema: { tags, params: s.TagParams, response: hashtag } }, (req) =>
    feeds.unfollowHashtag(ctx, actorOf(req), req.params.tag),
  );

  const follow = { 200: s.FollowState, ...errors(400, 401, 403, 404) };
  r.get('/api/people/:id/follow', { schema: { tags, params: IdParams, response: follow } }, (req) =>
    feeds.followStateOf(ctx, actorOf(req), req.params.id),
  );
  r.put('/api/people/:id/follow', { schema: { tags, params: IdParams, response: { ...follow, ...errors(422) } } }, (req) =>
    feeds.followPerson(ctx, actorOf(req), req.params.id),
  );
  r.delete('/api/people/:id/follow', { schema: { tags, params: IdParams, response: follow } }, (req) =>
    feeds.unfollowPerson(ctx, actorOf(req), req.params.id),
  );
  r.get(
    '/api/me/following',
    { schema: { tags, querystring: s.FollowingQuery, response: { 200: s.FollowingPage, ...errors(400, 401, 403) } } },
    (req) => feeds.following(ctx, actorOf(req), req.query),
  );
}
