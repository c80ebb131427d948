import { Anchor, Button, Group, Paper, Stack, Tabs, Text } from '@mantine/core';
import { IconPlus, IconSpeakerphone } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { PageHeader } from '../../../components/PageHeader.js';
import { PagedList } from '../../../components/PagedList.js';
import { Empty } from '../../../components/States.js';
import { useMe } from '../../auth/hooks/useSession.js';
import type { AnnouncementSummary, Box } from '../api.js';
import { useAnnouncementList } from '../hooks/useAnnouncements.js';
import { formatWhen, KindBadge, StatusBadge } from './AnnouncementBits.js';

/** Announcements: those addressed to the person, and (for senders) those they sent. */
export function AnnouncementsPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const canAnnounce = me?.abilities['comms.announce'] === true;
  const [params, setParams] = useSearchParams();
  const box: Box = canAnnounce && params.get('box') === 'sent' ? 'sent' : 'inbox';
  return (
    <>
      <PageHeader
        title={t('announcements.title')}
        description={t('announcements.intro')}
        actions={
          canAnnounce && (
            <Button component={Link} to="/announcements/new" leftSection={<IconPlus size={18} aria-hidden />}>
              {t('announcements.new')}
            </Button>
          )
        }
      />
      {canAnnounce ? (
        <Tabs value={box} onChange={(v) => setParams(v === 'sent' ? { box: 'sent' } : {}, { replace: true })} keepMounted={false}>
          <Tabs.List mb="md">
            <Tabs.Tab value="inbox">{t('announcements.tabs.inbox')}</Tabs.Tab>
            <Tabs.Tab value="sent">{t('announcements.tabs.sent')}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="inbox">
            <AnnouncementList box="inbox" />
          </Tabs.Panel>
          <Tabs.Panel value="sent">
            <AnnouncementList box="sent" />
          </Tabs.Panel>
        </Tabs>
      ) : (
        <AnnouncementList box="inbox" />
      )}
    </>
  );
}

function AnnouncementList({ box }: { box: Box }) {
  const { t } = useTranslation();
  const query = useAnnouncementList(box);
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <PagedList
      query={query}
      items={items}
      empty={
        <Empty
          icon={<IconSpeakerphone size={28} aria-hidden />}
          title={t(`announcements.empty.${box}Title`)}
          description={t(`announcements.empty.${box}`)}
        />
      }
    >
      {(list) => (
        <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {list.map((a) => (
            <li key={a.id}>
              <AnnouncementRow a={a} box={box} />
            </li>
          ))}
        </Stack>
      )}
    </PagedList>
  );
}

function AnnouncementRow({ a, box }: { a: AnnouncementSummary; box: Box }) {
  const { t, i18n } = useTranslation();
  const waiting = a.requiresAck && a.mine !== null && a.mine.ackedAt === null;
  const when =
    a.status === 'published'
      ? t('announcements.sentAt', { date: formatWhen(a.publishedAt, i18n.language) })
      : a.status === 'scheduled'
        ? t('announcements.scheduledFor', { date: formatWhen(a.publishAt, i18n.language) })
        : t('announcements.createdAt', { date: formatWhen(a.createdAt, i18n.language) });
  return (
    <Paper withBorder radius="md" p="md">
      <Stack gap={6}>
        <Group gap="xs" wrap="wrap">
          <KindBadge urgent={a.urgent} />
          {box === 'sent' && <StatusBadge status={a.status} />}
          {waiting && (
            <Text size="sm" fw={700}>
              {t('announcements.ack.waiting')}
            </Text>
          )}
        </Group>
        <Anchor component={Link} to={`/announcements/${a.id}`} fw={700} fz="lg" c="inherit">
          {a.title}
        </Anchor>
        <Text size="sm" c="dimmed">
          {box === 'inbox' ? t('announcements.from', { name: a.author.name, date: when }) : when}
        </Text>
        {box === 'sent' && a.counts && a.status === 'published' && (
          <Text size="sm">
            {t('announcements.countsLine', {
              delivered: a.counts.delivered,
              seen: a.counts.seen,
              acknowledged: a.counts.acknowledged,
            })}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
