import { Alert, Group, Loader, MultiSelect, SegmentedControl, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconUsers } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Anonymity } from '../../../../shared/listening.js';
import { ErrorState, Loading } from '../../../components/States.js';
import { departmentPath } from '../../people/api.js';
import { PeopleMultiPicker } from '../../people/components/PeopleMultiPicker.js';
import { useStructure } from '../../people/hooks/usePeople.js';
import type { Audience, PersonRef } from '../api.js';
import { useAudiencePreview } from '../hooks/useSurveys.js';
import { audienceIsEmpty, belowThreshold, type AudienceMode } from '../logic.js';
import { useSurveysErrorText } from '../errors.js';

/** Most managers whose lines one audience can name. */
const MANAGERS_MAX = 50;

export interface AudienceValue {
  audienceMode: AudienceMode;
  departmentIds: string[];
  teamIds: string[];
  locationIds: string[];
  lineOf: string[];
}

/** Who a survey asks: everyone, or departments (with their sub-departments), teams, offices and managers' lines. */
export function AudienceFields({
  value,
  onChange,
  managers = [],
  disabled = false,
}: {
  value: AudienceValue;
  onChange: (patch: Partial<AudienceValue>) => void;
  /** The managers already named, so that their names show before any search. */
  managers?: readonly PersonRef[];
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const structure = useStructure();
  const options = useMemo(() => {
    const s = structure.data;
    if (!s) {
      return { departments: [], teams: [], locations: [] };
    }
    const byId = new Map(s.departments.map((d) => [d.id, d]));
    const label = (name: string, people: number) => t('surveys.audience.option', { name, count: people });
    return {
      departments: s.departments
        .map((d) => ({ value: d.id, label: label(departmentPath(d, byId), d.people) }))
        .sort((a, b) => a.label.localeCompare(b.label)),
      teams: s.teams.map((x) => ({ value: x.id, label: label(x.name, x.people) })),
      locations: s.locations.map((x) => ({ value: x.id, label: label(x.name, x.people) })),
    };
  }, [structure.data, t]);

  return (
    <Stack gap="md">
      <div>
        <Text size="md" fw={500} id="audience-mode-label" mb={4}>
          {t('surveys.audience.mode')}
        </Text>
        <SegmentedControl
          aria-labelledby="audience-mode-label"
          value={value.audienceMode}
          onChange={(v) => onChange({ audienceMode: v })}
          disabled={disabled}
          data={[
            { value: 'all', label: t('surveys.audience.all') },
            { value: 'groups', label: t('surveys.audience.groups') },
          ]}
        />
      </div>
      {value.audienceMode === 'groups' &&
        (structure.isPending ? (
          <Loading />
        ) : structure.isError ? (
          <ErrorState error={structure.error} onRetry={() => void structure.refetch()} />
        ) : (
          <Stack gap="sm">
            <Text size="sm" c="dimmed">
              {t('surveys.audience.groupsHelp')}
            </Text>
            <MultiSelect
              label={t('surveys.audience.departments')}
              description={t('surveys.audience.departmentsHelp')}
              data={options.departments}
              value={value.departmentIds}
              onChange={(departmentIds) => onChange({ departmentIds })}
              searchable
              clearable
              disabled={disabled}
              nothingFoundMessage={t('surveys.audience.nothing')}
              comboboxProps={{ withinPortal: true }}
            />
            <MultiSelect
              label={t('surveys.audience.teams')}
              data={options.teams}
              value={value.teamIds}
              onChange={(teamIds) => onChange({ teamIds })}
              searchable
              clearable
              disabled={disabled}
              nothingFoundMessage={t('surveys.audience.nothing')}
              comboboxProps={{ withinPortal: true }}
            />
            <MultiSelect
              label={t('surveys.audience.locations')}
              data={options.locations}
              value={value.locationIds}
              onChange={(locationIds) => onChange({ locationIds })}
              searchable
              clearable
              disabled={disabled}
              nothingFoundMessage={t('surveys.audience.nothing')}
              comboboxProps={{ withinPortal: true }}
            />
            <PeopleMultiPicker
              label={t('surveys.audience.lines')}
              description={t('surveys.audience.linesHelp')}
              value={value.lineOf}
              onChange={(lineOf) => onChange({ lineOf })}
              max={MANAGERS_MAX}
              initial={managers}
            />
          </Stack>
        ))}
    </Stack>
  );
}

/**
 * How many people the audience invites now, said as it changes, with a warning when too few are
 * invited for results ever to be shown.
 */
export function AudiencePreview({
  audience,
  threshold: asked,
  anonymity,
}: {
  audience: Audience;
  /** The survey's threshold; the organisation's when not given. */
  threshold?: number;
  anonymity: Anonymity;
}) {
  const { t } = useTranslation();
  const errorText = useSurveysErrorText();
  const empty = audienceIsEmpty(audience);
  const preview = useAudiencePreview(audience);
  let line;
  if (empty) {
    line = <Text size="sm">{t('surveys.audience.pickSomeone')}</Text>;
  } else if (preview.isPending || preview.isFetching) {
    line = (
      <Group gap="xs">
        <Loader size="xs" aria-hidden />
        <Text size="sm">{t('surveys.audience.counting')}</Text>
      </Group>
    );
  } else if (preview.isError) {
    line = (
      <Text size="sm" c="red">
        {errorText(preview.error)}
      </Text>
    );
  } else {
    line = (
      <Group gap="xs">
        <IconUsers size={18} aria-hidden />
        <Text size="sm" fw={600}>
          {t('surveys.audience.invited', { count: preview.data.invited })}
        </Text>
      </Group>
    );
  }
  const invited = preview.data?.invited ?? null;
  const threshold = asked ?? preview.data?.threshold ?? 0;
  const warn = !empty && invited !== null && !preview.isFetching && (invited === 0 || belowThreshold(invited, threshold, anonymity));
  return (
    <Stack gap="xs">
      <div role="status" aria-live="polite">
        {line}
      </div>
      {warn && (
        <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden />}>
          {invited === 0 ? t('surveys.audience.nobody') : t('surveys.audience.tooFew', { count: invited, threshold })}
        </Alert>
      )}
    </Stack>
  );
}
