import {
  ActionIcon,
  Anchor,
  Badge,
  Box,
  Button,
  Card,
  Group,
  Menu,
  Modal,
  SegmentedControl,
  Skeleton,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import {
  IconBan,
  IconCheck,
  IconCrown,
  IconDots,
  IconLock,
  IconSearch,
  IconShield,
  IconUser,
  IconUserMinus,
  IconUsers,
  IconX,
} from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { MEMBER_ROLES, MEMBER_STATUSES, type MemberStatus } from '../../../../shared/social.js';
import { LoadMore } from '../../../components/LoadMore.js';
import { Empty, ErrorState } from '../../../components/States.js';
import { UserAvatar } from '../../../components/UserAvatar.js';
import { useMe } from '../../auth/hooks/useSession.js';
import type { Community, Member } from '../api.js';
import { useScopedErrorText } from '../errors.js';
import { type MemberAction, useMemberAction, useMembers } from '../hooks/useCommunities.js';
import { toast } from '../toast.js';

const ROLE_ICON = { member: IconUser, moderator: IconShield, owner: IconCrown } as const;

const isStatus = (v: string | null): v is MemberStatus => (MEMBER_STATUSES as readonly string[]).includes(v ?? '');

type Confirm = { kind: 'remove' | 'ban' | 'decline'; member: Member } | null;

/** The people in a community; moderators also see requests, invitations and bans, and act on them. */
export function MembersPanel({ community: c }: { community: Community }) {
  const { t } = useTranslation();
  const a = c.abilities;
  const [params] = useSearchParams();
  const asked = params.get('status');
  // a "someone asked to join" notification opens the requests directly
  const [status, setStatus] = useState<MemberStatus>(a.canModerate && isStatus(asked) ? asked : 'active');
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q.trim(), 250);
  const members = useMembers(c.id, status, debounced, a.canRead || a.canModerate);
  const items = members.data?.pages.flatMap((p) => p.items) ?? [];

  if (!a.canRead && !a.canModerate) {
    return (
      <Empty
        icon={<IconLock size={28} aria-hidden />}
        title={t('communities.locked.title')}
        description={t('communities.members.locked')}
      />
    );
  }

  const statuses: MemberStatus[] = a.canModerate ? ['active', 'requested', 'invited', 'banned'] : ['active'];

  return (
    <Stack gap="md" maw={760}>
      <Group justify="space-between" gap="sm" wrap="wrap">
        {statuses.length > 1 ? (
          <SegmentedControl
            aria-label={t('communities.members.show')}
            value={status}
            onChange={(v) => setStatus(v)}
            data={statuses.map((s) => ({ value: s, label: t(`communities.members.status.${s}`) }))}
            size="sm"
          />
        ) : (
          <span />
        )}
      </Group>
      <TextInput
        type="search"
        aria-label={t('communities.members.searchLabel')}
        placeholder={t('communities.members.searchPlaceholder')}
        leftSection={<IconSearch size={18} aria-hidden />}
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
        maw={420}
      />
      {status === 'requested' && (
        <Text size="sm" c="dimmed">
          {t('communities.members.requestsHelp')}
        </Text>
      )}
      {members.isPending ? (
        <Card padding={0} aria-hidden>
          {Array.from({ length: 5 }, (_, i) => (
            <Group key={i} p="md" gap="sm">
              <Skeleton circle height={40} />
              <Box flex={1}>
                <Skeleton height={12} width="35%" mb={6} />
                <Skeleton height={10} width="25%" />
              </Box>
            </Group>
          ))}
        </Card>
      ) : members.isError && items.length === 0 ? (
        <ErrorState error={members.error} onRetry={() => void members.refetch()} />
      ) : items.length === 0 ? (
        <Empty
          icon={<IconUsers size={28} aria-hidden />}
          title={debounced ? t('communities.members.noMatchTitle') : t(`communities.members.empty.${status}`)}
          description={debounced ? t('communities.members.noMatch', { q: debounced }) : undefined}
        />
      ) : (
        <>
          <Card padding={0}>
            <ul className="member-list" aria-label={t(`communities.members.status.${status}`)}>
              {items.map((m) => (
                <MemberRow key={m.user.id} community={c} member={m} />
              ))}
            </ul>
          </Card>
          <LoadMore query={members} />
        </>
      )}
    </Stack>
  );
}

