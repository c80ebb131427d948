import { Anchor, Badge, Box, Card, Group, SimpleGrid, Skeleton, Stack, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconArrowLeft, IconCalendarOff, IconLock, IconSearchOff, IconShieldLock } from '@tabler/icons-react';
import { type ReactNode, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../../api.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { Empty, ErrorState, Loading } from '../../../components/States.js';
import { useMe } from '../../auth/hooks/useSession.js';
import { type ResultsOverview, type ResultsQuery, resultsCsvUrl } from '../api.js';
import { useResults, useResultsOverview } from '../hooks/useResults.js';
import { useResultsFormat } from '../hooks/useResultsFormat.js';
import { filterFromParams, pickRound, validBreakdown, validFilter } from '../logic.js';
import { CellNotice } from './CellNotice.js';
import { CommentsPanel } from './CommentsPanel.js';
import { DriversCard } from './DriversCard.js';
import { Heatmap } from './Heatmap.js';
import { QuestionCards } from './QuestionCards.js';
import { type Changes, ResultsControls } from './ResultsControls.js';
import { SummaryTiles } from './SummaryTiles.js';
import { TrendCard } from './TrendCard.js';

/** A survey's results for HR (everyone) and managers (their reporting line), within the anonymity rules. */
export function ResultsPage() {
  const { surveyId = '' } = useParams();
  const me = useMe();
  if (me.isPending) {
    return <Loading />;
  }
  return me.data?.abilities['listening.results'] === true ? <Results surveyId={surveyId} /> : <NotAllowed />;
}

function BackLink() {
  const { t } = useTranslation();
  return (
    <Anchor component={Link} to="/listening" size="sm" mb="xs" display="inline-flex" style={{ alignItems: 'center', gap: 4 }}>
      <IconArrowLeft size={16} aria-hidden />
      {t('results.back')}
    </Anchor>
  );
}

function NotAllowed() {
  const { t } = useTranslation();
  return (
    <Box maw={1100} mx="auto">
      <BackLink />
      <PageHeader title={t('results.title')} />
      <Empty icon={<IconLock size={28} aria-hidden />} title={t('results.forbidden.title')} description={t('results.forbidden.body')} />
    </Box>
  );
}

function Results({ surveyId }: { surveyId: string }) {
  const { t } = useTranslation();
  const overview = useResultsOverview(surveyId);
  if (overview.isPending) {
    return (
      <Box maw={1100} mx="auto" aria-busy>
        <BackLink />
        <VisuallyHidden role="status">{t('results.loading')}</VisuallyHidden>
        <Skeleton height={36} width="50%" mb="sm" />
        <Skeleton height={20} width="70%" mb="lg" />
        <Skeleton height={120} radius="lg" mb="lg" />
        <SummarySkeleton />
      </Box>
    );
  }
  if (overview.isError) {
    const err = overview.error;
    if (err instanceof ApiError && err.status === 403) {
      return <NotAllowed />;
    }
    return (
      <Box maw={1100} mx="auto">
        <BackLink />
        <PageHeader title={t('results.title')} />
        {err instanceof ApiError && err.status === 404 ? (
          <Empty
            icon={<IconSearchOff size={28} aria-hidden />}
            title={t('results.notFound.title')}
            description={t('results.notFound.body')}
          />
        ) : (
          <ErrorState error={err} onRetry={() => void overview.refetch()} />
        )}
      </Box>
    );
  }
  return <ResultsBody surveyId={surveyId} overview={overview.data} />;
}

function SummarySkeleton() {
  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
        <Skeleton height={170} radius="lg" />
        <Skeleton height={170} radius="lg" />
      </SimpleGrid>
      <Skeleton height={300} radius="lg" />
    </Stack>
  );
}

/** The survey's kind, how anonymous it is (explained on hover or focus) and its status. */
function SurveyBadges({ overview }: { overview: ResultsOverview }) {
  const { t } = useTranslation();
  const { survey } = overview;
  const explain = t(`results.anonymity.explain.${survey.anonymity}`, { n: survey.threshold });
  return (
    <Group gap="xs" mb="lg" wrap="wrap">
      <Badge variant="light" color="gray" radius="sm" size="lg" style={{ textTransform: 'none' }}>
        {t(`results.kind.${survey.kind}`)}
      </Badge>
      <Tooltip label={explain} multiline w={300} withArrow events={{ hover: true, focus: true, touch: true }}>
        <Badge
          component="span"
          tabIndex={0}
          variant="light"
          color={survey.anonymity === 'attributed' ? 'orange' : 'brand'}
          radius="sm"
          size="lg"
          leftSection={<IconShieldLock size={14} aria-hidden />}
          style={{ textTransform: 'none', cursor: 'help' }}
          aria-describedby="results-anonymity-explain"
        >
          {t(`results.anonymity.label.${survey.anonymity}`)}
        </Badge>
      </Tooltip>
      <VisuallyHidden id="results-anonymity-explain">{explain}</VisuallyHidden>
      <Badge variant="outline" color="gray" radius="sm" size="lg" style={{ textTransform: 'none' }}>
        {t(`results.surveyStatus.${survey.status}`)}
      </Badge>
    </Group>
  );
}

