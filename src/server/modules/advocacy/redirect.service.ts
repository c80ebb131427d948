import type { Ctx } from '../../platform/context.js';
import { renderMarkdown } from '../../platform/markdown.js';
import { SHARE_NETWORKS, TRACKED_CODE, type ShareNetwork } from '../../../shared/advocacy.js';
import { orgForHost } from '../org/org.service.js';
import { ClickRecorder, type ClickTarget } from './clicks.js';
import { redirectTarget, safeHttpUrl } from './links.js';
import * as q from './sharing.queries.js';

/**
 * What a tracked link does: find the link (from a short-lived, bounded cache so that a popular link
 * costs no query), check it belongs to the host's organisation, redirect to the address computed from
 * the stored item, and count the visit in the background. Also the data of a shared item's public page.
 */

/** How long a link's lookup is reused. A withdrawn item may still redirect for this long on another node. */
const LINK_TTL_MS = 60_000;
const LINK_CACHE_MAX = 20_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface CachedLink {
  orgId: string;
  /** Null: the stored address is not a safe http(s) URL; such a link never redirects. */
  target: string | null;
  /** The item was withdrawn (archived, its post made internal-only or deleted). */
  gone: boolean;
  click: ClickTarget;
}

export type Opened = { status: 302; location: string } | { status: 404 | 410 };

const instances = new Set<TrackedLinks>();

/** Tracked links of one running app: its link cache and its click recorder. */
export class TrackedLinks {
  private readonly cache = new Map<string, { at: number; link: CachedLink | null }>();
  readonly clicks: ClickRecorder;

  constructor(private readonly ctx: Ctx) {
    this.clicks = new ClickRecorder(ctx.db, ctx.log);
    instances.add(this);
  }

  /** Flushes the clicks in flight and forgets this app (on close). */
  async close(): Promise<void> {
    await this.clicks.flush();
    instances.delete(this);
  }

  forget(): void {
    this.cache.clear();
  }

  /** Where a code leads for a request: 302 with the target, 404 (unknown, malformed, another organisation's) or 410 (withdrawn). */
  async open(host: string, code: string, req: { method: string; ip: string; userAgent: string | undefined }): Promise<Opened> {
    // A forged code never reaches the database.
    if (!TRACKED_CODE.test(code)) {
      return { status: 404 };
    }
    const link = await this.lookup(code);
    if (!link) {
      return { status: 404 };
    }
    const hostOrg = await orgForHost(this.ctx, host);
    if (hostOrg && hostOrg.id !== link.orgId) {
      return { status: 404 };
    }
    if (link.gone) {
      return { status: 410 };
    }
    if (link.target === null) {
      return { status: 404 };
    }
    this.clicks.record(link.click, req);
    return { status: 302, location: link.target };
  }

  private async lookup(code: string): Promise<CachedLink | null> {
    const now = Date.now();
    const hit = this.cache.get(code);
    if (hit && now - hit.at < LINK_TTL_MS) {
      return hit.link;
    }
    const row = await q.linkByCode(this.ctx.db, code);
    const network = row && (SHARE_NETWORKS as readonly string[]).includes(row.network) ? (row.network as ShareNetwork) : null;
    const link: CachedLink | null =
      row && network
        ? {
            orgId: row.orgId,
            target: redirectTarget(
              this.ctx.config.publicUrl,
              { itemId: row.itemId, kind: row.kind, url: row.url, hashtag: row.hashtag },
              network,
            ),
            gone: row.archivedAt !== null || row.internalOnly === true || row.postDeletedAt !== null,
            click: {
              orgId: row.orgId,
              linkId: row.linkId,
              itemId: row.itemId,
              campaignId: row.campaignId,
              userId: row.userId,
              network,
            },
          }
        : null;
    if (this.cache.size >= LINK_CACHE_MAX) {
      // Oldest first: a Map iterates in insertion order.
      for (const key of [...this.cache.keys()].slice(0, LINK_CACHE_MAX / 10)) {
        this.cache.delete(key);
      }
    }
    this.cache.delete(code);
    this.cache.set(code, { at: now, link });
    return link;
  }
}

/** Waits for every click in flight in this process to be recorded (tests; shutdown does it per app). */
export async function flushClicks(): Promise<void> {
  await Promise.all([...instances].map((t) => t.clicks.flush()));
}

/** Drops every cached link lookup in this process, e.g. right after an item was withdrawn. */
export function forgetTrackedLinks(): void {
  for (const t of instances) {
    t.forget();
  }
}

/** The public page of a shared post or article. */
export interface SharedPage {
  lang: 'en' | 'it';
  orgName: string;
  title: string;
  summary: string;
  bodyHtml: string;
  /** Only an https image, for og:image and the page. */
  imageUrl: string | null;
  canonicalUrl: string;
}

/** What the public page of an item shows, or null (404): not a post/article, withdrawn, hidden, or another organisation's. */
export async function sharedPage(ctx: Ctx, host: string, itemId: string): Promise<SharedPage | null> {
  if (!UUID.test(itemId)) {
    return null;
  }
  const row = await q.publicItem(ctx.db, itemId);
  if (
    !row ||
    row.archivedAt !== null ||
    row.internalOnly ||
    row.deletedAt !== null ||
    row.hiddenAt !== null ||
    (row.communityVisibility !== null && row.communityVisibility !== 'public')
  ) {
    return null;
  }
  const hostOrg = await orgForHost(ctx, host);
  if (hostOrg && hostOrg.id !== row.orgId) {
    return null;
  }
  const image = row.imageUrl ? safeHttpUrl(row.imageUrl) : null;
  return {
    lang: row.lang === 'italian' ? 'it' : row.lang === 'english' ? 'en' : row.defaultLocale === 'it' ? 'it' : 'en',
    orgName: row.orgName,
    title: row.title,
    summary: row.summary,
    // An article's text is rendered rich (headings, pictures), as on its page inside.
    bodyHtml: row.kind === 'article' ? renderMarkdown(row.body, { rich: true }).html : row.bodyHtml,
    imageUrl: image && image.protocol === 'https:' ? image.toString() : null,
    canonicalUrl: `${ctx.config.publicUrl}/shared/${row.id}`,
  };
}
