import { Paper, Text } from '@mantine/core';

/** One large number with a small label, as a row of counts shows it; `danger` paints the number red. */
export function StatTile({ label, value, danger = false }: { label: string; value: number; danger?: boolean }) {
  return (
    <Paper withBorder p="md" radius="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fz={26} fw={700} c={danger ? 'red' : undefined}>
        {value}
      </Text>
    </Paper>
  );
}
