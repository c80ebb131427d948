import { type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import { LIMITS } from '../../../shared/limits.js';
import type { Ctx } from '../../platform/context.js';
import { actorOf, DateTime, errors, IdParams, Nullable, Ok, orgOf, Page, setSessionCookie, userAgentOf } from '../../platform/http.js';
import { ipKey } from '../../platform/ip.js';
import { Email, Locale, Password, SignedIn } from '../auth/auth.schemas.js';
import { Role } from '../people/people.schemas.js';
import * as inv from './invitations.service.js';

const Status = Type.Union([Type.Literal('pending'), Type.Literal('accepted'), Type.Literal('revoked'), Type.Literal('expired')]);
const Invitation = Type.Object({
  id: Type.String(),
  email: Type.String(),
  name: Nullable(Type.String()),
  roles: Type.Array(Type.String()),
  createdAt: DateTime,
  expiresAt: DateTime,
  invitedBy: Nullable(Type.String()),
  status: Status,
});
const NewInvitation = Type.Object(
  {
    email: Email,
    name: Type.Optional(Type.String({ minLength: 1, maxLength: LIMITS.name })),
    roles: Type.Optional(Type.Array(Role, { maxItems: 5 })),
    locale: Type.Optional(Locale),
  },
  { additionalProperties: false },
);
const Created = Type.Object({
  id: Type.String(),
  email: Type.String(),
  name: Nullable(Type.String()),
  roles: Type.Array(Type.String()),
  status: Status,
  expiresAt: DateTime,
  emailed: Type.Boolean(),
  link: Nullable(Type.String({ description: 'The sign-up link, returned only when no SMTP server is configured.' })),
});
const TokenParams = Type.Object({ token: Type.String({ minLength: 10, maxLength: 200 }) }, { additionalProperties: false });
const Accept = Type.Object(
  {
    token: Type.String({ minLength: 10, maxLength: 200 }),
    name: Type.String({ minLength: 1, maxLength: LIMITS.name, pattern: '\\S' }),
    password: Password,
    locale: Type.Optional(Locale),
  },
  { additionalProperties: false },
);
const ListQuery = Type.Object(
  { cursor: Type.Optional(Type.String({ maxLength: 200 })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })) },
  { additionalProperties: false },
);

/** Invitations: administrators and HR invite by e-mail; the invited person signs up through the link. */
export async function invitationRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['invitations'];
  const limited = { rateLimit: { max: 20, timeWindow: 30 * 60_000, keyGenerator: (req: { ip: string }) => ipKey(req.ip) } };

  r.get(
    '/api/invitations',
    { schema: { tags, querystring: ListQuery, response: { 200: Page(Invitation), ...errors(400, 401, 403) } } },
    (req) => inv.list(ctx, actorOf(req), req.query),
  );
  r.post(
    '/api/invitations',
    {
      config: { rateLimit: { max: 200, timeWindow: 60 * 60_000 } },
      schema: { tags, body: NewInvitation, response: { 201: Created, ...errors(400, 401, 403, 409, 429) } },
    },
    async (req, reply) => reply.status(201).send(await inv.invite(ctx, actorOf(req), req.body)),
  );
  r.delete('/api/invitations/:id', { schema: { tags, params: IdParams, response: { 200: Ok, ...errors(401, 403, 404) } } }, async (req) => {
    await inv.revoke(ctx, actorOf(req), req.params.id);
    return { ok: true as const };
  });

  r.get(
    '/api/invitations/by-token/:token',
    {
      config: limited,
      schema: {
        tags,
        params: TokenParams,
        response: {
          200: Type.Object({ email: Type.String(), name: Nullable(Type.String()), orgName: Type.String() }),
          ...errors(410, 429),
        },
      },
    },
    (req) => inv.lookup(ctx, orgOf(req).id, req.params.token),
  );
  r.post(
    '/api/invitations/accept',
    { config: limited, schema: { tags, body: Accept, response: { 201: SignedIn, ...errors(400, 409, 410, 429) } } },
    async (req, reply) => {
      const session = await inv.accept(ctx, orgOf(req).id, req.body, userAgentOf(req));
      setSessionCookie(reply, ctx.config, session.token, session.expiresAt);
      return reply.status(201).send({ userId: session.userId, csrfToken: session.csrfToken });
    },
  );
}
