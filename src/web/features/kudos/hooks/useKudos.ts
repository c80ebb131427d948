import { type QueryClient, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { kudosApi, type KudosDirection, type NewKudos, type RecognitionPrefs } from '../api.js';

export const RECOGNITION_ME_KEY = ['recognition', 'me'] as const;
export const kudosListKey = (personId: string, direction: KudosDirection) => ['kudos', 'person', personId, direction] as const;
export const badgesKey = (personId: string) => ['badges', personId] as const;
export const PREFS_KEY = ['recognition', 'prefs'] as const;

/** What the signed-in person may give: allowance, values, whether points are on for them. */
export function useRecognitionMe(enabled = true) {
  return useQuery({ queryKey: RECOGNITION_ME_KEY, queryFn: kudosApi.me, enabled, staleTime: 30_000 });
}

/** Everything a new kudos changes on screen: feeds, balances, the kudos lists, badges and leaderboards. */
export async function refreshAfterKudos(qc: QueryClient): Promise<void> {
  await Promise.all([['feed'], ['recognition'], ['kudos'], ['badges'], ['rewards']].map((queryKey) => qc.invalidateQueries({ queryKey })));
}

export function useGiveKudos() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ body, key }: { body: NewKudos; key: string }) => kudosApi.give(body, key),
    // the dialog closes at once; what the kudos changed refreshes behind it
    onSuccess: () => {
      void refreshAfterKudos(qc);
    },
  });
}

/** Kudos a person received or gave, newest first, page by page. */
export function usePersonKudos(personId: string, direction: KudosDirection) {
  return useInfiniteQuery({
    queryKey: kudosListKey(personId, direction),
    queryFn: ({ pageParam }) => kudosApi.ofPerson(personId, direction, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useBadges(personId: string) {
  return useQuery({ queryKey: badgesKey(personId), queryFn: () => kudosApi.badges(personId) });
}

/** Hide or show one of one's own badges on the profile. */
export function useHideBadge(personId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ badgeId, hidden }: { badgeId: string; hidden: boolean }) => kudosApi.hideBadge(badgeId, hidden),
    onMutate: async ({ badgeId, hidden }) => {
      await qc.cancelQueries({ queryKey: badgesKey(personId) });
      const before = qc.getQueryData<Awaited<ReturnType<typeof kudosApi.badges>>>(badgesKey(personId));
      if (before) {
        qc.setQueryData(badgesKey(personId), { items: before.items.map((b) => (b.id === badgeId ? { ...b, hidden } : b)) });
      }
      return { before };
    },
    onError: (_err, _vars, context) => {
      if (context?.before) {
        qc.setQueryData(badgesKey(personId), context.before);
      }
    },
    onSettled: () => qc.invalidateQueries({ queryKey: badgesKey(personId) }),
  });
}

export function useRecognitionPrefs() {
  return useQuery({ queryKey: PREFS_KEY, queryFn: kudosApi.prefs });
}

export function useSavePrefs() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (patch: Partial<RecognitionPrefs>) => kudosApi.savePrefs(patch),
    onSuccess: (prefs) => {
      qc.setQueryData(PREFS_KEY, prefs);
      // hiding oneself takes one off the leaderboards at once
      void qc.invalidateQueries({ queryKey: ['recognition', 'leaderboard'] });
    },
  });
}
