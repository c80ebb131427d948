import * as OTPAuth from 'otpauth';
import type { Ctx } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { AppError, badRequest, notFound, unauthorized } from '../../platform/errors.js';
import { hashSecret, newId, newSecret, safeEqual } from '../../platform/ids.js';
import { enqueue } from '../../platform/jobs.js';
import type { Actor, Role } from '../../platform/policy.js';
import { requireAction } from '../../platform/policy.js';
import type { SessionUser } from '../../../shared/session.js';

export type { SessionUser };
import { photoUrl } from '../../../shared/urls.js';
import { checkPassword, hashPassword, verifyPassword } from './password.js';
import * as q from './auth.queries.js';

/** Failed sign-ins allowed before each further attempt must wait, doubling each time (capped at an hour). */
const FREE_FAILURES = 5;
const MAX_DELAY_S = 3600;
const TOUCH_EVERY_MS = 60_000;

/**
 * When this process last recorded activity of a session or token. Many parallel requests of one
 * session would otherwise all write the same row at once when the minute is up.
 */
const touched = new Map<string, number>();

function shouldTouch(id: string, lastSeen: Date | null, now: number): boolean {
  if (lastSeen && now - lastSeen.getTime() <= TOUCH_EVERY_MS) {
    return false;
  }
  if (now - (touched.get(id) ?? 0) <= TOUCH_EVERY_MS) {
    return false;
  }
  if (touched.size > 100_000) {
    touched.clear();
  }
  touched.set(id, now);
  return true;
}

export const TOKEN_PREFIX = 'tsu_';

