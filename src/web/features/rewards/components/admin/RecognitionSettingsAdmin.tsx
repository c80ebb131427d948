import { Button, Fieldset, Group, MultiSelect, NumberInput, Stack, Switch, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconDeviceFloppy } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { LEADERBOARDS } from '../../../../../shared/recognition.js';
import { Section } from '../../../../components/Section.js';
import { ErrorState, Loading } from '../../../../components/States.js';
import { currentLanguage } from '../../../../i18n/index.js';
import { useStructure } from '../../../people/hooks/usePeople.js';
import type { RecognitionSettings } from '../../api.js';
import { useRecognitionSettings, useUpdateSettings } from '../../hooks/useRecognitionAdmin.js';
import { useValidators } from '../../hooks/useValidators.js';
import { countryGroups } from '../../logic.js';
import { toast } from '../../toast.js';
import { ErrorAlert } from '../ErrorAlert.js';
import { ALLOWANCE_MAX, AllowanceRules } from './AllowanceRules.js';

const RECIPIENT_LIMIT_MAX = 100_000;
const RECIPIENT_DAYS_MAX = 366;

/** How recognition works in the company: values, points and where they apply, allowances, leaderboards, celebrations. */
export function RecognitionSettingsAdmin() {
  const settings = useRecognitionSettings();
  if (settings.isPending) {
    return <Loading />;
  }
  if (settings.isError) {
    return <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />;
  }
  return (
    <Stack gap="lg">
      <SettingsForm settings={settings.data} />
      <AllowanceRules defaultAllowance={settings.data.defaultAllowance} />
    </Stack>
  );
}

function SettingsForm({ settings }: { settings: RecognitionSettings }) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const structure = useStructure();
  const save = useUpdateSettings();
  const valid = useValidators();
  const form = useForm<RecognitionSettings>({
    initialValues: settings,
    validate: {
      defaultAllowance: valid.whole(0, ALLOWANCE_MAX),
      recipientLimit: valid.whole(0, RECIPIENT_LIMIT_MAX),
      recipientLimitDays: valid.whole(1, RECIPIENT_DAYS_MAX),
    },
  });

  const countries = useMemo(() => {
    const groups = countryGroups(
      (structure.data?.locations ?? []).map((l) => l.country),
      form.values.gamificationOffCountries,
      lng,
    );
    return [
      ...(groups.offices.length > 0 ? [{ group: t('rewards.settings.officeCountries'), items: groups.offices }] : []),
      { group: t('rewards.settings.otherCountries'), items: groups.others },
    ];
  }, [structure.data, form.values.gamificationOffCountries, lng, t]);

  const submit = (v: RecognitionSettings) =>
    save.mutate(
      {
        ...v,
        defaultAllowance: Number(v.defaultAllowance),
        recipientLimit: Number(v.recipientLimit),
        recipientLimitDays: Number(v.recipientLimitDays),
      },
      {
        onSuccess: (s) => {
          form.setInitialValues(s);
          form.setValues(s);
          form.resetDirty(s);
          toast(t('rewards.settings.saved'));
        },
      },
    );

  return (
    <form onSubmit={form.onSubmit(submit)} noValidate>
      <Stack gap="lg">
        <Section id="recognition-kudos" title={t('rewards.settings.kudosTitle')}>
          <Switch
            label={t('rewards.settings.requireValue')}
            description={t('rewards.settings.requireValueHint')}
            {...form.getInputProps('requireValue', { type: 'checkbox' })}
          />
        </Section>

        <Section id="recognition-points" title={t('rewards.settings.pointsTitle')} description={t('rewards.settings.pointsIntro')}>
          <Stack gap="md">
            <Switch
              label={t('rewards.settings.gamification')}
              description={t('rewards.settings.gamificationHint')}
              {...form.getInputProps('gamification', { type: 'checkbox' })}
            />
            <MultiSelect
              label={t('rewards.settings.offCountries')}
              description={t('rewards.settings.offCountriesHint')}
              placeholder={form.values.gamificationOffCountries.length === 0 ? t('rewards.settings.offCountriesNone') : undefined}
              data={countries}
              searchable
              clearable
              nothingFoundMessage={t('rewards.settings.noCountry')}
              comboboxProps={{ withinPortal: true }}
              {...form.getInputProps('gamificationOffCountries')}
            />
            <NumberInput
              size="md"
              label={t('rewards.settings.defaultAllowance')}
              description={t('rewards.settings.defaultAllowanceHint')}
              min={0}
              max={ALLOWANCE_MAX}
              step={10}
              allowDecimal={false}
              allowNegative={false}
              thousandSeparator={lng === 'it' ? '.' : ','}
              decimalSeparator={lng === 'it' ? ',' : '.'}
              w={{ base: '100%', xs: 360 }}
              {...form.getInputProps('defaultAllowance')}
            />
            <Fieldset
              variant="unstyled"
              legend={
                <Text size="md" fw={600}>
                  {t('rewards.settings.recipientLimit')}
                </Text>
              }
            >
              <Text size="sm" c="dimmed" mb={6}>
                {t('rewards.settings.recipientLimitHint')}
              </Text>
              <Group gap="sm" align="flex-start">
                <NumberInput
                  size="md"
                  label={t('rewards.settings.recipientPoints')}
                  min={0}
                  max={RECIPIENT_LIMIT_MAX}
                  allowDecimal={false}
                  allowNegative={false}
                  w={{ base: '100%', xs: 220 }}
                  {...form.getInputProps('recipientLimit')}
                />
                <NumberInput
                  size="md"
                  label={t('rewards.settings.recipientDays')}
                  min={1}
                  max={RECIPIENT_DAYS_MAX}
                  allowDecimal={false}
                  allowNegative={false}
                  w={{ base: '100%', xs: 220 }}
                  {...form.getInputProps('recipientLimitDays')}
                />
              </Group>
            </Fieldset>
          </Stack>
        </Section>

        <Section id="recognition-boards" title={t('rewards.settings.boardsTitle')} description={t('rewards.settings.boardsIntro')}>
          <Stack gap="sm">
            {LEADERBOARDS.map((b) => (
              <Switch
                key={b}
                label={t(`rewards.settings.boards.${b}`)}
                {...form.getInputProps(`leaderboards.${b}`, { type: 'checkbox' })}
              />
            ))}
          </Stack>
        </Section>

        <Section
          id="recognition-celebrations"
          title={t('rewards.settings.celebrationsTitle')}
          description={t('rewards.settings.celebrationsIntro')}
        >
          <Stack gap="sm">
            <Switch label={t('rewards.settings.anniversaries')} {...form.getInputProps('anniversaries', { type: 'checkbox' })} />
            <Switch
              label={t('rewards.settings.birthdays')}
              description={t('rewards.settings.birthdaysHint')}
              {...form.getInputProps('birthdays', { type: 'checkbox' })}
            />
          </Stack>
        </Section>

        <ErrorAlert error={save.error} />
        <Group justify="flex-end">
          <Button type="submit" leftSection={<IconDeviceFloppy size={18} aria-hidden />} loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
