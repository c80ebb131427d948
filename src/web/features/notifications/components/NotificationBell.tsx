import './notifications.css';
import {
  ActionIcon,
  Anchor,
  Box,
  Button,
  Divider,
  Group,
  Indicator,
  Popover,
  ScrollArea,
  Skeleton,
  Stack,
  Text,
  Tooltip,
} from '@mantine/core';
import { IconBell, IconBellCheck, IconChecks, IconSettings } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorState } from '../../../components/States.js';
import type { NotificationView } from '../api.js';
import { useMarkRead, useNotificationList, useUnreadCount } from '../hooks/useNotifications.js';
import { NotificationItem } from './NotificationItem.js';

const PANEL_SIZE = 8;

/** "99+" beyond 99: the server counts up to 100. */
export function countLabel(count: number): string {
  return count > 99 ? '99+' : String(count);
}

/** The bell in the top bar: the unread count, live, and a panel of the latest notifications. */
export function NotificationBell() {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const count = useUnreadCount().data ?? 0;
  const label = count > 0 ? t('notifications.bellUnread', { count }) : t('notifications.bell');

  return (
    <Popover
      opened={opened}
      onChange={setOpened}
      position="bottom-end"
      width={400}
      shadow="lg"
      withinPortal
      trapFocus
      returnFocus
      radius="lg"
    >
      <Indicator
        label={<span aria-hidden>{countLabel(count)}</span>}
        size={18}
        offset={6}
        disabled={count === 0}
        color="red.8"
        withBorder
        styles={{ indicator: { fontWeight: 700, fontSize: 11, paddingInline: 4 } }}
      >
        <Popover.Target>
          <ActionIcon
            variant="subtle"
            color="gray"
            size="lg"
            radius="xl"
            aria-label={label}
            onClick={() => setOpened((o) => !o)}
            data-testid="notification-bell"
          >
            <IconBell size={22} stroke={1.7} aria-hidden />
          </ActionIcon>
        </Popover.Target>
      </Indicator>
      <Popover.Dropdown p={0} aria-label={t('notifications.title')} role="dialog">
        {opened && <Panel onClose={() => setOpened(false)} unread={count} />}
      </Popover.Dropdown>
    </Popover>
  );
}

function Panel({ onClose, unread }: { onClose: () => void; unread: number }) {
  const { t } = useTranslation();
  const list = useNotificationList(false, PANEL_SIZE);
  const mark = useMarkRead();
  const items = list.data?.pages[0]?.items ?? [];

  const open = (n: NotificationView) => {
    if (n.readAt === null) {
      mark.mutate({ ids: [n.id] });
    }
    onClose();
  };

  return (
    <Stack gap={0}>
      <Group justify="space-between" px="md" py="sm" wrap="nowrap">
        <Text fw={700} fz="lg" component="h2" m={0}>
          {t('notifications.title')}
        </Text>
        <Group gap={4} wrap="nowrap">
          {unread > 0 && (
            <Button
              variant="subtle"
              size="compact-sm"
              leftSection={<IconChecks size={16} aria-hidden />}
              onClick={() => mark.mutate({ all: true })}
            >
              {t('notifications.markAll')}
            </Button>
          )}
          <Tooltip label={t('notifications.settingsLink')} withArrow>
            <ActionIcon
              component={Link}
              to="/settings#notifications"
              variant="subtle"
              color="gray"
              aria-label={t('notifications.settingsLink')}
              onClick={onClose}
            >
              <IconSettings size={18} aria-hidden />
            </ActionIcon>
          </Tooltip>
        </Group>
      </Group>
      <Divider />
      <ScrollArea.Autosize mah={440} type="auto">
        {list.isPending ? (
          <Stack gap={0} aria-hidden>
            {Array.from({ length: 4 }, (_, i) => (
              <Group key={i} gap="sm" px="sm" py="sm" wrap="nowrap">
                <Skeleton circle height={40} />
                <Box flex={1}>
                  <Skeleton height={10} mb={6} />
                  <Skeleton height={10} width="60%" />
                </Box>
              </Group>
            ))}
          </Stack>
        ) : list.isError ? (
          <Box p="md">
            <ErrorState error={list.error} onRetry={() => void list.refetch()} />
          </Box>
        ) : items.length === 0 ? (
          <Stack align="center" gap={6} py="xl" px="lg" ta="center">
            <IconBellCheck size={32} stroke={1.5} color="var(--mantine-color-brand-light-color)" aria-hidden />
            <Text fw={600}>{t('notifications.empty.title')}</Text>
            <Text size="sm" c="dimmed">
              {t('notifications.empty.body')}
            </Text>
          </Stack>
        ) : (
          <ul className="notification-list" aria-label={t('notifications.latest')}>
            {items.map((n) => (
              <li key={n.id}>
                <NotificationItem n={n} onOpen={open} onMarkRead={(x) => mark.mutate({ ids: [x.id] })} compact />
              </li>
            ))}
          </ul>
        )}
      </ScrollArea.Autosize>
      <Divider />
      <Anchor component={Link} to="/notifications" onClick={onClose} ta="center" py="sm" fw={600} size="sm">
        {t('notifications.seeAll')}
      </Anchor>
    </Stack>
  );
}