export interface SessionTokens {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

/** Seconds an account must still wait before another sign-in attempt, given its failures so far. */
export function lockoutRemaining(failed: number, lastFailedAt: Date | null, now = Date.now()): number {
  if (failed < FREE_FAILURES || !lastFailedAt) {
    return 0;
  }
  const delay = Math.min(2 ** (failed - FREE_FAILURES), MAX_DELAY_S) * 1000;
  return Math.max(0, Math.ceil((lastFailedAt.getTime() + delay - now) / 1000));
}

async function createSession(ctx: Ctx, orgId: string, userId: string, userAgent: string | null): Promise<SessionTokens> {
  const token = newSecret();
  const csrfToken = newSecret(18);
  const expiresAt = new Date(Date.now() + ctx.config.sessionAbsoluteHours * 3_600_000);
  await q.insertSession(ctx.db, {
    id: hashSecret(token),
    orgId,
    userId,
    csrfToken,
    expiresAt,
    userAgent: userAgent?.slice(0, 300) ?? null,
  });
  return { token, csrfToken, expiresAt };
}

function totpFor(secret: string, label: string) {
  return new OTPAuth.TOTP({
    issuer: 'Tessuto',
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    secret: OTPAuth.Secret.fromBase32(secret),
  });
}

function checkTotp(secret: string, label: string, code: string): boolean {
  return totpFor(secret, label).validate({ token: code.replace(/\s+/g, ''), window: 1 }) !== null;
}

/**
 * Password sign-in. Rotates the session (the old one, if any, is ended), counts failures
 * per account with a growing delay, and asks for the TOTP code when two-step sign-in is on.
 */
export async function signIn(
  ctx: Ctx,
  orgId: string,
  input: { email: string; password: string; totp?: string | undefined },
  meta: { previousToken?: string | undefined; userAgent: string | null },
): Promise<SessionTokens & { userId: string }> {
  const user = await q.findUserForSignIn(ctx.db, orgId, input.email);
  const wait = user ? lockoutRemaining(user.failedLogins, user.lastFailedLoginAt) : 0;
  if (wait > 0) {
    throw new AppError(429, 'SIGN_IN_DELAYED', `Too many failed attempts. Try again in ${wait} seconds.`, { retryAfter: wait }, wait);
  }
  const ok = await verifyPassword(user?.passwordHash ?? null, input.password);
  if (!user || !ok || user.status !== 'active') {
    if (user) {
      await q.recordFailedLogin(ctx.db, user.id);
    }
    throw unauthorized('INVALID_CREDENTIALS', 'The e-mail address or password is not right.');
  }
  if (user.totpEnabled && user.totpSecret) {
    if (!input.totp) {
      throw unauthorized('TOTP_REQUIRED', 'Enter the code from your authenticator app.');
    }
    if (!checkTotp(user.totpSecret, user.email, input.totp)) {
      await q.recordFailedLogin(ctx.db, user.id);
      throw unauthorized('TOTP_INVALID', 'That code is not right. Check your authenticator app and try again.');
    }
  }
  if (meta.previousToken) {
    await q.deleteSession(ctx.db, hashSecret(meta.previousToken));
  }
  await q.clearFailedLogins(ctx.db, user.id);
  const session = await createSession(ctx, orgId, user.id, meta.userAgent);
  return { ...session, userId: user.id };
}

/** Starts a session for a person who just proved who they are another way (setup, invitation, reset). */
export const startSession = createSession;

export async function signOut(ctx: Ctx, token: string): Promise<void> {
  await q.deleteSession(ctx.db, hashSecret(token));
}

/** Ends every session of the actor, this one included. */
export async function signOutEverywhere(ctx: Ctx, actor: Actor): Promise<number> {
  requireAction(actor, 'me.update');
  return q.deleteUserSessions(ctx.db, actor.orgId, actor.userId);
}

function toSessionUser(id: string, u: NonNullable<Awaited<ReturnType<typeof q.findSessionUser>>>): SessionUser {
  return {
    id,
    name: u.name,
    email: u.email,
    title: u.title,
    photoUrl: photoUrl(id, u.photoKey),
    locale: u.locale,
    roles: u.roles,
    twoFactor: u.totpEnabled,
    profileComplete: u.profileComplete,
  };
}

/** The signed-in person as /api/me shows them: from the session when there is one, else one query. */
export async function currentUser(ctx: Ctx, actor: Actor, fromSession: SessionUser | undefined): Promise<SessionUser> {
  requireAction(actor, 'me.read');
  if (fromSession) {
    return fromSession;
  }
  const u = await q.findSessionUser(ctx.db, actor.orgId, actor.userId);
  if (!u) {
    throw notFound('person');
  }
  return toSessionUser(actor.userId, u);
}

export interface ResolvedSession {
  actor: Actor;
  csrfToken: string;
  user: SessionUser;
}

/**
 * Sessions a node keeps (about 1 KB each) and how long it trusts one it read, unless a write says it
 * is stale (see platform/cache.ts): sign-out, deactivation, a role or password change end it at once.
 */
export const SESSION_CACHE = { entries: 20_000, ttlMs: 10_000 } as const;

/** The session and its person, from this node's cache or the database (by the hash of its token). */
async function findSession(ctx: Ctx, orgId: string, id: string): Promise<q.SessionRecord | undefined> {
  const cached = ctx.sessionCache.get(id);
  if (cached) {
    return cached;
  }
  const generation = ctx.sessionCache.begin(orgId);
  const s = await q.findSession(ctx.db, id);
  if (s?.orgId === orgId) {
    ctx.sessionCache.store(s, id, generation, s);
  }
  return s;
}

/** The actor behind a session cookie, or null when the session is unknown, expired, idle too long or its person deactivated. */
export async function resolveSession(
  ctx: Ctx,
  org: { id: string; requireTotp: boolean },
  token: string,
  /** `touch: false` checks the session without counting it as activity (an open socket is not a person at the keyboard). */
  opts: { touch?: boolean } = {},
): Promise<ResolvedSession | null> {
  const orgId = org.id;
  const id = hashSecret(token);
  const s = await findSession(ctx, orgId, id);
  if (!s || s.orgId !== orgId) {
    return null;
  }
  const now = Date.now();
  const idleLimit = ctx.config.sessionIdleMinutes * 60_000;
  if (s.expiresAt.getTime() <= now || s.lastSeenAt.getTime() + idleLimit <= now || s.status !== 'active') {
    ctx.sessionCache.delete(id);
    await q.deleteSession(ctx.db, id);
    return null;
  }
  if (opts.touch !== false && shouldTouch(id, s.lastSeenAt, now)) {
    await q.touchSession(ctx.db, id);
    ctx.sessionCache.update(id, (r) => ({ ...r, lastSeenAt: new Date(now) }));
  }
  return {
    csrfToken: s.csrfToken,
    user: toSessionUser(s.userId, s),
    actor: {
      orgId: s.orgId,
      userId: s.userId,
      roles: s.roles as Role[],
      via: 'session',
      scopes: ['read', 'write', 'admin'],
      mustEnrollTotp: org.requireTotp && !s.totpEnabled,
    },
  };
}

/** The actor behind a personal API token, or null. */
export async function resolveApiToken(ctx: Ctx, orgId: string, token: string): Promise<Actor | null> {
  if (!token.startsWith(TOKEN_PREFIX)) {
    return null;
  }
  const t = await q.findApiToken(ctx.db, hashSecret(token));
  if (!t || t.orgId !== orgId || t.revokedAt || t.status !== 'active' || (t.expiresAt && t.expiresAt.getTime() <= Date.now())) {
    return null;
  }
  if (shouldTouch(t.id, t.lastUsedAt, Date.now())) {
    await q.touchApiToken(ctx.db, t.id);
  }
  return { orgId, userId: t.userId, roles: t.roles as Role[], via: 'token', scopes: t.scopes, mustEnrollTotp: false };
}

export async function changePassword(ctx: Ctx, actor: Actor, input: { currentPassword: string; newPassword: string }) {
  requireAction(actor, 'me.update');
  const user = await q.findUserSecrets(ctx.db, actor.orgId, actor.userId);
  if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw badRequest('INVALID_CREDENTIALS', 'Your current password is not right.');
  }
  checkPassword(input.newPassword, [user.email, user.name]);
  await ctx.db.transaction().execute(async (trx) => {
    await q.setPassword(trx, actor.orgId, actor.userId, await hashPassword(input.newPassword));
    await audit(trx, { orgId: actor.orgId, actorId: actor.userId, action: 'password.changed', targetId: actor.userId });
  });
}

