import { Box, Button, Card, Group, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { IconDownload, IconTable } from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type CsvCell, csvName, toCsv } from '../shape.js';

export interface ChartData {
  header: string[];
  rows: CsvCell[][];
  /** How numbers in the table are written for the reader (the CSV keeps raw numbers). */
  format?: (cell: CsvCell, column: number) => ReactNode;
}

/** Offer a CSV file to the browser; a byte-order mark lets spreadsheets read accents correctly. */
function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob(['\uFEFF', text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Rows of a chart's table as the reader sees them; the first cell names the row. */
export interface TableData {
  header: string[];
  rows: ReactNode[][];
}

/** A chart's table: the header in the first row, each row named by its first cell, numbers to the right. */
export function DataTable({ caption, data, scroll }: { caption: string; data: TableData; scroll: boolean }) {
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
 * A titled chart with its data: the table is always there for screen readers, can be shown to
 * everyone, and downloads as CSV.
 */
export function ChartCard({
  id,
  title,
  description,
  summary,
  data,
  fileName,
  controls,
  children,
}: {
  id: string;
  title: string;
  description?: ReactNode;
  /** One or two sentences saying what the chart shows, read instead of the drawing. */
  summary: string;
  data: ChartData | null;
  fileName: string;
  controls?: ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const [showTable, setShowTable] = useState(false);
  const hasRows = data !== null && data.rows.length > 0;
  const shown: TableData | null = data && {
    header: data.header,
    rows: data.rows.map((row) => row.map((c, i) => (data.format ? data.format(c, i) : c))),
  };
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
        {hasRows && (
          <Group gap={6} wrap="wrap">
            <Button
              size="compact-sm"
              variant={showTable ? 'light' : 'subtle'}
              leftSection={<IconTable size={16} aria-hidden />}
              onClick={() => setShowTable((v) => !v)}
              aria-pressed={showTable}
            >
              {t('insights.chart.table')}
            </Button>
            <Button
              size="compact-sm"
              variant="subtle"
              leftSection={<IconDownload size={16} aria-hidden />}
              onClick={() => download(csvName(fileName), toCsv(data.header, data.rows))}
            >
              {t('insights.chart.csv')}
            </Button>
          </Group>
        )}
      </Group>
      {controls && <Box mt="sm">{controls}</Box>}
      <Box mt="md">
        {showTable && hasRows ? (
          <DataTable caption={summary} data={shown!} scroll />
        ) : (
          <>
            {children}
            {hasRows && (
              <VisuallyHidden>
                <DataTable caption={summary} data={shown!} scroll={false} />
              </VisuallyHidden>
            )}
          </>
        )}
      </Box>
    </Card>
  );
}
