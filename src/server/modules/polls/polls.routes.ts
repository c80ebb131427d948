import { type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Ctx } from '../../platform/context.js';
import { actorOf, errors, Id } from '../../platform/http.js';
import { PageQuery, PostView } from '../posts/posts.schemas.js';
import * as s from './polls.schemas.js';
import * as polls from './polls.service.js';

const PostIdParams = Type.Object({ postId: Id }, { additionalProperties: false });

/** Polls: votes and results. */
export async function pollRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['polls'];

  r.post(
    '/api/polls',
    { schema: { tags, body: s.NewPoll, response: { 201: PostView, ...errors(400, 401, 403, 404) } } },
    async (req, reply) => reply.status(201).send(await polls.createPoll(ctx, actorOf(req), req.body)),
  );
  r.post(
    '/api/polls/:postId/votes',
    { schema: { tags, params: PostIdParams, body: s.VoteBody, response: { 200: PostView, ...errors(400, 401, 403, 404, 409) } } },
    (req) => polls.vote(ctx, actorOf(req), req.params.postId, req.body.optionIds),
  );
  r.get(
    '/api/polls/:postId/voters',
    { schema: { tags, params: PostIdParams, querystring: PageQuery, response: { 200: s.VoterPage, ...errors(400, 401, 403, 404) } } },
    (req) => polls.listVoters(ctx, actorOf(req), req.params.postId, req.query),
  );
}
