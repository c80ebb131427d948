import { Box, Card, Group, SegmentedControl, Select, Skeleton, Stack } from '@mantine/core';
import { IconShieldCheck, IconShieldLock } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { LoadMore } from '../../../components/LoadMore.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { Empty, ErrorState, Loading } from '../../../components/States.js';
import { useCommunity } from '../../communities/hooks/useCommunities.js';
import { REPORT_STATUSES, type ReportStatus, type ReportView } from '../api.js';
import { useModerationScope, useReportQueue } from '../hooks/useModeration.js';
import { ReportCard } from './ReportCard.js';

const ORG = 'org';
const isStatus = (v: string | null): v is ReportStatus => (REPORT_STATUSES as readonly string[]).includes(v ?? '');

/** The moderation queue: the whole organisation's for administrators, each moderated community's for its moderators. */
export function ModerationPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const scope = useModerationScope();
  const statusParam = params.get('status');
  const status: ReportStatus = isStatus(statusParam) ? statusParam : 'open';
  const asked = params.get('community');
  const communityId = asked ?? (scope.orgWide ? undefined : scope.communities[0]?.id);
  // a community reached from its own page, which the viewer moderates without being in it (administrators)
  const outside = useCommunity(asked && !scope.communities.some((c) => c.id === asked) ? asked : '');

  const options = useMemo(() => {
    const list = [
      ...(scope.orgWide ? [{ value: ORG, label: t('moderation.scope.org') }] : []),
      ...scope.communities.map((c) => ({ value: c.id, label: c.name })),
    ];
    if (asked && !list.some((o) => o.value === asked) && outside.data) {
      list.push({ value: asked, label: outside.data.name });
    }
    return list;
  }, [scope.orgWide, scope.communities, asked, outside.data, t]);

  const allowed =
    scope.orgWide ||
    (communityId !== undefined && (scope.communities.some((c) => c.id === communityId) || outside.data?.abilities.canModerate === true));
  const queue = useReportQueue(communityId, status, allowed);

  const set = (changes: Record<string, string | null>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(changes)) {
          if (v) {
            next.set(k, v);
          } else {
            next.delete(k);
          }
        }
        return next;
      },
      { replace: true },
    );

  // One card per reported item: later reports on the same item are counted on it, not repeated.
  const items = useMemo(() => {
    const seen = new Set<string>();
    const out: ReportView[] = [];
    for (const r of queue.data?.pages.flatMap((p) => p.items) ?? []) {
      const key = `${r.target.postId}:${r.target.commentId ?? ''}`;
      if (!seen.has(key)) {
        seen.add(key);
        out.push(r);
      }
    }
    return out;
  }, [queue.data]);

  if (scope.isPending && !scope.orgWide) {
    return <Loading />;
  }
  if (!scope.can && !outside.data?.abilities.canModerate) {
    return (
      <>
        <PageHeader title={t('moderation.title')} />
        <Empty
          icon={<IconShieldLock size={28} aria-hidden />}
          title={t('moderation.notModerator.title')}
          description={t('moderation.notModerator.body')}
        />
      </>
    );
  }

  return (
    <Box maw={820} mx="auto">
      <PageHeader title={t('moderation.title')} description={scope.orgWide ? t('moderation.introAdmin') : t('moderation.intro')} />
      <Stack gap="md">
        <Group gap="sm" wrap="wrap" align="flex-end">
          {options.length > 1 && (
            <Select
              label={t('moderation.scope.label')}
              data={options}
              value={communityId ?? ORG}
              onChange={(v) => set({ community: v && v !== ORG ? v : null })}
              allowDeselect={false}
              searchable={options.length > 8}
              comboboxProps={{ withinPortal: true }}
              w={{ base: '100%', xs: 300 }}
            />
          )}
          <SegmentedControl
            aria-label={t('moderation.status.label')}
            value={status}
            onChange={(v) => set({ status: v === 'open' ? null : v })}
            data={REPORT_STATUSES.map((s) => ({ value: s, label: t(`moderation.status.${s}`) }))}
          />
        </Group>

        {queue.isPending ? (
          <Stack gap="md" aria-hidden>
            {Array.from({ length: 3 }, (_, i) => (
              <Card key={i} padding="lg">
                <Skeleton height={14} width="40%" mb="sm" />
                <Skeleton height={10} width="25%" mb="md" />
                <Skeleton height={80} mb="md" />
                <Group justify="flex-end">
                  <Skeleton height={32} width={90} />
                  <Skeleton height={32} width={90} />
                </Group>
              </Card>
            ))}
          </Stack>
        ) : queue.isError && items.length === 0 ? (
          <ErrorState error={queue.error} onRetry={() => void queue.refetch()} />
        ) : items.length === 0 ? (
          <Empty
            icon={<IconShieldCheck size={28} aria-hidden />}
            title={t(`moderation.empty.${status}.title`)}
            description={t(`moderation.empty.${status}.body`)}
          />
        ) : (
          <>
            <Stack gap="md">
              {items.map((r) => (
                <ReportCard key={r.id} report={r} />
              ))}
            </Stack>
            <LoadMore query={queue} />
          </>
        )}
      </Stack>
    </Box>
  );
}
