import './kudos.css';
import { Box, Group, Paper, SimpleGrid, Stack, Switch, Text, ThemeIcon } from '@mantine/core';
import {
  IconAward,
  IconBolt,
  IconBuildingBridge,
  IconBulb,
  IconCake,
  IconCalendar,
  IconCoffee,
  IconCompass,
  IconConfetti,
  IconCrown,
  IconDiamond,
  IconFlag,
  IconFlame,
  IconHeart,
  IconHeartHandshake,
  IconLeaf,
  IconMedal,
  IconMessageCircle,
  IconMoodSmile,
  IconMusic,
  IconPalette,
  IconPencil,
  IconPlant,
  IconRocket,
  IconShieldCheck,
  IconSparkles,
  IconStar,
  IconTarget,
  IconThumbUp,
  IconTrophy,
  IconUsers,
  IconWorld,
  type Icon,
} from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { dateLocale, formatDate } from '../../../components/format.js';
import { currentLanguage } from '../../../i18n/index.js';
import { BADGE_ICONS, type BadgeIcon as BadgeIconName } from '../../../../shared/recognition.js';
import type { BadgeView } from '../api.js';
import { isKnownRule } from '../logic.js';

/** The icon of each picture a badge can carry (the fixed list the API accepts). */
export const BADGE_ICON_MAP: Record<BadgeIconName, Icon> = {
  award: IconAward,
  medal: IconMedal,
  trophy: IconTrophy,
  star: IconStar,
  crown: IconCrown,
  diamond: IconDiamond,
  heart: IconHeart,
  'heart-handshake': IconHeartHandshake,
  'thumb-up': IconThumbUp,
  'mood-smile': IconMoodSmile,
  sparkles: IconSparkles,
  confetti: IconConfetti,
  cake: IconCake,
  rocket: IconRocket,
  bolt: IconBolt,
  flame: IconFlame,
  bulb: IconBulb,
  target: IconTarget,
  flag: IconFlag,
  compass: IconCompass,
  pencil: IconPencil,
  'message-circle': IconMessageCircle,
  users: IconUsers,
  'building-bridge': IconBuildingBridge,
  world: IconWorld,
  leaf: IconLeaf,
  plant: IconPlant,
  coffee: IconCoffee,
  music: IconMusic,
  palette: IconPalette,
  shield: IconShieldCheck,
  calendar: IconCalendar,
};

/** The icon each rule badge wears when its stored icon is not one the app knows. */
const RULE_ICON: Record<string, Icon> = {
  first_post: IconPencil,
  first_kudos_given: IconHeart,
  kudos_received_10: IconStar,
  best_answer: IconBulb,
  five_departments: IconBuildingBridge,
  streak_4_weeks: IconFlame,
  first_share: IconRocket,
  reach_100: IconTarget,
  reach_1000: IconWorld,
};

const isBadgeIcon = (v: string): v is BadgeIconName => (BADGE_ICONS as readonly string[]).includes(v);

export function badgeIconOf(icon: string | null | undefined, rule?: string | null): Icon {
  return (icon && isBadgeIcon(icon) ? BADGE_ICON_MAP[icon] : undefined) ?? (rule ? RULE_ICON[rule] : undefined) ?? IconAward;
}

/** A badge's name and description in the reader's language: rule badges are translated, custom ones keep their own words. */
export function badgeText(t: TFunction, badge: { name: string; description: string | null; rule: string | null }) {
  if (isKnownRule(badge.rule)) {
    return { name: t(`kudos.badges.${badge.rule}.name`), description: t(`kudos.badges.${badge.rule}.description`) };
  }
  return { name: badge.name, description: badge.description ?? '' };
}

/** A badge's round icon; decorative, since its name is always written next to it. */
export function BadgeIcon({
  icon,
  rule,
  size = 48,
  muted = false,
}: {
  icon: string | null | undefined;
  rule?: string | null;
  size?: number;
  muted?: boolean;
}) {
  const I = badgeIconOf(icon, rule);
  return (
    <ThemeIcon size={size} radius={1000} variant={muted ? 'light' : 'filled'} color={muted ? 'gray' : 'brand'} aria-hidden>
      <I size={Math.round(size * 0.55)} stroke={1.7} />
    </ThemeIcon>
  );
}

/**
 * The badges a person holds. On one's own profile (`onToggleHidden`), each badge has a switch that
 * hides it from everyone else; hidden ones stay visible to their owner, greyed.
 */
export function BadgeCase({
  badges,
  onToggleHidden,
  pendingId,
}: {
  badges: BadgeView[];
  onToggleHidden?: (badge: BadgeView, hidden: boolean) => void;
  pendingId?: string | null;
}) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm" component="ul" className="kudos-plain-list">
      {badges.map((b) => {
        const text = badgeText(t, b);
        return (
          <Paper key={b.id} component="li" withBorder p="sm" radius="md" data-hidden={b.hidden || undefined} className="badge-tile">
            <Group gap="sm" wrap="nowrap" align="flex-start">
              <BadgeIcon icon={b.icon} rule={b.rule} size={44} muted={b.hidden} />
              <Stack gap={2} miw={0} flex={1}>
                <Text fw={700} size="sm">
                  {text.name}
                </Text>
                {text.description && (
                  <Text size="xs" c="dimmed">
                    {text.description}
                  </Text>
                )}
                {b.reason && (
                  <Text size="xs" fs="italic">
                    “{b.reason}”
                  </Text>
                )}
                <Text size="xs" c="dimmed">
                  <time dateTime={b.awardedAt} title={new Date(b.awardedAt).toLocaleString(dateLocale(lng))}>
                    {t('kudos.badgeCase.earned', { date: formatDate(b.awardedAt, lng) })}
                  </time>
                </Text>
                {onToggleHidden && (
                  <Box mt={4}>
                    <Switch
                      size="xs"
                      checked={!b.hidden}
                      disabled={pendingId === b.id}
                      onChange={(e) => onToggleHidden(b, !e.currentTarget.checked)}
                      label={
                        <>
                          {t('kudos.badgeCase.show')}
                          <span className="visually-hidden"> ({text.name})</span>
                        </>
                      }
                    />
                  </Box>
                )}
              </Stack>
            </Group>
          </Paper>
        );
      })}
    </SimpleGrid>
  );
}
