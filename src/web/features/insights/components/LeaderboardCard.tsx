import { Alert, Anchor, Box, Button, Card, Center, Group, Skeleton, Stack, Text, ThemeIcon, Title, VisuallyHidden } from '@mantine/core';
import { IconDots, IconEyeOff, IconHeartHandshake } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorState } from '../../../components/States.js';
import { UserAvatar } from '../../../components/UserAvatar.js';
import type { Leaderboard, LeaderboardPeriod } from '../api.js';
import { useLeaderboard } from '../hooks/useInsights.js';
import { formatNumber, myPlace } from '../shape.js';

const TOP = 10;
const LONG = 50;
/** Gold, silver and bronze for the podium; the rank is always written too. */
const PODIUM = ['yellow', 'gray', 'orange'] as const;

function RankMark({ rank }: { rank: number }) {
  const colour = PODIUM[rank - 1];
  return (
    <ThemeIcon
      size={28}
      radius="xl"
      variant={colour ? 'light' : 'transparent'}
      color={colour ?? 'gray'}
      style={{ flex: 'none', fontVariantNumeric: 'tabular-nums' }}
      aria-hidden
    >
      <Text span fw={800} size="sm" c={colour ? undefined : 'dimmed'}>
        {rank}
      </Text>
    </ThemeIcon>
  );
}

function Numbers({ points, kudos }: { points: number; kudos: number }) {
  const { t, i18n } = useTranslation();
  return (
    <Box ta="right" style={{ flex: 'none', fontVariantNumeric: 'tabular-nums' }}>
      <Text fw={700} size="sm" lh={1.3}>
        {t('insights.boards.points', { count: points, n: formatNumber(points, i18n.language) })}
      </Text>
      <Text size="xs" c="dimmed" lh={1.3}>
        {t('insights.boards.kudos', { count: kudos, n: formatNumber(kudos, i18n.language) })}
      </Text>
    </Box>
  );
}

/** One leaderboard: the top of the period, and the viewer's own place when it is further down. */
export function LeaderboardCard({
  board,
  period,
  departmentId,
  valueId,
  myId,
  hidden,
}: {
  board: Leaderboard;
  period: LeaderboardPeriod;
  departmentId?: string;
  valueId?: string;
  myId: string | undefined;
  /** The viewer chose not to appear on leaderboards. */
  hidden: boolean;
}) {
  const { t } = useTranslation();
  const [long, setLong] = useState(false);
  const limit = long ? LONG : TOP;
  const query = useLeaderboard({ board, period, departmentId, valueId, limit });
  const view = query.data;
  const id = `board-${board}`;
  const place = view && myPlace(view, myId);

  return (
    <Card padding="md" component="section" aria-labelledby={id} h="100%">
      <Title order={2} fz={19} id={id}>
        {t(`insights.boards.${board}.title`)}
      </Title>
      <Text c="dimmed" size="sm" mt={4}>
        {t(`insights.boards.${board}.description.${period}`)}
      </Text>

      <Box mt="md" aria-live="polite" aria-busy={query.isFetching}>
        {query.isError ? (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        ) : !view ? (
          <Stack gap="sm">
            {Array.from({ length: 5 }, (_, i) => (
              <Skeleton key={i} height={44} radius="md" />
            ))}
          </Stack>
        ) : !view.enabled ? (
          <Alert variant="light" color="gray" icon={<IconEyeOff size={18} aria-hidden />}>
            {t('insights.boards.off')}
          </Alert>
        ) : view.entries.length === 0 ? (
          <Center py="lg">
            <Stack align="center" gap="xs" maw={320}>
              <ThemeIcon variant="light" size={48} radius="xl" aria-hidden>
                <IconHeartHandshake size={26} />
              </ThemeIcon>
              <Text fw={600} ta="center">
                {t('insights.boards.emptyTitle')}
              </Text>
              <Text size="sm" c="dimmed" ta="center">
                {t(departmentId || valueId ? 'insights.boards.emptyFiltered' : `insights.boards.${board}.empty`)}
              </Text>
            </Stack>
          </Center>
        ) : (
          <>
            <Stack component="ol" gap={4} p={0} m={0} style={{ listStyle: 'none' }}>
              {view.entries.map((e) => {
                const mine = e.person.id === myId;
                return (
                  <Group
                    component="li"
                    key={e.person.id}
                    gap="xs"
                    wrap="nowrap"
                    px={6}
                    py={6}
                    style={{
                      borderRadius: 'var(--mantine-radius-md)',
                      background: mine ? 'var(--mantine-color-brand-light)' : undefined,
                    }}
                  >
                    <VisuallyHidden>{t('insights.boards.rank', { rank: e.rank })}</VisuallyHidden>
                    <RankMark rank={e.rank} />
                    <UserAvatar name={e.person.name} photoUrl={e.person.photoUrl} size={34} />
                    <div style={{ flex: 1, minWidth: 0 }}>
                      <Anchor component={Link} to={`/people/${e.person.id}`} fw={600} size="sm" display="block" truncate="end">
                        {e.person.name}
                        {mine && (
                          <Text span c="dimmed" fw={500} size="sm">
                            {' '}
                            {t('insights.boards.youMark')}
                          </Text>
                        )}
                      </Anchor>
                      {e.person.title && (
                        <Text size="xs" c="dimmed" truncate="end">
                          {e.person.title}
                        </Text>
                      )}
                    </div>
                    <Numbers points={e.points} kudos={e.kudos} />
                  </Group>
                );
              })}
            </Stack>

            {place?.kind === 'below' && (
              <>
                <Center c="dimmed" py={2} aria-hidden>
                  <IconDots size={18} />
                </Center>
                <Group
                  gap="xs"
                  wrap="nowrap"
                  px={6}
                  py={6}
                  style={{ borderRadius: 'var(--mantine-radius-md)', background: 'var(--mantine-color-brand-light)' }}
                >
                  <RankMark rank={place.rank} />
                  <Text fw={600} size="sm" style={{ flex: 1 }}>
                    {t('insights.boards.youAre', { rank: place.rank })}
                  </Text>
                  <Numbers points={place.points} kudos={place.kudos} />
                </Group>
              </>
            )}
            {place?.kind === 'absent' && !hidden && (
              <Text size="sm" c="dimmed" mt="sm">
                {t(`insights.boards.${board}.notYet`)}
              </Text>
            )}

            {(long || view.entries.length >= TOP) && (
              <Group justify="center" mt="sm">
                <Button variant="subtle" size="compact-sm" onClick={() => setLong((v) => !v)} aria-expanded={long}>
                  {long ? t('insights.boards.showTop', { n: TOP }) : t('insights.boards.showMore', { n: LONG })}
                </Button>
              </Group>
            )}
          </>
        )}
      </Box>
    </Card>
  );
}
