import { Anchor, Button, Group, Paper, Progress, SimpleGrid, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { IconBellRinging, IconPencil } from '@tabler/icons-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ConfirmButton } from '../../../components/ConfirmButton.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { PagedList } from '../../../components/PagedList.js';
import { StatTile } from '../../../components/StatTile.js';
import { ErrorState, Loading } from '../../../components/States.js';
import { UserAvatar } from '../../../components/UserAvatar.js';
import { PostHtml } from '../../feed/components/PostHtml.js';
import type { AnnouncementDetail, Segment } from '../api.js';
import {
  useAnnouncement,
  useAnnouncementStats,
  useCancelAnnouncement,
  usePendingRecipients,
  useReceipt,
  useRemind,
} from '../hooks/useAnnouncements.js';
import { toast } from '../toast.js';
import { AckControl, formatWhen, KindBadge, StatusBadge, useAnnouncementsErrorText } from './AnnouncementBits.js';

/** One announcement: its text with the acknowledgement, and for its sender the delivery counts per segment. */
export function AnnouncementPage() {
  const { id = '' } = useParams();
  const query = useAnnouncement(id);
  const seen = useReceipt('seen');
  const marked = useRef<string | null>(null);
  const a = query.data;
  // Opening it counts as seeing it, once per visit.
  useEffect(() => {
    if (a?.mine && !a.mine.seenAt && marked.current !== a.id) {
      marked.current = a.id;
      seen.mutate({ id: a.id, postId: a.postId });
    }
  }, [a, seen]);
  if (query.isPending) {
    return <Loading />;
  }
  if (query.isError) {
    return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  }
  return <AnnouncementView a={query.data} />;
}

function AnnouncementView({ a }: { a: AnnouncementDetail }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const cancel = useCancelAnnouncement();
  const errorText = useAnnouncementsErrorText();
  const when =
    a.status === 'published'
      ? t('announcements.sentAt', { date: formatWhen(a.publishedAt, i18n.language) })
      : a.status === 'scheduled'
        ? t('announcements.scheduledFor', { date: formatWhen(a.publishAt, i18n.language) })
        : t('announcements.createdAt', { date: formatWhen(a.createdAt, i18n.language) });
  return (
    <Stack gap="lg">
      <div>
        <Anchor component={Link} to="/announcements" size="sm">
          {t('announcements.back')}
        </Anchor>
      </div>
      <PageHeader
        title={a.title}
        description={t('announcements.from', { name: a.author.name, date: when })}
        actions={
          <Group gap="xs">
            {a.canEdit && (
              <Button
                variant="default"
                component={Link}
                to={`/announcements/new?edit=${a.id}`}
                leftSection={<IconPencil size={16} aria-hidden />}
              >
                {t('announcements.edit')}
              </Button>
            )}
            {a.canCancel && (
              <ConfirmButton
                title={t('announcements.cancel')}
                message={t('announcements.cancelConfirm')}
                confirmLabel={t('announcements.cancel')}
                loading={cancel.isPending}
                onConfirm={() =>
                  cancel.mutate(a.id, {
                    onSuccess: () => {
                      toast(t('announcements.cancelled'));
                      void navigate('/announcements?box=sent');
                    },
                    onError: (err) => toast(errorText(err), 'red'),
                  })
                }
              >
                {t('announcements.cancel')}
              </ConfirmButton>
            )}
          </Group>
        }
      />
      <Group gap="xs">
        <KindBadge urgent={a.urgent} />
        {a.canSeeStats && <StatusBadge status={a.status} />}
      </Group>
      <Paper withBorder radius="md" p="lg">
        <Stack gap="md">
          <PostHtml html={a.html} />
          <AckControl id={a.id} postId={a.postId} requiresAck={a.requiresAck} ackDueAt={a.ackDueAt} mine={a.mine} size="md" />
        </Stack>
      </Paper>
      {a.canSeeStats && a.status === 'published' && <Delivery a={a} />}
    </Stack>
  );
}

const percent = (r: number) => Math.round(r * 100);

/** The sender's view: live counts, each segment with bars, who is still waiting, and a reminder. */
function Delivery({ a }: { a: AnnouncementDetail }) {
  const { t } = useTranslation();
  const stats = useAnnouncementStats(a.id, true);
  const remind = useRemind();
  const errorText = useAnnouncementsErrorText();
  if (stats.isPending) {
    return <Loading />;
  }
  if (stats.isError) {
    return <ErrorState error={stats.error} onRetry={() => void stats.refetch()} />;
  }
  const s = stats.data;
  return (
    <section aria-labelledby="delivery-title">
      <Stack gap="md">
        <Group justify="space-between" wrap="wrap">
          <Title order={2} fz={20} id="delivery-title">
            {t('announcements.stats.title')}
          </Title>
          <Button
            variant="light"
            leftSection={<IconBellRinging size={16} aria-hidden />}
            loading={remind.isPending}
            disabled={(s.requiresAck ? s.acknowledged : s.seen) >= s.delivered}
            onClick={() =>
              remind.mutate(a.id, {
                onSuccess: (r) => toast(t('announcements.stats.reminded', { count: r.reminded })),
                onError: (err) => toast(errorText(err), 'red'),
              })
            }
          >
            {t('announcements.stats.remind')}
          </Button>
        </Group>
        <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm" aria-live="polite">
          <StatTile label={t('announcements.stats.delivered')} value={s.delivered} />
          <StatTile label={t('announcements.stats.seenPct', { pct: percent(s.seenRate) })} value={s.seen} />
          <StatTile label={t('announcements.stats.ackedPct', { pct: percent(s.ackRate) })} value={s.acknowledged} />
        </SimpleGrid>
        <Tabs defaultValue="departments">
          <Tabs.List>
            <Tabs.Tab value="departments">{t('announcements.stats.departments')}</Tabs.Tab>
            <Tabs.Tab value="teams">{t('announcements.stats.teams')}</Tabs.Tab>
            <Tabs.Tab value="locations">{t('announcements.stats.locations')}</Tabs.Tab>
          </Tabs.List>
          {(['departments', 'teams', 'locations'] as const).map((k) => (
            <Tabs.Panel key={k} value={k} pt="sm">
              <SegmentTable rows={s.segments[k]} requiresAck={s.requiresAck} caption={t(`announcements.stats.${k}`)} />
            </Tabs.Panel>
          ))}
        </Tabs>
        <Pending id={a.id} requiresAck={s.requiresAck} />
      </Stack>
    </section>
  );
}

function SegmentTable({ rows, requiresAck, caption }: { rows: Segment[]; requiresAck: boolean; caption: string }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={420}>
      <Table striped>
        <caption className="visually-hidden">{caption}</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('announcements.stats.segment')}</Table.Th>
            <Table.Th scope="col">{t('announcements.stats.delivered')}</Table.Th>
            <Table.Th scope="col">{t('announcements.stats.seen')}</Table.Th>
            {requiresAck && <Table.Th scope="col">{t('announcements.stats.acknowledged')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => {
            const done = requiresAck ? r.acknowledged : r.seen;
            const pct = r.delivered === 0 ? 0 : Math.round((100 * done) / r.delivered);
            return (
              <Table.Tr key={r.id ?? 'none'}>
                <Table.Th scope="row" fw={500}>
                  <Stack gap={4}>
                    <Text size="sm">{r.name ?? t('announcements.stats.none')}</Text>
                    <Progress
                      value={pct}
                      size="sm"
                      aria-label={t('announcements.stats.bar', { name: r.name ?? t('announcements.stats.none'), pct })}
                    />
                  </Stack>
                </Table.Th>
                <Table.Td>{r.delivered}</Table.Td>
                <Table.Td>{r.seen}</Table.Td>
                {requiresAck && <Table.Td>{r.acknowledged}</Table.Td>}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function Pending({ id, requiresAck }: { id: string; requiresAck: boolean }) {
  const { t, i18n } = useTranslation();
  const query = usePendingRecipients(id, true);
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section aria-labelledby="pending-title">
      <Title order={3} fz={17} id="pending-title" mb="xs">
        {requiresAck ? t('announcements.stats.pendingAck') : t('announcements.stats.pendingSeen')}
      </Title>
      <PagedList query={query} items={items} empty={<Text c="dimmed">{t('announcements.stats.allDone')}</Text>}>
        {(list) => (
          <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {list.map((p) => (
              <Group key={p.id} component="li" gap="sm" wrap="nowrap">
                <UserAvatar name={p.name} photoUrl={p.photoUrl} size={32} />
                <Stack gap={0} style={{ minWidth: 0 }}>
                  <Anchor component={Link} to={`/people/${p.id}`} size="sm" fw={600}>
                    {p.name}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {p.seenAt
                      ? t('announcements.stats.seenOn', { date: formatWhen(p.seenAt, i18n.language) })
                      : t('announcements.stats.notSeen')}
                  </Text>
                </Stack>
              </Group>
            ))}
          </Stack>
        )}
      </PagedList>
    </section>
  );
}
