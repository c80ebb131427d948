import { Badge, Card, Group, Stack, Text } from '@mantine/core';
import { IconMapPin, IconUsersGroup } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { UserAvatar } from '../../../components/UserAvatar.js';
import type { PersonSummary } from '../api.js';

export function PersonCard({ person }: { person: PersonSummary }) {
  const { t } = useTranslation();
  const inactive = person.status !== 'active';
  return (
    <Card component={Link} to={`/people/${person.id}`} className="person-card" padding="md" opacity={inactive ? 0.75 : 1}>
      <Group wrap="nowrap" align="flex-start" gap="md">
        <UserAvatar name={person.name} photoUrl={person.photoUrl} size={56} />
        <Stack gap={2} miw={0} flex={1}>
          <Group gap={6} wrap="nowrap">
            <Text fw={700} truncate>
              {person.name}
            </Text>
            {inactive && (
              <Badge size="xs" color="gray" variant="outline">
                {t('people.deactivated')}
              </Badge>
            )}
          </Group>
          <Text size="sm" c="dimmed" truncate>
            {person.title ?? t('people.noTitle')}
          </Text>
          {(person.team ?? person.department) && (
            <Group gap={4} wrap="nowrap">
              <IconUsersGroup size={14} aria-hidden color="var(--mantine-color-dimmed)" style={{ flexShrink: 0 }} />
              <Text size="sm" truncate>
                <span className="visually-hidden">{t('people.team')}: </span>
                {person.team?.name ?? person.department?.name}
              </Text>
            </Group>
          )}
          {person.location && (
            <Group gap={4} wrap="nowrap">
              <IconMapPin size={14} aria-hidden color="var(--mantine-color-dimmed)" style={{ flexShrink: 0 }} />
              <Text size="sm" truncate>
                <span className="visually-hidden">{t('people.location')}: </span>
                {person.location.name}
              </Text>
            </Group>
          )}
        </Stack>
      </Group>
    </Card>
  );
}
