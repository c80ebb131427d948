import { type InfiniteData, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import type { Page } from '../../../api.js';
import { type FeedbackFilters, type FeedbackItem, voiceApi } from '../api.js';

export const FEEDBACK_KEY = ['customers', 'feedback'] as const;

/** Customer answers, newest first, a page at a time. */
export function useFeedback(filters: FeedbackFilters) {
  return useInfiniteQuery({
    queryKey: [...FEEDBACK_KEY, filters],
    queryFn: ({ pageParam }) => voiceApi.feedback(filters, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/**
 * Passes praise on to the employee it names. The card shows "Passed on" at once, from the answer,
 * rather than waiting for the list to reload.
 */
export function usePassOn() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, message, valueId }: { id: string; message?: string; valueId?: string }) => voiceApi.passOn(id, message, valueId),
    onSuccess: ({ postId }, { id }) => {
      const at = new Date().toISOString();
      qc.setQueriesData<InfiniteData<Page<FeedbackItem>>>({ queryKey: FEEDBACK_KEY }, (data) =>
        data
          ? {
              ...data,
              pages: data.pages.map((p) => ({
                ...p,
                items: p.items.map((f) => (f.id === id ? { ...f, passedOn: { postId, at } } : f)),
              })),
            }
          : data,
      );
    },
    onSettled: () => qc.invalidateQueries({ queryKey: FEEDBACK_KEY }),
  });
}
