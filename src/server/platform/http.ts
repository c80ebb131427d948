import { Type, type TSchema } from 'typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import { notFound, unauthorized } from './errors.js';
import type { Actor } from './policy.js';
import type { SessionUser } from '../modules/auth/auth.service.js';

/** The organisation a request is for, and who is asking; set by the request hooks in app.ts. */
declare module 'fastify' {
  interface FastifyRequest {
    org: { id: string; name: string; defaultLocale: string; requireTotp: boolean } | null;
    actor: Actor | null;
    sessionToken: string | undefined;
    csrfToken: string | undefined;
    /** The signed-in person as the session lookup found them (sessions only). */
    sessionUser: SessionUser | undefined;
  }
}

export function orgOf(req: FastifyRequest) {
  if (!req.org) {
    throw notFound('organisation');
  }
  return req.org;
}

export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) {
    throw unauthorized();
  }
  return req.actor;
}

export const sessionCookieName = (config: Config) => (config.secureCookies ? '__Host-tessuto_sid' : 'tessuto_sid');

export function setSessionCookie(reply: FastifyReply, config: Config, token: string, expiresAt: Date) {
  void reply.setCookie(sessionCookieName(config), token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.secureCookies,
    expires: expiresAt,
  });
}

export function clearSessionCookie(reply: FastifyReply, config: Config) {
  void reply.clearCookie(sessionCookieName(config), { path: '/', httpOnly: true, sameSite: 'lax', secure: config.secureCookies });
}

export const userAgentOf = (req: FastifyRequest) => req.headers['user-agent'] ?? null;

/** Shared schema pieces. */
export const Id = Type.String({ format: 'uuid' });
export const IdParams = Type.Object({ id: Id }, { additionalProperties: false });
export const ErrorBody = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String(), details: Type.Optional(Type.Unknown()) }),
});
export const Ok = Type.Object({ ok: Type.Literal(true) });
export const Page = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), nextCursor: Type.Union([Type.String(), Type.Null()]) });
export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
export const DateTime = Type.Unsafe<Date | string>({ type: 'string', format: 'date-time' });
/** Standard error responses for the OpenAPI document. */
export const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ErrorBody]));

/** Sends JSON serialized beforehand (by the route's own serializer, e.g. kept in a cache) as it is. */
export function sendJson(reply: FastifyReply, json: string): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(json);
}
