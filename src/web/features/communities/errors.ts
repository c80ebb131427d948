import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api.js';
import { useErrorText } from '../../components/errors.js';

/**
 * Error sentences for one feature: the feature's own words for the codes its API answers with
 * (`<scope>.errors.<CODE>`), then the app's shared ones.
 */
export function useScopedErrorText(scope: string): (err: unknown) => string {
  const { t, i18n } = useTranslation();
  const shared = useErrorText();
  return useCallback(
    (err: unknown) => {
      if (err instanceof ApiError) {
        const key = `${scope}.errors.${err.code}`;
        if (i18n.exists(key)) {
          return t(key);
        }
      }
      return shared(err);
    },
    [scope, t, i18n, shared],
  );
}
