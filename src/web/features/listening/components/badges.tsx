import { Badge } from '@mantine/core';
import { IconEyeOff, IconLock, IconUser } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Anonymity, SurveyKind } from '../../../../shared/listening.js';

export function KindBadge({ kind }: { kind: SurveyKind }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={kind === 'checkin' ? 'orange' : 'brand'}>
      {t(`listening.kind.${kind}`)}
    </Badge>
  );
}

const ANONYMITY_ICON = { anonymous: IconEyeOff, confidential: IconLock, attributed: IconUser } as const;

/** How anonymous answers are, in words with an icon (never colour alone). */
export function AnonymityBadge({ anonymity }: { anonymity: Anonymity }) {
  const { t } = useTranslation();
  const Icon = ANONYMITY_ICON[anonymity];
  return (
    <Badge variant="outline" color="gray" leftSection={<Icon size={12} aria-hidden />}>
      {t(`listening.anonymity.${anonymity}`)}
    </Badge>
  );
}
