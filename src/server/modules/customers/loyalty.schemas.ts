import { Type, type Static } from 'typebox';
import { Id, Nullable, Page } from '../../platform/http.js';
import { LINK_UNITS, PERIODS } from '../../../shared/customers.js';

/** A calendar day, YYYY-MM-DD. */
const Day = Type.String({ format: 'date' });
/** A period's key: 2026-11 (month) or 2026-Q4 (quarter). */
export const PeriodKey = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2]|Q[1-4])$', maxLength: 7 });

export const Ref = Type.Object({ id: Id, name: Type.String() });

export const NpsView = Type.Object({
  score: Type.Number(),
  n: Type.Integer(),
  promoters: Type.Integer(),
  passives: Type.Integer(),
  detractors: Type.Integer(),
});

export const CsatView = Type.Object({ mean: Type.Number(), satisfied: Type.Number(), n: Type.Integer() });

export const LoyaltyPoint = Type.Object({
  key: Type.String(),
  start: Day,
  nps: Nullable(NpsView),
  csat: Nullable(CsatView),
  accounts: Type.Object({
    atStart: Type.Integer(),
    lost: Type.Integer(),
    /** % of the accounts at the start still customers at the end; null without accounts at the start. */
    retention: Nullable(Type.Number()),
    churn: Nullable(Type.Number()),
  }),
  interactions: Type.Object({
    count: Type.Integer(),
    accounts: Type.Integer(),
    /** Accounts with two or more interactions in the period. */
    repeatAccounts: Type.Integer(),
  }),
});
export type LoyaltyPoint = Static<typeof LoyaltyPoint>;

const scopeQuery = {
  period: Type.Optional(Type.Enum(PERIODS)),
  /** First day of the range (its period counts whole); by default 8 quarters or 12 months back. */
  from: Type.Optional(Day),
  /** Last day of the range (its period counts whole); by default today. */
  to: Type.Optional(Day),
  /** A department, with its sub-departments. */
  departmentId: Type.Optional(Id),
  teamId: Type.Optional(Id),
};

export const LoyaltyQuery = Type.Object(scopeQuery, { additionalProperties: false });
export type LoyaltyQuery = Static<typeof LoyaltyQuery>;

export const LoyaltyCsvQuery = Type.Object(
  {
    ...scopeQuery,
    /** One row per team or department and period instead of one per period. */
    unit: Type.Optional(Type.Enum(LINK_UNITS)),
  },
  { additionalProperties: false },
);
export type LoyaltyCsvQuery = Static<typeof LoyaltyCsvQuery>;

export const LoyaltyResult = Type.Object({
  period: Type.Enum(PERIODS),
  scope: Type.Object({ kind: Type.Enum(['company', 'department', 'team'] as const), ref: Nullable(Ref) }),
  series: Type.Array(LoyaltyPoint),
});
export type LoyaltyResult = Static<typeof LoyaltyResult>;

export const UnitsQuery = Type.Object(
  {
    unit: Type.Optional(Type.Enum(LINK_UNITS)),
    period: Type.Optional(Type.Enum(PERIODS)),
    /** The period; the current one by default. */
    key: Type.Optional(PeriodKey),
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 1200 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  },
  { additionalProperties: false },
);
export type UnitsQuery = Static<typeof UnitsQuery>;

export const UnitPoint = Type.Object({ unit: Ref, ...LoyaltyPoint.properties });
export type UnitPoint = Static<typeof UnitPoint>;
export const UnitsPage = Page(UnitPoint);

export const LoyaltyCsv = Type.Unsafe<string>({
  type: 'string',
  description: 'Loyalty measures as CSV (UTF-8 with a BOM): aggregates per period, or per unit and period; never a row per answer.',
});
