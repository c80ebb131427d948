import { Anchor, Box, Card, Group, Skeleton, Stack, Text } from '@mantine/core';
import { IconUsers } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Community } from '../api.js';
import { CoverArt, OfficialBadge, VisibilityLabel } from './CommunityVisuals.js';
import { MembershipButton } from './MembershipButton.js';

/** A community in a grid: cover, name, what kind it is, how many are in it, and the next step. */
export function CommunityCard({ community: c }: { community: Community }) {
  const { t } = useTranslation();
  const headingId = `community-${c.id}`;
  return (
    <Card padding={0} component="article" aria-labelledby={headingId} className="community-card">
      <CoverArt community={c} height={88} />
      <Stack gap={8} p="md" flex={1}>
        <Group gap={6} wrap="nowrap" align="center">
          <Anchor
            component={Link}
            to={`/communities/${c.slug}`}
            fw={700}
            fz="lg"
            c="var(--mantine-color-text)"
            id={headingId}
            className="community-card-link"
            lineClamp={1}
          >
            {c.name}
          </Anchor>
          {c.official && <OfficialBadge compact />}
        </Group>
        <Group gap="md" wrap="wrap">
          <VisibilityLabel visibility={c.visibility} size="xs" />
          <Group gap={4} wrap="nowrap" c="dimmed">
            <IconUsers size={14} aria-hidden />
            <Text size="xs" c="dimmed">
              {t('communities.memberCount', { count: c.memberCount })}
            </Text>
          </Group>
        </Group>
        <Text size="sm" c="dimmed" lineClamp={2} mih={40}>
          {c.description || t('communities.noDescription')}
        </Text>
        <Box mt="auto" pt={4} className="community-card-action">
          <MembershipButton community={c} size="xs" />
        </Box>
      </Stack>
    </Card>
  );
}

export function CommunityCardSkeleton() {
  return (
    <Card padding={0} aria-hidden>
      <Skeleton height={88} radius={0} />
      <Stack gap={10} p="md">
        <Skeleton height={16} width="60%" />
        <Skeleton height={10} width="40%" />
        <Skeleton height={10} />
        <Skeleton height={10} width="80%" />
        <Skeleton height={28} width={90} mt={4} />
      </Stack>
    </Card>
  );
}
