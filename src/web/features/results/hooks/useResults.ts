import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { type CommentsQuery, type ResultFilter, type ResultsQuery, resultsApi } from '../api.js';

export const RESULTS_KEY = ['listening', 'results'] as const;

/**
 * Results change only as people answer, and every request counts against the viewer's results
 * allowance on the server: keep them for a minute rather than refetching on every focus.
 */
const FRESH = 60_000;

/** Surveys whose results the viewer may see. */
export function useResultsSurveys(enabled = true) {
  return useInfiniteQuery({
    queryKey: [...RESULTS_KEY, 'surveys'],
    queryFn: ({ pageParam }) => resultsApi.surveys(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    staleTime: FRESH,
    enabled,
  });
}

export function useResultsOverview(surveyId: string) {
  return useQuery({
    queryKey: [...RESULTS_KEY, surveyId, 'overview'],
    queryFn: () => resultsApi.overview(surveyId),
    staleTime: FRESH,
  });
}

export function useResults(surveyId: string, q: ResultsQuery | null) {
  return useQuery({
    queryKey: [...RESULTS_KEY, surveyId, 'cells', q],
    queryFn: () => resultsApi.results(surveyId, q!),
    enabled: q !== null,
    staleTime: FRESH,
    refetchOnWindowFocus: false,
    placeholderData: keepPreviousData,
  });
}

export function useTrend(surveyId: string, f: ResultFilter, enabled: boolean) {
  return useQuery({
    queryKey: [...RESULTS_KEY, surveyId, 'trend', f],
    queryFn: () => resultsApi.trend(surveyId, f),
    enabled,
    staleTime: FRESH,
    refetchOnWindowFocus: false,
    placeholderData: keepPreviousData,
  });
}

export function useComments(surveyId: string, q: CommentsQuery, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: [...RESULTS_KEY, surveyId, 'comments', q],
    queryFn: ({ pageParam }) => resultsApi.comments(surveyId, q, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
    staleTime: FRESH,
    refetchOnWindowFocus: false,
  });
}
