import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api.js';
import { useErrorText } from '../../components/errors.js';

/** Error sentences for action plans: this feature's words for its API's codes, then the app's shared ones. */
export function useActionsErrorText(): (err: unknown) => string {
  const { t, i18n } = useTranslation();
  const shared = useErrorText();
  return useCallback(
    (err: unknown) => {
      if (err instanceof ApiError) {
        const key = `actions.errors.${err.code}`;
        if (i18n.exists(key)) {
          return t(key);
        }
      }
      return shared(err);
    },
    [t, i18n, shared],
  );
}