/**
 * Sends a reset link when the address belongs to an active person. Answers the same either way,
 * so that the form cannot be used to find out who works here.
 */
export async function requestPasswordReset(ctx: Ctx, orgId: string, email: string, locale: string): Promise<void> {
  const user = await q.findUserForSignIn(ctx.db, orgId, email);
  if (!user || user.status !== 'active') {
    return;
  }
  const token = newSecret();
  const link = `${ctx.config.publicUrl}/reset-password?token=${token}`;
  const it = locale.startsWith('it');
  await ctx.db.transaction().execute(async (trx) => {
    await q.insertPasswordReset(trx, {
      id: newId(),
      orgId,
      userId: user.id,
      tokenHash: hashSecret(token),
      expiresAt: new Date(Date.now() + ctx.config.resetTtlMinutes * 60_000),
    });
    await enqueue(trx, orgId, 'mail.send', {
      to: user.email,
      subject: it ? 'Reimposta la password di Tessuto' : 'Reset your Tessuto password',
      text: it
        ? `Ciao ${user.name},\n\nper scegliere una nuova password apri questo link entro ${ctx.config.resetTtlMinutes} minuti:\n${link}\n\nSe non l'hai chiesto tu, ignora questo messaggio.`
        : `Hello ${user.name},\n\nTo choose a new password, open this link within ${ctx.config.resetTtlMinutes} minutes:\n${link}\n\nIf you did not ask for this, ignore this message.`,
    });
  });
  ctx.worker.poke();
}

/** Uses a reset link once: sets the new password, ends every session and starts a fresh one. */
export async function confirmPasswordReset(
  ctx: Ctx,
  orgId: string,
  input: { token: string; password: string },
  userAgent: string | null,
): Promise<SessionTokens & { userId: string }> {
  const userId = await ctx.db.transaction().execute(async (trx) => {
    const reset = await q.consumePasswordReset(trx, hashSecret(input.token));
    if (!reset || reset.orgId !== orgId) {
      throw badRequest('RESET_LINK_INVALID', 'This link has expired or was already used. Ask for a new one.');
    }
    const user = await q.findUserSecrets(trx, orgId, reset.userId);
    checkPassword(input.password, user ? [user.email, user.name] : []);
    await q.setPassword(trx, orgId, reset.userId, await hashPassword(input.password));
    await q.deleteUserSessions(trx, orgId, reset.userId);
    await audit(trx, { orgId, actorId: reset.userId, action: 'password.reset', targetId: reset.userId });
    return reset.userId;
  });
  return { userId, ...(await createSession(ctx, orgId, userId, userAgent)) };
}

