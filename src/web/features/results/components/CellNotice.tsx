import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconClockHour4, IconEyeOff, IconHourglass, IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Cell, CellStatus } from '../api.js';

/** The short sentence for a cell that cannot be shown, e.g. in a heatmap row or a trend note. */
export function useStatusText() {
  const { t } = useTranslation();
  return (status: Exclude<CellStatus, 'shown'>, threshold: number) => {
    switch (status) {
      case 'too_few':
        return t('results.cell.too_few', { n: threshold });
      case 'suppressed':
        return t('results.cell.suppressed', { n: threshold });
      case 'unavailable':
        return t('results.cell.unavailable');
    }
  };
}

/**
 * Why a cell shows nothing, or that it shows an earlier state: said plainly, never hidden. Nothing
 * when the cell is shown and current.
 */
export function CellNotice({
  cell,
  threshold,
  hint,
  onRetry,
}: {
  cell: Pick<Cell, 'status' | 'stale'>;
  threshold: number;
  /** A further sentence under a 'too few' notice (e.g. when the round closes). */
  hint?: string;
  onRetry?: () => void;
}) {
  const { t } = useTranslation();
  const text = useStatusText();
  if (cell.status === 'shown') {
    return cell.stale ? (
      <Alert color="blue" variant="light" icon={<IconClockHour4 aria-hidden />} title={t('results.cell.staleTitle')}>
        {t('results.cell.stale')}
      </Alert>
    ) : null;
  }
  const status = cell.status;
  const look = {
    too_few: { color: 'gray', icon: <IconHourglass aria-hidden />, title: t('results.cell.tooFewTitle') },
    suppressed: { color: 'gray', icon: <IconEyeOff aria-hidden />, title: t('results.cell.suppressedTitle') },
    unavailable: { color: 'orange', icon: <IconAlertTriangle aria-hidden />, title: t('results.cell.unavailableTitle') },
  }[status];
  return (
    <Alert color={look.color} variant="light" icon={look.icon} title={look.title} role="status">
      <Stack gap="xs">
        <Text size="sm">{text(status, threshold)}</Text>
        {hint && (
          <Text size="sm" c="dimmed">
            {hint}
          </Text>
        )}
        {status === 'unavailable' && onRetry && (
          <Group>
            <Button size="xs" variant="default" leftSection={<IconRefresh size={16} aria-hidden />} onClick={onRetry}>
              {t('common.retry')}
            </Button>
          </Group>
        )}
      </Stack>
    </Alert>
  );
}
