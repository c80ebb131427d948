import { Box, Button, Card, Group, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { IconDownload, IconTable } from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';

export interface TableData {
  header: string[];
  /** Cells as the reader sees them; the first one names the row. */
  rows: ReactNode[][];
}

function DataTable({ caption, data, scroll }: { caption: string; data: TableData; scroll: boolean }) {
  const table = (
    <Table striped withTableBorder fz="sm" verticalSpacing={6}>
      <Table.Caption>{caption}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          {data.header.map((h, i) => (
            <Table.Th key={i} scope="col" ta={i === 0 ? undefined : 'right'}>
              {h}
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {data.rows.map((row, r) => (
          <Table.Tr key={r}>
            {row.map((cell, c) =>
              c === 0 ? (
                <Table.Th key={c} scope="row" fw={500}>
                  {cell}
                </Table.Th>
              ) : (
                <Table.Td key={c} ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                  {cell}
                </Table.Td>
              ),
            )}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
  // a shown table may be wider than a phone: its scrolling area takes focus so the keyboard can scroll it
  return scroll ? (
    <div role="region" aria-label={caption} tabIndex={0} style={{ overflowX: 'auto' }}>
      {table}
    </div>
  ) : (
    table
  );
}

/**
 * A titled chart with its table: the table is always there for screen readers, can be shown to
 * everyone, and the server's CSV of it downloads from `csvUrl` (formulas neutralised there).
 */
export function InsightCard({
  id,
  title,
  description,
  summary,
  data,
  csvUrl,
  empty,
  children,
}: {
  id: string;
  title: string;
  description?: string;
  /** One or two sentences saying what the chart shows, read instead of the drawing. */
  summary: string;
  data: TableData;
  csvUrl: string;
  /** Shown instead of the chart when there is nothing to draw. */
  empty?: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const [showTable, setShowTable] = useState(false);
  const hasRows = data.rows.length > 0;
  return (
    <Card padding="lg" component="section" aria-labelledby={id}>
      <Group justify="space-between" align="flex-start" gap="sm" wrap="wrap">
        <div>
          <Title order={2} fz={19} id={id}>
            {title}
          </Title>
          {description && (
            <Text c="dimmed" size="sm" mt={4}>
              {description}
            </Text>
          )}
        </div>
        <Group gap={6} wrap="wrap">
          {hasRows && (
            <Button
              size="compact-sm"
              variant={showTable ? 'light' : 'subtle'}
              leftSection={<IconTable size={16} aria-hidden />}
              onClick={() => setShowTable((v) => !v)}
              aria-pressed={showTable}
            >
              {t('advocacyManage.insights.chart.table')}
            </Button>
          )}
          <Button
            component="a"
            href={csvUrl}
            download
            size="compact-sm"
            variant="subtle"
            leftSection={<IconDownload size={16} aria-hidden />}
            aria-label={t('advocacyManage.insights.chart.csvOf', { title })}
          >
            {t('advocacyManage.insights.chart.csv')}
          </Button>
        </Group>
      </Group>
      <Box mt="md">
        {!hasRows && empty ? (
          <Text c="dimmed" size="sm" py="md">
            {empty}
          </Text>
        ) : showTable ? (
          <DataTable caption={summary} data={data} scroll />
        ) : (
          <>
            {children}
            <VisuallyHidden>
              <DataTable caption={summary} data={data} scroll={false} />
            </VisuallyHidden>
          </>
        )}
      </Box>
    </Card>
  );
}
