import { Center, Image } from '@mantine/core';
import { IconGift } from '@tabler/icons-react';

/** A reward's picture, or a gift on the brand colour when it has none. Decorative: the name is always written beside it. */
export function RewardImage({
  url,
  height,
  phoneHeight,
  width,
  radius,
}: {
  url: string | null;
  height: number;
  /** A shorter picture on narrow screens, where cards stack in one column. */
  phoneHeight?: number;
  width?: number;
  radius?: string;
}) {
  const h = phoneHeight ? { base: phoneHeight, xs: height } : height;
  if (url) {
    return <Image src={url} alt="" h={h} w={width ?? '100%'} fit="cover" radius={radius} />;
  }
  return (
    <Center
      h={h}
      w={width ?? '100%'}
      bg="var(--mantine-color-brand-light)"
      c="var(--mantine-color-brand-light-color)"
      style={{ borderRadius: radius ? `var(--mantine-radius-${radius})` : undefined, flexShrink: 0 }}
      aria-hidden
    >
      <IconGift size={Math.min(48, Math.round(height / 2.5))} stroke={1.5} />
    </Center>
  );
}
