import { Box, Button, Card, Group, Text, Title, VisuallyHidden } from '@mantine/core';
import { IconDownload, IconTable } from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable, type TableData } from '../../../insights/components/ChartCard.js';

export type { TableData };

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
