import { Alert, Anchor, Button, Card, Group, List, SimpleGrid, Stack, Tabs, Text, Title } from '@mantine/core';
import { IconBellRinging, IconDownload, IconLifebuoy } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ConfirmButton } from '../../../components/ConfirmButton.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { PagedList } from '../../../components/PagedList.js';
import { StatTile } from '../../../components/StatTile.js';
import { Empty, ErrorState, Loading } from '../../../components/States.js';
import type { SafetyStatus } from '../../../../shared/comms.js';
import { useAbility } from '../../auth/hooks/useSession.js';
import { safetyApi, type SafetyCheckDetail, type SafetyReport } from '../api.js';
import { useCheck, useCheckPeople, useCloseCheck, useMyCheck, useRemind, useSafetyErrorText, useSafetyEvents } from '../hooks.js';
import { AnswerCard } from './AnswerCard.js';
import { DrillBadge, LocationBars, StatusBadge, useWhen } from './CheckBits.js';

/** One safety check: live tally by location, who has not answered, who needs help, the report. */
export function SafetyCheckPage() {
  const { id = '' } = useParams();
  const operator = useAbility('safety.operate');
  useSafetyEvents();
  return operator ? <OperatorView id={id} /> : <PersonView id={id} />;
}

/** Someone the check asks, arriving from the notification: their own answer. */
function PersonView({ id }: { id: string }) {
  const { t } = useTranslation();
  const mine = useMyCheck(id, true);
  return (
    <Stack maw={720} mx="auto">
      <PageHeader title={t('safety.answer.pageTitle')} />
      {mine.isPending ? (
        <Loading />
      ) : mine.isError ? (
        <ErrorState error={mine.error} />
      ) : mine.data.status === 'safe' ? (
        <Alert color="green" variant="light" title={t('safety.answer.thanks')} role="status">
          <Stack gap="xs">
            <Text>{t('safety.answer.markedSafe', { title: mine.data.title })}</Text>
            {mine.data.open && <Text size="sm">{t('safety.answer.canChange')}</Text>}
            {mine.data.open && (
              <Group>
                <AnswerAgain id={id} />
              </Group>
            )}
          </Stack>
        </Alert>
      ) : (
        <AnswerCard check={mine.data} />
      )}
    </Stack>
  );
}

/** Someone who said they are safe and now needs help after all. */
function AnswerAgain({ id }: { id: string }) {
  const { t } = useTranslation();
  const mine = useMyCheck(id, true);
  const [asking, setAsking] = useState(false);
  if (!mine.data) {
    return null;
  }
  return asking ? (
    <AnswerCard check={{ ...mine.data, status: 'pending' }} />
  ) : (
    <Button variant="default" onClick={() => setAsking(true)}>
      {t('safety.answer.change')}
    </Button>
  );
}

function OperatorView({ id }: { id: string }) {
  const { t } = useTranslation();
  const check = useCheck(id);
  if (check.isPending) {
    return <Loading />;
  }
  if (check.isError) {
    return <ErrorState error={check.error} onRetry={() => void check.refetch()} />;
  }
  const c = check.data;
  return (
    <Stack maw={960} mx="auto" gap="lg">
      <Anchor component={Link} to="/safety" size="sm">
        {t('safety.back')}
      </Anchor>
      <div>
        <PageHeader title={c.title} actions={<Actions check={c} />} />
        <Started check={c} />
      </div>
      {c.message && <Text style={{ whiteSpace: 'pre-wrap' }}>{c.message}</Text>}
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
        <StatTile label={t('safety.stats.total')} value={c.counts.total} />
        <StatTile label={t('safety.stats.safe')} value={c.counts.safe} />
        <StatTile label={t('safety.stats.help')} value={c.counts.help} danger={c.counts.help > 0} />
        <StatTile label={t('safety.stats.pending')} value={c.counts.pending} />
      </SimpleGrid>
      {c.report && <ReportView report={c.report} />}
      <Card withBorder radius="md" component="section" aria-labelledby="safety-locations">
        <Title order={2} size="h4" mb="md" id="safety-locations">
          {t('safety.byLocation')}
        </Title>
        <LocationBars tallies={c.byLocation} />
      </Card>
      <PeopleTabs id={id} open={c.status === 'open'} counts={c.counts} />
    </Stack>
  );
}

function Started({ check }: { check: SafetyCheckDetail }) {
  const { t } = useTranslation();
  const when = useWhen();
  return (
    <Stack gap={4} mt={-8}>
      <Group gap="xs">
        <DrillBadge drill={check.drill} />
        <StatusBadge status={check.status} />
      </Group>
      <Text size="sm" c="dimmed">
        {t('safety.list.started', { when: when(check.startedAt), who: check.startedBy?.name ?? t('safety.someone') })}
        {check.closedAt && ` · ${t('safety.closedAt', { when: when(check.closedAt) })}`}
      </Text>
    </Stack>
  );
}

