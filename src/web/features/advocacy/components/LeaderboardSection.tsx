import { Alert, Badge, Box, Group, Paper, SegmentedControl, Skeleton, Stack, Switch, Table, Text } from '@mantine/core';
import { IconTrophy } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LeaderboardRowDto } from '../../../../shared/advocacy.js';
import { Empty, ErrorState } from '../../../components/States.js';
import { UserAvatar } from '../../../components/UserAvatar.js';
import type { LeaderboardPeriod } from '../api.js';
import { useLeaderboard, useMyAdvocacy, useUpdateMyAdvocacy } from '../hooks/useAdvocacy.js';

const PERIODS: LeaderboardPeriod[] = ['week', 'month', 'all'];

function Row({ row, mine }: { row: LeaderboardRowDto; mine: boolean }) {
  const { t } = useTranslation();
  return (
    <Table.Tr bg={mine ? 'var(--mantine-primary-color-light)' : undefined} aria-current={mine ? 'true' : undefined}>
      <Table.Td>{row.rank > 0 ? row.rank : '—'}</Table.Td>
      <Table.Td>
        <Group gap="sm" wrap="nowrap">
          {/* On a phone the numbers need the room more than the picture does. */}
          <Box visibleFrom="xs">
            <UserAvatar name={row.person.name} photoUrl={row.person.photoUrl} size={32} />
          </Box>
          <Text size="sm" fw={mine ? 700 : 500} lineClamp={2}>
            {row.person.name}
          </Text>
          {mine && (
            <Badge size="sm" variant="filled">
              {t('advocacy.leaderboard.you')}
            </Badge>
          )}
        </Group>
      </Table.Td>
      <Table.Td ta="right">{row.shares}</Table.Td>
      <Table.Td ta="right">{row.clicks}</Table.Td>
    </Table.Tr>
  );
}

/** The advocacy leaderboard for a period, the reader's own row, and the switch to leave or rejoin it. */
export function LeaderboardSection() {
  const { t } = useTranslation();
  const [period, setPeriod] = useState<LeaderboardPeriod>('week');
  const board = useLeaderboard(period);
  const me = useMyAdvocacy();
  const update = useUpdateMyAdvocacy();

  const visible = me.data ? !me.data.hideFromLeaderboard : true;
  const myId = board.data?.me?.person.id;
  const meListed = board.data?.items.some((r) => r.person.id === myId) ?? false;

  return (
    <Stack gap="md">
      <Paper withBorder p="md" radius="md">
        <Stack gap={6}>
          <Switch
            label={t('advocacy.leaderboard.show')}
            description={t('advocacy.leaderboard.showHint')}
            checked={visible}
            disabled={!me.data || update.isPending}
            onChange={(e) => update.mutate(!e.currentTarget.checked)}
          />
          {update.isError && (
            <Text size="sm" c="red" role="alert">
              {t('advocacy.leaderboard.saveFailed')}
            </Text>
          )}
        </Stack>
      </Paper>
      <SegmentedControl
        value={period}
        onChange={(v) => setPeriod(v)}
        data={PERIODS.map((p) => ({ value: p, label: t(`advocacy.leaderboard.period.${p}`) }))}
        aria-label={t('advocacy.leaderboard.periodLabel')}
        fullWidth
      />
      {board.isPending ? (
        <Stack gap="xs" role="status" aria-busy="true" aria-label={t('common.loading')}>
          {[0, 1, 2, 3].map((i) => (
            <Skeleton key={i} height={36} />
          ))}
        </Stack>
      ) : board.isError ? (
        <ErrorState error={board.error} onRetry={() => void board.refetch()} />
      ) : board.data.items.length === 0 && !board.data.me ? (
        <Empty
          icon={<IconTrophy aria-hidden />}
          title={t('advocacy.leaderboard.emptyTitle')}
          description={t('advocacy.leaderboard.emptyBody')}
        />
      ) : (
        <>
          {!visible && (
            <Alert variant="light" color="gray">
              {t('advocacy.leaderboard.hidden')}
            </Alert>
          )}
          <Table.ScrollContainer minWidth={300}>
            <Table verticalSpacing="xs" highlightOnHover={false}>
              <Table.Caption>{t('advocacy.leaderboard.caption', { period: t(`advocacy.leaderboard.period.${period}`) })}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={48}>{t('advocacy.leaderboard.rank')}</Table.Th>
                  <Table.Th>{t('advocacy.leaderboard.person')}</Table.Th>
                  <Table.Th ta="right">{t('advocacy.leaderboard.shares')}</Table.Th>
                  <Table.Th ta="right">{t('advocacy.leaderboard.clicks')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {board.data.items.map((r) => (
                  <Row key={r.person.id} row={r} mine={r.person.id === myId} />
                ))}
                {board.data.me && !meListed && <Row row={board.data.me} mine />}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
    </Stack>
  );
}
