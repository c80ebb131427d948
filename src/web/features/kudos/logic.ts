import { ApiError } from '../../api.js';
import { BADGE_RULES, RECOGNITION_LIMITS } from '../../../shared/recognition.js';

/** Error codes of giving kudos that get their own sentence; anything else falls back to the app's usual texts. */
export const KUDOS_ERROR_CODES = [
  'INSUFFICIENT_ALLOWANCE',
  'SELF_RECOGNITION',
  'RECIPIENT_LIMIT',
  'VALUE_REQUIRED',
  'RECIPIENT_INACTIVE',
  'GAMIFICATION_OFF',
  'IDEMPOTENCY_MISMATCH',
] as const;
export type KudosErrorCode = (typeof KUDOS_ERROR_CODES)[number];

/** The translation key and its values for an error from POST /api/kudos, or null to use the generic text. */
export function kudosErrorKey(err: unknown): { key: string; values: Record<string, number> } | null {
  if (!(err instanceof ApiError)) {
    return null;
  }
  if (err.code === 'RECIPIENT_LIMIT') {
    return recipientLimitKey(err.details);
  }
  const remaining = err.code === 'INSUFFICIENT_ALLOWANCE' ? numberIn(err.details, ['remaining']) : null;
  if (remaining !== null) {
    return { key: 'kudos.errors.allowanceLeft', values: { count: remaining } };
  }
  if ((KUDOS_ERROR_CODES as readonly string[]).includes(err.code)) {
    return { key: `kudos.errors.${err.code}`, values: {} };
  }
  if (err.status === 404) {
    return { key: 'kudos.errors.notFound', values: {} };
  }
  return null;
}

/** The per-recipient limit says what is left when one person is over it, or the rule itself when several are. */
function recipientLimitKey(details: unknown): { key: string; values: Record<string, number> } {
  const d = details && typeof details === 'object' ? (details as Record<string, unknown>) : {};
  const over = Array.isArray(d.recipients) ? (d.recipients as unknown[]) : [];
  const left = over.length === 1 ? numberIn(over[0], ['remaining']) : null;
  if (left !== null) {
    return { key: 'kudos.errors.recipientLimitLeft', values: { count: left } };
  }
  const limit = numberIn(d, ['limit']);
  const days = numberIn(d, ['days']);
  if (limit !== null && days !== null) {
    return { key: 'kudos.errors.recipientLimitRule', values: { limit, days } };
  }
  return { key: 'kudos.errors.RECIPIENT_LIMIT', values: {} };
}

function numberIn(details: unknown, names: string[]): number | null {
  if (!details || typeof details !== 'object') {
    return null;
  }
  for (const n of names) {
    const v = (details as Record<string, unknown>)[n];
    if (typeof v === 'number' && Number.isFinite(v)) {
      return Math.max(0, Math.floor(v));
    }
  }
  return null;
}

/**
 * The most points one can give each recipient: what is left of the allowance shared between them,
 * the per-recipient limit, and the most one kudos may carry. A team counts as its members (maybe
 * one too many when the giver is in it, which only errs on the safe side).
 */
export function maxPointsEach(remaining: number, recipients: number, recipientLimit: number): number {
  const share = Math.floor(Math.max(0, remaining) / Math.max(1, recipients));
  const cap = recipientLimit > 0 ? Math.min(recipientLimit, RECOGNITION_LIMITS.pointsEach) : RECOGNITION_LIMITS.pointsEach;
  return Math.max(0, Math.min(share, cap));
}

/** A typed number made into what the API accepts: a whole number between 0 and the cap. */
export function clampPoints(input: number | string, max: number): number {
  const n = typeof input === 'number' ? input : Number(input);
  if (!Number.isFinite(n)) {
    return 0;
  }
  return Math.max(0, Math.min(Math.floor(n), Math.max(0, max)));
}

export interface Birthday {
  month: number;
  day: number;
}

/** Days in each month of a leap year: a birthday on 29 February is a real one. */
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(month: number): number {
  return DAYS_IN_MONTH[month - 1] ?? 31;
}

/** 'MM-DD' → month and day, or null when it is not a real day of the year. */
export function parseBirthday(s: string | null | undefined): Birthday | null {
  const m = /^(\d{2})-(\d{2})$/.exec(s ?? '');
  if (!m) {
    return null;
  }
  const month = Number(m[1]);
  const day = Number(m[2]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(month) ? { month, day } : null;
}

/** Month and day → 'MM-DD', or null when they do not make a real day. */
export function formatBirthday(month: number | null, day: number | null): string | null {
  if (!month || !day || month < 1 || month > 12 || day < 1 || day > daysInMonth(month)) {
    return null;
  }
  return `${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Whether a badge has a name in the app's own translations. */
export function isKnownRule(rule: string | null): rule is (typeof BADGE_RULES)[number] {
  return rule !== null && (BADGE_RULES as readonly string[]).includes(rule);
}

/** A key the server accepts once per kudos: kept while the dialog is open, so a retry does not give twice. */
export function newIdempotencyKey(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') {
    return crypto.randomUUID();
  }
  // older browsers on plain http: random enough to tell one dialog from another
  return `k-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${Math.random().toString(36).slice(2)}`;
}
