import { Box, Group, Text, Tooltip } from '@mantine/core';
import { shares } from '../logic.js';
import { useResultsFormat } from '../hooks/useResultsFormat.js';

export interface BarPart {
  key: string;
  label: string;
  count: number;
  color: string;
}

/**
 * One bar split into parts (a distribution), with a legend that prints every part's share and
 * count: the bar is a picture of the legend, so colour is never the only way to read it.
 */
export function StackedBar({ parts, total, label }: { parts: BarPart[]; total?: number; label: string }) {
  const f = useResultsFormat();
  const pcts = shares(
    parts.map((p) => p.count),
    total,
  );
  return (
    <Box>
      <Box
        aria-hidden
        style={{
          display: 'flex',
          height: 18,
          borderRadius: 'var(--mantine-radius-sm)',
          overflow: 'hidden',
          background: 'var(--mantine-color-default-border)',
        }}
      >
        {parts.map((p, i) =>
          (pcts[i] ?? 0) > 0 ? (
            <Tooltip key={p.key} label={`${p.label}: ${f.pct(pcts[i] ?? 0)} (${f.number(p.count)})`} withArrow>
              <Box style={{ width: `${pcts[i]}%`, background: p.color, minWidth: 2 }} />
            </Tooltip>
          ) : null,
        )}
      </Box>
      <Group component="ul" aria-label={label} gap="xs" mt={6} p={0} style={{ listStyle: 'none', rowGap: 2 }}>
        {parts.map((p, i) => (
          <Group component="li" key={p.key} gap={6} wrap="nowrap">
            <Box aria-hidden w={10} h={10} style={{ borderRadius: 2, background: p.color, flexShrink: 0 }} />
            <Text size="xs">
              {p.label}{' '}
              <Text span size="xs" fw={600} style={{ fontVariantNumeric: 'tabular-nums' }}>
                {f.pct(pcts[i] ?? 0)}
              </Text>{' '}
              <Text span size="xs" c="dimmed">
                ({f.number(p.count)})
              </Text>
            </Text>
          </Group>
        ))}
      </Group>
    </Box>
  );
}
