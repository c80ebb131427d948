import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api.js';
import { useErrorText } from '../../components/errors.js';

/**
 * Error sentences for survey building: this feature's own words for the codes its API answers with
 * (`surveys.errors.<CODE>`, with the numbers the server sent), then the app's shared ones.
 */
export function useSurveysErrorText(): (err: unknown) => string {
  const { t, i18n } = useTranslation();
  const shared = useErrorText();
  return useCallback(
    (err: unknown) => {
      if (err instanceof ApiError) {
        const key = `surveys.errors.${err.code}`;
        if (i18n.exists(key)) {
          const d = (err.details && typeof err.details === 'object' ? err.details : {}) as Record<string, unknown>;
          const n = (v: unknown) => (typeof v === 'number' ? v : 0);
          const question = typeof d.question === 'number' ? d.question + 1 : 0;
          return t(key, {
            count: n(d.invited),
            invited: n(d.invited),
            threshold: n(d.threshold),
            minimum: n(d.minimum),
            max: n(d.max),
            limit: n(d.limit),
            question,
          });
        }
      }
      return shared(err);
    },
    [t, i18n, shared],
  );
}
