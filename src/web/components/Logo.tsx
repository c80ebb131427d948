import { Group, Text } from '@mantine/core';

export function LogoMark({ size = 30 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 64 64" aria-hidden focusable="false">
      <rect width="64" height="64" rx="14" fill="var(--mantine-color-brand-filled)" />
      <g stroke="#fff" strokeWidth="5" strokeLinecap="round" fill="none">
        <path d="M16 22h32M16 32h32M16 42h32" />
        <path d="M24 14v36M40 14v36" strokeOpacity=".55" />
      </g>
    </svg>
  );
}

export function Logo() {
  return (
    <Group gap={8} wrap="nowrap">
      <LogoMark />
      <Text fw={800} fz={20} lh={1} style={{ letterSpacing: '-0.01em' }}>
        Tessuto
      </Text>
    </Group>
  );
}
