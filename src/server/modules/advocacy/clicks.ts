import { createHash, randomBytes } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import { isbot } from 'isbot';
import type { DB } from '../../db/schema.js';
import { ipKey } from '../../platform/ip.js';

/**
 * Honest reach: which clicks on a tracked link count, who a visitor is without keeping their address
 * (a hash under a salt that exists for one UTC day and is then deleted), and recording a click without
 * making the visitor wait. Robots, link-preview fetchers and HEAD requests are never counted.
 */

/** Link-preview fetchers named explicitly, so that a change in isbot's list cannot start counting them. */
const PREVIEW_FETCHERS =
  /linkedinbot|slackbot|slack-imgproxy|twitterbot|facebookexternalhit|facebookcatalog|whatsapp|telegrambot|discordbot|skypeuripreview|embedly|pinterest|redditbot|applebot|google-inspectiontool|mastodon/i;

/** Whether a request on a tracked link is a person's visit worth counting. */
export function isCountable(method: string, userAgent: string | undefined): boolean {
  if (method !== 'GET' || !userAgent || userAgent.trim() === '') {
    return false;
  }
  return !isbot(userAgent) && !PREVIEW_FETCHERS.test(userAgent);
}

/** The UTC day of a moment, as 'YYYY-MM-DD'. */
export const dayOf = (at: Date) => at.toISOString().slice(0, 10);

/** A visitor: 128 bits of sha256(salt, address, browser). Without the day's salt it cannot be traced back to an address. */
export function visitorHash(salt: string, ip: string, userAgent: string): string {
  return createHash('sha256').update(salt).update('\0').update(ip).update('\0').update(userAgent).digest('hex').slice(0, 32);
}

/** What a click is counted against: the tracked link and what it belongs to. */
export interface ClickTarget {
  orgId: string;
  linkId: string;
  itemId: string;
  campaignId: string | null;
  userId: string;
  network: string;
}

/** (link, day, visitor) already recorded: a second visit costs no query. Bounded; forgetting only costs an insert that does nothing. */
const SEEN_MAX = 200_000;
/**
 * Requests per address and minute that may count: beyond it a flood from one address (say, a script
 * faking many browsers) stops counting, and the redirect goes on as usual.
 */
export const COUNTED_PER_ADDRESS_PER_MINUTE = 60;
const ADDRESSES_MAX = 50_000;

/**
 * Records clicks in the background: `record` returns at once, `flush` waits for what is in flight.
 * The redirect does not wait for the database (a click is a measurement, not something we promised
 * anyone); tests and shutdown call `flush`.
 */
export class ClickRecorder {
  private readonly salts = new Map<string, Promise<string>>();
  private readonly seen = new Set<string>();
  private readonly perAddress = new Map<string, { start: number; n: number }>();
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly db: Kysely<DB>,
    private readonly log: FastifyBaseLogger,
  ) {}

  /** Counts a visit (if it is one) on a tracked link; never throws, never waits. */
  record(target: ClickTarget, req: { method: string; ip: string; userAgent: string | undefined }, now = new Date()): void {
    if (!isCountable(req.method, req.userAgent) || !this.allowAddress(ipKey(req.ip), now.getTime())) {
      return;
    }
    const p = this.write(target, req.ip, req.userAgent ?? '', dayOf(now)).catch((err: unknown) => {
      this.log.warn({ err }, 'tracked click not recorded');
    });
    this.pending.add(p);
    void p.finally(() => this.pending.delete(p));
  }

  /** Waits until every click recorded so far is in the database. */
  async flush(): Promise<void> {
    while (this.pending.size > 0) {
      await Promise.all([...this.pending]);
    }
  }

  private allowAddress(key: string, now: number): boolean {
    let entry = this.perAddress.get(key);
    if (!entry || now - entry.start >= 60_000) {
      if (this.perAddress.size >= ADDRESSES_MAX) {
        this.perAddress.clear();
      }
      entry = { start: now, n: 0 };
      this.perAddress.set(key, entry);
    }
    entry.n++;
    return entry.n <= COUNTED_PER_ADDRESS_PER_MINUTE;
  }

  private async write(target: ClickTarget, ip: string, userAgent: string, day: string): Promise<void> {
    const visitor = visitorHash(await this.saltFor(target.orgId, day), ip, userAgent);
    const key = `${target.linkId}|${day}|${visitor}`;
    if (this.seen.has(key)) {
      return;
    }
    if (this.seen.size >= SEEN_MAX) {
      this.seen.clear();
    }
    this.seen.add(key);
    try {
      await this.db
        .insertInto('shareClicks')
        .values({
          orgId: target.orgId,
          linkId: target.linkId,
          itemId: target.itemId,
          campaignId: target.campaignId,
          userId: target.userId,
          network: target.network,
          day,
          visitor,
        })
        .onConflict((oc) => oc.columns(['linkId', 'day', 'visitor']).doNothing())
        .execute();
    } catch (err) {
      this.seen.delete(key);
      throw err;
    }
  }

  /** The organisation's salt of the day: made on first use (by any node), older ones deleted then. */
  private saltFor(orgId: string, day: string): Promise<string> {
    const key = `${orgId}|${day}`;
    let salt = this.salts.get(key);
    if (!salt) {
      for (const k of this.salts.keys()) {
        if (!k.endsWith(`|${day}`)) {
          this.salts.delete(k);
        }
      }
      salt = loadSalt(this.db, orgId, day);
      this.salts.set(key, salt);
      // A failed read is tried again on the next click rather than cached.
      salt.catch(() => this.salts.delete(key));
    }
    return salt;
  }
}

async function loadSalt(db: Kysely<DB>, orgId: string, day: string): Promise<string> {
  const created = await db
    .insertInto('clickSalts')
    .values({ orgId, day, salt: randomBytes(32).toString('base64') })
    .onConflict((oc) => oc.columns(['orgId', 'day']).doNothing())
    .returning('salt')
    .executeTakeFirst();
  if (created) {
    // The day's first click: yesterday's salt goes, so yesterday's hashes can no longer be matched to anyone.
    await db.deleteFrom('clickSalts').where('orgId', '=', orgId).where('day', '<', day).execute();
    return created.salt;
  }
  const row = await db.selectFrom('clickSalts').select('salt').where('orgId', '=', orgId).where('day', '=', day).executeTakeFirstOrThrow();
  return row.salt;
}
