import { Button, Card, Group, Progress, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import {
  IconAdjustments,
  IconChartBar,
  IconClipboardList,
  IconHeartbeat,
  IconLock,
  IconPencil,
  IconPlayerStop,
  IconPlus,
  IconSend,
  IconTrash,
} from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { SURVEY_KINDS, SURVEY_STATUSES, type SurveyKind, type SurveyStatus } from '../../../../shared/listening.js';
import { ConfirmButton } from '../../../components/ConfirmButton.js';
import { formatDate } from '../../../components/format.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { PagedList } from '../../../components/PagedList.js';
import { Empty, Loading } from '../../../components/States.js';
import { currentLanguage } from '../../../i18n/index.js';
import { useMe } from '../../auth/hooks/useSession.js';
import type { SurveySummary } from '../api.js';
import { useDeleteSurvey, useEndSurvey, useScheduleSurvey, useSurveyList } from '../hooks/useSurveys.js';
import { responseRate } from '../logic.js';
import { toast } from '../toast.js';
import { ErrorAlert } from './ErrorAlert.js';
import { SettingsDialog } from './SettingsDialog.js';
import { AnonymityBadge, KindBadge, StatusBadge } from './SurveyBadges.js';

type KindFilter = 'all' | SurveyKind;

/** Surveys, pulses and check-ins: where each stands, how many answered, and what can be done next. */
export function SurveysPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [kind, setKind] = useState<KindFilter>('all');
  const [status, setStatus] = useState<SurveyStatus | null>(null);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const manage = me.data?.abilities['listening.manage'] === true;
  const checkin = me.data?.abilities['listening.checkin'] === true;
  const list = useSurveyList({ ...(kind !== 'all' ? { kind } : {}), ...(status ? { status } : {}) }, checkin);

  if (me.isPending) {
    return <Loading />;
  }
  if (!checkin) {
    return (
      <>
        <PageHeader title={t('surveys.list.title')} />
        <Empty
          icon={<IconLock size={28} aria-hidden />}
          title={t('surveys.list.noAccessTitle')}
          description={t('surveys.list.noAccessBody')}
        >
          <Button component={Link} to="/listening" variant="light">
            {t('surveys.list.backToListening')}
          </Button>
        </Empty>
      </>
    );
  }

  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = kind !== 'all' || status !== null;

  return (
    <>
      <PageHeader
        title={t(manage ? 'surveys.list.title' : 'surveys.list.titleCheckins')}
        description={t(manage ? 'surveys.list.intro' : 'surveys.list.introCheckins')}
        actions={
          <Group gap="sm">
            {manage && (
              <Button variant="default" leftSection={<IconAdjustments size={18} aria-hidden />} onClick={() => setSettingsOpen(true)}>
                {t('surveys.list.settings')}
              </Button>
            )}
            <Button
              component={Link}
              to="/listening/checkins/new"
              variant={manage ? 'light' : 'filled'}
              leftSection={<IconHeartbeat size={18} aria-hidden />}
            >
              {t('surveys.list.newCheckin')}
            </Button>
            {manage && (
              <Button component={Link} to="/listening/surveys/new" leftSection={<IconPlus size={18} aria-hidden />}>
                {t('surveys.list.newSurvey')}
              </Button>
            )}
          </Group>
        }
      />
      <Stack gap="md">
        <Group gap="sm" wrap="wrap" align="flex-end">
          {manage && (
            <div>
              <Text size="md" fw={500} id="survey-kind-filter" mb={4}>
                {t('surveys.list.kindFilter')}
              </Text>
              <SegmentedControl
                aria-labelledby="survey-kind-filter"
                value={kind}
                onChange={(v) => setKind(v)}
                data={[
                  { value: 'all', label: t('surveys.list.allKinds') },
                  ...SURVEY_KINDS.map((k) => ({ value: k, label: t(`surveys.kindPlural.${k}`) })),
                ]}
              />
            </div>
          )}
          <Select
            label={t('surveys.list.statusFilter')}
            placeholder={t('surveys.list.anyStatus')}
            data={SURVEY_STATUSES.map((s) => ({ value: s, label: t(`surveys.status.${s}`) }))}
            value={status}
            onChange={(v) => setStatus(v ?? null)}
            clearable
            w={{ base: '100%', xs: 220 }}
            comboboxProps={{ withinPortal: true }}
          />
        </Group>
        <PagedList
          query={list}
          items={items}
          empty={
            <Empty
              icon={<IconClipboardList size={28} aria-hidden />}
              title={t(filtered ? 'surveys.list.emptyFilteredTitle' : 'surveys.list.emptyTitle')}
              description={t(
                filtered ? 'surveys.list.emptyFilteredBody' : manage ? 'surveys.list.emptyBody' : 'surveys.list.emptyBodyCheckins',
              )}
            >
              {!filtered && (
                <Button component={Link} to={manage ? '/listening/surveys/new' : '/listening/checkins/new'}>
                  {t(manage ? 'surveys.list.newSurvey' : 'surveys.list.newCheckin')}
                </Button>
              )}
            </Empty>
          }
        >
          {(surveys) => (
            <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
              {surveys.map((s) => (
                <SurveyCard key={s.id} survey={s} />
              ))}
            </Stack>
          )}
        </PagedList>
      </Stack>
      {manage && <SettingsDialog opened={settingsOpen} onClose={() => setSettingsOpen(false)} />}
    </>
  );
}

