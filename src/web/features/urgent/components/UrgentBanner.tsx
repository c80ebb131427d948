import { Alert, Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ConfirmButton } from '../../../components/ConfirmButton.js';
import { useErrorText } from '../../../components/errors.js';
import { toast } from '../../communities/toast.js';
import { RelativeTime } from '../../feed/components/RelativeTime.js';
import type { UrgentBannerItem } from '../api.js';
import { useAcknowledgeUrgent, useActiveUrgent, useEndUrgent } from '../hooks/useUrgent.js';
import './urgent.css';

/** A banner on every page for each urgent broadcast the person has not acknowledged. */
export function UrgentBanner() {
  const { t } = useTranslation();
  const active = useActiveUrgent();
  const items = active.data?.items ?? [];
  if (items.length === 0) {
    return null;
  }
  return (
    <Stack gap="xs" mb="md" component="section" aria-label={t('urgent.banner.label')}>
      {items.map((item) => (
        <UrgentItem key={item.id} item={item} />
      ))}
    </Stack>
  );
}

function UrgentItem({ item }: { item: UrgentBannerItem }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const acknowledge = useAcknowledgeUrgent();
  const end = useEndUrgent();
  const titleId = `urgent-${item.id}`;
  return (
    <Alert
      className="urgent-banner"
      variant="filled"
      color="red.9"
      radius="md"
      role="alert"
      aria-labelledby={titleId}
      icon={<IconAlertTriangle className="urgent-banner__icon" size={26} aria-hidden />}
      title={
        <Text component="span" fw={800} fz="lg" id={titleId}>
          <Text component="span" fw={800} tt="uppercase" fz="sm" mr={8}>
            {t('urgent.title')}
          </Text>
          {item.title}
        </Text>
      }
    >
      <Stack gap={8}>
        <Text c="white" lineClamp={3}>
          {item.excerpt}
        </Text>
        <Text c="white" size="sm">
          {t('urgent.banner.from', { name: item.author.name })} · <RelativeTime iso={item.publishedAt} />
        </Text>
        <Group gap="sm" wrap="wrap">
          <Button
            variant="white"
            color="red.9"
            loading={acknowledge.isPending}
            onClick={() =>
              acknowledge.mutate(item.id, {
                onSuccess: () => toast(t('urgent.banner.acknowledged'), { color: 'teal' }),
                onError: (err) => toast(errorText(err), { color: 'red' }),
              })
            }
          >
            {t('urgent.banner.acknowledge')}
          </Button>
          <Anchor component={Link} to={`/announcements/${item.id}`} c="white" fw={700} underline="always">
            {t('urgent.banner.read')}
          </Anchor>
          {item.canEnd && (
            <ConfirmButton
              variant="outline"
              color="white"
              title={t('urgent.banner.end')}
              message={t('urgent.banner.endConfirm')}
              confirmLabel={t('urgent.banner.end')}
              loading={end.isPending}
              onConfirm={() =>
                end.mutate(item.id, {
                  onSuccess: () => toast(t('urgent.banner.ended'), { color: 'teal' }),
                  onError: (err) => toast(errorText(err), { color: 'red' }),
                })
              }
            >
              {t('urgent.banner.end')}
            </ConfirmButton>
          )}
        </Group>
      </Stack>
    </Alert>
  );
}
