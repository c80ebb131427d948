import { Type, type Static } from 'typebox';
import { Nullable } from '../../platform/http.js';
import { LINK_MEASURES, LINK_UNITS, PERIODS } from '../../../shared/customers.js';
import { LINK_DRIVERS } from './engagement.js';
import { PeriodKey, Ref } from './loyalty.schemas.js';

const Lag = Type.Integer({
  minimum: 0,
  maximum: 1,
  description: '0: customers in the window ending with the period; 1: in the window after it.',
});
const WindowMonths = Type.Integer({ minimum: 1, maximum: 24, description: 'Months of customer answers pooled; the setting by default.' });

export const LinkQuery = Type.Object(
  {
    unit: Type.Optional(Type.Enum(LINK_UNITS)),
    period: Type.Optional(Type.Enum(PERIODS)),
    /** The engagement period; by default the current one (lag 0) or the previous one (lag 1). */
    key: Type.Optional(PeriodKey),
    lag: Type.Optional(Lag),
    window: Type.Optional(WindowMonths),
    measure: Type.Optional(Type.Enum(LINK_MEASURES)),
  },
  { additionalProperties: false },
);
export type LinkQuery = Static<typeof LinkQuery>;

const Parts = Type.Object({
  survey: Nullable(Type.Number()),
  participation: Nullable(Type.Number()),
  recognition: Nullable(Type.Number()),
  social: Nullable(Type.Number()),
});

const Drivers = Type.Object(Object.fromEntries(LINK_DRIVERS.map((d) => [d, Nullable(Type.Number())])));

export const LinkPoint = Type.Object({
  unit: Ref,
  engagement: Type.Number({ description: 'Engagement index, 0–100.' }),
  parts: Parts,
  drivers: Drivers,
  customer: Type.Object({
    value: Type.Number({ description: 'NPS (−100…100), CSAT mean (1–5) or retention (%) over the window.' }),
    n: Type.Integer({ description: 'Answers, or accounts at the window’s start for retention.' }),
  }),
});
export type LinkPoint = Static<typeof LinkPoint>;

export const CAVEATS = ['correlation_not_cause', 'too_few_units', 'units_left_out', 'wide_interval', 'no_data'] as const;
export type Caveat = (typeof CAVEATS)[number];

export const LinkResult = Type.Object({
  unit: Type.Enum(LINK_UNITS),
  period: Type.Enum(PERIODS),
  key: Type.String(),
  lag: Type.Union([Type.Literal(0), Type.Literal(1)]),
  windowMonths: Type.Integer(),
  measure: Type.Enum(LINK_MEASURES),
  points: Type.Array(LinkPoint),
  excluded: Type.Object({
    /** Units with people but no released result cell of their own for the period. */
    belowThreshold: Type.Integer(),
    /** Units with customer data but nobody in them. */
    noEngagement: Type.Integer(),
    /** Units with an engagement index but no customer data in the window. */
    noCustomers: Type.Integer(),
  }),
  stats: Type.Object({
    n: Type.Integer(),
    pearson: Nullable(Type.Object({ r: Type.Number(), low: Type.Number(), high: Type.Number() })),
    spearman: Nullable(Type.Object({ rho: Type.Number(), low: Type.Number(), high: Type.Number() })),
    fit: Nullable(Type.Object({ slope: Type.Number(), intercept: Type.Number() })),
  }),
  drivers: Type.Array(Type.Object({ driver: Type.Enum(LINK_DRIVERS), rho: Type.Number(), r: Type.Number(), n: Type.Integer() })),
  caveats: Type.Array(Type.Enum(CAVEATS)),
});
export type LinkResult = Static<typeof LinkResult>;

export const OverTimeQuery = Type.Object(
  {
    period: Type.Optional(Type.Enum(PERIODS)),
    measure: Type.Optional(Type.Enum(LINK_MEASURES)),
    window: Type.Optional(WindowMonths),
  },
  { additionalProperties: false },
);
export type OverTimeQuery = Static<typeof OverTimeQuery>;

export const OverTime = Type.Object({
  series: Type.Array(
    Type.Object({
      key: Type.String(),
      engagement: Nullable(Type.Number()),
      customer: Nullable(Type.Object({ value: Type.Number(), n: Type.Integer() })),
    }),
  ),
});
export type OverTime = Static<typeof OverTime>;

export const LinkCsv = Type.Unsafe<string>({
  type: 'string',
  description: 'The link’s points as CSV (UTF-8 with a BOM): one row per team or department, aggregates only.',
});
