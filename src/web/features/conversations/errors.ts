import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api.js';
import { useErrorText } from '../../components/errors.js';

/** Error sentences in this feature's words for the codes its API answers with, then the app's shared ones. */
export function useConversationsErrorText(): (err: unknown) => string {
  const { t, i18n } = useTranslation();
  const shared = useErrorText();
  return useCallback(
    (err: unknown) => {
      if (err instanceof ApiError) {
        const key = `conversations.errors.${err.code}`;
        if (i18n.exists(key)) {
          const details = (err.details ?? {}) as { threshold?: unknown };
          return t(key, { threshold: typeof details.threshold === 'number' ? details.threshold : 5, seconds: err.retryAfter ?? 60 });
        }
      }
      return shared(err);
    },
    [t, i18n, shared],
  );
}
