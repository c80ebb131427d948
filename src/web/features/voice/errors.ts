import { notifications } from '@mantine/notifications';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api.js';
import { useErrorText } from '../../components/errors.js';
import i18n from '../../i18n/index.js';

/** Error sentences for customer feedback: this feature's words for its API's codes, then the app's shared ones. */
export function useVoiceErrorText(): (err: unknown) => string {
  const { t, i18n: i } = useTranslation();
  const shared = useErrorText();
  return useCallback(
    (err: unknown) => {
      if (err instanceof ApiError) {
        const key = `voice.errors.${err.code}`;
        if (i.exists(key)) {
          return t(key);
        }
      }
      return shared(err);
    },
    [t, i, shared],
  );
}

/** A short confirmation at the top of the screen, whose close button says what it does. */
export function toast(message: string, color: 'teal' | 'red' = 'teal'): void {
  notifications.show({ message, color, closeButtonProps: { 'aria-label': i18n.t('common.close') } });
}
