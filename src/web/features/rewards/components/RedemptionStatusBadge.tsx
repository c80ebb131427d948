import { Badge } from '@mantine/core';
import { IconCircleCheck, IconCircleX, IconHourglass } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { RedemptionStatus } from '../../../../shared/recognition.js';

const LOOK = {
  pending: { color: 'yellow', icon: IconHourglass },
  approved: { color: 'teal', icon: IconCircleCheck },
  refused: { color: 'red', icon: IconCircleX },
} as const;

/** A redemption's status in words and with an icon, so colour is never the only signal; the text keeps the body colour for contrast. */
export function RedemptionStatusBadge({ status }: { status: RedemptionStatus }) {
  const { t } = useTranslation();
  const { color, icon: Icon } = LOOK[status];
  return (
    <Badge variant="light" c="var(--mantine-color-text)" color={color} leftSection={<Icon size={14} aria-hidden />}>
      {t(`rewards.status.${status}`)}
    </Badge>
  );
}
