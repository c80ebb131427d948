import { Badge, Box, Button, Card, Grid, Group, Select, Text } from '@mantine/core';
import { IconDownload, IconLock, IconRestore } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Breakdown, ResultFilter, ResultsOverview, ResultsRound } from '../api.js';
import { useResultsFormat } from '../hooks/useResultsFormat.js';
import { BREAKDOWNS, departmentTree, hasFilter } from '../logic.js';

export type Changes = Record<string, string | null>;

/** Which round, which group and which breakdown the page shows; all of it lives in the address. */
export function ResultsControls({
  overview,
  round,
  filter,
  by,
  csvUrl,
  onChange,
}: {
  overview: ResultsOverview;
  round: ResultsRound | null;
  filter: ResultFilter;
  by: Breakdown | null;
  csvUrl: string | null;
  onChange: (changes: Changes) => void;
}) {
  const { t } = useTranslation();
  const f = useResultsFormat();
  const { filters, scope, rounds } = overview;
  const tree = useMemo(() => departmentTree(filters.departments, f.lng), [filters.departments, f.lng]);
  const depth = useMemo(() => new Map(tree.map((d) => [d.id, d.depth])), [tree]);
  const options = {
    department: tree.map((d) => ({ value: d.id, label: d.name })),
    team: filters.teams.map((x) => ({ value: x.id, label: x.name })),
    location: filters.locations.map((x) => ({ value: x.id, label: x.name })),
    line: filters.lines.map((x) => ({ value: x.id, label: x.name })),
  } satisfies Record<Breakdown, { value: string; label: string }[]>;
  const dimensions = BREAKDOWNS.filter((d) => options[d].length > 0);

  const roundLabel = (r: ResultsRound) =>
    t(r.status === 'open' ? 'results.controls.roundOpen' : 'results.controls.roundOption', { number: r.number, date: f.date(r.opensAt) });

  return (
    <Card padding="md" mb="lg" component="section" aria-label={t('results.controls.label')}>
      {scope.kind === 'line' && (
        <Group gap="xs" mb="sm" wrap="wrap">
          <Badge size="lg" radius="sm" variant="light" leftSection={<IconLock size={14} aria-hidden />} style={{ textTransform: 'none' }}>
            {t('results.controls.scopeLine', { name: scope.name })}
          </Badge>
          <Text size="xs" c="dimmed">
            {t('results.controls.scopeHint')}
          </Text>
        </Group>
      )}
      <Grid gap="sm" align="flex-end">
        {rounds.length > 0 && round && (
          <Grid.Col span={{ base: 12, xs: 6, md: 4 }}>
            <Select
              label={t('results.controls.round')}
              data={rounds.map((r) => ({ value: r.id, label: roundLabel(r) }))}
              value={round.id}
              onChange={(v) => onChange({ round: v === rounds[0]?.id ? null : v })}
              allowDeselect={false}
              readOnly={rounds.length < 2}
              size="sm"
            />
          </Grid.Col>
        )}
        {dimensions.map((d) => (
          <Grid.Col key={d} span={{ base: 6, md: 4 }}>
            <Select
              label={t(`results.controls.${d}`)}
              placeholder={t('results.controls.any')}
              data={options[d]}
              value={filter[d] ?? null}
              onChange={(v) => onChange({ [d]: v })}
              renderOption={
                d === 'department' ? ({ option }) => <Box pl={(depth.get(option.value) ?? 0) * 14}>{option.label}</Box> : undefined
              }
              clearable
              searchable
              nothingFoundMessage={t('results.controls.nothingFound')}
              size="sm"
            />
          </Grid.Col>
        ))}
        {dimensions.length > 0 && (
          <Grid.Col span={{ base: 12, xs: 6, md: 4 }}>
            <Select
              label={t('results.controls.by')}
              data={[
                { value: 'none', label: t('results.controls.byNone') },
                ...dimensions.map((d) => ({ value: d, label: t(`results.controls.byOption.${d}`) })),
              ]}
              value={by ?? 'none'}
              onChange={(v) => onChange({ by: v === 'none' ? null : v })}
              allowDeselect={false}
              size="sm"
            />
          </Grid.Col>
        )}
      </Grid>
      <Group justify="space-between" mt="sm" gap="xs" wrap="wrap">
        <Group gap="xs">
          {(hasFilter(filter) || by) && (
            <Button
              size="compact-sm"
              variant="subtle"
              leftSection={<IconRestore size={16} aria-hidden />}
              onClick={() => onChange({ department: null, team: null, location: null, line: null, by: null })}
            >
              {t('results.controls.reset')}
            </Button>
          )}
        </Group>
        {csvUrl && (
          <Group gap="xs" wrap="nowrap">
            <Text size="xs" c="dimmed" visibleFrom="sm">
              {t('results.controls.csvHint')}
            </Text>
            <Button
              component="a"
              href={csvUrl}
              download
              size="compact-sm"
              variant="default"
              leftSection={<IconDownload size={16} aria-hidden />}
              title={t('results.controls.csvHint')}
            >
              {t('results.controls.csv')}
            </Button>
          </Group>
        )}
      </Group>
    </Card>
  );
}
