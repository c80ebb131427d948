import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { CUSTOMER_DEFAULTS } from '../../../shared/customers.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** An organisation's customer settings. */
export interface CustomerSettings {
  /** NPS answers up to this open a follow-up (0–6 by default). */
  detractorMax: number;
  /** CSAT answers up to this open a follow-up (1–2 by default). */
  csatDetractorMax: number;
  /** Days a follow-up is due in. */
  followupDays: number;
  /** Days a feedback request's link stays valid. */
  requestDays: number;
  /** Months of customer answers pooled for the employee–customer link. */
  windowMonths: number;
}

export const DEFAULT_CUSTOMER_SETTINGS: CustomerSettings = { ...CUSTOMER_DEFAULTS };

/** The organisation's customer settings (the defaults until someone saves some). */
export async function customerSettings(db: Executor, orgId: string): Promise<CustomerSettings> {
  const row = await db
    .selectFrom('customerSettings')
    .select(['detractorMax', 'csatDetractorMax', 'followupDays', 'requestDays', 'windowMonths'])
    .where('orgId', '=', orgId)
    .executeTakeFirst();
  return row ?? DEFAULT_CUSTOMER_SETTINGS;
}
