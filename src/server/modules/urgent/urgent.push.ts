import webpush, { type PushSubscription, type RequestOptions } from 'web-push';
import type { Kysely, Transaction } from 'kysely';
import type { Config } from '../../config.js';
import type { DB } from '../../db/schema.js';
import type { JobKinds } from '../../platform/jobs.js';
import * as q from './urgent.queries.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** Sends one encrypted message to one browser's push service; rejects with a `statusCode` when refused. */
export type PushSender = (subscription: PushSubscription, payload: string, options: RequestOptions) => Promise<unknown>;

export const sendWithWebPush: PushSender = (subscription, payload, options) => webpush.sendNotification(subscription, payload, options);

/** A message that has waited this long at the push service is no longer worth showing. */
export const PUSH_TTL_SECONDS = 6 * 60 * 60;
/** One slow push service must not hold the job (and its transaction) for long. */
const PUSH_TIMEOUT_MS = 10_000;
/** Messages in flight at once. */
const PUSH_CONCURRENCY = 20;

/** The organisation's VAPID key pair, made on first use and never replaced. */
export async function ensureVapidKeys(db: Executor, orgId: string): Promise<{ publicKey: string; privateKey: string }> {
  return (await q.vapidKeys(db, orgId)) ?? q.storeVapidKeys(db, orgId, webpush.generateVAPIDKeys());
}

/**
 * Who push services should contact about our messages: the public address when it is https, else
 * the sender address of e-mails (push services accept only https: and mailto: subjects).
 */
export function vapidSubject(config: Pick<Config, 'publicUrl' | 'mailFrom'>): string {
  if (config.publicUrl.startsWith('https://')) {
    return config.publicUrl;
  }
  const address = /<([^>]+)>/.exec(config.mailFrom)?.[1] ?? config.mailFrom.trim();
  return `mailto:${address}`;
}

const statusOf = (err: unknown): number | undefined =>
  typeof err === 'object' && err !== null && 'statusCode' in err && typeof err.statusCode === 'number' ? err.statusCode : undefined;

export interface PushOutcome {
  delivered: number;
  removed: number;
  failed: number;
}

/**
 * Sends a web push message to every subscribed browser of these people, with high urgency. A push
 * service answering 404 or 410 means the browser unsubscribed: its subscription is removed. Any other
 * failure is counted on the subscription and never thrown, so that one bad endpoint does not make the
 * job retry everyone.
 */
export async function sendPushes(
  db: Executor,
  config: Pick<Config, 'publicUrl' | 'mailFrom'>,
  message: JobKinds['push.send'],
  send: PushSender = sendWithWebPush,
): Promise<PushOutcome> {
  const targets = await q.subscriptionsOf(db, [...new Set(message.userIds)]);
  const payload = JSON.stringify({ title: message.title, body: message.body, url: message.url, tag: message.tag });
  const subject = vapidSubject(config);
  const byOrg = new Map<string, q.PushTarget[]>();
  for (const t of targets) {
    byOrg.set(t.orgId, [...(byOrg.get(t.orgId) ?? []), t]);
  }
  const total: PushOutcome = { delivered: 0, removed: 0, failed: 0 };
  for (const [orgId, subs] of byOrg) {
    const first = subs[0];
    // Subscriptions exist only after the key was handed out; keys missing here means none were made.
    const keys =
      first?.vapidPublicKey && first.vapidPrivateKey ? { publicKey: first.vapidPublicKey, privateKey: first.vapidPrivateKey } : undefined;
    if (!keys) {
      continue;
    }
    const outcome = { gone: [] as string[], failed: [] as string[], delivered: [] as string[] };
    for (let i = 0; i < subs.length; i += PUSH_CONCURRENCY) {
      await Promise.all(
        subs.slice(i, i + PUSH_CONCURRENCY).map(async (s) => {
          try {
            await send({ endpoint: s.endpoint, keys: { p256dh: s.p256dh, auth: s.auth } }, payload, {
              TTL: PUSH_TTL_SECONDS,
              urgency: 'high',
              timeout: PUSH_TIMEOUT_MS,
              vapidDetails: { subject, ...keys },
            });
            outcome.delivered.push(s.id);
          } catch (err) {
            const status = statusOf(err);
            (status === 404 || status === 410 ? outcome.gone : outcome.failed).push(s.id);
          }
        }),
      );
    }
    await q.settlePushes(db, orgId, outcome);
    total.delivered += outcome.delivered.length;
    total.removed += outcome.gone.length;
    total.failed += outcome.failed.length;
  }
  return total;
}
