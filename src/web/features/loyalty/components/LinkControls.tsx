import { Grid, NumberInput, Select, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLoyaltyFormat } from '../hooks/useLoyaltyFormat.js';
import { LINK_KEY_COUNT, type LinkState, WINDOW_LIMITS, recentKeys } from '../logic.js';
import { Choice, ControlsCard, PeriodChoice } from './Controls.js';

/** Which units, which period, the lag, the window and the customer measure; all of it lives in the address. */
export function LinkControls({
  state,
  defaultWindow,
  csvUrl,
  changed,
  onChange,
}: {
  state: LinkState;
  defaultWindow: number;
  csvUrl: string;
  changed: boolean;
  onChange: (changes: Record<string, string | null>) => void;
}) {
  const { t } = useTranslation();
  const f = useLoyaltyFormat();
  const keys = recentKeys(state.period, LINK_KEY_COUNT[state.period]);
  const options = (keys.includes(state.key) ? keys : [state.key, ...keys]).map((k) => ({ value: k, label: f.period(k) }));
  // the field may be empty or out of range while someone types; only a whole number of months in range is asked for
  const [draft, setDraft] = useState<string | number>(state.window);
  useEffect(() => setDraft(state.window), [state.window]);

  return (
    <ControlsCard
      note={
        <Text size="xs" c="dimmed" mt="sm">
          {t(`loyalty.link.lagHint.${state.lag}`, { count: state.window })}
        </Text>
      }
      changed={changed}
      onReset={() => onChange({ unit: null, period: null, key: null, lag: null, window: null, measure: null })}
      csvUrl={csvUrl}
      csvHint={t('loyalty.link.csvHint')}
    >
      <Grid.Col span={{ base: 12, xs: 6, md: 4 }}>
        <Choice
          id="link-unit"
          label={t('loyalty.link.controls.unit')}
          value={state.unit}
          onChange={(v) => onChange({ unit: v === 'department' ? 'department' : null })}
          data={[
            { value: 'team', label: t('loyalty.unit.teams') },
            { value: 'department', label: t('loyalty.unit.departments') },
          ]}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, xs: 6, md: 4 }}>
        <PeriodChoice id="link-period" value={state.period} clear={{ key: null }} onChange={onChange} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, xs: 6, md: 4 }}>
        <Select
          label={t('loyalty.link.controls.key')}
          data={options}
          value={state.key}
          onChange={(v) => onChange({ key: typeof v === 'string' ? v : null })}
          allowDeselect={false}
          size="sm"
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, xs: 6, md: 4 }}>
        <Choice
          id="link-lag"
          label={t('loyalty.link.controls.lag')}
          value={String(state.lag)}
          onChange={(v) => onChange({ lag: v === '1' ? '1' : null })}
          data={[
            { value: '0', label: t('loyalty.link.lag.0') },
            { value: '1', label: t('loyalty.link.lag.1') },
          ]}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, xs: 6, md: 4 }}>
        <NumberInput
          label={t('loyalty.link.controls.window')}
          description={t('loyalty.link.controls.windowHint', { count: defaultWindow })}
          min={WINDOW_LIMITS.min}
          max={WINDOW_LIMITS.max}
          allowDecimal={false}
          allowNegative={false}
          clampBehavior="blur"
          value={draft}
          onChange={(v) => {
            setDraft(v);
            const n = typeof v === 'number' ? v : Number.NaN;
            if (Number.isInteger(n) && n >= WINDOW_LIMITS.min && n <= WINDOW_LIMITS.max) {
              onChange({ window: n === defaultWindow ? null : String(n) });
            }
          }}
          suffix={` ${t('loyalty.link.controls.months')}`}
          size="sm"
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, xs: 6, md: 4 }}>
        <Choice
          id="link-measure"
          label={t('loyalty.link.controls.measure')}
          value={state.measure}
          onChange={(v) => onChange({ measure: v === 'csat' || v === 'retention' ? v : null })}
          data={[
            { value: 'nps', label: t('loyalty.summary.nps') },
            { value: 'csat', label: t('loyalty.summary.csat') },
            { value: 'retention', label: t('loyalty.summary.retention') },
          ]}
        />
      </Grid.Col>
    </ControlsCard>
  );
}
