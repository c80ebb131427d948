import './notifications.css';
import { Box, Button, Card, Group, SegmentedControl, Skeleton, Stack } from '@mantine/core';
import { IconBellCheck, IconChecks, IconSettings } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { LoadMore } from '../../../components/LoadMore.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { Empty, ErrorState } from '../../../components/States.js';
import type { NotificationView } from '../api.js';
import { useMarkRead, useNotificationList, useUnreadCount } from '../hooks/useNotifications.js';
import { NotificationItem } from './NotificationItem.js';

/** Every notification, newest first: all or only unread, a page at a time; read one by opening it, or all at once. */
export function NotificationsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const unreadOnly = params.get('show') === 'unread';
  const list = useNotificationList(unreadOnly);
  const count = useUnreadCount().data ?? 0;
  const mark = useMarkRead();
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  const open = (n: NotificationView) => {
    if (n.readAt === null) {
      mark.mutate({ ids: [n.id] });
    }
  };

  return (
    <Box maw={720} mx="auto">
      <PageHeader
        title={t('notifications.title')}
        description={t('notifications.intro')}
        actions={
          <Group gap="xs">
            <Button variant="default" component={Link} to="/settings#notifications" leftSection={<IconSettings size={16} aria-hidden />}>
              {t('notifications.settingsLink')}
            </Button>
            <Button
              leftSection={<IconChecks size={16} aria-hidden />}
              onClick={() => mark.mutate({ all: true })}
              disabled={count === 0}
              loading={mark.isPending && 'all' in (mark.variables ?? {})}
            >
              {t('notifications.markAll')}
            </Button>
          </Group>
        }
      />
      <Stack gap="md">
        <SegmentedControl
          aria-label={t('notifications.show')}
          value={unreadOnly ? 'unread' : 'all'}
          onChange={(v) => setParams(v === 'unread' ? { show: 'unread' } : {}, { replace: true })}
          data={[
            { value: 'all', label: t('notifications.filter.all') },
            { value: 'unread', label: count > 0 ? t('notifications.filter.unreadCount', { count }) : t('notifications.filter.unread') },
          ]}
          w={{ base: '100%', xs: 'auto' }}
          style={{ alignSelf: 'flex-start' }}
        />
        {list.isPending ? (
          <Card padding={0} aria-hidden>
            {Array.from({ length: 6 }, (_, i) => (
              <Group key={i} gap="sm" p="md" wrap="nowrap">
                <Skeleton circle height={48} />
                <Box flex={1}>
                  <Skeleton height={12} width="70%" mb={8} />
                  <Skeleton height={10} width="45%" mb={8} />
                  <Skeleton height={8} width="15%" />
                </Box>
              </Group>
            ))}
          </Card>
        ) : list.isError && items.length === 0 ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : items.length === 0 ? (
          <Empty
            icon={<IconBellCheck size={28} aria-hidden />}
            title={unreadOnly ? t('notifications.empty.unreadTitle') : t('notifications.empty.title')}
            description={unreadOnly ? t('notifications.empty.unread') : t('notifications.empty.body')}
          >
            {!unreadOnly && (
              <Button component={Link} to="/communities?tab=discover" variant="default">
                {t('notifications.empty.action')}
              </Button>
            )}
          </Empty>
        ) : (
          <>
            <Card padding={0}>
              <ul className="notification-list" aria-label={t('notifications.title')}>
                {items.map((n) => (
                  <li key={n.id}>
                    <NotificationItem n={n} onOpen={open} onMarkRead={(x) => mark.mutate({ ids: [x.id] })} />
                  </li>
                ))}
              </ul>
            </Card>
            {list.isFetchNextPageError && <ErrorState error={list.error} onRetry={() => void list.fetchNextPage()} />}
            <LoadMore query={list} />
          </>
        )}
      </Stack>
    </Box>
  );
}
