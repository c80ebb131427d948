import { Box, Grid, Select } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useStructure } from '../../people/hooks/usePeople.js';
import { departmentTree } from '../../results/logic.js';
import { useLoyaltyFormat } from '../hooks/useLoyaltyFormat.js';
import { RANGE_CHOICES, type LoyaltyState, scopeValue } from '../logic.js';
import { ControlsCard, PeriodChoice } from './Controls.js';

/** Which part of the company, which kind of period and how far back; all of it lives in the address. */
export function LoyaltyControls({
  state,
  csvUrl,
  changed,
  onChange,
}: {
  state: LoyaltyState;
  csvUrl: string;
  changed: boolean;
  onChange: (changes: Record<string, string | null>) => void;
}) {
  const { t } = useTranslation();
  const f = useLoyaltyFormat();
  const structure = useStructure();
  const tree = useMemo(() => departmentTree(structure.data?.departments ?? [], f.lng), [structure.data, f.lng]);
  const depth = useMemo(() => new Map(tree.map((d) => [`department:${d.id}`, d.depth])), [tree]);
  const teams = useMemo(
    () => [...(structure.data?.teams ?? [])].sort((a, b) => a.name.localeCompare(b.name, f.lng)),
    [structure.data, f.lng],
  );
  const scopes = [
    { value: 'company', label: t('loyalty.scope.company') },
    ...(tree.length > 0
      ? [{ group: t('loyalty.scope.departments'), items: tree.map((d) => ({ value: `department:${d.id}`, label: d.name })) }]
      : []),
    ...(teams.length > 0
      ? [{ group: t('loyalty.scope.teams'), items: teams.map((tm) => ({ value: `team:${tm.id}`, label: tm.name })) }]
      : []),
  ];
  const scope = scopeValue(state.scope);
  // a scope from the address that is not (or no longer) in the structure still shows, by its kind
  const known = scope === 'company' || depth.has(scope) || teams.some((tm) => `team:${tm.id}` === scope);

  return (
    <ControlsCard
      changed={changed}
      onReset={() => onChange({ scope: null, period: null, range: null, key: null, unit: null })}
      csvUrl={csvUrl}
      csvHint={t('loyalty.controls.csvHint')}
    >
      <Grid.Col span={{ base: 12, md: 5 }}>
        <Select
          label={t('loyalty.controls.scope')}
          data={known ? scopes : [...scopes, { value: scope, label: t(`loyalty.scope.unknown.${state.scope.kind}`) }]}
          value={scope}
          onChange={(v) => onChange({ scope: typeof v === 'string' && v !== 'company' ? v : null })}
          renderOption={({ option }) => <Box pl={(depth.get(String(option.value)) ?? 0) * 14}>{option.label}</Box>}
          allowDeselect={false}
          searchable
          nothingFoundMessage={t('loyalty.controls.nothingFound')}
          size="sm"
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, xs: 6, md: 3 }}>
        <PeriodChoice id="loyalty-period" value={state.period} clear={{ range: null, key: null }} onChange={onChange} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, xs: 6, md: 4 }}>
        <Select
          label={t('loyalty.controls.range')}
          data={RANGE_CHOICES[state.period].map((n) => ({
            value: String(n),
            label: t(`loyalty.controls.last.${state.period}`, { count: n }),
          }))}
          value={String(state.count)}
          onChange={(v) => onChange({ range: v, key: null })}
          allowDeselect={false}
          size="sm"
        />
      </Grid.Col>
    </ControlsCard>
  );
}
