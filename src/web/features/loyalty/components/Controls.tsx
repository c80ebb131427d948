import { Button, Card, Grid, Group, Input, SegmentedControl, Stack, Text } from '@mantine/core';
import { IconDownload, IconRestore } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Period } from '../api.js';

/** A labelled segmented control: the label names the group of choices for screen readers too. */
export function Choice({
  id,
  label,
  value,
  data,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  data: { value: string; label: string }[];
  onChange: (v: string) => void;
}) {
  return (
    <Stack gap={4}>
      <Input.Label labelElement="div" id={id}>
        {label}
      </Input.Label>
      <SegmentedControl size="sm" value={value} onChange={onChange} data={data} aria-labelledby={id} fullWidth />
    </Stack>
  );
}

/**
 * Months or quarters. Quarters are the default, so they leave the address; a new kind of period
 * also forgets whatever in `clear` was chosen for the old one.
 */
export function PeriodChoice({
  id,
  value,
  clear,
  onChange,
}: {
  id: string;
  value: Period;
  clear: Record<string, null>;
  onChange: (changes: Record<string, string | null>) => void;
}) {
  const { t } = useTranslation();
  return (
    <Choice
      id={id}
      label={t('loyalty.controls.period')}
      value={value}
      onChange={(v) => onChange({ period: v === 'month' ? 'month' : null, ...clear })}
      data={[
        { value: 'month', label: t('loyalty.period.month') },
        { value: 'quarter', label: t('loyalty.period.quarter') },
      ]}
    />
  );
}

/** The frame of a dashboard's controls: the choices, then a way back to the defaults and the CSV export. */
export function ControlsCard({
  children,
  note,
  changed,
  onReset,
  csvUrl,
  csvHint,
}: {
  /** The grid's columns. */
  children: ReactNode;
  /** A line under the choices, if the dashboard needs one. */
  note?: ReactNode;
  changed: boolean;
  onReset: () => void;
  csvUrl: string;
  /** What the export holds, and what it leaves out. */
  csvHint: string;
}) {
  const { t } = useTranslation();
  return (
    <Card padding="md" mb="lg" component="section" aria-label={t('loyalty.controls.label')}>
      <Grid gap="sm" align="flex-end">
        {children}
      </Grid>
      {note}
      <Group justify="space-between" mt="sm" gap="xs" wrap="wrap">
        <Group gap="xs">
          {changed && (
            <Button size="compact-sm" variant="subtle" leftSection={<IconRestore size={16} aria-hidden />} onClick={onReset}>
              {t('loyalty.controls.reset')}
            </Button>
          )}
        </Group>
        <Group gap="xs" wrap="nowrap">
          <Text size="xs" c="dimmed" visibleFrom="sm">
            {csvHint}
          </Text>
          <Button
            component="a"
            href={csvUrl}
            download
            size="compact-sm"
            variant="default"
            leftSection={<IconDownload size={16} aria-hidden />}
            title={csvHint}
          >
            {t('loyalty.controls.csv')}
          </Button>
        </Group>
      </Group>
    </Card>
  );
}
