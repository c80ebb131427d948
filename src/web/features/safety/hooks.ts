import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useCallback } from 'react';
import { ApiError } from '../../api.js';
import { useErrorText } from '../../components/errors.js';
import { useRealtimeEvent } from '../../realtime/hooks.js';
import type { SafetyStatus } from '../../../shared/comms.js';
import { safetyApi, type NewCheck } from './api.js';

export const SAFETY_KEY = ['safety'] as const;
/** Operators' pages poll as well as listen, so a missed event never leaves a stale tally for long. */
const OPERATOR_POLL_MS = 5000;

/**
 * Refetches everything about safety checks when one changes (started, answered, closed). A start
 * reaches every open tab of the organisation at once, so the prompt spreads its refetches over
 * `spreadMs` rather than have everyone ask in the same instant.
 */
export function useSafetyEvents(spreadMs = 0) {
  const qc = useQueryClient();
  useRealtimeEvent('safety.changed', () => {
    const refetch = () => void qc.invalidateQueries({ queryKey: SAFETY_KEY });
    if (spreadMs > 0) {
      setTimeout(refetch, Math.random() * spreadMs);
    } else {
      refetch();
    }
  });
}

export function useMyChecks(enabled: boolean) {
  return useQuery({ queryKey: [...SAFETY_KEY, 'mine'], queryFn: safetyApi.mine, enabled, refetchInterval: 60_000 });
}

export function useMyCheck(id: string, enabled: boolean) {
  return useQuery({ queryKey: [...SAFETY_KEY, 'me', id], queryFn: () => safetyApi.me(id), enabled, retry: false });
}

export function useAnswer(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { status: 'safe' | 'help'; note?: string }) => safetyApi.answer(id, body),
    onSettled: () => void qc.invalidateQueries({ queryKey: SAFETY_KEY }),
  });
}

export function useChecks() {
  return useInfiniteQuery({
    queryKey: [...SAFETY_KEY, 'list'],
    queryFn: ({ pageParam }) => safetyApi.list(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useCheck(id: string) {
  return useQuery({
    queryKey: [...SAFETY_KEY, 'check', id],
    queryFn: () => safetyApi.get(id),
    refetchInterval: (q) => (q.state.data?.status === 'open' ? OPERATOR_POLL_MS : false),
  });
}

export function useCheckPeople(id: string, status: SafetyStatus, open: boolean) {
  return useInfiniteQuery({
    queryKey: [...SAFETY_KEY, 'people', id, status],
    queryFn: ({ pageParam }) => safetyApi.people(id, status, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: open ? OPERATOR_POLL_MS : false,
  });
}

export function useStartCheck() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: NewCheck) => safetyApi.start(body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: SAFETY_KEY }),
  });
}

export function useRemind(id: string) {
  return useMutation({ mutationFn: () => safetyApi.remind(id) });
}

export function useCloseCheck(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => safetyApi.close(id),
    onSuccess: (detail) => {
      qc.setQueryData([...SAFETY_KEY, 'check', id], detail);
      void qc.invalidateQueries({ queryKey: SAFETY_KEY });
    },
  });
}

/** Error sentences of safety checks, falling back to the app's general ones. */
export function useSafetyErrorText() {
  const { t, i18n } = useTranslation();
  const general = useErrorText();
  return useCallback(
    (err: unknown) => (err instanceof ApiError && i18n.exists(`safety.errors.${err.code}`) ? t(`safety.errors.${err.code}`) : general(err)),
    [t, i18n, general],
  );
}
