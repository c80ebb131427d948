import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api.js';
import { useErrorText } from '../../../components/errors.js';

/** The refusals of questions and polls, in words; any other error as the app words it. */
const CODES = new Set([
  'ALREADY_VOTED',
  'POLL_CLOSED',
  'ONE_OPTION',
  'INVALID_OPTION',
  'EMPTY_OPTION',
  'DUPLICATE_OPTION',
  'CLOSES_IN_PAST',
  'NOT_AN_ANSWER',
  'OWN_ANSWER',
  'NOT_ASKER',
]);

export function useQuestionErrorText(): (err: unknown) => string {
  const { t } = useTranslation();
  const general = useErrorText();
  return useCallback(
    (err: unknown) => (err instanceof ApiError && CODES.has(err.code) ? t(`questions.errors.${err.code}`) : general(err)),
    [t, general],
  );
}
