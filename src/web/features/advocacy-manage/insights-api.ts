import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, type Page } from '../../api.js';
import type { AdvocacyInsightsDto, CampaignDto } from '../../../shared/advocacy.js';
import { rangeProblem as rangeWithin } from '../insights/shape.js';

export { parseDay, type RangeProblem } from '../insights/shape.js';

export type { AdvocacyInsightsDto };

/** The tables of the page; each downloads as CSV from the server. */
export type InsightTable = 'overTime' | 'byNetwork' | 'topItems' | 'topCampaigns' | 'byDepartment';

export interface AdvocacyInsightsFilters {
  from: string;
  to: string;
  campaignId?: string;
}

/** The longest range the server answers for, both ends included. */
export const MAX_RANGE_DAYS = 366;
/** The quick choices of the period picker, in days up to today. */
export const PRESETS = [7, 30, 90] as const;

const DAY = 86_400_000;

/** Today as the server counts days (UTC), so that "last 7 days" means the same on both sides. */
export const todayUtc = (now: Date = new Date()) => now.toISOString().slice(0, 10);

/** The last `days` days up to today, both ends included. */
export function lastDays(days: number, now: Date = new Date()): { from: string; to: string } {
  const to = todayUtc(now);
  return { from: new Date(Date.parse(`${to}T00:00:00Z`) - (days - 1) * DAY).toISOString().slice(0, 10), to };
}

/** What is wrong with a custom range, or null when it can be asked for. */
export const rangeProblem = (from: string, to: string) => rangeWithin(from, to, MAX_RANGE_DAYS);

/** The address of one table's CSV; a plain link downloads it with the session cookie. */
export function insightsCsvUrl(filters: AdvocacyInsightsFilters, table: InsightTable): string {
  const q = new URLSearchParams({ from: filters.from, to: filters.to, table });
  if (filters.campaignId) {
    q.set('campaignId', filters.campaignId);
  }
  return `/api/advocacy/insights.csv?${q.toString()}`;
}

export const advocacyInsightsApi = {
  insights: (f: AdvocacyInsightsFilters) => api.get<AdvocacyInsightsDto>('/api/advocacy/insights', { query: { ...f } }),
  /** Campaigns for the filter, archived ones too (their numbers still count): the newest page is enough to choose from. */
  campaigns: () => api.get<Page<CampaignDto>>('/api/advocacy/campaigns', { query: { state: 'all', limit: 50 } }),
};

/** Shares and clicks come in all the time; keep a minute, and the last numbers while new ones load. */
const FRESH = 60_000;

export function useAdvocacyInsights(filters: AdvocacyInsightsFilters, enabled: boolean) {
  return useQuery({
    queryKey: ['advocacy', 'insights', filters],
    queryFn: () => advocacyInsightsApi.insights(filters),
    staleTime: FRESH,
    enabled,
    placeholderData: keepPreviousData,
  });
}

export function useInsightCampaigns() {
  return useQuery({
    queryKey: ['advocacy', 'insights', 'campaigns'],
    queryFn: () => advocacyInsightsApi.campaigns(),
    staleTime: 5 * FRESH,
  });
}
