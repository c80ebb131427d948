import { Alert, Button, Card, Group, MultiSelect, NumberInput, Stack, Switch, Text, Textarea, TextInput, Title } from '@mantine/core';
import { IconLifebuoy } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { PageHeader } from '../../../components/PageHeader.js';
import { PagedList } from '../../../components/PagedList.js';
import { Empty } from '../../../components/States.js';
import { COMMS_LIMITS } from '../../../../shared/comms.js';
import { useAbility } from '../../auth/hooks/useSession.js';
import { useStructure } from '../../people/hooks/usePeople.js';
import { useChecks, useSafetyErrorText, useSafetyEvents, useStartCheck } from '../hooks.js';
import { CountsText, DrillBadge, StatusBadge, useWhen } from './CheckBits.js';
import { PeopleMultiPicker } from './PeopleMultiPicker.js';

const DEFAULT_REMINDER_MINUTES = 30;

/** Safety checks: start one (drill or real), and the list of past ones. */
export function SafetyChecksPage() {
  const { t } = useTranslation();
  const operator = useAbility('safety.operate');
  useSafetyEvents();
  return (
    <Stack maw={880} mx="auto" gap="lg">
      <PageHeader title={t('safety.title')} description={t('safety.intro')} />
      {operator ? (
        <>
          <StartCheckForm />
          <CheckList />
        </>
      ) : (
        <Empty icon={<IconLifebuoy aria-hidden />} title={t('safety.notOperator.title')} description={t('safety.notOperator.body')} />
      )}
    </Stack>
  );
}

function StartCheckForm() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const structure = useStructure();
  const start = useStartCheck();
  const errorText = useSafetyErrorText();
  const [title, setTitle] = useState('');
  const [message, setMessage] = useState('');
  const [drill, setDrill] = useState(false);
  const [locationIds, setLocationIds] = useState<string[]>([]);
  const [userIds, setUserIds] = useState<string[]>([]);
  const [reminderMinutes, setReminderMinutes] = useState<number>(DEFAULT_REMINDER_MINUTES);
  const [missing, setMissing] = useState(false);

  const locations = (structure.data?.locations ?? []).map((l) => ({
    value: l.id,
    label: t('safety.form.locationOption', { name: l.name, count: l.people }),
  }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (locationIds.length === 0 && userIds.length === 0) {
      setMissing(true);
      return;
    }
    setMissing(false);
    start.mutate(
      { title: title.trim(), message: message.trim() || undefined, drill, locationIds, userIds, reminderMinutes },
      { onSuccess: (check) => void navigate(`/safety/${check.id}`) },
    );
  };

  return (
    <Card withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="safety-start">
      <form onSubmit={submit}>
        <Stack gap="md">
          <Title order={2} size="h3" id="safety-start">
            {t('safety.form.heading')}
          </Title>
          <TextInput
            label={t('safety.form.title')}
            placeholder={t('safety.form.titlePlaceholder')}
            required
            maxLength={COMMS_LIMITS.title}
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
          />
          <Textarea
            label={t('safety.form.message')}
            description={t('safety.form.messageHint')}
            autosize
            minRows={2}
            maxLength={COMMS_LIMITS.body}
            value={message}
            onChange={(e) => setMessage(e.currentTarget.value)}
          />
          <Switch
            size="md"
            label={t('safety.form.drill')}
            description={t('safety.form.drillHint')}
            checked={drill}
            onChange={(e) => setDrill(e.currentTarget.checked)}
          />
          <MultiSelect
            label={t('safety.form.locations')}
            description={t('safety.form.locationsHint')}
            placeholder={locationIds.length === 0 ? t('safety.form.locationsPlaceholder') : undefined}
            data={locations}
            value={locationIds}
            onChange={setLocationIds}
            searchable
            clearable
            nothingFoundMessage={t('safety.form.noLocations')}
            error={missing ? t('safety.form.nobody') : undefined}
          />
          <PeopleMultiPicker label={t('safety.form.people')} value={userIds} onChange={setUserIds} />
          <NumberInput
            label={t('safety.form.reminder')}
            description={t('safety.form.reminderHint')}
            min={5}
            max={1440}
            step={5}
            clampBehavior="strict"
            allowDecimal={false}
            value={reminderMinutes}
            onChange={(v) => setReminderMinutes(typeof v === 'number' ? v : DEFAULT_REMINDER_MINUTES)}
            maw={240}
          />
          {start.isError && (
            <Alert color="red" variant="light" role="alert">
              {errorText(start.error)}
            </Alert>
          )}
          <Group>
            <Button type="submit" size="md" color={drill ? 'blue' : 'red'} loading={start.isPending} disabled={!title.trim()}>
              {drill ? t('safety.form.startDrill') : t('safety.form.start')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function CheckList() {
  const { t } = useTranslation();
  const when = useWhen();
  const checks = useChecks();
  const items = checks.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Stack gap="sm" component="section" aria-labelledby="safety-list">
      <Title order={2} size="h3" id="safety-list">
        {t('safety.list.heading')}
      </Title>
      <PagedList
        query={checks}
        items={items}
        empty={<Empty icon={<IconLifebuoy aria-hidden />} title={t('safety.list.emptyTitle')} description={t('safety.list.emptyBody')} />}
      >
        {(page) => (
          <Stack gap="sm">
            {page.map((c) => (
              <Card key={c.id} withBorder radius="md" component={Link} to={`/safety/${c.id}`}>
                <Stack gap={4}>
                  <Group justify="space-between" wrap="wrap" gap="xs">
                    <Text fw={600}>{c.title}</Text>
                    <Group gap="xs">
                      <DrillBadge drill={c.drill} />
                      <StatusBadge status={c.status} />
                    </Group>
                  </Group>
                  <Text size="sm" c="dimmed">
                    {t('safety.list.started', { when: when(c.startedAt), who: c.startedBy?.name ?? t('safety.someone') })}
                  </Text>
                  <CountsText counts={c.counts} />
                </Stack>
              </Card>
            ))}
          </Stack>
        )}
      </PagedList>
    </Stack>
  );
}
