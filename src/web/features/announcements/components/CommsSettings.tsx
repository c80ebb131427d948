import { Button, Group, NumberInput, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState, Loading } from '../../../components/States.js';
import type { CommsSettingsValues } from '../api.js';
import { useCommsSettings, useSaveCommsSettings } from '../hooks/useAnnouncements.js';
import { toast } from '../toast.js';
import { useAnnouncementsErrorText } from './AnnouncementBits.js';

const MB = 1024 * 1024;

/** Communication settings for administrators: the broadcast limit, escalation, reminders, file and video sizes. */
export function CommsSettings() {
  const { t } = useTranslation();
  const query = useCommsSettings();
  const save = useSaveCommsSettings();
  const errorText = useAnnouncementsErrorText();
  const [form, setForm] = useState<CommsSettingsValues | null>(null);
  useEffect(() => {
    if (query.data) {
      setForm(query.data);
    }
  }, [query.data]);
  if (query.isPending) {
    return <Loading />;
  }
  if (query.isError) {
    return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  }
  if (!form) {
    return null;
  }
  const num = (v: string | number, fallback: number) => (typeof v === 'number' ? v : Number.parseInt(v, 10) || fallback);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(form, {
          onSuccess: () => toast(t('announcements.settings.saved')),
          onError: (err) => toast(errorText(err), 'red'),
        });
      }}
    >
      <Stack gap="md" maw={520}>
        <Title order={2} fz={20}>
          {t('announcements.settings.title')}
        </Title>
        <Text c="dimmed">{t('announcements.settings.intro')}</Text>
        <NumberInput
          label={t('announcements.settings.broadcastAudienceLimit')}
          description={t('announcements.settings.broadcastAudienceLimitHelp')}
          min={0}
          max={10_000_000}
          value={form.broadcastAudienceLimit}
          onChange={(v) => setForm({ ...form, broadcastAudienceLimit: num(v, 0) })}
        />
        <NumberInput
          label={t('announcements.settings.reminderHours')}
          description={t('announcements.settings.reminderHoursHelp')}
          min={1}
          max={720}
          value={form.reminderHours}
          onChange={(v) => setForm({ ...form, reminderHours: num(v, 24) })}
        />
        <NumberInput
          label={t('announcements.settings.escalationMinutes')}
          description={t('announcements.settings.escalationMinutesHelp')}
          min={5}
          max={10_080}
          value={form.escalationMinutes}
          onChange={(v) => setForm({ ...form, escalationMinutes: num(v, 120) })}
        />
        <NumberInput
          label={t('announcements.settings.fileMaxMb')}
          min={1}
          max={5 * 1024}
          value={Math.round(form.fileMaxBytes / MB)}
          onChange={(v) => setForm({ ...form, fileMaxBytes: num(v, 50) * MB })}
        />
        <NumberInput
          label={t('announcements.settings.videoMaxMb')}
          min={1}
          max={20 * 1024}
          value={Math.round(form.videoMaxBytes / MB)}
          onChange={(v) => setForm({ ...form, videoMaxBytes: num(v, 500) * MB })}
        />
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('announcements.settings.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
