import { Card, Group, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { PRESETS, type RangeProblem, parseDay, useInsightCampaigns } from '../../insights-api.js';

export type Period = '7' | '30' | '90' | 'custom';

export interface FilterState {
  period: Period;
  from: string;
  to: string;
  campaignId: string;
}

/** Period (7, 30, 90 days or chosen dates) and campaign of the insights. */
export function InsightsFilters({
  state,
  problem,
  onChange,
}: {
  state: FilterState;
  problem: RangeProblem | null;
  onChange: (changes: Partial<FilterState>) => void;
}) {
  const { t } = useTranslation();
  const campaigns = useInsightCampaigns();
  const periodLabel = useId();
  const options = (campaigns.data?.items ?? []).map((c) => ({
    value: c.id,
    label: c.archivedAt ? t('advocacyManage.insights.filters.archived', { name: c.name }) : c.name,
  }));
  const toError =
    problem === 'order'
      ? t('advocacyManage.insights.filters.order')
      : problem === 'tooLong'
        ? t('advocacyManage.insights.filters.tooLong')
        : parseDay(state.to) === null
          ? t('advocacyManage.insights.filters.invalid')
          : undefined;

  return (
    <Card padding="md" component="section" aria-label={t('advocacyManage.insights.filters.label')}>
      <Stack gap="sm">
        <Group gap="sm" align="flex-end" wrap="wrap">
          <Stack gap={4}>
            <Text size="sm" fw={500} id={periodLabel}>
              {t('advocacyManage.insights.filters.period')}
            </Text>
            <SegmentedControl
              aria-labelledby={periodLabel}
              value={state.period}
              onChange={(v) => onChange({ period: v as Period })}
              data={[
                ...PRESETS.map((d) => ({ value: String(d), label: t('advocacyManage.insights.filters.days', { count: d }) })),
                { value: 'custom', label: t('advocacyManage.insights.filters.custom') },
              ]}
            />
          </Stack>
          <Select
            label={t('advocacyManage.insights.filters.campaign')}
            placeholder={t('advocacyManage.insights.filters.allCampaigns')}
            data={options}
            value={state.campaignId || null}
            onChange={(v) => onChange({ campaignId: v ?? '' })}
            clearable
            searchable
            nothingFoundMessage={t('advocacyManage.insights.filters.noCampaigns')}
            style={{ flex: '1 1 220px', minWidth: 0 }}
          />
        </Group>
        {state.period === 'custom' && (
          <SimpleGrid cols={2} spacing="sm" maw={420}>
            <TextInput
              type="date"
              label={t('advocacyManage.insights.filters.from')}
              value={state.from}
              max={state.to}
              onChange={(e) => onChange({ from: e.currentTarget.value })}
              error={parseDay(state.from) === null ? t('advocacyManage.insights.filters.invalid') : undefined}
            />
            <TextInput
              type="date"
              label={t('advocacyManage.insights.filters.to')}
              value={state.to}
              min={state.from}
              onChange={(e) => onChange({ to: e.currentTarget.value })}
              error={toError}
            />
          </SimpleGrid>
        )}
      </Stack>
    </Card>
  );
}