function Actions({ check }: { check: SafetyCheckDetail }) {
  const { t } = useTranslation();
  const remind = useRemind(check.id);
  const close = useCloseCheck(check.id);
  const errorText = useSafetyErrorText();
  const error = remind.error ?? close.error;
  return (
    <Stack gap="xs" align="flex-end">
      <Group gap="xs">
        {check.status === 'open' && (
          <>
            <Button
              variant="default"
              leftSection={<IconBellRinging size={18} aria-hidden />}
              onClick={() => remind.mutate()}
              loading={remind.isPending}
              disabled={check.counts.pending === 0}
            >
              {t('safety.remind')}
            </Button>
            <ConfirmButton
              color="red"
              title={t('safety.close.title')}
              message={t('safety.close.message', { count: check.counts.pending })}
              confirmLabel={t('safety.close.confirm')}
              onConfirm={() => close.mutate()}
              loading={close.isPending}
            >
              {t('safety.close.button')}
            </ConfirmButton>
          </>
        )}
        <Button
          component="a"
          href={safetyApi.csvUrl(check.id)}
          download
          variant="default"
          leftSection={<IconDownload size={18} aria-hidden />}
        >
          {t('safety.csv')}
        </Button>
      </Group>
      {remind.isSuccess && (
        <Text size="sm" role="status">
          {t('safety.reminded', { count: remind.data.reminded })}
        </Text>
      )}
      {error && (
        <Text size="sm" c="red" role="alert">
          {errorText(error)}
        </Text>
      )}
    </Stack>
  );
}

function duration(seconds: number): { hours: number; minutes: number } {
  return { hours: Math.floor(seconds / 3600), minutes: Math.round((seconds % 3600) / 60) };
}

function ReportView({ report }: { report: SafetyReport }) {
  const { t } = useTranslation();
  const d = duration(report.durationSeconds);
  return (
    <Card withBorder radius="md" component="section" aria-labelledby="safety-report">
      <Stack gap="md">
        <Title order={2} size="h4" id="safety-report">
          {t('safety.report.heading')}
        </Title>
        <Text>
          {t('safety.report.summary', {
            duration:
              d.hours > 0
                ? t('safety.report.hours', { hours: d.hours, minutes: d.minutes })
                : t('safety.report.minutes', { count: d.minutes }),
            safe: report.safe,
            help: report.help,
            pending: report.pending,
            total: report.total,
          })}
        </Text>
        <div>
          <Title order={3} size="h5" mb="xs">
            {t('safety.report.neededHelp', { count: report.neededHelp.length })}
          </Title>
          {report.neededHelp.length === 0 ? (
            <Text c="dimmed">{t('safety.report.nobodyHelp')}</Text>
          ) : (
            <List spacing="xs">
              {report.neededHelp.map((p) => (
                <List.Item key={p.id}>
                  <Text span fw={600}>
                    {p.name}
                  </Text>
                  {p.location && ` · ${p.location}`}
                  {p.note && (
                    <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
                      {p.note}
                    </Text>
                  )}
                </List.Item>
              ))}
            </List>
          )}
        </div>
        <div>
          <Title order={3} size="h5" mb="xs">
            {t('safety.report.neverAnswered', { count: report.pending })}
          </Title>
          {report.neverAnswered.length === 0 ? (
            <Text c="dimmed">{t('safety.report.everyoneAnswered')}</Text>
          ) : (
            <Text size="sm">{report.neverAnswered.map((p) => (p.location ? `${p.name} (${p.location})` : p.name)).join(', ')}</Text>
          )}
        </div>
      </Stack>
    </Card>
  );
}

const TABS: SafetyStatus[] = ['help', 'pending', 'safe'];

function PeopleTabs({ id, open, counts }: { id: string; open: boolean; counts: Record<SafetyStatus, number> }) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<SafetyStatus>('help');
  return (
    <Tabs value={tab} onChange={(v) => setTab(TABS.find((x) => x === v) ?? 'help')} keepMounted={false}>
      <Tabs.List style={{ flexWrap: 'nowrap', overflowX: 'auto', overflowY: 'hidden' }}>
        {TABS.map((s) => (
          <Tabs.Tab key={s} value={s} style={{ flexShrink: 0 }} color={s === 'help' ? 'red' : undefined}>
            {t(`safety.tabs.${s}`)} ({counts[s]})
          </Tabs.Tab>
        ))}
      </Tabs.List>
      {TABS.map((s) => (
        <Tabs.Panel key={s} value={s} pt="md">
          {s === tab && <PeopleList id={id} status={s} open={open} />}
        </Tabs.Panel>
      ))}
    </Tabs>
  );
}

function PeopleList({ id, status, open }: { id: string; status: SafetyStatus; open: boolean }) {
  const { t } = useTranslation();
  const when = useWhen();
  const people = useCheckPeople(id, status, open);
  const items = people.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <PagedList query={people} items={items} empty={<Empty icon={<IconLifebuoy aria-hidden />} title={t(`safety.empty.${status}`)} />}>
      {(page) => (
        <Stack gap="xs">
          {page.map((p) => (
            <Card key={p.id} withBorder radius="md" p="sm">
              <Group justify="space-between" wrap="wrap" gap="xs" align="flex-start">
                <Stack gap={2}>
                  <Anchor component={Link} to={`/people/${p.id}`} fw={600}>
                    {p.name}
                  </Anchor>
                  <Text size="sm" c="dimmed">
                    {[p.title, p.location?.name ?? t('safety.noLocation')].filter(Boolean).join(' · ')}
                  </Text>
                  {p.note && (
                    <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                      {p.note}
                    </Text>
                  )}
                </Stack>
                <Stack gap={2} align="flex-end">
                  {p.phone && (
                    <Anchor href={`tel:${p.phone}`} size="sm">
                      {p.phone}
                    </Anchor>
                  )}
                  <Text size="xs" c="dimmed">
                    {p.answeredAt
                      ? t('safety.answeredAt', { when: when(p.answeredAt) })
                      : t('safety.remindedTimes', { count: p.remindedCount })}
                  </Text>
                </Stack>
              </Group>
            </Card>
          ))}
        </Stack>
      )}
    </PagedList>
  );
}