/** Starts TOTP enrolment: a fresh secret, not active until a code from it is confirmed. */
export async function beginTotp(ctx: Ctx, actor: Actor): Promise<{ secret: string; uri: string }> {
  requireAction(actor, 'me.read');
  const user = await q.findUserSecrets(ctx.db, actor.orgId, actor.userId);
  if (!user) {
    throw notFound('person');
  }
  if (user.totpEnabled) {
    throw badRequest('TOTP_ALREADY_ENABLED', 'Two-step sign-in is already on.');
  }
  const secret = new OTPAuth.Secret({ size: 20 }).base32;
  await q.setTotp(ctx.db, actor.orgId, actor.userId, secret, false);
  return { secret, uri: totpFor(secret, user.email).toString() };
}

export async function enableTotp(ctx: Ctx, actor: Actor, code: string): Promise<void> {
  requireAction(actor, 'me.read');
  const user = await q.findUserSecrets(ctx.db, actor.orgId, actor.userId);
  if (!user?.totpSecret || user.totpEnabled) {
    throw badRequest('TOTP_NOT_STARTED', 'Start the set-up again.');
  }
  if (!checkTotp(user.totpSecret, user.email, code)) {
    throw badRequest('TOTP_INVALID', 'That code is not right. Check your authenticator app and try again.');
  }
  await ctx.db.transaction().execute(async (trx) => {
    await q.setTotp(trx, actor.orgId, actor.userId, user.totpSecret, true);
    await audit(trx, { orgId: actor.orgId, actorId: actor.userId, action: 'totp.enabled', targetId: actor.userId });
  });
}

export async function disableTotp(ctx: Ctx, actor: Actor, password: string): Promise<void> {
  requireAction(actor, 'me.update');
  const user = await q.findUserSecrets(ctx.db, actor.orgId, actor.userId);
  if (!user || !(await verifyPassword(user.passwordHash, password))) {
    throw badRequest('INVALID_CREDENTIALS', 'Your password is not right.');
  }
  await ctx.db.transaction().execute(async (trx) => {
    await q.setTotp(trx, actor.orgId, actor.userId, null, false);
    await audit(trx, { orgId: actor.orgId, actorId: actor.userId, action: 'totp.disabled', targetId: actor.userId });
  });
}

export async function listTokens(ctx: Ctx, actor: Actor) {
  requireAction(actor, 'me.read');
  return q.listApiTokens(ctx.db, actor.orgId, actor.userId);
}

/** Creates a personal API token; its secret is shown once and only its hash is kept. */
export async function createToken(ctx: Ctx, actor: Actor, input: { name: string; scopes: string[]; expiresInDays?: number | undefined }) {
  requireAction(actor, 'me.update');
  if (actor.via === 'token') {
    throw badRequest('TOKEN_CANNOT_MINT', 'API tokens cannot create other tokens; sign in to create one.');
  }
  const secret = `${TOKEN_PREFIX}${newSecret()}`;
  const id = newId();
  const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null;
  const scopes = [...new Set(input.scopes)];
  await ctx.db.transaction().execute(async (trx) => {
    await q.insertApiToken(trx, {
      id,
      orgId: actor.orgId,
      userId: actor.userId,
      name: input.name,
      tokenHash: hashSecret(secret),
      scopes,
      expiresAt,
    });
    await audit(trx, { orgId: actor.orgId, actorId: actor.userId, action: 'token.created', targetId: id, data: { scopes } });
  });
  return { id, name: input.name, scopes, expiresAt, token: secret };
}

export async function revokeToken(ctx: Ctx, actor: Actor, id: string): Promise<void> {
  requireAction(actor, 'me.update');
  if (!(await q.revokeApiToken(ctx.db, actor.orgId, actor.userId, id))) {
    throw notFound('token');
  }
}

/** Constant-time comparison of the CSRF header with the session's token. */
export const csrfMatches = (expected: string, given: string | undefined) => given !== undefined && safeEqual(expected, given);
