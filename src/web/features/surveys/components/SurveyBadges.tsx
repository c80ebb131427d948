import { Badge } from '@mantine/core';
import { IconEyeOff, IconLock, IconUser } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Anonymity, SurveyKind, SurveyStatus } from '../../../../shared/listening.js';
import { STATUS_COLOR } from '../logic.js';

/** Where a survey stands, in words (colour is never the only signal). */
export function StatusBadge({ status }: { status: SurveyStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOR[status]} variant={status === 'running' ? 'filled' : 'light'}>
      {t(`surveys.status.${status}`)}
    </Badge>
  );
}

export function KindBadge({ kind }: { kind: SurveyKind }) {
  const { t } = useTranslation();
  return (
    <Badge color="brand" variant="outline">
      {t(`surveys.kind.${kind}`)}
    </Badge>
  );
}

const ANONYMITY_ICON = { anonymous: IconEyeOff, confidential: IconLock, attributed: IconUser } as const;

export function AnonymityBadge({ anonymity }: { anonymity: Anonymity }) {
  const { t } = useTranslation();
  const Icon = ANONYMITY_ICON[anonymity];
  return (
    <Badge color="gray" variant="light" leftSection={<Icon size={12} aria-hidden />}>
      {t(`surveys.anonymity.${anonymity}.label`)}
    </Badge>
  );
}
