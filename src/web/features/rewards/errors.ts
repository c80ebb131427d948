import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api.js';
import { useErrorText } from '../../components/errors.js';

/**
 * Error sentences for rewards and recognition administration: this feature's own words for the codes
 * its API answers with (`rewards.errors.<CODE>`), then the app's shared ones.
 */
export function useRewardsErrorText(): (err: unknown) => string {
  const { t, i18n } = useTranslation();
  const shared = useErrorText();
  return useCallback(
    (err: unknown) => {
      if (err instanceof ApiError) {
        const key = `rewards.errors.${err.code}`;
        if (i18n.exists(key)) {
          return t(key);
        }
      }
      return shared(err);
    },
    [t, i18n, shared],
  );
}
