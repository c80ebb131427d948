import { Button, Card, Group, NumberInput, SegmentedControl, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { IconHeartbeat, IconLock, IconSend } from '@tabler/icons-react';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { BANK_BY_KEY, LISTENING_LIMITS as L, type Anonymity } from '../../../../shared/listening.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { Empty, ErrorState, Loading } from '../../../components/States.js';
import { currentLanguage } from '../../../i18n/index.js';
import { useMe } from '../../auth/hooks/useSession.js';
import { PeopleMultiPicker } from '../../people/components/PeopleMultiPicker.js';
import { useStructure } from '../../people/hooks/usePeople.js';
import type { Audience } from '../api.js';
import { useAudiencePreview, useStartCheckin } from '../hooks/useSurveys.js';
import { toast } from '../toast.js';
import { AnonymityChoice } from './AnonymityChoice.js';
import { AudiencePreview } from './AudienceFields.js';
import { ErrorAlert } from './ErrorAlert.js';

type Target = 'mine' | 'company' | 'department' | 'team' | 'line';

/** How long a one-off check-in may stay open, and a weekly one (a week at most). */
const MAX_DAYS = { none: 14, weekly: 7 } as const;

/** Starting a check-in on one screen: who is asked, for how long, how anonymously; it opens at once. */
export function CheckinNewPage() {
  const { t } = useTranslation();
  const me = useMe();
  const abilities = me.data?.abilities ?? {};
  const title = t('surveys.checkin.title');

  if (me.isPending) {
    return <Loading />;
  }
  if (!abilities['listening.checkin'] || !me.data) {
    return (
      <>
        <PageHeader title={title} />
        <Empty
          icon={<IconLock size={28} aria-hidden />}
          title={t('surveys.checkin.noAccessTitle')}
          description={t('surveys.checkin.noAccessBody')}
        >
          <Button component={Link} to="/listening" variant="light">
            {t('surveys.list.backToListening')}
          </Button>
        </Empty>
      </>
    );
  }
  return <CheckinForm userId={me.data.user.id} manage={abilities['listening.manage'] === true} />;
}

function CheckinForm({ userId, manage }: { userId: string; manage: boolean }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const navigate = useNavigate();
  const start = useStartCheckin();
  const structure = useStructure();
  const [target, setTarget] = useState<Target>(manage ? 'company' : 'mine');
  const [departmentId, setDepartmentId] = useState<string | null>(null);
  const [teamId, setTeamId] = useState<string | null>(null);
  const [managers, setManagers] = useState<string[]>([]);
  const [customTitle, setCustomTitle] = useState('');
  const [weekly, setWeekly] = useState(false);
  const [days, setDays] = useState<number | string>(2);
  const [remind, setRemind] = useState(true);
  const [anonymity, setAnonymity] = useState<Anonymity>('anonymous');
  const [tried, setTried] = useState(false);

  const audience: Audience = useMemo(() => {
    switch (target) {
      case 'company':
        return { all: true };
      case 'department':
        return departmentId ? { departmentIds: [departmentId] } : {};
      case 'team':
        return teamId ? { teamIds: [teamId] } : {};
      case 'line':
        return managers.length > 0 ? { lineOf: managers } : {};
      case 'mine':
        return { lineOf: [userId] };
    }
  }, [target, departmentId, teamId, managers, userId]);

  const preview = useAudiencePreview(audience);
  const threshold = preview.data?.threshold ?? L.defaultThreshold;
  const maxDays = MAX_DAYS[weekly ? 'weekly' : 'none'];
  const n = Number(days);
  const daysError = !Number.isInteger(n) || n < 1 || n > maxDays ? t('surveys.checkin.daysRange', { max: maxDays }) : null;
  const pickError =
    (target === 'department' && !departmentId) || (target === 'team' && !teamId) || (target === 'line' && managers.length === 0)
      ? t('surveys.checkin.pickGroup')
      : null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (daysError || pickError) {
      return;
    }
    start.mutate(
      {
        audience,
        ...(customTitle.trim() ? { title: customTitle.trim() } : {}),
        anonymity,
        recurrence: weekly ? 'weekly' : 'none',
        days: n,
        reminderDays: remind && n > 1 ? [1] : [],
      },
      {
        onSuccess: (c) => {
          toast(t('surveys.checkin.started', { count: c.currentRound?.invited ?? 0 }));
          void navigate('/listening/surveys');
        },
      },
    );
  };

  const targets: { value: Target; label: string }[] = manage
    ? [
        { value: 'company', label: t('surveys.checkin.target.company') },
        { value: 'department', label: t('surveys.checkin.target.department') },
        { value: 'team', label: t('surveys.checkin.target.team') },
        { value: 'line', label: t('surveys.checkin.target.line') },
        { value: 'mine', label: t('surveys.checkin.target.mine') },
      ]
    : [];

  return (
    <>
      <PageHeader title={t('surveys.checkin.title')} description={t('surveys.checkin.intro')} />
      <form onSubmit={submit} noValidate>
        <Card padding="lg" radius="md">
          <Stack gap="lg">
            <Card withBorder padding="md" radius="md" bg="var(--mantine-color-default-hover)">
              <Group gap="sm" wrap="nowrap" align="flex-start">
                <IconHeartbeat size={22} aria-hidden style={{ flex: 'none' }} />
                <div>
                  <Text fw={600}>{BANK_BY_KEY.get('checkin.feeling')![lang]}</Text>
                  <Text size="sm" c="dimmed">
                    {t('surveys.checkin.questions', { comment: BANK_BY_KEY.get('checkin.comment')![lang] })}
                  </Text>
                </div>
              </Group>
            </Card>

            <Stack gap="sm">
              {manage ? (
                <Select
                  label={t('surveys.checkin.who')}
                  data={targets}
                  value={target}
                  allowDeselect={false}
                  onChange={(v) => setTarget(v ?? 'company')}
                  w={{ base: '100%', sm: 360 }}
                  comboboxProps={{ withinPortal: true }}
                />
              ) : (
                <div>
                  <Text size="md" fw={500}>
                    {t('surveys.checkin.who')}
                  </Text>
                  <Text size="sm">{t('surveys.checkin.mineExplained')}</Text>
                </div>
              )}
              {(target === 'department' || target === 'team') &&
                (structure.isPending ? (
                  <Loading />
                ) : structure.isError ? (
                  <ErrorState error={structure.error} onRetry={() => void structure.refetch()} />
                ) : target === 'department' ? (
                  <Select
                    label={t('surveys.checkin.department')}
                    data={structure.data.departments.map((d) => ({ value: d.id, label: d.name }))}
                    value={departmentId}
                    onChange={setDepartmentId}
                    searchable
                    error={tried ? pickError : null}
                    nothingFoundMessage={t('surveys.audience.nothing')}
                    comboboxProps={{ withinPortal: true }}
                  />
                ) : (
                  <Select
                    label={t('surveys.checkin.team')}
                    data={structure.data.teams.map((x) => ({ value: x.id, label: x.name }))}
                    value={teamId}
                    onChange={setTeamId}
                    searchable
                    error={tried ? pickError : null}
                    nothingFoundMessage={t('surveys.audience.nothing')}
                    comboboxProps={{ withinPortal: true }}
                  />
                ))}
              {target === 'line' && (
                <PeopleMultiPicker
                  label={t('surveys.checkin.manager')}
                  description={t('surveys.audience.linesHelp')}
                  value={managers}
                  onChange={setManagers}
                  max={1}
                  error={tried && pickError ? pickError : undefined}
                />
              )}
              <AudiencePreview audience={audience} anonymity={anonymity} />
            </Stack>

            <Group gap="lg" align="flex-end" wrap="wrap">
              <div>
                <Text size="md" fw={500} id="checkin-when-label" mb={4}>
                  {t('surveys.checkin.how')}
                </Text>
                <SegmentedControl
                  aria-labelledby="checkin-when-label"
                  value={weekly ? 'weekly' : 'once'}
                  onChange={(v) => {
                    setWeekly(v === 'weekly');
                    if (v === 'weekly' && Number(days) > MAX_DAYS.weekly) {
                      setDays(MAX_DAYS.weekly);
                    }
                  }}
                  data={[
                    { value: 'once', label: t('surveys.checkin.once') },
                    { value: 'weekly', label: t('surveys.checkin.weekly') },
                  ]}
                />
              </div>
              <NumberInput
                size="md"
                label={t('surveys.checkin.days')}
                min={1}
                max={maxDays}
                allowDecimal={false}
                allowNegative={false}
                value={days}
                onChange={setDays}
                error={tried ? daysError : null}
                w={{ base: '100%', xs: 200 }}
              />
            </Group>
            <Switch
              label={t('surveys.checkin.remind')}
              description={t('surveys.checkin.remindHelp')}
              checked={remind && n > 1}
              disabled={n <= 1}
              onChange={(e) => setRemind(e.currentTarget.checked)}
            />

            <AnonymityChoice
              value={anonymity}
              onChange={setAnonymity}
              threshold={threshold}
              modes={manage ? undefined : ['anonymous', 'confidential']}
            />

            <TextInput
              label={t('surveys.checkin.name')}
              description={t('surveys.checkin.nameHelp')}
              placeholder={t('surveys.checkin.defaultName')}
              maxLength={L.title}
              value={customTitle}
              onChange={(e) => setCustomTitle(e.currentTarget.value)}
            />

            <ErrorAlert error={start.error} />
            <Group justify="flex-end" gap="sm">
              <Button component={Link} to="/listening/surveys" variant="default">
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={start.isPending} leftSection={<IconSend size={18} aria-hidden />}>
                {t('surveys.checkin.start')}
              </Button>
            </Group>
          </Stack>
        </Card>
      </form>
    </>
  );
}
