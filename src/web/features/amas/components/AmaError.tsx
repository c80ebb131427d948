import { Alert } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api.js';
import { useErrorText } from '../../../components/errors.js';

/** Error sentences for AMAs: this feature's words for its API's codes, then the app's shared ones. */
export function useAmaErrorText(): (err: unknown) => string {
  const { t, i18n } = useTranslation();
  const shared = useErrorText();
  return useCallback(
    (err: unknown) => {
      if (err instanceof ApiError && i18n.exists(`amas.errors.${err.code}`)) {
        return t(`amas.errors.${err.code}`);
      }
      return shared(err);
    },
    [t, i18n, shared],
  );
}

/** An inline error under a form or a control, announced to screen readers. */
export function AmaError({ error }: { error: unknown }) {
  const text = useAmaErrorText();
  if (!error) {
    return null;
  }
  return (
    <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} role="alert">
      {text(error)}
    </Alert>
  );
}
