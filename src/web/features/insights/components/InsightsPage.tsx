import { Badge, Button, Card, Group, Select, SimpleGrid, Skeleton, Stack, TextInput } from '@mantine/core';
import { IconChartDots3, IconLock, IconRestore } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ApiError } from '../../../api.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { Empty, ErrorState, Loading } from '../../../components/States.js';
import { useMe } from '../../auth/hooks/useSession.js';
import { useStructure } from '../../people/hooks/usePeople.js';
import type { InsightsFilters } from '../api.js';
import { useRecognitionInsights } from '../hooks/useInsights.js';
import { defaultRange, parseDay, rangeProblem } from '../shape.js';
import { FlowNetwork } from './FlowNetwork.js';
import { KpiTiles } from './KpiTiles.js';
import { UnrecognisedList } from './UnrecognisedList.js';
import { ValuesChart } from './ValuesChart.js';
import { VolumeChart } from './VolumeChart.js';

/** Recognition insights for managers (their reports), HR and administrators (everyone). */
export function InsightsPage() {
  const me = useMe();
  const allowed = me.data?.abilities['recognition.insights'] === true;
  if (me.isPending) {
    return <Loading />;
  }
  return allowed ? <Insights /> : <NotAllowed />;
}

function NotAllowed() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('insights.nav.insights')} />
      <Empty icon={<IconLock size={28} aria-hidden />} title={t('insights.forbidden.title')} description={t('insights.forbidden.body')}>
        <Button component={Link} to="/recognition" variant="default">
          {t('insights.forbidden.leaderboards')}
        </Button>
      </Empty>
    </>
  );
}

function Insights() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const fallback = useMemo(() => defaultRange(), []);
  const from = params.get('from') ?? fallback.from;
  const to = params.get('to') ?? fallback.to;
  const departmentId = params.get('department') ?? '';
  const teamId = params.get('team') ?? '';
  const problem = rangeProblem(from, to);
  const structure = useStructure();

  const set = (changes: Record<string, string | null>) =>
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

  const filters: InsightsFilters = useMemo(
    () => ({ from, to, departmentId: departmentId || undefined, teamId: teamId || undefined }),
    [from, to, departmentId, teamId],
  );
  const insights = useRecognitionInsights(filters, problem === null);
  const data = insights.data;

  const teams = (structure.data?.teams ?? []).filter((tm) => !departmentId || tm.departmentId === departmentId);
  const changed = params.has('from') || params.has('to') || departmentId !== '' || teamId !== '';

  if (insights.error instanceof ApiError && insights.error.status === 403) {
    return <NotAllowed />;
  }

  const description = data ? t(data.scope === 'reports' ? 'insights.scope.reportsIntro' : 'insights.scope.allIntro') : t('insights.intro');

  return (
    <>
      <PageHeader
        title={t('insights.nav.insights')}
        description={description}
        actions={
          data && (
            <Badge variant="light" size="lg" radius="sm">
              {t(data.scope === 'reports' ? 'insights.scope.reports' : 'insights.scope.all')}
            </Badge>
          )
        }
      />

      <Card padding="md" mb="lg" component="section" aria-label={t('insights.filters.label')}>
        <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
          <TextInput
            type="date"
            label={t('insights.filters.from')}
            value={from}
            max={to}
            onChange={(e) => set({ from: e.currentTarget.value || null })}
            error={parseDay(from) === null ? t('insights.filters.invalid') : undefined}
            size="sm"
          />
          <TextInput
            type="date"
            label={t('insights.filters.to')}
            value={to}
            min={from}
            onChange={(e) => set({ to: e.currentTarget.value || null })}
            error={
              problem === 'order'
                ? t('insights.filters.order')
                : problem === 'tooLong'
                  ? t('insights.filters.tooLong')
                  : parseDay(to) === null
                    ? t('insights.filters.invalid')
                    : undefined
            }
            size="sm"
          />
          <Select
            label={t('insights.filters.department')}
            placeholder={t('insights.filters.any')}
            data={(structure.data?.departments ?? []).map((d) => ({ value: d.id, label: d.name }))}
            value={departmentId || null}
            onChange={(v) => {
              const keepTeam = !v || (structure.data?.teams ?? []).some((tm) => tm.id === teamId && tm.departmentId === v);
              set({ department: v, team: keepTeam ? teamId || null : null });
            }}
            clearable
            searchable
            size="sm"
          />
          <Select
            label={t('insights.filters.team')}
            placeholder={t('insights.filters.any')}
            data={teams.map((tm) => ({ value: tm.id, label: tm.name }))}
            value={teamId || null}
            onChange={(v) => set({ team: v })}
            clearable
            searchable
            size="sm"
          />
        </SimpleGrid>
        {changed && (
          <Group justify="flex-end" mt="sm">
            <Button
              size="compact-sm"
              variant="subtle"
              leftSection={<IconRestore size={16} aria-hidden />}
              onClick={() => set({ from: null, to: null, department: null, team: null })}
            >
              {t('insights.filters.reset')}
            </Button>
          </Group>
        )}
      </Card>

      <Stack gap="lg" aria-busy={insights.isFetching}>
        {problem !== null ? null : insights.isError ? (
          <ErrorState error={insights.error} onRetry={() => void insights.refetch()} />
        ) : (
          <>
            <KpiTiles totals={data?.totals} />
            {!data ? (
              <>
                <Skeleton height={340} radius="lg" />
                <Skeleton height={420} radius="lg" />
              </>
            ) : data.totals.kudos === 0 && data.volume.every((v) => v.kudos === 0) ? (
              <Card padding="lg">
                <Empty
                  icon={<IconChartDots3 size={28} aria-hidden />}
                  title={t('insights.empty.title')}
                  description={t(changed ? 'insights.empty.filtered' : 'insights.empty.body')}
                >
                  <Button component={Link} to="/">
                    {t('insights.empty.give')}
                  </Button>
                </Empty>
              </Card>
            ) : (
              <>
                <VolumeChart volume={data.volume} from={from} to={to} />
                <FlowNetwork flow={data.flow} from={from} to={to} />
                <ValuesChart values={data.values} from={from} to={to} />
              </>
            )}
          </>
        )}
        <UnrecognisedList departmentId={departmentId || undefined} teamId={teamId || undefined} />
      </Stack>
    </>
  );
}
