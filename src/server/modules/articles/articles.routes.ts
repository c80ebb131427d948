import { type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Ctx } from '../../platform/context.js';
import { actorOf, errors, IdParams, Ok } from '../../platform/http.js';
import * as articles from './articles.service.js';
import * as s from './articles.schemas.js';

/** Articles: drafts, scheduled publishing, unpublishing, reading. */
export async function articleRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['articles'];
  const one = { 200: s.ArticleView, ...errors(400, 401, 403, 404, 409) };

  r.post(
    '/api/articles',
    { schema: { tags, body: s.NewArticle, response: { 201: s.ArticleView, ...errors(400, 401, 403, 404) } } },
    async (req, reply) => reply.status(201).send(await articles.createArticle(ctx, actorOf(req), req.body)),
  );
  r.get(
    '/api/articles',
    { schema: { tags, querystring: s.ArticleListQuery, response: { 200: s.ArticlePage, ...errors(400, 401) } } },
    (req) => articles.listArticles(ctx, actorOf(req), req.query),
  );
  r.get('/api/articles/:id', { schema: { tags, params: IdParams, response: one } }, (req) =>
    articles.getArticle(ctx, actorOf(req), req.params.id),
  );
  r.patch('/api/articles/:id', { schema: { tags, params: IdParams, body: s.ArticlePatch, response: one } }, (req) =>
    articles.updateArticle(ctx, actorOf(req), req.params.id, req.body),
  );
  r.delete('/api/articles/:id', { schema: { tags, params: IdParams, response: { 200: Ok, ...errors(401, 403, 404) } } }, async (req) => {
    await articles.deleteArticle(ctx, actorOf(req), req.params.id);
    return { ok: true as const };
  });
  r.post('/api/articles/:id/publish', { schema: { tags, params: IdParams, body: s.PublishBody, response: one } }, (req) =>
    articles.publishArticle(ctx, actorOf(req), req.params.id, req.body),
  );
  r.post('/api/articles/:id/unpublish', { schema: { tags, params: IdParams, response: one } }, (req) =>
    articles.unpublishArticle(ctx, actorOf(req), req.params.id),
  );
  r.get(
    '/api/articles/:id/cover',
    { schema: { tags, params: IdParams, querystring: s.PictureQuery, response: errors(401, 404) } },
    async (req, reply) => send(reply, await articles.articleCover(ctx, actorOf(req), req.params.id)),
  );
  r.get(
    '/api/articles/:id/images/:imageId',
    { schema: { tags, params: s.ImageParams, querystring: s.PictureQuery, response: errors(401, 404) } },
    async (req, reply) => send(reply, await articles.articleImage(ctx, actorOf(req), req.params.id, req.params.imageId)),
  );
}

/** Pictures were re-encoded when uploaded; they are still served so that a browser never runs them. */
function send(reply: FastifyReply, picture: articles.ServedPicture) {
  return reply
    .type(picture.type)
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "sandbox; default-src 'none'")
    .header('cache-control', 'private, max-age=3600')
    .header('cross-origin-resource-policy', 'same-origin')
    .send(picture.data);
}