/** What a recurrence and the dates say, in one line. */
function scheduleLine(t: (k: string, o?: Record<string, unknown>) => string, s: SurveySummary, lng: string): string {
  const parts = [t(`surveys.recurrence.${s.recurrence}`)];
  if (s.status === 'scheduled' && s.startsAt) {
    parts.push(t('surveys.list.starts', { date: formatDate(s.startsAt, lng) }));
  }
  if (s.endsAt) {
    parts.push(t('surveys.list.ends', { date: formatDate(s.endsAt, lng) }));
  }
  return parts.join(' · ');
}

function SurveyCard({ survey: s }: { survey: SurveySummary }) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const schedule = useScheduleSurvey();
  const end = useEndSurvey();
  const remove = useDeleteSurvey();
  const round = s.currentRound;
  const rate = round ? responseRate(round) : null;
  const titleId = `survey-${s.id}-title`;

  return (
    <Card component="li" padding="md" radius="md" aria-labelledby={titleId}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
          <div style={{ minWidth: 0, flex: '1 1 240px' }}>
            <Text fw={700} fz="lg" id={titleId} style={{ overflowWrap: 'anywhere' }}>
              {s.title}
            </Text>
            <Text size="sm" c="dimmed">
              {scheduleLine(t, s, lng)}
              {s.createdBy ? ` · ${t('surveys.list.by', { name: s.createdBy.name })}` : ''}
            </Text>
          </div>
          <Group gap={6}>
            <StatusBadge status={s.status} />
            <KindBadge kind={s.kind} />
            <AnonymityBadge anonymity={s.anonymity} />
          </Group>
        </Group>

        {round && (
          <Stack gap={4}>
            <Text size="sm">
              {t(round.status === 'open' ? 'surveys.list.roundOpen' : 'surveys.list.roundClosed', {
                number: round.number,
                date: formatDate(round.closesAt, lng),
              })}
            </Text>
            {round.responses === null ? (
              <Text size="sm" c="dimmed">
                {t('surveys.list.rateHidden', { invited: round.invited, threshold: s.threshold })}
              </Text>
            ) : (
              <>
                <Text size="sm" id={`survey-${s.id}-rate`}>
                  {t('surveys.list.rate', { responses: round.responses, invited: round.invited, rate: rate ?? 0 })}
                </Text>
                <Progress value={rate ?? 0} size="sm" aria-labelledby={`survey-${s.id}-rate`} />
              </>
            )}
          </Stack>
        )}

        <ErrorAlert error={schedule.error ?? end.error ?? remove.error} />

        <Group gap="xs" wrap="wrap">
          {s.canEdit && (
            <Button
              component={Link}
              to={`/listening/surveys/${s.id}/edit`}
              size="xs"
              variant="default"
              leftSection={<IconPencil size={16} aria-hidden />}
              aria-label={t('surveys.list.editNamed', { title: s.title })}
            >
              {t('surveys.list.edit')}
            </Button>
          )}
          {s.canSchedule && (
            <ConfirmButton
              size="xs"
              variant="light"
              danger={false}
              leftSection={<IconSend size={16} aria-hidden />}
              title={t('surveys.list.scheduleTitle')}
              message={t(s.startsAt && new Date(s.startsAt) > new Date() ? 'surveys.list.scheduleLater' : 'surveys.list.scheduleNow', {
                date: formatDate(s.startsAt, lng),
              })}
              confirmLabel={t('surveys.list.schedule')}
              loading={schedule.isPending}
              onConfirm={() =>
                schedule.mutate(s.id, {
                  onSuccess: (r) => toast(t(r.status === 'running' ? 'surveys.list.opened' : 'surveys.list.scheduled', { title: r.title })),
                })
              }
              aria-label={t('surveys.list.scheduleNamed', { title: s.title })}
            >
              {t('surveys.list.schedule')}
            </ConfirmButton>
          )}
          {s.canSeeResults && (
            <Button
              component={Link}
              to={`/listening/surveys/${s.id}/results`}
              size="xs"
              variant="light"
              leftSection={<IconChartBar size={16} aria-hidden />}
              aria-label={t('surveys.list.resultsNamed', { title: s.title })}
            >
              {t('surveys.list.results')}
            </Button>
          )}
          {s.canEnd && (
            <ConfirmButton
              size="xs"
              variant="subtle"
              color="red"
              leftSection={<IconPlayerStop size={16} aria-hidden />}
              title={t('surveys.list.endTitle')}
              message={t('surveys.list.endBody')}
              confirmLabel={t('surveys.list.end')}
              loading={end.isPending}
              onConfirm={() => end.mutate(s.id, { onSuccess: () => toast(t('surveys.list.ended', { title: s.title })) })}
              aria-label={t('surveys.list.endNamed', { title: s.title })}
            >
              {t('surveys.list.end')}
            </ConfirmButton>
          )}
          {s.canDelete && (
            <ConfirmButton
              size="xs"
              variant="subtle"
              color="red"
              leftSection={<IconTrash size={16} aria-hidden />}
              title={t('surveys.list.deleteTitle')}
              message={t('surveys.list.deleteBody')}
              confirmLabel={t('surveys.list.delete')}
              loading={remove.isPending}
              onConfirm={() => remove.mutate(s.id, { onSuccess: () => toast(t('surveys.list.deleted', { title: s.title })) })}
              aria-label={t('surveys.list.deleteNamed', { title: s.title })}
            >
              {t('surveys.list.delete')}
            </ConfirmButton>
          )}
        </Group>
      </Stack>
    </Card>
  );
}
