import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api.js';
import { useErrorText } from '../../../components/errors.js';
import { formatSize } from '../../feed/components/Attachments.js';

/** The sentence for an upload or edit error: the files' own words (with the limit that applies) before the general ones. */
export function useFileErrorText(): (err: unknown) => string {
  const { t, i18n } = useTranslation();
  const general = useErrorText();
  return useCallback(
    (err: unknown) => {
      if (err instanceof ApiError && i18n.exists(`files.errors.${err.code}`)) {
        const details = err.details && typeof err.details === 'object' ? (err.details as { limit?: unknown }) : {};
        const limit = typeof details.limit === 'number' ? details.limit : 0;
        return t(`files.errors.${err.code}`, { limit: err.code === 'FILE_TOO_LARGE' ? formatSize(limit) : limit });
      }
      return general(err);
    },
    [t, i18n, general],
  );
}
