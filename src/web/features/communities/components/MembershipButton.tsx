import { Badge, Button, type ButtonProps, Group, Menu } from '@mantine/core';
import { IconCheck, IconChevronDown, IconClock, IconDoorExit, IconLock, IconPlus, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Community } from '../api.js';
import { useScopedErrorText } from '../errors.js';
import { type MembershipAction, useMembership } from '../hooks/useCommunities.js';
import { toast } from '../toast.js';

/**
 * The one button that says where the viewer stands in a community and what they can do next:
 * Join, Ask to join, Request sent, Accept the invitation, or Member (with Leave).
 */
export function MembershipButton({
  community,
  size = 'sm',
  fullWidth,
}: {
  community: Community;
  size?: ButtonProps['size'];
  fullWidth?: boolean;
}) {
  const { t } = useTranslation();
  const errorText = useScopedErrorText('communities');
  const mutation = useMembership(community);
  const a = community.abilities;
  const m = community.membership;
  const name = community.name;

  const run = (action: MembershipAction, done: string = action) =>
    mutation.mutate(action, {
      onSuccess: () => toast(t(`communities.membership.done.${done}`, { name }), { color: 'teal' }),
      onError: (err) => toast(errorText(err), { color: 'red' }),
    });

  const common = { size, fullWidth, loading: mutation.isPending };

  if (m?.status === 'invited' && a.canJoin) {
    return (
      <Group gap="xs" wrap="nowrap">
        <Button {...common} leftSection={<IconCheck size={16} aria-hidden />} onClick={() => run('join')}>
          {t('communities.membership.accept')}
        </Button>
        <Button
          size={size}
          variant="default"
          leftSection={<IconX size={16} aria-hidden />}
          onClick={() => run('leave', 'decline')}
          disabled={mutation.isPending}
        >
          {t('communities.membership.decline')}
        </Button>
      </Group>
    );
  }
  if (m?.status === 'requested') {
    return (
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button
            {...common}
            variant="light"
            color="gray"
            leftSection={<IconClock size={16} aria-hidden />}
            rightSection={<IconChevronDown size={14} aria-hidden />}
            aria-label={t('communities.membership.pendingLabel', { name })}
          >
            {t('communities.membership.pending')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item leftSection={<IconX size={16} aria-hidden />} onClick={() => run('leave', 'withdraw')}>
            {t('communities.membership.withdraw')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
    );
  }
  if (m?.status === 'active') {
    if (!a.canLeave) {
      return (
        <Badge size="lg" variant="light" leftSection={<IconCheck size={14} aria-hidden />} style={{ textTransform: 'none' }}>
          {t(`communities.roles.${m.role}`)}
        </Badge>
      );
    }
    return (
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button
            {...common}
            variant="light"
            leftSection={<IconCheck size={16} aria-hidden />}
            rightSection={<IconChevronDown size={14} aria-hidden />}
            aria-label={t('communities.membership.memberLabel', { role: t(`communities.roles.${m.role}`), name })}
          >
            {t(`communities.roles.${m.role}`)}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item color="red" leftSection={<IconDoorExit size={16} aria-hidden />} onClick={() => run('leave')}>
            {t('communities.membership.leave')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
    );
  }
  if (a.canJoin) {
    return (
      <Button
        {...common}
        leftSection={<IconPlus size={16} aria-hidden />}
        onClick={() => run('join')}
        aria-label={t('communities.membership.joinLabel', { name })}
      >
        {t('communities.membership.join')}
      </Button>
    );
  }
  if (a.canRequest) {
    return (
      <Button
        {...common}
        variant="outline"
        leftSection={<IconLock size={16} aria-hidden />}
        onClick={() => run('request')}
        aria-label={t('communities.membership.requestLabel', { name })}
      >
        {t('communities.membership.request')}
      </Button>
    );
  }
  return null;
}
