import { createHmac, timingSafeEqual } from 'node:crypto';
import { sql } from 'kysely';
import { audit } from '../../platform/audit.js';
import type { Ctx } from '../../platform/context.js';
import { AppError, badRequest, notFound } from '../../platform/errors.js';
import { newId, newSecret } from '../../platform/ids.js';
import { requireAction, type Actor } from '../../platform/policy.js';
import { CUSTOMER_LIMITS, CUSTOMER_LOCALES } from '../../../shared/customers.js';
import { writeAndPublish } from '../posts/posts.content.js';
import { recordFeedback } from './feedback.record.js';
import type { CreatedWebhook, NewWebhook, ReceiveBody, WebhookItem } from './webhooks.schemas.js';

/** Webhooks an organisation keeps (revoked ones included) are few; the list is not paged. */
const LIST_MAX = 200;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const receiveUrl = (ctx: Ctx, id: string) => `${ctx.config.publicUrl}/api/customers/webhooks/${id}/receive`;

const invalidSignature = (message: string) => new AppError(401, 'INVALID_SIGNATURE', message);

/** The organisation's inbound webhooks, newest first. */
export async function listWebhooks(ctx: Ctx, actor: Actor): Promise<{ items: WebhookItem[] }> {
  requireAction(actor, 'customers.manage');
  const rows = await ctx.db
    .selectFrom('customerWebhooks')
    .select(['id', 'name', 'createdAt', 'lastUsedAt', 'revokedAt'])
    .where('orgId', '=', actor.orgId)
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .limit(LIST_MAX)
    .execute();
  return {
    items: rows.map((r) => ({
      id: r.id,
      name: r.name,
      createdAt: r.createdAt,
      lastUsedAt: r.lastUsedAt,
      revoked: r.revokedAt !== null,
      url: receiveUrl(ctx, r.id),
    })),
  };
}

/** A new webhook and its shared secret, which is shown this once. */
export async function createWebhook(ctx: Ctx, actor: Actor, input: NewWebhook): Promise<CreatedWebhook> {
  requireAction(actor, 'customers.manage');
  const name = input.name.trim();
  if (name === '') {
    throw badRequest('NAME_REQUIRED', 'Give the webhook a name.');
  }
  const id = newId();
  // Kept as it is, not hashed: checking a delivery's HMAC signature needs the secret itself.
  const secret = newSecret();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('customerWebhooks')
      .values({ id, orgId: actor.orgId, name, secret, createdBy: actor.userId, lastUsedAt: null, revokedAt: null })
      .execute();
    await audit(trx, { orgId: actor.orgId, actorId: actor.userId, action: 'customers.webhook.create', targetId: id, data: { name } });
  });
  return { id, name, url: receiveUrl(ctx, id), secret };
}

/** Revokes a webhook: its deliveries answer 404 from now on. Revoking twice changes nothing. */
export async function revokeWebhook(ctx: Ctx, actor: Actor, id: string): Promise<{ ok: true }> {
  requireAction(actor, 'customers.manage');
  await ctx.db.transaction().execute(async (trx) => {
    const hook = await trx
      .selectFrom('customerWebhooks')
      .select(['id', 'name', 'revokedAt'])
      .where('orgId', '=', actor.orgId)
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!hook) {
      throw notFound('webhook');
    }
    if (hook.revokedAt) {
      return;
    }
    await trx.updateTable('customerWebhooks').set({ revokedAt: new Date() }).where('id', '=', id).execute();
    await audit(trx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'customers.webhook.revoke',
      targetId: id,
      data: { name: hook.name },
    });
  });
  return { ok: true };
}

/** A webhook whose delivery was signed with its secret. */
export interface VerifiedHook {
  id: string;
  orgId: string;
  name: string;
}

/** HMAC-SHA256 of `timestamp + "." + body` with the secret, in hex: the signature a sender puts after `sha256=`. */
export function signature(secret: string, timestamp: string, body: Buffer): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
}

/**
 * Checks a delivery before anything in it is read: the webhook must exist and be live (else 404),
 * the signature must be the HMAC of the timestamp and the raw body with its secret (compared in
 * constant time), and the timestamp within a few minutes of now, so that a captured delivery
 * cannot be replayed later (else 401).
 */
