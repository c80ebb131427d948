import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { insightsApi, type InsightsFilters, type LeaderboardQuery } from '../api.js';

/** Recognition data changes with every kudos: keep it briefly, refetch on return. */
const FRESH = 30_000;

export function useLeaderboard(q: LeaderboardQuery) {
  return useQuery({
    queryKey: ['recognition', 'leaderboard', q],
    queryFn: () => insightsApi.leaderboard(q),
    staleTime: FRESH,
    placeholderData: keepPreviousData,
  });
}

export { useRecognitionMe, useRecognitionPrefs } from '../../kudos/index.js';

export function useRecognitionInsights(filters: InsightsFilters, enabled: boolean) {
  return useQuery({
    queryKey: ['recognition', 'insights', filters],
    queryFn: () => insightsApi.insights(filters),
    staleTime: FRESH,
    enabled,
    placeholderData: keepPreviousData,
  });
}

export function useUnrecognised(filters: Pick<InsightsFilters, 'departmentId' | 'teamId'>, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: ['recognition', 'unrecognised', filters],
    queryFn: ({ pageParam }) => insightsApi.unrecognised(filters, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    staleTime: FRESH,
    enabled,
  });
}
