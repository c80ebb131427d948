import { Anchor, Card, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorState } from '../../../components/States.js';
import { useSharedActions } from '../hooks/useActions.js';
import { ActionMeta, StatusBadge } from './ActionCard.js';

/** How many actions the card shows before "See all". */
const SHOWN = 3;

/**
 * "What we are doing": the newest actions shared with the viewer's groups, so people see they were
 * heard. A card for the listening home page.
 */
export function SharedActions() {
  const { t } = useTranslation();
  const headingId = useId();
  const list = useSharedActions(SHOWN);
  const items = list.data?.pages[0]?.items ?? [];
  return (
    <Card padding="lg" component="section" aria-labelledby={headingId}>
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs" mb="sm">
        <div>
          <Title order={2} fz={19} id={headingId}>
            {t('actions.home.title')}
          </Title>
          <Text c="dimmed" size="sm" mt={4}>
            {t('actions.home.intro')}
          </Text>
        </div>
        {items.length > 0 && (
          <Anchor component={Link} to="/listening/actions?view=shared" size="sm">
            <Group gap={4} wrap="nowrap" component="span">
              {t('actions.home.seeAll')}
              <IconArrowRight size={14} aria-hidden />
            </Group>
          </Anchor>
        )}
      </Group>
      {list.isPending ? (
        <Stack gap="sm" aria-busy="true" aria-label={t('common.loading')}>
          {Array.from({ length: 2 }, (_, i) => (
            <Skeleton key={i} height={52} radius="md" />
          ))}
        </Stack>
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('actions.home.empty')}
        </Text>
      ) : (
        <Stack gap="md" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {items.map((a) => (
            <Stack key={a.id} gap={6} component="li">
              <Group justify="space-between" wrap="nowrap" gap="sm" align="flex-start">
                <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                  {a.title}
                </Text>
                <StatusBadge status={a.status} />
              </Group>
              <ActionMeta action={a} />
            </Stack>
          ))}
        </Stack>
      )}
    </Card>
  );
}
