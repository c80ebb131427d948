import './kudos.css';
import { Anchor, Badge, Box, Button, Group, Paper, Text } from '@mantine/core';
import { IconHeartHandshake, IconLock, IconUsersGroup } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { UserAvatar } from '../../../components/UserAvatar.js';
import type { Author, KudosSummary, PostView } from '../../feed/api.js';
import { PostHtml } from '../../feed/components/PostHtml.js';
import { RelativeTime } from '../../feed/components/RelativeTime.js';
import type { KudosView } from '../api.js';

/** Recipients shown before "and N more". */
const FEW = 8;

interface PanelProps {
  recipients: Author[];
  team: { id: string; name: string } | null;
  value: { name: string; emoji: string | null } | null;
  pointsEach: number;
  html: string;
  clamp: boolean;
}

/** Who was thanked, for which value and with how many points, then the message as the server rendered it. */
function KudosPanel({ recipients, team, value, pointsEach, html, clamp }: PanelProps) {
  const { t } = useTranslation();
  const [all, setAll] = useState(false);
  // a whole team thanked can be twenty names: the first few, then the rest on request
  const shown = all || recipients.length <= FEW ? recipients : recipients.slice(0, FEW - 2);
  const hidden = recipients.length - shown.length;
  return (
    <Paper className="kudos-card" p="md" radius="md">
      <Group gap={6} mb={6} wrap="nowrap">
        <IconHeartHandshake size={18} aria-hidden className="kudos-card-icon" />
        <Text size="sm" fw={700} className="kudos-card-kicker">
          {t('kudos.card.to')}
        </Text>
      </Group>
      <Group gap="xs" wrap="wrap" component="ul" className="kudos-plain-list" aria-label={t('kudos.card.recipients')}>
        {shown.map((r) => (
          <li key={r.id}>
            <Anchor component={Link} to={`/people/${r.id}`} className="kudos-recipient" underline="never">
              <UserAvatar name={r.name} photoUrl={r.photoUrl} size={28} />
              <Text span fw={600} size="sm">
                {r.name}
              </Text>
            </Anchor>
          </li>
        ))}
        {hidden > 0 && (
          <li>
            <Button variant="subtle" size="compact-sm" radius="xl" onClick={() => setAll(true)}>
              {t('kudos.card.more', { count: hidden })}
            </Button>
          </li>
        )}
        {team && (
          <li>
            <Anchor component={Link} to={`/people?team=${team.id}`} className="kudos-recipient" underline="never">
              <IconUsersGroup size={20} aria-hidden />
              <Text span fw={600} size="sm">
                {t('kudos.card.team', { name: team.name })}
              </Text>
            </Anchor>
          </li>
        )}
      </Group>
      {(value || pointsEach > 0) && (
        <Group gap="xs" mt="sm">
          {value && (
            <Badge size="lg" variant="default" radius="xl" tt="none" fw={600} className="kudos-value">
              <span className="visually-hidden">{t('kudos.card.value')} </span>
              {value.emoji && (
                <span aria-hidden className="kudos-emoji">
                  {value.emoji}
                </span>
              )}
              {value.name}
            </Badge>
          )}
          {pointsEach > 0 && (
            <Badge size="lg" variant="filled" radius="xl" tt="none" fw={700}>
              {recipients.length > 1 || team
                ? t('kudos.card.pointsEach', { count: pointsEach })
                : t('kudos.card.points', { count: pointsEach })}
            </Badge>
          )}
        </Group>
      )}
      {html && (
        <Box mt="sm">
          <PostHtml html={html} clamp={clamp} />
        </Box>
      )}
    </Paper>
  );
}

/** The kudos inside a feed post (kind 'kudos'); the post's own header, reactions and comments surround it. */
export function KudosPostBody({ post, kudos, detail = false }: { post: PostView; kudos: KudosSummary; detail?: boolean }) {
  return (
    <KudosPanel
      recipients={kudos.recipients}
      team={kudos.team}
      value={kudos.value}
      pointsEach={kudos.pointsEach}
      html={post.html}
      clamp={!detail}
    />
  );
}

/** One kudos in a list (a profile's received or given kudos): the giver, when, and the kudos. */
export function KudosItem({ kudos }: { kudos: KudosView }) {
  const { t } = useTranslation();
  return (
    <Box component="article" aria-label={t('kudos.card.from', { name: kudos.giver.name })}>
      <Group gap="sm" wrap="nowrap" mb="xs" justify="space-between">
        <Group gap="sm" wrap="nowrap" miw={0}>
          <UserAvatar name={kudos.giver.name} photoUrl={kudos.giver.photoUrl} size={36} />
          <Box miw={0}>
            <Anchor component={Link} to={`/people/${kudos.giver.id}`} fw={700} size="sm" c="var(--mantine-color-text)">
              {kudos.giver.name}
            </Anchor>
            <Text size="xs" c="dimmed">
              {kudos.postId ? (
                <Anchor component={Link} to={`/posts/${kudos.postId}`} c="dimmed" size="xs" underline="hover">
                  <RelativeTime iso={kudos.createdAt} />
                </Anchor>
              ) : (
                <RelativeTime iso={kudos.createdAt} />
              )}
            </Text>
          </Box>
        </Group>
        {kudos.visibility === 'private' && (
          <Badge variant="light" color="gray" leftSection={<IconLock size={12} aria-hidden />} tt="none" style={{ flexShrink: 0 }}>
            {t('kudos.card.private')}
          </Badge>
        )}
      </Group>
      <KudosPanel
        recipients={kudos.recipients}
        team={kudos.team}
        value={kudos.value}
        pointsEach={kudos.pointsEach}
        html={kudos.html}
        clamp
      />
    </Box>
  );
}
