import { Anchor, Group, Text } from '@mantine/core';
import { Link } from 'react-router';
import { UserAvatar } from '../../../../components/UserAvatar.js';
import type { Author } from '../../api.js';

/** A person's avatar and linked name, in lists and tables. */
export function PersonChip({ person, size = 28 }: { person: Author; size?: number }) {
  return (
    <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
      <UserAvatar name={person.name} photoUrl={person.photoUrl} size={size} />
      <div style={{ minWidth: 0 }}>
        <Anchor component={Link} to={`/people/${person.id}`} size="sm" fw={600} c="inherit" display="block">
          {person.name}
        </Anchor>
        {person.title && (
          <Text size="xs" c="dimmed" truncate>
            {person.title}
          </Text>
        )}
      </div>
    </Group>
  );
}
