import './kudos.css';
import { Anchor, Group, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { UserAvatar } from '../../../components/UserAvatar.js';
import type { CelebrationSummary } from '../../feed/api.js';

/**
 * A work anniversary or a birthday, in the reader's language. It takes the place of the post's text
 * (written once in the company's language); reactions and comments stay as on any post.
 */
export function CelebrationCard({ celebration }: { celebration: CelebrationSummary }) {
  const { t } = useTranslation();
  const p = celebration.person;
  const anniversary = celebration.kind === 'anniversary';
  const headline = anniversary
    ? celebration.years
      ? t('kudos.celebration.years', { count: celebration.years })
      : t('kudos.celebration.anniversary')
    : t('kudos.celebration.birthday');
  return (
    <Paper className="celebration-card" data-kind={celebration.kind} p="md" radius="md">
      <Group gap="md" wrap="nowrap" align="center">
        <Text span className="celebration-emoji" aria-hidden>
          {anniversary ? '🎉' : '🎂'}
        </Text>
        <Stack gap={4} miw={0}>
          <Text fw={800} fz={{ base: 18, sm: 20 }} lh={1.25}>
            {headline}
          </Text>
          <Group gap={8} wrap="nowrap">
            <UserAvatar name={p.name} photoUrl={p.photoUrl} size={28} />
            <Anchor component={Link} to={`/people/${p.id}`} fw={600} size="sm">
              {p.name}
            </Anchor>
          </Group>
          <Text size="sm" c="dimmed">
            {anniversary ? t('kudos.celebration.anniversaryPrompt') : t('kudos.celebration.birthdayPrompt')}
          </Text>
        </Stack>
      </Group>
    </Paper>
  );
}
