import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../shared/limits.js';
import { ApiError } from '../api.js';

const PASSWORD_CODES = new Set(['PASSWORD_TOO_SHORT', 'PASSWORD_TOO_LONG', 'PASSWORD_TOO_COMMON']);

export function isPasswordError(err: unknown): boolean {
  return err instanceof ApiError && PASSWORD_CODES.has(err.code);
}

/** Turns any error into a sentence in the reader's language; unknown codes get a friendly generic one. */
export function useErrorText(): (err: unknown) => string {
  const { t, i18n } = useTranslation();
  return useCallback(
    (err: unknown) => {
      if (!(err instanceof ApiError)) {
        return t('errors.generic');
      }
      const key = `errors.${err.code}`;
      if (!i18n.exists(key)) {
        if (err.status >= 500) {
          return t('errors.server');
        }
        if (err.status === 404) {
          return t('errors.NOT_FOUND');
        }
        if (err.status === 403) {
          return t('errors.FORBIDDEN');
        }
        return t('errors.generic');
      }
      const seconds = err.retryAfter ?? 60;
      return t(key, { seconds, count: seconds, min: LIMITS.passwordMin, max: LIMITS.passwordMax });
    },
    [t, i18n],
  );
}