function MemberRow({ community: c, member: m }: { community: Community; member: Member }) {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const errorText = useScopedErrorText('communities');
  const action = useMemberAction(c);
  const [confirm, setConfirm] = useState<Confirm>(null);
  const ab = m.abilities;
  const RoleIcon = ROLE_ICON[m.role];
  const isMe = me?.user.id === m.user.id;
  const name = m.user.name;

  const run = (a: MemberAction, done: string) =>
    action.mutate(a, {
      onSuccess: () => toast(done, { color: 'teal' }),
      onError: (err) => toast(errorText(err), { color: 'red' }),
    });

  const roles = MEMBER_ROLES.filter((r) => r !== m.role);
  const hasMenu = (ab.canChangeRole && m.status === 'active') || ab.canRemove || ab.canBan || ab.canUnban;

  return (
    <li>
      <Group justify="space-between" wrap="nowrap" gap="sm" px="md" py="sm">
        <Group gap="sm" wrap="nowrap" miw={0}>
          <UserAvatar name={name} photoUrl={m.user.photoUrl} size={40} />
          <Box miw={0}>
            <Group gap={6} wrap="wrap">
              <Anchor component={Link} to={`/people/${m.user.id}`} fw={600} c="var(--mantine-color-text)" size="sm">
                {name}
              </Anchor>
              {isMe && (
                <Text size="xs" c="dimmed">
                  {t('communities.members.you')}
                </Text>
              )}
            </Group>
            {m.user.title && (
              <Text size="xs" c="dimmed" truncate>
                {m.user.title}
              </Text>
            )}
          </Box>
        </Group>
        <Group gap="xs" wrap="nowrap">
          {m.role !== 'member' && (
            <Badge
              variant="light"
              color={m.role === 'owner' ? 'grape' : 'blue'}
              leftSection={<RoleIcon size={12} aria-hidden />}
              style={{ textTransform: 'none' }}
            >
              {t(`communities.roles.${m.role}`)}
            </Badge>
          )}
          {m.viaSync && (
            <Badge variant="outline" color="gray" style={{ textTransform: 'none' }} visibleFrom="sm">
              {t('communities.members.automatic')}
            </Badge>
          )}
          {m.status === 'requested' && ab.canApprove && (
            <>
              <Button
                size="xs"
                leftSection={<IconCheck size={14} aria-hidden />}
                loading={action.isPending && action.variables.kind === 'approve'}
                onClick={() => run({ kind: 'approve', userId: m.user.id }, t('communities.members.approved', { name }))}
                aria-label={t('communities.members.approveLabel', { name })}
              >
                {t('communities.members.approve')}
              </Button>
              <Button
                size="xs"
                variant="default"
                leftSection={<IconX size={14} aria-hidden />}
                onClick={() => setConfirm({ kind: 'decline', member: m })}
                aria-label={t('communities.members.declineLabel', { name })}
              >
                {t('communities.members.decline')}
              </Button>
            </>
          )}
          {m.status !== 'requested' && hasMenu && (
            <Menu position="bottom-end" withinPortal width={230}>
              <Menu.Target>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  size="lg"
                  aria-label={t('communities.members.actions', { name })}
                  loading={action.isPending}
                >
                  <IconDots size={18} aria-hidden />
                </ActionIcon>
              </Menu.Target>
              <Menu.Dropdown>
                {ab.canChangeRole && m.status === 'active' && (
                  <>
                    <Menu.Label>{t('communities.members.changeRole')}</Menu.Label>
                    {roles.map((r) => {
                      const I = ROLE_ICON[r];
                      return (
                        <Menu.Item
                          key={r}
                          leftSection={<I size={16} aria-hidden />}
                          onClick={() =>
                            run(
                              { kind: 'role', userId: m.user.id, role: r },
                              t('communities.members.roleChanged', { name, role: t(`communities.roles.${r}`) }),
                            )
                          }
                        >
                          {t(`communities.members.makeRole.${r}`)}
                        </Menu.Item>
                      );
                    })}
                  </>
                )}
                {ab.canUnban && (
                  <Menu.Item
                    leftSection={<IconCheck size={16} aria-hidden />}
                    onClick={() => run({ kind: 'unban', userId: m.user.id }, t('communities.members.unbanned', { name }))}
                  >
                    {t('communities.members.unban')}
                  </Menu.Item>
                )}
                {(ab.canRemove || ab.canBan) && <Menu.Divider />}
                {ab.canRemove && (
                  <Menu.Item
                    color="red"
                    leftSection={<IconUserMinus size={16} aria-hidden />}
                    onClick={() => setConfirm({ kind: 'remove', member: m })}
                  >
                    {m.status === 'invited' ? t('communities.members.withdraw') : t('communities.members.remove')}
                  </Menu.Item>
                )}
                {ab.canBan && (
                  <Menu.Item
                    color="red"
                    leftSection={<IconBan size={16} aria-hidden />}
                    onClick={() => setConfirm({ kind: 'ban', member: m })}
                  >
                    {t('communities.members.ban')}
                  </Menu.Item>
                )}
              </Menu.Dropdown>
            </Menu>
          )}
        </Group>
      </Group>
      <Modal
        closeButtonProps={{ 'aria-label': t('communities.close') }}
        opened={confirm !== null}
        onClose={() => setConfirm(null)}
        title={<Text fw={700}>{confirm ? t(`communities.members.confirm.${confirm.kind}.title`, { name }) : ''}</Text>}
        centered
      >
        {confirm && (
          <Stack gap="lg">
            <Text>{t(`communities.members.confirm.${confirm.kind}.body`, { name, community: c.name })}</Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setConfirm(null)}>
                {t('common.cancel')}
              </Button>
              <Button
                color="red"
                onClick={() => {
                  const kind = confirm.kind === 'ban' ? 'ban' : 'remove';
                  run({ kind, userId: m.user.id }, t(`communities.members.confirm.${confirm.kind}.done`, { name }));
                  setConfirm(null);
                }}
              >
                {t(`communities.members.confirm.${confirm.kind}.action`)}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </li>
  );
}