export async function verifyDelivery(
  ctx: Ctx,
  orgId: string | null,
  id: string,
  headers: { timestamp: string | undefined; signature: string | undefined },
  body: Buffer,
  now = Date.now(),
): Promise<VerifiedHook> {
  if (!orgId || !UUID.test(id)) {
    throw notFound('webhook');
  }
  const hook = await ctx.db
    .selectFrom('customerWebhooks')
    .select(['id', 'orgId', 'name', 'secret'])
    .where('orgId', '=', orgId)
    .where('id', '=', id)
    .where('revokedAt', 'is', null)
    .executeTakeFirst();
  if (!hook) {
    throw notFound('webhook');
  }
  const given = /^sha256=([0-9a-f]{64})$/i.exec(headers.signature?.trim() ?? '')?.[1];
  const timestamp = headers.timestamp?.trim() ?? '';
  if (!given || !/^\d{1,12}$/.test(timestamp)) {
    throw invalidSignature('Sign each delivery: x-tessuto-timestamp and x-tessuto-signature: sha256=<hex HMAC>.');
  }
  const expected = Buffer.from(signature(hook.secret, timestamp, body), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(given.toLowerCase(), 'hex'))) {
    throw invalidSignature('The signature does not match this webhook’s secret.');
  }
  if (Math.abs(now / 1000 - Number(timestamp)) > CUSTOMER_LIMITS.webhookSkewSeconds) {
    throw invalidSignature('The signed timestamp is too far from the current time.');
  }
  return { id: hook.id, orgId: hook.orgId, name: hook.name };
}

const lower = (s: string) => s.trim().toLowerCase();

/**
 * Stores a signed delivery through the common path (channel "webhook", source = the webhook's name):
 * the account by id or external id, the contact by e-mail, the named employee by e-mail. A delivery
 * with an external id already received from this webhook is a duplicate and changes nothing.
 */
export async function receive(ctx: Ctx, hook: VerifiedHook, body: ReceiveBody): Promise<{ id: string; duplicate: boolean }> {
  const db = ctx.db;
  const orgId = hook.orgId;
  let account: { id: string; locale: string } | undefined;
  if (body.accountId || body.accountExternalId) {
    account = await db
      .selectFrom('customerAccounts')
      .select(['id', 'locale'])
      .where('orgId', '=', orgId)
      .$if(Boolean(body.accountId), (q) => q.where('id', '=', body.accountId ?? ''))
      .$if(!body.accountId, (q) => q.where('externalId', '=', body.accountExternalId ?? ''))
      .executeTakeFirst();
    if (!account) {
      throw badRequest('UNKNOWN_ACCOUNT', 'No customer account has this id or external id.');
    }
  }
  const contact = body.contactEmail
    ? await db
        .selectFrom('customerContacts')
        .select(['id', 'accountId', 'locale'])
        .where('orgId', '=', orgId)
        .where(sql<boolean>`lower(email) = ${lower(body.contactEmail)}`)
        .$if(account !== undefined, (q) => q.where('accountId', '=', account?.id ?? ''))
        .orderBy('createdAt')
        .orderBy('id')
        .limit(1)
        .executeTakeFirst()
    : undefined;
  if (contact && !account) {
    account = await db.selectFrom('customerAccounts').select(['id', 'locale']).where('id', '=', contact.accountId).executeTakeFirst();
  }
  const employee = body.employeeEmail
    ? await db
        .selectFrom('users')
        .select('id')
        .where('orgId', '=', orgId)
        .where('status', '=', 'active')
        .where(sql<boolean>`lower(email) = ${lower(body.employeeEmail)}`)
        .executeTakeFirst()
    : undefined;
  const locales = CUSTOMER_LOCALES as readonly string[];
  const locale = [body.locale?.slice(0, 2).toLowerCase(), contact?.locale, account?.locale].find((l) => l && locales.includes(l)) ?? 'en';
  const now = Date.now();
  const sentAt = body.receivedAt ? new Date(body.receivedAt) : undefined;
  // A clock ahead of ours must not date an answer in the future.
  const receivedAt = sentAt && sentAt.getTime() <= now ? sentAt : new Date(now);

  return writeAndPublish(ctx, async (trx) => {
    const recorded = await recordFeedback(trx, {
      orgId,
      kind: body.kind,
      score: body.score,
      comment: body.comment ?? null,
      channel: 'webhook',
      source: hook.name,
      externalId: body.externalId ?? null,
      accountId: account?.id ?? null,
      contactId: contact?.id ?? null,
      teamId: body.teamId ?? null,
      namedUserId: employee?.id ?? null,
      shareAllowed: body.shareAllowed ?? false,
      locale,
      receivedAt,
    });
    await trx
      .updateTable('customerWebhooks')
      .set({ lastUsedAt: new Date(now) })
      .where('id', '=', hook.id)
      .execute();
    return { result: { id: recorded.id, duplicate: recorded.duplicate }, events: recorded.events };
  });
}
