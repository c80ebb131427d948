import { type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../platform/context.js';
import { actorOf, clearSessionCookie, errors, IdParams, Ok, orgOf, setSessionCookie, userAgentOf } from '../../platform/http.js';
import { ipKey } from '../../platform/ip.js';
import * as auth from './auth.service.js';
import * as s from './auth.schemas.js';

/** Sign-in, sign-out, password reset, two-step sign-in and personal API tokens. */
export async function authRoutes(app: FastifyInstance, { ctx }: { ctx: Ctx }) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['auth'];
  /** Mastodon's starting values: sign-in 25 per 5 minutes per address; reset 5 per 30 minutes. */
  const byIp = (max: number, minutes: number) => ({
    rateLimit: { max, timeWindow: minutes * 60_000, keyGenerator: (req: { ip: string }) => ipKey(req.ip) },
  });

  r.post(
    '/api/auth/sign-in',
    { config: byIp(25, 5), schema: { tags, body: s.SignIn, response: { 200: s.SignedIn, ...errors(400, 401, 429) } } },
    async (req, reply) => {
      const session = await auth.signIn(ctx, orgOf(req).id, req.body, { previousToken: req.sessionToken, userAgent: userAgentOf(req) });
      setSessionCookie(reply, ctx.config, session.token, session.expiresAt);
      return { userId: session.userId, csrfToken: session.csrfToken };
    },
  );

  r.post('/api/auth/sign-out', { schema: { tags, response: { 200: Ok } } }, async (req, reply) => {
    if (req.sessionToken) {
      await auth.signOut(ctx, req.sessionToken);
    }
    clearSessionCookie(reply, ctx.config);
    return { ok: true as const };
  });

  r.post(
    '/api/auth/sign-out-everywhere',
    { schema: { tags, response: { 200: Type.Object({ ended: Type.Integer() }), ...errors(401) } } },
    async (req, reply) => {
      const ended = await auth.signOutEverywhere(ctx, actorOf(req));
      clearSessionCookie(reply, ctx.config);
      return { ended };
    },
  );

  r.post(
    '/api/auth/password-reset',
    { config: byIp(5, 30), schema: { tags, body: s.ResetRequest, response: { 202: Ok, ...errors(400, 429) } } },
    async (req, reply) => {
      await auth.requestPasswordReset(ctx, orgOf(req).id, req.body.email, req.body.locale ?? orgOf(req).defaultLocale);
      return reply.status(202).send({ ok: true as const });
    },
  );

  r.post(
    '/api/auth/password-reset/confirm',
    { config: byIp(10, 30), schema: { tags, body: s.ResetConfirm, response: { 200: s.SignedIn, ...errors(400, 429) } } },
    async (req, reply) => {
      const session = await auth.confirmPasswordReset(ctx, orgOf(req).id, req.body, userAgentOf(req));
      setSessionCookie(reply, ctx.config, session.token, session.expiresAt);
      return { userId: session.userId, csrfToken: session.csrfToken };
    },
  );

  r.post('/api/me/password', { schema: { tags, body: s.ChangePassword, response: { 200: Ok, ...errors(400, 401) } } }, async (req) => {
    await auth.changePassword(ctx, actorOf(req), req.body);
    return { ok: true as const };
  });

  r.post('/api/me/totp', { schema: { tags, response: { 200: s.TotpBegin, ...errors(400, 401) } } }, (req) =>
    auth.beginTotp(ctx, actorOf(req)),
  );
  r.post('/api/me/totp/enable', { schema: { tags, body: s.TotpCode, response: { 200: Ok, ...errors(400, 401) } } }, async (req) => {
    await auth.enableTotp(ctx, actorOf(req), req.body.code);
    return { ok: true as const };
  });
  r.post('/api/me/totp/disable', { schema: { tags, body: s.TotpDisable, response: { 200: Ok, ...errors(400, 401) } } }, async (req) => {
    await auth.disableTotp(ctx, actorOf(req), req.body.password);
    return { ok: true as const };
  });

  r.get(
    '/api/me/tokens',
    { schema: { tags, response: { 200: Type.Object({ items: Type.Array(s.ApiToken) }), ...errors(401) } } },
    async (req) => ({
      items: await auth.listTokens(ctx, actorOf(req)),
    }),
  );
  r.post(
    '/api/me/tokens',
    { schema: { tags, body: s.CreateToken, response: { 201: s.NewApiToken, ...errors(400, 401) } } },
    async (req, reply) => reply.status(201).send(await auth.createToken(ctx, actorOf(req), req.body)),
  );
  r.delete('/api/me/tokens/:id', { schema: { tags, params: IdParams, response: { 200: Ok, ...errors(401, 404) } } }, async (req) => {
    await auth.revokeToken(ctx, actorOf(req), req.params.id);
    return { ok: true as const };
  });
}
