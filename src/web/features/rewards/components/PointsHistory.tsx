import { Card, Group, Stack, Text } from '@mantine/core';
import { IconHistory } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { PagedList } from '../../../components/PagedList.js';
import { Empty } from '../../../components/States.js';
import type { PointsEntry } from '../api.js';
import { useFormat } from '../hooks/useFormat.js';
import { usePointsHistory } from '../hooks/useRewards.js';
import { signed } from '../logic.js';

const REASONS = new Set(['kudos_given', 'kudos_received', 'redemption', 'redemption_refund', 'award', 'share']);

/** Every change to my points and my giving allowance, newest first. */
export function PointsHistory() {
  const { t } = useTranslation();
  const { locale, dateTime } = useFormat();
  const list = usePointsHistory();
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  const reason = (e: PointsEntry) =>
    REASONS.has(e.reason) ? t(`rewards.history.reasons.${e.reason}`) : t('rewards.history.reasons.other');
  const account = (e: PointsEntry) =>
    e.account === 'allowance' && e.period
      ? t('rewards.history.allowanceOf', {
          month: new Date(`${e.period}-01T00:00:00Z`).toLocaleDateString(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }),
        })
      : t(`rewards.history.accounts.${e.account}`);

  return (
    <PagedList
      query={list}
      items={items}
      empty={
        <Empty
          icon={<IconHistory size={28} aria-hidden />}
          title={t('rewards.history.emptyTitle')}
          description={t('rewards.history.emptyBody')}
        />
      }
    >
      {(shown) => (
        <Card padding={0}>
          <Stack gap={0} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {shown.map((e, i) => (
              <Group
                key={e.id}
                component="li"
                justify="space-between"
                wrap="nowrap"
                gap="md"
                px="md"
                py="sm"
                style={i > 0 ? { borderTop: '1px solid var(--mantine-color-default-border)' } : undefined}
              >
                <div style={{ minWidth: 0 }}>
                  <Text size="sm" fw={600}>
                    {reason(e)}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {account(e)} · <time dateTime={e.createdAt}>{dateTime(e.createdAt)}</time>
                  </Text>
                </div>
                <Text fw={700} c={e.delta > 0 ? 'var(--mantine-color-brand-light-color)' : undefined} style={{ whiteSpace: 'nowrap' }}>
                  {signed(e.delta, locale)}
                  <span className="visually-hidden"> {t('rewards.history.pointsUnit')}</span>
                </Text>
              </Group>
            ))}
          </Stack>
        </Card>
      )}
    </PagedList>
  );
}
