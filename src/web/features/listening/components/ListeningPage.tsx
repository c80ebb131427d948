import './listening.css';
import { Badge, Box, Button, Card, Group, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconChartBar, IconCircleCheck, IconClipboardCheck, IconHeartbeat } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../../components/PageHeader.js';
import { Empty, ErrorState } from '../../../components/States.js';
import { currentLanguage } from '../../../i18n/index.js';
import { SharedActions } from '../../actions/components/SharedActions.js';
import { useMe } from '../../auth/hooks/useSession.js';
import { ConversationsSummary } from '../../conversations/components/ConversationsSummary.js';
import { ResultsSurveysCard } from '../../results/components/ResultsSurveysCard.js';
import type { AnsweredRound, OpenRound } from '../api.js';
import { useMyOpen } from '../hooks/useListening.js';
import { closesIn } from '../logic.js';
import { AnonymityBadge, KindBadge } from './badges.js';

/** The listening home: what waits for my answer, what I answered, conversations and shared actions. */
export function ListeningPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const can = (a: string) => me?.abilities[a] === true;
  const manage = can('listening.manage') || can('listening.results');
  const checkin = can('listening.checkin');

  return (
    <Box maw={880} mx="auto">
      <PageHeader
        title={t('listening.title')}
        description={t('listening.intro')}
        actions={
          (manage || checkin) && (
            <Group gap="xs">
              {manage && (
                <Button component={Link} to="/listening/surveys" variant="default" leftSection={<IconChartBar size={18} aria-hidden />}>
                  {t('listening.home.manage')}
                </Button>
              )}
              {checkin && (
                <Button component={Link} to="/listening/checkins/new" variant="light" leftSection={<IconHeartbeat size={18} aria-hidden />}>
                  {t('listening.home.newCheckin')}
                </Button>
              )}
            </Group>
          )
        }
      />
      <Stack gap="xl">
        <OpenRounds />
        <ConversationsSummary />
        <SharedActions />
        <ResultsSurveysCard />
      </Stack>
    </Box>
  );
}

function OpenRounds() {
  const { t } = useTranslation();
  const open = useMyOpen();

  return (
    <>
      <Box component="section" aria-labelledby="ls-to-answer">
        <Title order={2} fz={20} id="ls-to-answer">
          {t('listening.home.toAnswer')}
        </Title>
        <Text c="dimmed" size="sm" mb="sm">
          {t('listening.home.toAnswerHint')}
        </Text>
        {open.isPending ? (
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" aria-hidden>
            {[0, 1].map((i) => (
              <Card key={i} padding="lg">
                <Skeleton height={14} width="40%" />
                <Skeleton height={20} mt="sm" />
                <Skeleton height={12} width="60%" mt="sm" />
                <Skeleton height={40} mt="md" />
              </Card>
            ))}
          </SimpleGrid>
        ) : open.isError ? (
          <ErrorState error={open.error} onRetry={() => void open.refetch()} />
        ) : open.data.items.length === 0 ? (
          <Card padding="lg">
            <Empty
              icon={<IconClipboardCheck size={28} aria-hidden />}
              title={t('listening.home.emptyTitle')}
              description={t('listening.home.emptyBody')}
            />
          </Card>
        ) : (
          <SimpleGrid component="ul" cols={{ base: 1, sm: 2 }} spacing="md" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {open.data.items.map((r) => (
              <li key={r.roundId}>
                <RoundCard round={r} />
              </li>
            ))}
          </SimpleGrid>
        )}
      </Box>
      {open.data && open.data.answered.length > 0 && (
        <Box component="section" aria-labelledby="ls-answered">
          <Title order={2} fz={20} id="ls-answered">
            {t('listening.home.answered')}
          </Title>
          <Text c="dimmed" size="sm" mb="sm">
            {t('listening.home.answeredHint')}
          </Text>
          <Card padding={0}>
            <Stack component="ul" gap={0} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {open.data.answered.map((r, i) => (
                <AnsweredRow key={r.roundId} round={r} first={i === 0} />
              ))}
            </Stack>
          </Card>
        </Box>
      )}
    </>
  );
}

function RoundCard({ round }: { round: OpenRound }) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  return (
    <Card padding="lg" h="100%" className="ls-round-card">
      <Stack gap="sm" h="100%" justify="space-between">
        <Stack gap={6}>
          <Group gap={6}>
            <KindBadge kind={round.kind} />
            <AnonymityBadge anonymity={round.anonymity} />
          </Group>
          <Title order={3} fz={18} lh={1.3}>
            {round.title}
          </Title>
          <Text size="sm" c="dimmed">
            <time dateTime={round.closesAt}>{t('listening.home.closes', { when: closesIn(round.closesAt, lng) })}</time>
            {' · '}
            {t('listening.home.questions', { count: round.questions })}
          </Text>
        </Stack>
        <Button
          component={Link}
          to={`/listening/answer/${round.roundId}`}
          size="md"
          fullWidth
          aria-label={t('listening.home.answerTitle', { title: round.title })}
        >
          {t('listening.home.answer')}
        </Button>
      </Stack>
    </Card>
  );
}

function AnsweredRow({ round, first }: { round: AnsweredRound; first: boolean }) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  return (
    <Box component="li" px="lg" py="sm" style={first ? undefined : { borderTop: '1px solid var(--mantine-color-default-border)' }}>
      <Group justify="space-between" wrap="nowrap" gap="sm">
        <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
          <IconCircleCheck size={22} color="var(--mantine-color-brand-filled)" aria-hidden style={{ flex: 'none' }} />
          <Box style={{ minWidth: 0 }}>
            <Text fw={600} truncate>
              {round.title}
            </Text>
            <Text size="sm" c="dimmed">
              {t(`listening.kind.${round.kind}`)} · {t('listening.home.closes', { when: closesIn(round.closesAt, lng) })}
            </Text>
          </Box>
        </Group>
        <Badge variant="light" color="brand" style={{ flex: 'none' }}>
          {t('listening.home.answeredBadge')}
        </Badge>
      </Group>
    </Box>
  );
}
