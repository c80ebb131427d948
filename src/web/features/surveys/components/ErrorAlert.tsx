import { Alert } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useSurveysErrorText } from '../errors.js';

/** A failed action's explanation, in this feature's words, announced to screen readers. */
export function ErrorAlert({ error }: { error: unknown }) {
  const text = useSurveysErrorText();
  if (error === null || error === undefined) {
    return null;
  }
  return (
    <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} role="alert">
      {text(error)}
    </Alert>
  );
}
