import { type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Ctx } from '../../platform/context.js';
import { actorOf, DateTime, errors, Nullable, Page } from '../../platform/http.js';
import * as audit from './audit.service.js';

const Entry = Type.Object({
  id: Type.String(),
  action: Type.String(),
  actor: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
  targetId: Nullable(Type.String()),
  data: Type.Record(Type.String(), Type.Unknown()),
  createdAt: DateTime,
});
const Query = Type.Object(
  { cursor: Type.Optional(Type.String({ maxLength: 200 })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })) },
  { additionalProperties: false },
);

/** The audit trail, for administrators. */
export async function auditRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/api/admin/audit',
    { schema: { tags: ['admin'], querystring: Query, response: { 200: Page(Entry), ...errors(400, 401, 403) } } },
    (req) => audit.list(ctx, actorOf(req), req.query),
  );
}
