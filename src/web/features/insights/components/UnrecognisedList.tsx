import { Anchor, Group, Skeleton, Stack, Text } from '@mantine/core';
import { IconConfetti } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { UNRECOGNISED_DAYS } from '../../../../shared/recognition.js';
import { formatDate } from '../../../components/format.js';
import { LoadMore } from '../../../components/LoadMore.js';
import { Section } from '../../../components/Section.js';
import { Empty, ErrorState } from '../../../components/States.js';
import { UserAvatar } from '../../../components/UserAvatar.js';
import { useUnrecognised } from '../hooks/useInsights.js';

/** People nobody has thanked lately, oldest first: a nudge for their manager. */
export function UnrecognisedList({ departmentId, teamId }: { departmentId?: string; teamId?: string }) {
  const { t, i18n } = useTranslation();
  const query = useUnrecognised({ departmentId, teamId }, true);
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Section
      id="insights-unrecognised"
      title={t('insights.unrecognised.title', { days: UNRECOGNISED_DAYS })}
      description={t('insights.unrecognised.description')}
    >
      <div aria-live="polite" aria-busy={query.isFetching}>
        {query.isPending ? (
          <Stack gap="sm">
            {Array.from({ length: 4 }, (_, i) => (
              <Skeleton key={i} height={44} radius="md" />
            ))}
          </Stack>
        ) : query.isError ? (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        ) : items.length === 0 ? (
          <Empty
            icon={<IconConfetti size={28} aria-hidden />}
            title={t('insights.unrecognised.emptyTitle')}
            description={t('insights.unrecognised.emptyBody', { days: UNRECOGNISED_DAYS })}
          />
        ) : (
          <>
            <Stack component="ul" gap={0} p={0} m={0} style={{ listStyle: 'none' }}>
              {items.map((item) => (
                <Group
                  component="li"
                  key={item.person.id}
                  gap="sm"
                  wrap="nowrap"
                  py="xs"
                  style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
                >
                  <UserAvatar name={item.person.name} photoUrl={item.person.photoUrl} size={36} />
                  <div style={{ flex: 1, minWidth: 0 }}>
                    <Anchor component={Link} to={`/people/${item.person.id}`} fw={600} size="sm" display="block" truncate="end">
                      {item.person.name}
                    </Anchor>
                    <Text size="xs" c="dimmed" truncate="end">
                      {[item.person.title, item.department].filter(Boolean).join(' · ') || t('insights.unrecognised.noDepartment')}
                    </Text>
                  </div>
                  <Text size="xs" c="dimmed" ta="right" style={{ flex: 'none' }}>
                    {item.lastRecognisedAt
                      ? t('insights.unrecognised.last', { date: formatDate(item.lastRecognisedAt, i18n.language) })
                      : t('insights.unrecognised.never')}
                  </Text>
                </Group>
              ))}
            </Stack>
            <LoadMore query={query} />
          </>
        )}
      </div>
    </Section>
  );
}
