import { type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Ctx } from '../../platform/context.js';
import { actorOf, errors, Id, IdParams } from '../../platform/http.js';
import { PostView } from '../posts/posts.schemas.js';
import * as s from './questions.schemas.js';
import * as questions from './questions.service.js';

const PostIdParams = Type.Object({ postId: Id }, { additionalProperties: false });

/** Questions: best answers, answer votes, unanswered questions per community. */
export async function questionRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['questions'];
  const post = { 200: PostView, ...errors(400, 401, 403, 404) };
  const upvote = { 200: s.UpvoteState, ...errors(400, 401, 403, 404) };
  const page = { 200: s.QuestionPage, ...errors(400, 401, 403, 404) };

  r.post(
    '/api/questions',
    { schema: { tags, body: s.NewQuestion, response: { 201: PostView, ...errors(400, 401, 403, 404) } } },
    async (req, reply) => reply.status(201).send(await questions.askQuestion(ctx, actorOf(req), req.body)),
  );
  r.get('/api/questions', { schema: { tags, querystring: s.QuestionsQuery, response: page } }, (req) =>
    questions.allQuestions(ctx, actorOf(req), req.query),
  );
  r.get('/api/communities/:id/questions', { schema: { tags, params: IdParams, querystring: s.QuestionsQuery, response: page } }, (req) =>
    questions.communityQuestions(ctx, actorOf(req), req.params.id, req.query),
  );
  r.put('/api/questions/:postId/best', { schema: { tags, params: PostIdParams, body: s.BestAnswerBody, response: post } }, (req) =>
    questions.chooseBestAnswer(ctx, actorOf(req), req.params.postId, req.body.commentId),
  );
  r.delete('/api/questions/:postId/best', { schema: { tags, params: PostIdParams, response: post } }, (req) =>
    questions.chooseBestAnswer(ctx, actorOf(req), req.params.postId, null),
  );
  r.put('/api/comments/:id/upvote', { schema: { tags, params: IdParams, response: upvote } }, (req) =>
    questions.setUpvote(ctx, actorOf(req), req.params.id, true),
  );
  r.delete('/api/comments/:id/upvote', { schema: { tags, params: IdParams, response: upvote } }, (req) =>
    questions.setUpvote(ctx, actorOf(req), req.params.id, false),
  );
}
