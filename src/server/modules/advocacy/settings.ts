import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { renderMarkdown } from '../../platform/markdown.js';
import { ADVOCACY_DEFAULTS } from '../../../shared/advocacy.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** An organisation's advocacy settings; the defaults until communications staff change them. */
export interface AdvocacySettings {
  /** Markdown as written; empty means the product's own guidelines. */
  guidelines: string;
  guidelinesHtml: string;
  guidelinesVersion: number;
  pointsPerShare: number;
  pointsCapPerWeek: number;
}

export type AdvocacySettingsPatch = Partial<Pick<AdvocacySettings, 'guidelines' | 'pointsPerShare' | 'pointsCapPerWeek'>>;

const DEFAULTS: AdvocacySettings = {
  guidelines: '',
  guidelinesHtml: '',
  guidelinesVersion: 1,
  pointsPerShare: ADVOCACY_DEFAULTS.pointsPerShare,
  pointsCapPerWeek: ADVOCACY_DEFAULTS.pointsCapPerWeek,
};

const columns = ['guidelines', 'guidelinesHtml', 'guidelinesVersion', 'pointsPerShare', 'pointsCapPerWeek'] as const;

/** The organisation's advocacy settings, or the defaults when none were saved. */
export async function loadAdvocacySettings(db: Executor, orgId: string): Promise<AdvocacySettings> {
  const row = await db.selectFrom('advocacySettings').select(columns).where('orgId', '=', orgId).executeTakeFirst();
  return row ?? { ...DEFAULTS };
}

/**
 * Saves the given settings (the rest keep their values). A changed guidelines text is rendered
 * (sanitised) and raises the version, so everyone accepts it again before their next share. The row
 * is locked first, so that two changes at once raise the version twice rather than once.
 */
export async function saveAdvocacySettings(
  trx: Transaction<DB>,
  orgId: string,
  patch: AdvocacySettingsPatch,
): Promise<{ settings: AdvocacySettings; guidelinesChanged: boolean }> {
  await trx
    .insertInto('advocacySettings')
    .values({ orgId })
    .onConflict((oc) => oc.column('orgId').doNothing())
    .execute();
  const current = await trx.selectFrom('advocacySettings').select(columns).where('orgId', '=', orgId).forUpdate().executeTakeFirstOrThrow();
  const guidelinesChanged = patch.guidelines !== undefined && patch.guidelines !== current.guidelines;
  const next: AdvocacySettings = {
    ...current,
    pointsPerShare: patch.pointsPerShare ?? current.pointsPerShare,
    pointsCapPerWeek: patch.pointsCapPerWeek ?? current.pointsCapPerWeek,
    ...(guidelinesChanged
      ? {
          guidelines: patch.guidelines!,
          guidelinesHtml: patch.guidelines!.trim() ? renderMarkdown(patch.guidelines!, { rich: true }).html : '',
          guidelinesVersion: current.guidelinesVersion + 1,
        }
      : {}),
  };
  await trx
    .updateTable('advocacySettings')
    .set({ ...next, updatedAt: new Date() })
    .where('orgId', '=', orgId)
    .execute();
  return { settings: next, guidelinesChanged };
}
