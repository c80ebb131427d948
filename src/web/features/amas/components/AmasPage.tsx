import { Anchor, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { IconCalendarEvent, IconMicrophone, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../../components/PageHeader.js';
import { PagedList } from '../../../components/PagedList.js';
import { Empty } from '../../../components/States.js';
import { useAbility } from '../../auth/hooks/useSession.js';
import type { AmaSummary, AmaWhen } from '../api.js';
import { useAmaList, useAmaLive } from '../hooks/useAmas.js';
import { AmaHost, AmaStatusBadge, useAmaTime } from './AmaBits.js';

function AmaCard({ ama }: { ama: AmaSummary }) {
  const { t } = useTranslation();
  const when = useAmaTime();
  return (
    <Card withBorder radius="md" padding="md" className={ama.status === 'live' ? 'ama-live-card' : undefined}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Anchor component={Link} to={`/amas/${ama.id}`} fw={700} fz="lg">
            {ama.title}
          </Anchor>
          <AmaStatusBadge status={ama.status} />
        </Group>
        <AmaHost host={ama.host} />
        <Text size="sm" c="dimmed">
          {when(ama)}
          {ama.community ? ` · ${ama.community.name}` : ''}
        </Text>
        <Text size="sm">{t('amas.counts', { count: ama.questionCount, answered: ama.answeredCount })}</Text>
      </Stack>
    </Card>
  );
}

function AmaSection({ when, title, empty }: { when: AmaWhen; title: string; empty: string }) {
  const query = useAmaList(when);
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  if (when === 'live' && items.length === 0) {
    // Nothing on air: the section stays out of the way.
    return null;
  }
  return (
    <section aria-labelledby={`amas-${when}`}>
      <Title order={2} fz="h3" id={`amas-${when}`} mb="sm">
        {title}
      </Title>
      <PagedList query={query} items={items} empty={<Text c="dimmed">{empty}</Text>}>
        {(list) => (
          <Stack gap="sm">
            {list.map((a) => (
              <AmaCard key={a.id} ama={a} />
            ))}
          </Stack>
        )}
      </PagedList>
    </section>
  );
}

/** Leadership AMAs: live now (highlighted), upcoming, past. */
export function AmasPage() {
  const { t } = useTranslation();
  const canSchedule = useAbility('ama.manage');
  useAmaLive();
  const upcoming = useAmaList('upcoming');
  const past = useAmaList('past');
  const live = useAmaList('live');
  const nothing =
    !upcoming.isPending &&
    !past.isPending &&
    !live.isPending &&
    [upcoming, past, live].every((q) => !q.isError && (q.data?.pages[0]?.items.length ?? 0) === 0);
  return (
    <>
      <PageHeader
        title={t('amas.title')}
        description={t('amas.description')}
        actions={
          canSchedule && (
            <Button component={Link} to="/amas/new" leftSection={<IconPlus size={18} aria-hidden />}>
              {t('amas.schedule')}
            </Button>
          )
        }
      />
      {nothing ? (
        <Empty icon={<IconMicrophone aria-hidden />} title={t('amas.empty.title')} description={t('amas.empty.description')}>
          {canSchedule && (
            <Button component={Link} to="/amas/new" leftSection={<IconCalendarEvent size={18} aria-hidden />}>
              {t('amas.schedule')}
            </Button>
          )}
        </Empty>
      ) : (
        <Stack gap="xl">
          <AmaSection when="live" title={t('amas.sections.live')} empty="" />
          <AmaSection when="upcoming" title={t('amas.sections.upcoming')} empty={t('amas.sections.noUpcoming')} />
          <AmaSection when="past" title={t('amas.sections.past')} empty={t('amas.sections.noPast')} />
        </Stack>
      )}
    </>
  );
}
