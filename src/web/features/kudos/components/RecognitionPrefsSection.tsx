import { Button, Group, Select, Skeleton, Stack, Switch, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Section } from '../../../components/Section.js';
import { ErrorState, FormError } from '../../../components/States.js';
import { dateLocale } from '../../../components/format.js';
import { currentLanguage } from '../../../i18n/index.js';
import type { RecognitionPrefs } from '../api.js';
import { useRecognitionPrefs, useSavePrefs } from '../hooks/useKudos.js';
import { daysInMonth, formatBirthday, parseBirthday } from '../logic.js';

/** Settings › Recognition: stay off leaderboards, and whether (and when) the company celebrates one's birthday. */
export function RecognitionPrefsSection() {
  const { t } = useTranslation();
  const prefs = useRecognitionPrefs();
  return (
    <Section id="settings-recognition" title={t('kudos.prefs.title')} description={t('kudos.prefs.intro')}>
      {prefs.isPending ? (
        <Stack gap="sm">
          <Skeleton height={24} width="60%" />
          <Skeleton height={24} width="50%" />
        </Stack>
      ) : prefs.isError ? (
        <ErrorState error={prefs.error} onRetry={() => void prefs.refetch()} />
      ) : (
        <PrefsForm prefs={prefs.data} />
      )}
    </Section>
  );
}

function PrefsForm({ prefs }: { prefs: RecognitionPrefs }) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const save = useSavePrefs();
  const start = parseBirthday(prefs.birthday);
  const [hide, setHide] = useState(prefs.hideFromLeaderboards);
  const [celebrate, setCelebrate] = useState(prefs.celebrateBirthday);
  const [month, setMonth] = useState<number | null>(start?.month ?? null);
  const [day, setDay] = useState<number | null>(start?.day ?? null);
  const [dateError, setDateError] = useState<string | null>(null);

  // a fresh copy from the server (e.g. after saving) resets the form
  useEffect(() => {
    const b = parseBirthday(prefs.birthday);
    setHide(prefs.hideFromLeaderboards);
    setCelebrate(prefs.celebrateBirthday);
    setMonth(b?.month ?? null);
    setDay(b?.day ?? null);
  }, [prefs]);

  const months = useMemo(() => {
    const fmt = new Intl.DateTimeFormat(dateLocale(lng), { month: 'long', timeZone: 'UTC' });
    return Array.from({ length: 12 }, (_, i) => ({ value: String(i + 1), label: fmt.format(new Date(Date.UTC(2000, i, 1))) }));
  }, [lng]);
  const days = useMemo(
    () => Array.from({ length: month ? daysInMonth(month) : 31 }, (_, i) => ({ value: String(i + 1), label: String(i + 1) })),
    [month],
  );

  const birthday = formatBirthday(month, day);
  const changed = hide !== prefs.hideFromLeaderboards || celebrate !== prefs.celebrateBirthday || birthday !== prefs.birthday;

  const submit = () => {
    if ((month === null) !== (day === null) || (month !== null && !birthday)) {
      setDateError(t('kudos.prefs.birthdayIncomplete'));
      return;
    }
    if (celebrate && !birthday) {
      setDateError(t('kudos.prefs.birthdayNeeded'));
      return;
    }
    setDateError(null);
    save.mutate(
      { hideFromLeaderboards: hide, celebrateBirthday: celebrate, birthday },
      { onSuccess: () => notifications.show({ color: 'teal', message: t('kudos.prefs.saved') }) },
    );
  };

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Stack gap="lg">
        <Switch
          checked={hide}
          onChange={(e) => setHide(e.currentTarget.checked)}
          label={t('kudos.prefs.hideFromLeaderboards')}
          description={t('kudos.prefs.hideFromLeaderboardsHelp')}
        />
        <fieldset style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
          <Text component="legend" fw={500} size="sm" p={0}>
            {t('kudos.prefs.birthday')}
          </Text>
          <Text size="xs" c="dimmed" mb={6}>
            {t('kudos.prefs.birthdayHelp')}
          </Text>
          <Group gap="sm" align="flex-start" wrap="wrap">
            <Select
              label={t('kudos.prefs.month')}
              data={months}
              value={month ? String(month) : null}
              onChange={(v) => {
                const m = v ? Number(v) : null;
                setMonth(m);
                if (m && day && day > daysInMonth(m)) {
                  setDay(null);
                }
                setDateError(null);
              }}
              clearable
              w={170}
              size="sm"
              allowDeselect
            />
            <Select
              label={t('kudos.prefs.day')}
              data={days}
              value={day ? String(day) : null}
              onChange={(v) => {
                setDay(v ? Number(v) : null);
                setDateError(null);
              }}
              clearable
              w={100}
              size="sm"
              allowDeselect
            />
          </Group>
          {dateError && (
            <Text size="sm" c="red.8" mt={6} role="alert">
              {dateError}
            </Text>
          )}
        </fieldset>
        <Switch
          checked={celebrate}
          onChange={(e) => {
            setCelebrate(e.currentTarget.checked);
            setDateError(null);
          }}
          label={t('kudos.prefs.celebrateBirthday')}
          description={t('kudos.prefs.celebrateBirthdayHelp')}
        />
        <FormError error={save.error} />
        <Group>
          <Button type="submit" loading={save.isPending} disabled={!changed}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
