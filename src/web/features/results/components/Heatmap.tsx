import { Box, Group, Stack, Table, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconClockHour4, IconEyeOff, IconHourglass, IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ReactNode } from 'react';
import { Section } from '../../../components/Section.js';
import type { Breakdown, Cell } from '../api.js';
import { useResultsFormat } from '../hooks/useResultsFormat.js';
import { BAND_BACKGROUND, BAND_FLOORS, type Band, driverColumns, driverValue, enpsBand, favourableBand } from '../logic.js';

const numberCell = { fontVariantNumeric: 'tabular-nums', textAlign: 'center', whiteSpace: 'nowrap' } as const;

function ShadedCell({ band, children }: { band: Band | null; children: ReactNode }) {
  return (
    <Table.Td style={{ ...numberCell, background: band === null ? undefined : BAND_BACKGROUND[band], fontWeight: 600 }}>
      {children}
    </Table.Td>
  );
}

const STATUS_ICON = { too_few: IconHourglass, suppressed: IconEyeOff, unavailable: IconAlertTriangle } as const;

/**
 * Drivers by group: one row per group of the breakdown (the whole filter first), one column per
 * driver plus eNPS and the number of answers. Every number is printed; colour only repeats it.
 * Rows that cannot be shown say why, greyed, across the row.
 */
export function Heatmap({ cells, by, threshold }: { cells: Cell[]; by: Breakdown; threshold: number }) {
  const { t } = useTranslation();
  const f = useResultsFormat();
  const shown = cells.filter((c) => c.status === 'shown');
  const drivers = driverColumns(shown);
  const withEnps = shown.some((c) => c.enps !== null);
  const columns = drivers.length + (withEnps ? 1 : 0) + 1;
  const caption = t(`results.heatmap.caption.${by}`);
  const groups = cells.slice(1);

  const reason = (c: Cell) => {
    switch (c.status) {
      case 'too_few':
        return t('results.heatmap.tooFew', { n: threshold });
      case 'suppressed':
        return t('results.heatmap.suppressed');
      case 'unavailable':
        return t('results.heatmap.unavailable');
      case 'shown':
        return '';
    }
  };

  const row = (c: Cell, first: boolean) => {
    const name = first ? t('results.heatmap.overall') : (c.label?.name ?? t('results.heatmap.unnamed'));
    const header = (
      <Table.Th scope="row" style={{ position: 'sticky', left: 0, background: 'var(--mantine-color-body)', zIndex: 1, minWidth: 140 }}>
        <Group gap={6} wrap="nowrap">
          <Text size="sm" fw={first ? 700 : 500} style={{ overflowWrap: 'anywhere' }}>
            {name}
            {c.status !== 'shown' && (
              // on a phone the reason cell is scrolled out of sight: repeat it under the name
              <Text component="span" display="block" size="xs" c="dimmed" hiddenFrom="sm" aria-hidden>
                {reason(c)}
              </Text>
            )}
          </Text>
          {c.status === 'shown' && c.stale && (
            <Tooltip label={t('results.heatmap.stale')} withArrow>
              <Box component="span" style={{ display: 'inline-flex', flexShrink: 0 }}>
                <IconClockHour4 size={16} aria-hidden />
                <VisuallyHidden>{t('results.heatmap.stale')}</VisuallyHidden>
              </Box>
            </Tooltip>
          )}
        </Group>
      </Table.Th>
    );
    if (c.status !== 'shown') {
      const Icon = STATUS_ICON[c.status];
      return (
        <Table.Tr key={c.key} style={{ color: 'var(--mantine-color-dimmed)' }}>
          {header}
          <Table.Td colSpan={columns} style={{ background: 'var(--mantine-color-default-hover)' }}>
            <Group gap={6} wrap="nowrap">
              <Icon size={16} aria-hidden style={{ flexShrink: 0 }} />
              <Text size="sm" c="dimmed">
                {reason(c)}
              </Text>
            </Group>
          </Table.Td>
        </Table.Tr>
      );
    }
    return (
      <Table.Tr key={c.key}>
        {header}
        {drivers.map((d) => {
          const v = driverValue(c, d);
          return (
            <ShadedCell key={d} band={favourableBand(v)}>
              {v === null ? '—' : f.pct(Math.round(v))}
            </ShadedCell>
          );
        })}
        {withEnps && <ShadedCell band={enpsBand(c.enps?.score)}>{c.enps ? f.signed(c.enps.score) : '—'}</ShadedCell>}
        <Table.Td style={numberCell}>{c.responses === null ? '—' : f.number(c.responses)}</Table.Td>
      </Table.Tr>
    );
  };

  return (
    <Section id="results-heatmap" title={t('results.heatmap.title')} description={t(`results.heatmap.description.${by}`)}>
      {groups.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('results.heatmap.empty')}
        </Text>
      ) : (
        <>
          <Box role="region" aria-label={caption} tabIndex={0} style={{ overflowX: 'auto' }}>
            <Table
              aria-label={caption}
              withTableBorder
              withColumnBorders
              fz="sm"
              verticalSpacing={6}
              miw={Math.max(480, 160 + columns * 92)}
            >
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col" style={{ position: 'sticky', left: 0, background: 'var(--mantine-color-body)', zIndex: 1 }}>
                    {t(`results.controls.byOption.${by}`)}
                  </Table.Th>
                  {drivers.map((d) => (
                    <Table.Th key={d} scope="col" style={{ textAlign: 'center' }}>
                      {t(`results.driver.${d}`)}
                    </Table.Th>
                  ))}
                  {withEnps && (
                    <Table.Th scope="col" style={{ textAlign: 'center' }}>
                      {t('results.summary.enps')}
                    </Table.Th>
                  )}
                  <Table.Th scope="col" style={{ textAlign: 'center' }}>
                    {t('results.heatmap.responses')}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {cells[0] && row(cells[0], true)}
                {groups.map((c) => row(c, false))}
              </Table.Tbody>
            </Table>
          </Box>
          <Legend withEnps={withEnps} />
        </>
      )}
    </Section>
  );
}

/** What the colours mean, with their ranges in words. */
function Legend({ withEnps }: { withEnps: boolean }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4} mt="sm">
      <Group component="ul" gap="sm" p={0} m={0} aria-label={t('results.heatmap.legend')} style={{ listStyle: 'none', rowGap: 4 }}>
        {BAND_FLOORS.map((_, i) => (
          <Group component="li" key={i} gap={6} wrap="nowrap">
            <Box
              aria-hidden
              w={18}
              h={14}
              style={{ borderRadius: 3, background: BAND_BACKGROUND[i as Band], border: '1px solid var(--mantine-color-default-border)' }}
            />
            <Text size="xs">{t(`results.heatmap.band.${i}`)}</Text>
          </Group>
        ))}
      </Group>
      <Text size="xs" c="dimmed">
        {t('results.heatmap.legendNote')}
        {withEnps && ` ${t('results.heatmap.enpsLegend')}`}
      </Text>
    </Stack>
  );
}
