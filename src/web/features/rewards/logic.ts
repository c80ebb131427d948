import type { AdminValue, Reward } from './api.js';

/** Why a reward cannot be redeemed right now, or null when it can. */
export type RedeemBlock = { kind: 'off' } | { kind: 'inactive' } | { kind: 'outOfStock' } | { kind: 'short'; missing: number };

/** Whether the person can redeem this reward with the points they have. */
export function redeemBlock(reward: Pick<Reward, 'cost' | 'stock' | 'active'>, balance: number, gamification: boolean): RedeemBlock | null {
  if (!gamification) {
    return { kind: 'off' };
  }
  if (!reward.active) {
    return { kind: 'inactive' };
  }
  if (reward.stock !== null && reward.stock <= 0) {
    return { kind: 'outOfStock' };
  }
  if (balance < reward.cost) {
    return { kind: 'short', missing: reward.cost - balance };
  }
  return null;
}

/**
 * A fresh key for one redemption attempt: retries of the same attempt (a double click, a lost
 * answer) reuse it so the server spends the points once.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') {
    return crypto.randomUUID();
  }
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}

/**
 * Where to move a value so that it swaps places with its active neighbour above or below.
 * `values` is every value, archived ones included, in the server's order: a position is a place
 * in that whole list (the server moves the value there and shifts the others), so the answer is
 * the neighbour's index in it. Null when the value is already first or last among active ones.
 */
export function moveTarget(
  values: readonly Pick<AdminValue, 'id' | 'archived'>[],
  valueId: string,
  direction: 'up' | 'down',
): number | null {
  const active = values.filter((v) => !v.archived);
  const at = active.findIndex((v) => v.id === valueId);
  const neighbour = at < 0 ? undefined : active[direction === 'up' ? at - 1 : at + 1];
  return neighbour ? values.findIndex((v) => v.id === neighbour.id) : null;
}

/** An emoji can be several code points (skin tones, families, flags); this is room enough for one. */
export const EMOJI_MAX = 16;

/** Whether a value's emoji is acceptable: empty (none), or a few symbols with no letters or spaces. */
export function emojiOk(v: string): boolean {
  const s = v.trim();
  return s === '' || (s.length <= EMOJI_MAX && !/[\sA-Za-z]/.test(s));
}

/** "+12" or "−5" (a real minus sign), so the sign reads even without colour. */
export function signed(delta: number, locale: string): string {
  const n = Math.abs(delta).toLocaleString(locale);
  return delta > 0 ? `+${n}` : delta < 0 ? `−${n}` : '0';
}

/** Form checks mirroring the server's limits; each answers the translation key of the problem, or null. */
export const check = {
  name: (v: string, max: number) =>
    !v.trim() ? 'rewards.validation.required' : v.trim().length > max ? 'rewards.validation.tooLong' : null,
  text: (v: string, max: number) => (v.trim().length > max ? 'rewards.validation.tooLong' : null),
  whole: (v: number | string | null | undefined, min: number, max: number) => {
    if (v === '' || v === null || v === undefined) {
      return 'rewards.validation.required';
    }
    const n = typeof v === 'number' ? v : Number(v);
    return Number.isInteger(n) && n >= min && n <= max ? null : 'rewards.validation.range';
  },
};

export interface RewardFormValues {
  name: string;
  description: string;
  cost: number | string;
  unlimited: boolean;
  stock: number | string;
  requiresApproval: boolean;
  active: boolean;
}

/** What the reward form sends to the server. */
export function rewardInput(v: RewardFormValues) {
  return {
    name: v.name.trim(),
    description: v.description.trim(),
    cost: Number(v.cost),
    stock: v.unlimited ? null : Number(v.stock),
    requiresApproval: v.requiresApproval,
    active: v.active,
  };
}

/** ISO 3166-1 alpha-2 country codes. */
export const COUNTRY_CODES = (
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
  'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR ' +
  'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP ' +
  'KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT ' +
  'MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW ' +
  'SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG ' +
  'UM US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW'
).split(' ');

/** A country's name in the reader's language, or its code when the browser does not know it. */
export function countryName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * Country choices for the "gamification off in" setting: the organisation's office countries first,
 * then every other country, each group by name; codes already chosen are always offered.
 */
export function countryGroups(
  officeCountries: readonly (string | null)[],
  chosen: readonly string[],
  locale: string,
): { offices: { value: string; label: string }[]; others: { value: string; label: string }[] } {
  const offices = new Set(officeCountries.filter((c): c is string => Boolean(c && /^[A-Za-z]{2}$/.test(c))).map((c) => c.toUpperCase()));
  const all = new Set([...COUNTRY_CODES, ...chosen.map((c) => c.toUpperCase())]);
  const option = (c: string) => ({ value: c, label: `${countryName(c, locale)} (${c})` });
  const byLabel = (a: { label: string }, b: { label: string }) => a.label.localeCompare(b.label, locale);
  return {
    offices: [...offices].map(option).sort(byLabel),
    others: [...all]
      .filter((c) => !offices.has(c))
      .map(option)
      .sort(byLabel),
  };
}
