import { Button, Group, Select, SegmentedControl, Table, Text } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { LoadMore } from '../../../components/LoadMore.js';
import { Section } from '../../../components/Section.js';
import { ErrorState, Loading } from '../../../components/States.js';
import type { LinkUnit, LoyaltyUnitRow, Period } from '../api.js';
import { useLoyaltyUnits } from '../hooks/useLoyalty.js';
import { useLoyaltyFormat } from '../hooks/useLoyaltyFormat.js';
import { Counted } from './Counted.js';

/** Each team's or department's loyalty in one period, a page at a time. */
export function UnitsTable({
  period,
  keys,
  chosenKey,
  unit,
  csvUrl,
  onChange,
}: {
  period: Period;
  /** The periods on offer, newest first. */
  keys: string[];
  chosenKey: string | null;
  unit: LinkUnit;
  csvUrl: string;
  onChange: (changes: Record<string, string | null>) => void;
}) {
  const { t } = useTranslation();
  const f = useLoyaltyFormat();
  const key = chosenKey && keys.includes(chosenKey) ? chosenKey : (keys[0] ?? null);
  const units = useLoyaltyUnits(key ? { unit, period, key } : null);
  const rows: LoyaltyUnitRow[] = units.data?.pages.flatMap((p) => p.items) ?? [];
  const caption = t(`loyalty.table.caption.${unit}`, { period: key ? f.period(key) : '' });

  return (
    <Section
      id="loyalty-units"
      title={t(`loyalty.table.title.${unit}`)}
      description={t('loyalty.table.description')}
      actions={
        <Button
          component="a"
          href={csvUrl}
          download
          size="compact-sm"
          variant="default"
          leftSection={<IconDownload size={16} aria-hidden />}
        >
          {t('loyalty.table.csv')}
        </Button>
      }
    >
      <Group gap="sm" mb="md" align="flex-end" wrap="wrap">
        <SegmentedControl
          size="sm"
          value={unit}
          onChange={(v) => onChange({ unit: v === 'department' ? 'department' : null })}
          data={[
            { value: 'team', label: t('loyalty.unit.team') },
            { value: 'department', label: t('loyalty.unit.department') },
          ]}
          aria-label={t('loyalty.table.unit')}
        />
        <Select
          label={t('loyalty.table.period')}
          data={keys.map((k) => ({ value: k, label: f.period(k) }))}
          value={key}
          onChange={(v) => onChange({ key: v === keys[0] ? null : v })}
          allowDeselect={false}
          size="sm"
          w={180}
        />
      </Group>
      {units.isPending && key ? (
        <Loading />
      ) : units.isError ? (
        <ErrorState error={units.error} onRetry={() => void units.refetch()} />
      ) : rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t(`loyalty.table.empty.${unit}`)}
        </Text>
      ) : (
        <>
          {/* a table wider than a phone scrolls; its area takes focus so the keyboard can scroll it */}
          <div role="region" aria-label={caption} tabIndex={0} style={{ overflowX: 'auto' }} aria-busy={units.isFetching}>
            <Table striped withTableBorder fz="sm" verticalSpacing={6} miw={720}>
              <Table.Caption>{caption}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t(`loyalty.unit.${unit}`)}</Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('loyalty.summary.nps')}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('loyalty.summary.csat')}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('loyalty.summary.retention')}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('loyalty.summary.churn')}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('loyalty.charts.interactions.count')}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('loyalty.charts.interactions.repeat')}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((r) => (
                  <Table.Tr key={r.unit.id}>
                    <Table.Th scope="row" fw={500}>
                      {r.unit.name}
                    </Table.Th>
                    <Table.Td ta="right">
                      <Counted value={r.nps ? f.signed(r.nps.score) : null} n={r.nps?.n ?? 0} />
                    </Table.Td>
                    <Table.Td ta="right">
                      <Counted value={r.csat ? f.mean(r.csat.mean) : null} n={r.csat?.n ?? 0} />
                    </Table.Td>
                    <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
                      {r.accounts.retention === null ? '—' : f.pct(r.accounts.retention)}{' '}
                      <Text span size="xs" c="dimmed">
                        {t('loyalty.table.ofAccounts', { n: f.number(r.accounts.atStart) })}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
                      {r.accounts.churn === null ? '—' : f.pct(r.accounts.churn)}{' '}
                      <Text span size="xs" c="dimmed">
                        {t('loyalty.table.lost', { n: f.number(r.accounts.lost) })}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                      {f.number(r.interactions.count)}
                    </Table.Td>
                    <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
                      {f.number(r.interactions.repeatAccounts)}{' '}
                      <Text span size="xs" c="dimmed">
                        {t('loyalty.table.ofAccounts', { n: f.number(r.interactions.accounts) })}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
          <LoadMore query={units} />
        </>
      )}
    </Section>
  );
}
