import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef } from 'react';
import { ApiError } from '../../../api.js';
import { useRealtimeEvent } from '../../../realtime/hooks.js';
import { amasApi, type AmaInput, type AmaWhen, type QuestionSort, type QuestionStatus } from '../api.js';

export const AMAS_KEY = ['amas'] as const;
const listKey = (when: AmaWhen) => [...AMAS_KEY, 'list', when] as const;
const amaKey = (id: string) => [...AMAS_KEY, 'one', id] as const;
const questionsKey = (id: string) => [...AMAS_KEY, 'questions', id] as const;

/** AMAs of one kind (upcoming, live, past), a page at a time. */
export function useAmaList(when: AmaWhen) {
  return useInfiniteQuery({
    queryKey: listKey(when),
    queryFn: ({ pageParam }) => amasApi.list(when, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useAma(id: string | undefined) {
  return useQuery({
    queryKey: amaKey(id ?? ''),
    queryFn: () => amasApi.get(id ?? ''),
    enabled: id !== undefined,
    // an AMA one may not see stays so: no point asking again
    retry: (count, err) => !(err instanceof ApiError && err.status === 404) && count < 2,
  });
}

export function useQuestions(id: string, sort: QuestionSort, status: QuestionStatus) {
  return useInfiniteQuery({
    queryKey: [...questionsKey(id), sort, status],
    queryFn: ({ pageParam }) => amasApi.questions(id, sort, status, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: (prev) => prev,
  });
}

/**
 * Calls `fn` at most once a second: at once when it has been quiet, otherwise once at the end of the
 * second. A busy AMA changes with every vote; its viewers refetch a few times a minute, not per vote.
 */
function useThrottled(fn: () => void, ms = 1000): () => void {
  const last = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latest = useRef(fn);
  useEffect(() => {
    latest.current = fn;
  });
  useEffect(() => () => clearTimeout(timer.current), []);
  return useCallback(() => {
    if (timer.current !== undefined) {
      return;
    }
    const wait = last.current + ms - Date.now();
    if (wait <= 0) {
      last.current = Date.now();
      latest.current();
      return;
    }
    timer.current = setTimeout(() => {
      timer.current = undefined;
      last.current = Date.now();
      latest.current();
    }, wait);
  }, [ms]);
}

/** Keeps one AMA (or, without an id, the lists) fresh while it changes elsewhere. */
export function useAmaLive(id?: string) {
  const qc = useQueryClient();
  const refresh = useThrottled(() => {
    if (id) {
      void qc.invalidateQueries({ queryKey: amaKey(id) });
      void qc.invalidateQueries({ queryKey: questionsKey(id) });
    } else {
      void qc.invalidateQueries({ queryKey: [...AMAS_KEY, 'list'] });
    }
  });
  useRealtimeEvent('ama.changed', (e) => {
    if (!id || e.payload.amaId === id) {
      refresh();
    }
  });
}

function useRefreshAma() {
  const qc = useQueryClient();
  return (id: string) => {
    void qc.invalidateQueries({ queryKey: amaKey(id) });
    void qc.invalidateQueries({ queryKey: questionsKey(id) });
    void qc.invalidateQueries({ queryKey: [...AMAS_KEY, 'list'] });
  };
}

/** Schedules an AMA (`create`) or changes one (`patch`). */
export function useSaveAma() {
  const refresh = useRefreshAma();
  return useMutation({
    mutationFn: (input: { create: AmaInput } | { id: string; patch: Partial<AmaInput> }) =>
      'create' in input ? amasApi.create(input.create) : amasApi.update(input.id, input.patch),
    onSuccess: (ama) => refresh(ama.id),
  });
}

export function useAmaStatus(id: string) {
  const refresh = useRefreshAma();
  return useMutation({
    mutationFn: (to: 'live' | 'ended') => (to === 'live' ? amasApi.start(id) : amasApi.end(id)),
    onSuccess: () => refresh(id),
  });
}

export function useAsk(id: string) {
  const refresh = useRefreshAma();
  return useMutation({
    mutationFn: (input: { body: string; anonymous: boolean }) => amasApi.ask(id, input.body, input.anonymous),
    onSuccess: () => refresh(id),
  });
}

export function useVote(amaId: string) {
  const refresh = useRefreshAma();
  return useMutation({
    mutationFn: (input: { questionId: string; on: boolean }) => amasApi.vote(input.questionId, input.on),
    onSuccess: () => refresh(amaId),
  });
}

export function useAnswer(amaId: string) {
  const refresh = useRefreshAma();
  return useMutation({
    mutationFn: (input: { questionId: string; answer: string }) => amasApi.answer(input.questionId, input.answer),
    onSuccess: () => refresh(amaId),
  });
}

export function useHide(amaId: string) {
  const refresh = useRefreshAma();
  return useMutation({
    mutationFn: (questionId: string) => amasApi.hide(questionId),
    onSuccess: () => refresh(amaId),
  });
}
