import { Anchor, Box, Card, Group, Stack, Text } from '@mantine/core';
import { IconChevronRight, IconMessageCircle, IconMoodSmile, IconUsers } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { UserAvatar } from '../../../components/UserAvatar.js';
import { CommunityMark, OfficialBadge, VisibilityLabel } from '../../communities/components/CommunityVisuals.js';
import { RelativeTime } from '../../feed/components/RelativeTime.js';
import type { PersonSummary } from '../../people/api.js';
import type { CommentHit, CommunityHit, PostHit } from '../api.js';
import { Highlighted } from './Highlighted.js';

/** A post found: who wrote it where and when, and the words that matched. */
export function PostResult({ hit }: { hit: PostHit }) {
  const { t } = useTranslation();
  const p = hit.post;
  return (
    <Card padding="md" className="search-hit" component="article" aria-labelledby={`hit-${hit.id}`}>
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <UserAvatar name={p.author.name} photoUrl={p.author.photoUrl} size={40} />
        <Box miw={0} flex={1}>
          <Group gap={4} wrap="wrap" id={`hit-${hit.id}`}>
            <Text fw={700} size="sm">
              {p.author.name}
            </Text>
            {p.community && (
              <>
                <IconChevronRight size={14} aria-label={t('search.in')} color="var(--mantine-color-dimmed)" />
                <Text fw={600} size="sm">
                  {p.community.name}
                </Text>
              </>
            )}
          </Group>
          <Text size="xs" c="dimmed">
            <RelativeTime iso={p.createdAt} />
          </Text>
          <Anchor component={Link} to={`/posts/${p.id}`} className="search-hit-link" c="var(--mantine-color-text)" underline="never">
            <Text size="md" mt={6} className="search-snippet">
              <Highlighted html={hit.highlight} />
            </Text>
          </Anchor>
          {(p.reactionCount > 0 || p.commentCount > 0) && (
            <Group gap="md" mt={8} c="dimmed">
              {p.reactionCount > 0 && (
                <Group gap={4} wrap="nowrap">
                  <IconMoodSmile size={14} aria-hidden />
                  <Text size="xs" c="dimmed">
                    {t('search.reactions', { count: p.reactionCount })}
                  </Text>
                </Group>
              )}
              {p.commentCount > 0 && (
                <Group gap={4} wrap="nowrap">
                  <IconMessageCircle size={14} aria-hidden />
                  <Text size="xs" c="dimmed">
                    {t('search.comments', { count: p.commentCount })}
                  </Text>
                </Group>
              )}
            </Group>
          )}
        </Box>
      </Group>
    </Card>
  );
}

export function CommentResult({ hit }: { hit: CommentHit }) {
  const { t } = useTranslation();
  return (
    <Card padding="md" className="search-hit" component="article" aria-labelledby={`hit-${hit.id}`}>
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <UserAvatar name={hit.author.name} photoUrl={hit.author.photoUrl} size={40} />
        <Box miw={0} flex={1}>
          <Text size="sm" id={`hit-${hit.id}`}>
            {hit.community
              ? t('search.commentIn', { name: hit.author.name, place: hit.community.name })
              : t('search.commentBy', { name: hit.author.name })}
          </Text>
          <Text size="xs" c="dimmed">
            <RelativeTime iso={hit.createdAt} />
          </Text>
          <Anchor
            component={Link}
            to={`/posts/${hit.postId}#comment-${hit.id}`}
            className="search-hit-link"
            c="var(--mantine-color-text)"
            underline="never"
          >
            <Text size="md" mt={6} className="search-snippet">
              <Highlighted html={hit.highlight} />
            </Text>
          </Anchor>
        </Box>
      </Group>
    </Card>
  );
}

export function CommunityResult({ hit }: { hit: CommunityHit }) {
  const { t } = useTranslation();
  return (
    <Card padding="md" className="search-hit" component="article" aria-labelledby={`hit-${hit.id}`}>
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <CommunityMark community={{ name: hit.name, coverUrl: null }} size={44} />
        <Box miw={0} flex={1}>
          <Group gap={6} wrap="nowrap">
            <Anchor
              component={Link}
              to={`/communities/${hit.slug}`}
              className="search-hit-link"
              fw={700}
              c="var(--mantine-color-text)"
              id={`hit-${hit.id}`}
            >
              <Highlighted html={hit.highlight.name} />
            </Anchor>
            {hit.official && <OfficialBadge compact />}
          </Group>
          <Group gap="md" mt={2}>
            <VisibilityLabel visibility={hit.visibility} size="xs" />
            <Group gap={4} wrap="nowrap" c="dimmed">
              <IconUsers size={14} aria-hidden />
              <Text size="xs" c="dimmed">
                {t('communities.memberCount', { count: hit.memberCount })}
              </Text>
            </Group>
            {hit.membership?.status === 'active' && (
              <Text size="xs" c="dimmed">
                {t('search.youAreIn')}
              </Text>
            )}
          </Group>
          {hit.highlight.description && (
            <Text size="sm" mt={6} c="dimmed" lineClamp={2} className="search-snippet">
              <Highlighted html={hit.highlight.description} />
            </Text>
          )}
        </Box>
      </Group>
    </Card>
  );
}

export function PersonResult({ person: p }: { person: PersonSummary }) {
  const place = [p.department?.name, p.location?.name].filter(Boolean).join(' · ');
  return (
    <Card padding="md" className="search-hit" component="article" aria-labelledby={`hit-${p.id}`}>
      <Group gap="sm" wrap="nowrap">
        <UserAvatar name={p.name} photoUrl={p.photoUrl} size={44} />
        <Stack gap={0} miw={0}>
          <Anchor
            component={Link}
            to={`/people/${p.id}`}
            className="search-hit-link"
            fw={700}
            c="var(--mantine-color-text)"
            id={`hit-${p.id}`}
          >
            {p.name}
          </Anchor>
          {p.title && (
            <Text size="sm" c="dimmed" truncate>
              {p.title}
            </Text>
          )}
          {place && (
            <Text size="xs" c="dimmed" truncate>
              {place}
            </Text>
          )}
        </Stack>
      </Group>
    </Card>
  );
}
