import type { Ctx } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { conflict, gone, notFound } from '../../platform/errors.js';
import { decodeTimeCursor, keysetPage } from '../../platform/cursor.js';
import { hashSecret, newId, newSecret } from '../../platform/ids.js';
import { enqueue } from '../../platform/jobs.js';
import { requireAction, type Actor, type Role } from '../../platform/policy.js';
import { checkPassword, hashPassword } from '../auth/password.js';
import { startSession } from '../auth/auth.service.js';
import { insertUser, updateUser, refreshSearchText } from '../people/people.queries.js';
import { syncAutomaticMemberships } from '../communities/communities.sync.js';
import * as q from './invitations.queries.js';

function status(i: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date }) {
  if (i.acceptedAt) {
    return 'accepted' as const;
  }
  if (i.revokedAt) {
    return 'revoked' as const;
  }
  return i.expiresAt.getTime() <= Date.now() ? ('expired' as const) : ('pending' as const);
}

/**
 * Invites a colleague by e-mail. The link is e-mailed through a durable job; without SMTP
 * it is also returned, so the administrator can pass it on.
 */
export async function invite(
  ctx: Ctx,
  actor: Actor,
  input: { email: string; name?: string | undefined; roles?: Role[] | undefined; locale?: 'en' | 'it' | undefined },
) {
  requireAction(actor, 'invitations.manage');
  const roles = [...new Set<Role>([...(input.roles ?? []), 'employee'])];
  if (roles.some((r) => r !== 'employee' && r !== 'manager')) {
    requireAction(actor, 'people.roles');
  }
  const existing = await q.findUserByEmail(ctx.db, actor.orgId, input.email);
  if (existing?.passwordHash) {
    throw conflict('ALREADY_MEMBER', 'This person already has an account.');
  }
  const token = newSecret();
  const id = newId();
  const expiresAt = new Date(Date.now() + ctx.config.inviteTtlHours * 3_600_000);
  const link = `${ctx.config.publicUrl}/invite/${token}`;
  const org = await ctx.db.selectFrom('orgs').select(['name', 'defaultLocale']).where('id', '=', actor.orgId).executeTakeFirstOrThrow();
  const inviter = await ctx.db.selectFrom('users').select('name').where('id', '=', actor.userId).executeTakeFirstOrThrow();
  const it = (input.locale ?? org.defaultLocale).startsWith('it');
  const days = Math.round(ctx.config.inviteTtlHours / 24);
  await ctx.db.transaction().execute(async (trx) => {
    await q.revokeOpenFor(trx, actor.orgId, input.email);
    await q.insertInvitation(trx, {
      id,
      orgId: actor.orgId,
      email: input.email,
      name: input.name ?? null,
      roles,
      tokenHash: hashSecret(token),
      invitedBy: actor.userId,
      expiresAt,
    });
    await enqueue(trx, actor.orgId, 'mail.send', {
      to: input.email,
      subject: it ? `${inviter.name} ti invita su Tessuto di ${org.name}` : `${inviter.name} invited you to ${org.name} on Tessuto`,
      text: it
        ? `Ciao${input.name ? ` ${input.name}` : ''},\n\n${inviter.name} ti invita a unirti a ${org.name} su Tessuto.\nApri questo link per creare il tuo account (vale ${days} giorni):\n${link}\n`
        : `Hello${input.name ? ` ${input.name}` : ''},\n\n${inviter.name} invited you to join ${org.name} on Tessuto.\nOpen this link to create your account (valid for ${days} days):\n${link}\n`,
    });
    await audit(trx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'invitation.created',
      targetId: id,
      data: { email: input.email, roles },
    });
  });
  ctx.worker.poke();
  return {
    id,
    email: input.email,
    name: input.name ?? null,
    roles,
    status: 'pending' as const,
    expiresAt,
    emailed: Boolean(ctx.config.smtpUrl),
    link: ctx.config.smtpUrl ? null : link,
  };
}

export async function list(ctx: Ctx, actor: Actor, input: { cursor?: string | undefined; limit?: number | undefined }) {
  requireAction(actor, 'invitations.manage');
  const limit = input.limit ?? 50;
  const rows = await q.list(ctx.db, actor.orgId, limit, decodeTimeCursor(input.cursor));
  const { page, nextCursor } = keysetPage(rows, limit);
  return {
    items: page.map((r) => ({
      id: r.id,
      email: r.email,
      name: r.name,
      roles: r.roles,
      createdAt: r.createdAt,
      expiresAt: r.expiresAt,
      invitedBy: r.invitedByName,
      status: status(r),
    })),
    nextCursor,
  };
}

export async function revoke(ctx: Ctx, actor: Actor, id: string) {
  requireAction(actor, 'invitations.manage');
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await q.revoke(trx, actor.orgId, id))) {
      throw notFound('invitation');
    }
    await audit(trx, { orgId: actor.orgId, actorId: actor.userId, action: 'invitation.revoked', targetId: id });
  });
}

function invalid(): never {
  throw gone('INVITATION_INVALID', 'This invitation has expired, was withdrawn or was already used. Ask for a new one.');
}

/** What the invitation page shows before sign-up; anyone holding the link may see it. */
export async function lookup(ctx: Ctx, orgId: string, token: string) {
  const inv = await q.findByToken(ctx.db, hashSecret(token));
  if (!inv || inv.orgId !== orgId || status(inv) !== 'pending') {
    invalid();
  }
  return { email: inv.email, name: inv.name, orgName: inv.orgName };
}

/** Signs up by invitation: the link works once; an imported person without a password gets one. */
export async function accept(
  ctx: Ctx,
  orgId: string,
  input: { token: string; name: string; password: string; locale?: 'en' | 'it' | undefined },
  userAgent: string | null,
) {
  const userId = await ctx.db.transaction().execute(async (trx) => {
    const inv = await q.consume(trx, hashSecret(input.token));
    if (!inv || inv.orgId !== orgId) {
      invalid();
    }
    checkPassword(input.password, [inv.email, input.name]);
    const passwordHash = await hashPassword(input.password);
    const existing = await q.findUserByEmail(trx, orgId, inv.email);
    if (existing?.passwordHash) {
      throw conflict('ALREADY_MEMBER', 'This person already has an account. Sign in instead.');
    }
    if (existing?.status === 'deactivated') {
      invalid();
    }
    let id: string;
    if (existing) {
      id = existing.id;
      await updateUser(trx, orgId, id, { passwordHash, name: input.name, locale: input.locale ?? null });
      await refreshSearchText(trx, orgId, [id]);
    } else {
      id = newId();
      await insertUser(trx, {
        id,
        orgId,
        email: inv.email,
        name: input.name,
        passwordHash,
        roles: inv.roles,
        locale: input.locale ?? null,
      });
    }
    await syncAutomaticMemberships(trx, orgId, [id]);
    await audit(trx, { orgId, actorId: id, action: 'invitation.accepted', targetId: inv.id });
    return id;
  });
  return { userId, ...(await startSession(ctx, orgId, userId, userAgent)) };
}
