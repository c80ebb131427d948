import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useCustomersErrorText } from '../errors.js';

/** A form's error in this feature's words, announced to screen readers; nothing without an error. */
export function ErrorText({ error }: { error: unknown }) {
  const text = useCustomersErrorText();
  if (!error) {
    return null;
  }
  return (
    <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} role="alert">
      {text(error)}
    </Alert>
  );
}

/** A failed load in this feature's words, with a retry. */
export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const text = useCustomersErrorText();
  return (
    <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} title={t('common.errorTitle')} role="alert">
      <Stack gap="sm">
        <Text size="sm">{text(error)}</Text>
        {onRetry && (
          <Group>
            <Button size="xs" variant="white" color="red" leftSection={<IconRefresh size={16} aria-hidden />} onClick={onRetry}>
              {t('common.retry')}
            </Button>
          </Group>
        )}
      </Stack>
    </Alert>
  );
}
