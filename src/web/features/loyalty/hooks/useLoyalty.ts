import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { type LinkQuery, type LoyaltyQuery, type LoyaltyUnitsQuery, type OverTimeQuery, loyaltyApi } from '../api.js';

const KEY = ['customers', 'loyalty'] as const;

/** Loyalty moves with each customer answer, slowly: a couple of minutes is fresh enough and spares the server. */
const FRESH = 120_000;

export function useLoyaltySeries(q: LoyaltyQuery) {
  return useQuery({
    queryKey: [...KEY, 'series', q],
    queryFn: () => loyaltyApi.series(q),
    staleTime: FRESH,
    placeholderData: keepPreviousData,
  });
}

export function useLoyaltyUnits(q: LoyaltyUnitsQuery | null) {
  return useInfiniteQuery({
    queryKey: [...KEY, 'units', q],
    queryFn: ({ pageParam }) => loyaltyApi.units(q!, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: q !== null,
    staleTime: FRESH,
  });
}

export function useLink(q: LinkQuery, enabled = true) {
  return useQuery({
    queryKey: [...KEY, 'link', q],
    queryFn: () => loyaltyApi.link(q),
    enabled,
    staleTime: FRESH,
    placeholderData: keepPreviousData,
  });
}

export function useLinkOverTime(q: OverTimeQuery, enabled = true) {
  return useQuery({
    queryKey: [...KEY, 'over-time', q],
    queryFn: () => loyaltyApi.overTime(q),
    enabled,
    staleTime: FRESH,
    placeholderData: keepPreviousData,
  });
}

/** The company's customer settings, for the default window; only asked for by those who may read them. */
export function useCustomerSettings(enabled: boolean) {
  return useQuery({
    queryKey: ['customers', 'settings'],
    queryFn: loyaltyApi.settings,
    enabled,
    staleTime: 300_000,
    retry: 1,
  });
}
