import { api, type Page } from '../../api.js';
import type { LinkDriver, LinkMeasure, LinkUnit, Period } from '../../../shared/customers.js';
// The same answers as the other customer pages read, so the same types describe them.
import type { CsatView, NpsView } from '../customers/api.js';
import type { CustomerSettings, Ref } from '../voice/api.js';

export type { CsatView, CustomerSettings, LinkDriver, LinkMeasure, LinkUnit, NpsView, Period, Ref };

/** One period's loyalty measures. */
export interface LoyaltyPoint {
  key: string;
  /** YYYY-MM-DD, the period's first day. */
  start: string;
  nps: NpsView | null;
  csat: CsatView | null;
  accounts: { atStart: number; lost: number; retention: number | null; churn: number | null };
  interactions: { count: number; accounts: number; repeatAccounts: number };
}

export type ScopeKind = 'company' | 'department' | 'team';

export interface LoyaltySeries {
  period: Period;
  scope: { kind: ScopeKind; ref: Ref | null };
  series: LoyaltyPoint[];
}

export type LoyaltyUnitRow = { unit: Ref } & LoyaltyPoint;

export interface LoyaltyQuery {
  period: Period;
  /** YYYY-MM-DD */
  from: string;
  /** YYYY-MM-DD */
  to: string;
  departmentId?: string;
  teamId?: string;
}

export interface LoyaltyUnitsQuery {
  unit: LinkUnit;
  period: Period;
  key: string;
}

export type EngagementParts = { survey: number | null; participation: number | null; recognition: number | null; social: number | null };

export interface LinkPoint {
  unit: Ref;
  /** 0–100 */
  engagement: number;
  parts: EngagementParts;
  /** Mean 1–5 per driver. */
  drivers: Partial<Record<LinkDriver, number | null>>;
  customer: { value: number; n: number };
}

export interface Interval {
  low: number;
  high: number;
}

export type LinkCaveat = 'correlation_not_cause' | 'too_few_units' | 'units_left_out' | 'wide_interval' | 'no_data';

export interface LinkResult {
  unit: LinkUnit;
  period: Period;
  key: string;
  lag: 0 | 1;
  windowMonths: number;
  measure: LinkMeasure;
  points: LinkPoint[];
  excluded: { belowThreshold: number; noEngagement: number; noCustomers: number };
  stats: {
    n: number;
    pearson: ({ r: number } & Interval) | null;
    spearman: ({ rho: number } & Interval) | null;
    fit: { slope: number; intercept: number } | null;
  };
  drivers: { driver: LinkDriver; rho: number; r: number; n: number }[];
  caveats: LinkCaveat[];
}

export interface LinkQuery {
  unit: LinkUnit;
  period: Period;
  key: string;
  lag: 0 | 1;
  window: number;
  measure: LinkMeasure;
}

export interface OverTimeQuery {
  period: Period;
  measure: LinkMeasure;
  window: number;
}

export interface OverTimePoint {
  key: string;
  engagement: number | null;
  customer: { value: number; n: number } | null;
}

const BASE = '/api/customers';

export const loyaltyApi = {
  series: (q: LoyaltyQuery) => api.get<LoyaltySeries>(`${BASE}/loyalty`, { query: { ...q } }),
  units: (q: LoyaltyUnitsQuery, cursor?: string, limit = 20) =>
    api.get<Page<LoyaltyUnitRow>>(`${BASE}/loyalty/units`, { query: { ...q, cursor, limit } }),
  link: (q: LinkQuery) => api.get<LinkResult>(`${BASE}/link`, { query: { ...q } }),
  overTime: (q: OverTimeQuery) => api.get<{ series: OverTimePoint[] }>(`${BASE}/link/over-time`, { query: { ...q } }),
  settings: () => api.get<CustomerSettings>(`${BASE}/settings`),
};
