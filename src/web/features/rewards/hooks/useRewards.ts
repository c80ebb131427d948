import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, type Page } from '../../../api.js';
import { RECOGNITION_ME_KEY, useRecognitionMe } from '../../kudos/index.js';
import { rewardsApi, type Reward } from '../api.js';

export const REWARDS_KEY = ['rewards'] as const;

/** A cursor-paginated list as a TanStack infinite query. */
export function usePaged<T>(queryKey: readonly unknown[], fetch: (cursor?: string) => Promise<Page<T>>, enabled = true) {
  return useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam }) => fetch(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
}

export { RECOGNITION_ME_KEY, useRecognitionMe };

export function useCatalogue(enabled = true) {
  return usePaged([...REWARDS_KEY, 'catalogue'], (cursor) => rewardsApi.catalogue(cursor), enabled);
}

export function useMyRedemptions() {
  return usePaged([...REWARDS_KEY, 'mine'], rewardsApi.myRedemptions);
}

export function usePointsHistory(enabled = true) {
  return usePaged([...REWARDS_KEY, 'history'], rewardsApi.history, enabled);
}

/** Codes after which what the store shows (stock, balance, the reward itself) is out of date. */
const STALE_CODES = new Set(['OUT_OF_STOCK', 'INSUFFICIENT_POINTS', 'REWARD_INACTIVE', 'GAMIFICATION_OFF', 'NOT_FOUND']);

/** Redeem a reward; the key makes a retried attempt count once. */
export function useRedeem() {
  const qc = useQueryClient();
  const refresh = () =>
    Promise.all([qc.invalidateQueries({ queryKey: RECOGNITION_ME_KEY }), qc.invalidateQueries({ queryKey: REWARDS_KEY })]);
  return useMutation({
    mutationFn: ({ reward, key }: { reward: Reward; key: string }) => rewardsApi.redeem(reward.id, key),
    onSuccess: refresh,
    onError: (err) => {
      if (err instanceof ApiError && (STALE_CODES.has(err.code) || err.status === 404)) {
        void refresh();
      }
    },
  });
}