function ResultsBody({ surveyId, overview }: { surveyId: string; overview: ResultsOverview }) {
  const { t } = useTranslation();
  const f = useResultsFormat();
  const [params, setParams] = useSearchParams();
  const { survey, rounds, questions, filters } = overview;

  const round = pickRound(rounds, params.get('round'));
  const paramsKey = params.toString();
  const filter = useMemo(() => validFilter(filterFromParams(new URLSearchParams(paramsKey)), filters), [paramsKey, filters]);
  const by = validBreakdown(params.get('by'), filters);
  const query: ResultsQuery | null = useMemo(
    () => (round ? { round: round.id, ...filter, ...(by ? { by } : {}) } : null),
    [round, filter, by],
  );
  const results = useResults(surveyId, query);

  const set = (changes: Changes) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(changes)) {
          if (v) {
            next.set(k, v);
          } else {
            next.delete(k);
          }
        }
        return next;
      },
      { replace: true },
    );

  const withEnps = questions.some((q) => q.driver === 'enps' && q.kind === 'scale10');
  const withText = questions.some((q) => q.kind === 'text');
  const cell = results.data?.cells[0];
  const fresh = !results.isPlaceholderData;

  let content: ReactNode;
  if (!round) {
    content = (
      <Card padding="lg">
        <Empty
          icon={<IconCalendarOff size={28} aria-hidden />}
          title={t('results.noRounds.title')}
          description={t('results.noRounds.body')}
        />
      </Card>
    );
  } else if (results.isPending) {
    content = <SummarySkeleton />;
  } else if (results.isError && !results.data) {
    content = <ErrorState error={results.error} onRetry={() => void results.refetch()} />;
  } else if (!cell) {
    content = (
      <CellNotice cell={{ status: 'unavailable', stale: false }} threshold={survey.threshold} onRetry={() => void results.refetch()} />
    );
  } else {
    const hint =
      cell.status === 'too_few'
        ? round.status === 'open'
          ? t('results.cell.openHint', { date: f.date(round.closesAt), n: survey.threshold })
          : t('results.cell.closedHint')
        : undefined;
    content = (
      <>
        {results.isError && <ErrorState error={results.error} onRetry={() => void results.refetch()} />}
        <CellNotice cell={cell} threshold={survey.threshold} hint={hint} onRetry={() => void results.refetch()} />
        <SummaryTiles cell={cell} threshold={survey.threshold} withEnps={withEnps} />
        {by && results.data && <Heatmap cells={results.data.cells} by={by} threshold={survey.threshold} />}
        {cell.status === 'shown' && <DriversCard cell={cell} />}
        {cell.status === 'shown' && <QuestionCards questions={questions} results={cell.questions} />}
      </>
    );
  }

  return (
    <Box maw={1100} mx="auto">
      <BackLink />
      <PageHeader
        title={survey.title}
        description={
          <>
            {t('results.threshold', { n: survey.threshold })}
            {withText && survey.commentThreshold > survey.threshold && ` ${t('results.commentThreshold', { n: survey.commentThreshold })}`}
          </>
        }
      />
      <SurveyBadges overview={overview} />
      <ResultsControls
        overview={overview}
        round={round}
        filter={filter}
        by={by}
        csvUrl={query ? resultsCsvUrl(surveyId, query) : null}
        onChange={set}
      />
      <Stack gap="lg" aria-busy={results.isFetching} style={{ opacity: fresh ? 1 : 0.6, transition: 'opacity 150ms' }}>
        {content}
      </Stack>
      {round && (
        <Stack gap="lg" mt="lg">
          {rounds.length > 1 && <TrendCard surveyId={surveyId} filter={filter} title={survey.title} />}
          {withText && (
            <CommentsPanel
              surveyId={surveyId}
              round={round.id}
              filter={filter}
              commentThreshold={survey.commentThreshold}
              questions={questions}
            />
          )}
        </Stack>
      )}
      {rounds.length > 0 && (
        <Text size="xs" c="dimmed" mt="lg">
          {t('results.footnote')}
        </Text>
      )}
    </Box>
  );
}
