import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MyAdvocacyDto, ShareNetwork } from '../../../../shared/advocacy.js';
import { advocacyApi, type LeaderboardPeriod } from '../api.js';

export const ADVOCACY_KEY = ['advocacy'] as const;
const ME_KEY = [...ADVOCACY_KEY, 'me'] as const;
const GUIDELINES_KEY = [...ADVOCACY_KEY, 'guidelines'] as const;

/** Items ready to share now (optionally one campaign's), a page at a time. */
export function useReadyItems(campaignId?: string, limit?: number) {
  return useInfiniteQuery({
    queryKey: [...ADVOCACY_KEY, 'ready', campaignId ?? null, limit ?? null],
    queryFn: ({ pageParam }) => advocacyApi.ready({ campaignId, limit, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** The first few ready items, for the home page; never retried, since the rail simply hides on failure. */
export function useReadyPreview(limit: number) {
  return useQuery({
    queryKey: [...ADVOCACY_KEY, 'ready', 'preview', limit],
    queryFn: () => advocacyApi.ready({ limit }),
    retry: false,
    staleTime: 60_000,
  });
}

export function useCampaigns(state: 'current' | 'past' | 'all') {
  return useInfiniteQuery({
    queryKey: [...ADVOCACY_KEY, 'campaigns', state],
    queryFn: ({ pageParam }) => advocacyApi.campaigns(state, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useCampaign(id: string | undefined) {
  return useQuery({
    queryKey: [...ADVOCACY_KEY, 'campaign', id],
    queryFn: () => advocacyApi.campaign(id!),
    enabled: id !== undefined,
  });
}

export function useMyAdvocacy() {
  return useQuery({ queryKey: ME_KEY, queryFn: advocacyApi.me, staleTime: 30_000 });
}

export function useGuidelines(enabled: boolean) {
  return useQuery({ queryKey: GUIDELINES_KEY, queryFn: advocacyApi.guidelines, enabled });
}

export function useAcceptGuidelines() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (version: number) => advocacyApi.acceptGuidelines(version),
    onSuccess: (g) => {
      qc.setQueryData(GUIDELINES_KEY, g);
      qc.setQueryData<MyAdvocacyDto>(ME_KEY, (old) => (old ? { ...old, guidelinesAccepted: true } : old));
      void qc.invalidateQueries({ queryKey: ME_KEY });
    },
  });
}

export function useLeaderboard(period: LeaderboardPeriod) {
  return useQuery({ queryKey: [...ADVOCACY_KEY, 'leaderboard', period], queryFn: () => advocacyApi.leaderboard(period) });
}

export function useUpdateMyAdvocacy() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (hideFromLeaderboard: boolean) => advocacyApi.updateMe({ hideFromLeaderboard }),
    onSuccess: (me) => {
      qc.setQueryData(ME_KEY, me);
      void qc.invalidateQueries({ queryKey: [...ADVOCACY_KEY, 'leaderboard'] });
    },
  });
}

/** Records a share; afterwards every count on screen (cards, campaigns, my reach, leaderboard) is refreshed. */
export function useShare() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { itemId: string; network: ShareNetwork; text: string }) => advocacyApi.share(v.itemId, v.network, v.text),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ADVOCACY_KEY }),
  });
}
