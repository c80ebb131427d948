import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api.js';
import { useErrorText } from '../../components/errors.js';

/**
 * Error sentences for customer accounts: this feature's words for its API's codes, then the app's shared
 * ones; a refusal the app has no words for yet shows the server's own message, which says what to fix.
 */
export function useCustomersErrorText(): (err: unknown) => string {
  const { t, i18n } = useTranslation();
  const shared = useErrorText();
  return useCallback(
    (err: unknown) => {
      if (err instanceof ApiError) {
        const key = `customers.errors.${err.code}`;
        if (i18n.exists(key)) {
          return t(key);
        }
        if (!i18n.exists(`errors.${err.code}`) && err.status >= 400 && err.status < 500 && err.status !== 401 && err.message) {
          return err.message;
        }
      }
      return shared(err);
    },
    [t, i18n, shared],
  );
}
