import { randomInt } from 'node:crypto';
import { ADVOCACY_LIMITS, publicItemPath, trackedPath, UTM_MEDIUM, type ShareNetwork } from '../../../shared/advocacy.js';

/**
 * Tracked links: their random codes, the address a code leads to (computed only from what is stored,
 * never from the request) and the networks' own share pages. Pure functions, no database.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A new code: 10 letters and digits from the system's CSPRNG (about 59 bits: not guessable, not enumerable). */
export function newCode(): string {
  let code = '';
  for (let i = 0; i < ADVOCACY_LIMITS.codeLength; i++) {
    code += ALPHABET[randomInt(ALPHABET.length)];
  }
  return code;
}

/** The person's tracked address for one item and network. */
export const trackedUrlOf = (publicUrl: string, code: string) => `${publicUrl}${trackedPath(code)}`;

/** An approved address is an absolute http(s) URL with no credentials; anything else is never a redirect target. */
export function safeHttpUrl(raw: string): URL | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username !== '' || url.password !== '' || url.hostname === '') {
    return null;
  }
  return url;
}

/** What a redirect needs to know of an item, as stored. */
export interface TargetSource {
  itemId: string;
  kind: 'post' | 'article' | 'link';
  /** The approved address, for a link. */
  url: string | null;
  /** The campaign's hashtag (with or without #), if the item belongs to a campaign that has one. */
  hashtag: string | null;
}

/** The utm_campaign value: the hashtag without its #, else 'advocacy'. */
export function utmCampaign(hashtag: string | null): string {
  const tag = (hashtag ?? '').trim().replace(/^#+/, '');
  return tag === '' ? 'advocacy' : tag;
}

/**
 * Where a tracked link leads: the item's approved address (a link) or its public page on this server
 * (a post or article), with the UTM parameters added to whatever query it already has. Null when the
 * stored address is not a safe http(s) URL, so a bad row can never turn into an open redirect.
 */
export function redirectTarget(publicUrl: string, item: TargetSource, network: ShareNetwork): string | null {
  const base = item.kind === 'link' ? item.url : `${publicUrl}${publicItemPath(item.itemId)}`;
  const url = base === null ? null : safeHttpUrl(base);
  if (!url) {
    return null;
  }
  url.searchParams.set('utm_source', network);
  url.searchParams.set('utm_medium', UTM_MEDIUM);
  url.searchParams.set('utm_campaign', utmCampaign(item.hashtag));
  url.searchParams.set('utm_content', item.itemId);
  return url.toString();
}

/**
 * The network's own share page (or an e-mail draft) with the person's text and tracked address; null
 * for a copied link. Nothing is posted for the person: they confirm on the network.
 */
export function intentUrl(network: ShareNetwork, p: { text: string; title: string; trackedUrl: string }): string | null {
  const text = p.text.trim();
  // encodeURIComponent (%20), not URLSearchParams ('+'): mailto and some share pages read '+' literally.
  const q = (params: Record<string, string>) =>
    Object.entries(params)
      .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
      .join('&');
  switch (network) {
    case 'linkedin':
      return `https://www.linkedin.com/feed/?${q({ shareActive: 'true', text: text ? `${text} ${p.trackedUrl}` : p.trackedUrl })}`;
    case 'x':
      return `https://x.com/intent/post?${q(text ? { text, url: p.trackedUrl } : { url: p.trackedUrl })}`;
    case 'facebook':
      return `https://www.facebook.com/sharer/sharer.php?${q({ u: p.trackedUrl })}`;
    case 'email':
      return `mailto:?${q({ subject: p.title, body: text ? `${text}\n\n${p.trackedUrl}` : p.trackedUrl })}`;
    case 'link':
      return null;
  }
}
