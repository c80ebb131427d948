import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../../api.js';
import { currentLanguage } from '../../../i18n/index.js';
import { listeningApi, type AnswerInput } from '../api.js';

export const LISTENING_KEY = ['listening'] as const;
const OPEN_KEY = [...LISTENING_KEY, 'open'] as const;
const roundKey = (id: string) => [...LISTENING_KEY, 'round', id] as const;

/** Rounds waiting for my answer, and the ones I answered while they are open. */
export function useMyOpen() {
  return useQuery({ queryKey: OPEN_KEY, queryFn: listeningApi.myOpen });
}

/** A round as I answer it, its bank questions in the language on screen; not retried when it does not exist for me. */
export function useRound(id: string) {
  const lang = currentLanguage();
  return useQuery({
    queryKey: [...roundKey(id), lang],
    queryFn: () => listeningApi.round(id, lang),
    retry: (count, err) => !(err instanceof ApiError && err.status < 500) && count < 2,
  });
}

/** The words a comment is checked against, fetched once per round (they never leave the browser again). */
export function useIdentifyingTerms(id: string, enabled: boolean) {
  return useQuery({
    queryKey: [...roundKey(id), 'terms'],
    queryFn: () => listeningApi.terms(id),
    enabled,
    staleTime: 10 * 60_000,
    retry: 1,
  });
}

export function useSubmitAnswers(id: string) {
  const qc = useQueryClient();
  const refresh = () => Promise.all([qc.invalidateQueries({ queryKey: OPEN_KEY }), qc.invalidateQueries({ queryKey: roundKey(id) })]);
  return useMutation({
    mutationFn: (answers: AnswerInput[]) => listeningApi.answer(id, answers),
    onSuccess: () => void refresh(),
    onError: (err) => {
      if (err instanceof ApiError && (err.code === 'ALREADY_ANSWERED' || err.code === 'ROUND_CLOSED' || err.status === 404)) {
        void refresh();
      }
    },
  });
}
