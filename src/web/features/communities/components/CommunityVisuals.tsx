import './communities.css';
import { Badge, Box, Group, Text, Tooltip } from '@mantine/core';
import { IconEyeOff, IconLock, IconRefresh, IconRosetteDiscountCheckFilled, IconWorld, type Icon } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Visibility } from '../../../../shared/social.js';
import { initials } from '../../../components/UserAvatar.js';
import type { Community } from '../api.js';

export const VISIBILITY_ICON: Record<Visibility, Icon> = { public: IconWorld, private: IconLock, secret: IconEyeOff };

/** Who can see and join: an icon and a word, so colour or shape is never the only signal. */
export function VisibilityLabel({ visibility, size = 'sm' }: { visibility: Visibility; size?: 'xs' | 'sm' }) {
  const { t } = useTranslation();
  const I = VISIBILITY_ICON[visibility];
  return (
    <Group gap={4} wrap="nowrap" c="dimmed">
      <I size={size === 'xs' ? 14 : 16} aria-hidden />
      <Text size={size} c="dimmed">
        {t(`communities.visibility.${visibility}`)}
      </Text>
    </Group>
  );
}

export function OfficialBadge({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  if (compact) {
    return (
      <Tooltip label={t('communities.official')} withArrow>
        <Box component="span" c="brand.9" display="inline-flex" style={{ verticalAlign: 'middle' }}>
          <IconRosetteDiscountCheckFilled size={18} aria-label={t('communities.official')} role="img" />
        </Box>
      </Tooltip>
    );
  }
  return (
    <Badge variant="light" color="brand" leftSection={<IconRosetteDiscountCheckFilled size={14} aria-hidden />}>
      {t('communities.official')}
    </Badge>
  );
}

export function SyncBadge({ sync }: { sync: NonNullable<Community['sync']> }) {
  const { t } = useTranslation();
  return (
    <Badge variant="outline" color="gray" leftSection={<IconRefresh size={12} aria-hidden />} style={{ textTransform: 'none' }}>
      {t(`communities.sync.badge.${sync.kind}`, { name: sync.name })}
    </Badge>
  );
}

/** Deep colour pairs white initials stay readable on (above 4.5:1), light or dark theme alike. */
const PALETTE = [
  ['#0f766e', '#134e4a'],
  ['#4338ca', '#312e81'],
  ['#9d174d', '#701a75'],
  ['#b45309', '#7c2d12'],
  ['#15803d', '#14532d'],
  ['#1d4ed8', '#1e3a8a'],
  ['#7e22ce', '#4c1d95'],
  ['#0e7490', '#164e63'],
] as const;

/** A stable colour from a name, so each community without a cover still has its own. */
function paletteOf(name: string): readonly [string, string] {
  let h = 0;
  for (const ch of name) {
    h = (h * 31 + ch.charCodeAt(0)) % 9973;
  }
  return PALETTE[h % PALETTE.length]!;
}

/** The community's cover picture, or a calm pattern in its own colour with its initials. */
export function CoverArt({
  community,
  height,
  radius = 0,
}: {
  community: Pick<Community, 'name' | 'coverUrl'>;
  height: number;
  radius?: number | string;
}) {
  if (community.coverUrl) {
    return (
      <Box
        h={height}
        style={{
          backgroundImage: `url("${community.coverUrl}")`,
          backgroundSize: 'cover',
          backgroundPosition: 'center',
          borderRadius: radius,
        }}
        role="img"
        aria-hidden
      />
    );
  }
  const [from, to] = paletteOf(community.name);
  return (
    <Box
      h={height}
      aria-hidden
      className="community-cover-art"
      style={{
        borderRadius: radius,
        background: `linear-gradient(135deg, ${from}, ${to})`,
      }}
    >
      <span className="community-cover-initials" style={{ fontSize: Math.round(height * (height > 100 ? 0.34 : 0.42)) }}>
        {initials(community.name)}
      </span>
    </Box>
  );
}

/** The small square that stands for a community in lists. */
export function CommunityMark({ community, size = 40 }: { community: Pick<Community, 'name' | 'coverUrl'>; size?: number }) {
  return (
    <Box w={size} h={size} style={{ flex: 'none', overflow: 'hidden', borderRadius: 'var(--mantine-radius-md)' }}>
      <CoverArt community={community} height={size} />
    </Box>
  );
}
