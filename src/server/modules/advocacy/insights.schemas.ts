import { Type, type Static } from 'typebox';
import { SHARE_NETWORKS } from '../../../shared/advocacy.js';
import { Id, Nullable } from '../../platform/http.js';

/** A calendar day (UTC), YYYY-MM-DD. */
const Day = Type.String({ format: 'date', maxLength: 10 });

/** The tables of the insights page, each downloadable as CSV. */
export const INSIGHT_TABLES = ['overTime', 'byNetwork', 'topItems', 'topCampaigns', 'byDepartment'] as const;
export type InsightTable = (typeof INSIGHT_TABLES)[number];

const range = {
  /** First day of the range; 29 days before `to` by default (30 days in all). */
  from: Type.Optional(Day),
  /** Last day of the range, included; today by default. */
  to: Type.Optional(Day),
  campaignId: Type.Optional(Id),
};

export const InsightsQuery = Type.Object(range, { additionalProperties: false });
export type InsightsQuery = Static<typeof InsightsQuery>;

export const InsightsCsvQuery = Type.Object({ ...range, table: Type.Enum(INSIGHT_TABLES) }, { additionalProperties: false });
export type InsightsCsvQuery = Static<typeof InsightsCsvQuery>;

const Count = Type.Integer({ minimum: 0 });
/** A share of a whole, 0..1. */
const Ratio = Type.Number({ minimum: 0, maximum: 1 });

export const AdvocacyInsights = Type.Object({
  from: Day,
  to: Day,
  totals: Type.Object({
    shares: Count,
    clicks: Count,
    visitors: Count,
    sharers: Count,
    activePeople: Count,
    participation: Ratio,
  }),
  byNetwork: Type.Array(
    Type.Object({ network: Type.Enum(SHARE_NETWORKS), shares: Count, clicks: Count, clicksPerShare: Type.Number({ minimum: 0 }) }),
  ),
  overTime: Type.Array(Type.Object({ day: Day, shares: Count, clicks: Count })),
  topItems: Type.Array(Type.Object({ id: Id, title: Type.String(), shares: Count, clicks: Count })),
  topCampaigns: Type.Array(Type.Object({ id: Id, name: Type.String(), shares: Count, clicks: Count })),
  byDepartment: Type.Array(Type.Object({ id: Nullable(Id), name: Type.String(), people: Count, sharers: Count, participation: Ratio })),
});

export const InsightsCsv = Type.Unsafe<string>({
  type: 'string',
  description: 'One table of the advocacy insights as CSV (UTF-8 with a BOM): aggregates only.',
});
