import type { Kysely, Selectable, Transaction } from 'kysely';
import type { DB, RecognitionSettingsTable } from '../../db/schema.js';
import type { Leaderboard } from '../../../shared/recognition.js';

type Executor = Kysely<DB> | Transaction<DB>;

export interface RecognitionSettings {
  requireValue: boolean;
  gamification: boolean;
  gamificationOffCountries: string[];
  defaultAllowance: number;
  recipientLimit: number;
  recipientLimitDays: number;
  leaderboards: Record<Leaderboard, boolean>;
  anniversaries: boolean;
  birthdays: boolean;
}

/** What an organisation that never changed its recognition settings gets. */
export const DEFAULT_SETTINGS: RecognitionSettings = {
  requireValue: false,
  gamification: true,
  gamificationOffCountries: [],
  defaultAllowance: 100,
  recipientLimit: 50,
  recipientLimitDays: 30,
  leaderboards: { received: true, given: true },
  anniversaries: true,
  birthdays: true,
};

function fromRow(r: Selectable<RecognitionSettingsTable>): RecognitionSettings {
  const boards = (r.leaderboards ?? {}) as Partial<Record<Leaderboard, boolean>>;
  return {
    requireValue: r.requireValue,
    gamification: r.gamification,
    gamificationOffCountries: r.gamificationOffCountries,
    defaultAllowance: r.defaultAllowance,
    recipientLimit: r.recipientLimit,
    recipientLimitDays: r.recipientLimitDays,
    leaderboards: { received: boards.received ?? true, given: boards.given ?? true },
    anniversaries: r.anniversaries,
    birthdays: r.birthdays,
  };
}

/** The organisation's recognition settings (the defaults until an administrator saves some). */
export async function recognitionSettings(db: Executor, orgId: string): Promise<RecognitionSettings> {
  const row = await db.selectFrom('recognitionSettings').selectAll().where('orgId', '=', orgId).executeTakeFirst();
  return row ? fromRow(row) : DEFAULT_SETTINGS;
}

/** Saves a change to the settings, creating the row on first save; returns the whole new settings. */
export async function saveRecognitionSettings(
  db: Executor,
  orgId: string,
  change: Partial<RecognitionSettings>,
): Promise<RecognitionSettings> {
  const next = { ...(await recognitionSettings(db, orgId)), ...change };
  const values = {
    requireValue: next.requireValue,
    gamification: next.gamification,
    gamificationOffCountries: next.gamificationOffCountries,
    defaultAllowance: next.defaultAllowance,
    recipientLimit: next.recipientLimit,
    recipientLimitDays: next.recipientLimitDays,
    leaderboards: JSON.stringify(next.leaderboards),
    anniversaries: next.anniversaries,
    birthdays: next.birthdays,
    updatedAt: new Date(),
  };
  await db
    .insertInto('recognitionSettings')
    .values({ orgId, ...values })
    .onConflict((oc) => oc.column('orgId').doUpdateSet(values))
    .execute();
  return next;
}

/**
 * Whether points, badges and leaderboards apply to each person: off for everyone when the company
 * switched gamification off, and for people whose office is in a country where it is off. Kudos
 * themselves (thanks, values, the feed) are never switched off.
 */
export async function gamificationFor(db: Executor, orgId: string, userIds: readonly string[]): Promise<Map<string, boolean>> {
  const ids = [...new Set(userIds)];
  const result = new Map<string, boolean>();
  if (ids.length === 0) {
    return result;
  }
  const settings = await recognitionSettings(db, orgId);
  if (!settings.gamification || settings.gamificationOffCountries.length === 0) {
    for (const id of ids) {
      result.set(id, settings.gamification);
    }
    return result;
  }
  const off = new Set(settings.gamificationOffCountries.map((c) => c.toUpperCase()));
  const rows = await db
    .selectFrom('users as u')
    .leftJoin('locations as l', 'l.id', 'u.locationId')
    .select(['u.id', 'l.country'])
    .where('u.orgId', '=', orgId)
    .where('u.id', 'in', ids)
    .execute();
  for (const r of rows) {
    result.set(r.id, !(r.country && off.has(r.country.toUpperCase())));
  }
  return result;
}
