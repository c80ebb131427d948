import './kudos.css';
import { Anchor, Button, Card, Divider, Group, Paper, SimpleGrid, Skeleton, Stack, Tabs, Text, Title } from '@mantine/core';
import { IconAward, IconGift, IconHeartHandshake, IconInbox, IconSend } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearchParams } from 'react-router';
import { LoadMore } from '../../../components/LoadMore.js';
import { Empty, ErrorState } from '../../../components/States.js';
import { formatDate } from '../../../components/format.js';
import { currentLanguage } from '../../../i18n/index.js';
import { useAbility } from '../../auth/hooks/useSession.js';
import type { KudosDirection } from '../api.js';
import { useBadges, useHideBadge, usePersonKudos, useRecognitionMe } from '../hooks/useKudos.js';
import { BadgeCase } from './BadgeCase.js';
import { KudosItem } from './KudosCard.js';

const isDirection = (v: string | null): v is KudosDirection => v === 'received' || v === 'given';

/**
 * The "Recognition" part of a profile: on one's own, the points to give and to spend; then the
 * badge case and the kudos received and given.
 */
export function ProfileRecognition(props: { personId: string; name: string; isMe: boolean }) {
  return useAbility('recognition.read') ? <Recognition {...props} /> : null;
}

function Recognition({ personId, name, isMe }: { personId: string; name: string; isMe: boolean }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const location = useLocation();
  const asked = params.get('kudos');
  const [tab, setTab] = useState<KudosDirection>(isDirection(asked) ? asked : 'received');
  const ref = useRef<HTMLElement>(null);
  const firstName = name.split(/\s+/)[0] ?? name;

  // a notification about private kudos leads here
  useEffect(() => {
    if (location.hash === '#recognition') {
      ref.current?.scrollIntoView({ block: 'start' });
    }
  }, [location.hash]);

  return (
    <Card padding="lg" component="section" aria-labelledby="profile-recognition" id="recognition" ref={ref}>
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm" mb="md">
        <Title order={2} fz={20} id="profile-recognition">
          {t('kudos.profile.title')}
        </Title>
      </Group>
      <Stack gap="lg">
        {isMe && <MyPoints />}
        <Badges personId={personId} isMe={isMe} firstName={firstName} />
        <Divider />
        <Tabs value={tab} onChange={(v) => isDirection(v) && setTab(v)} keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="received" leftSection={<IconInbox size={16} aria-hidden />}>
              {t('kudos.profile.received')}
            </Tabs.Tab>
            <Tabs.Tab value="given" leftSection={<IconSend size={16} aria-hidden />}>
              {t('kudos.profile.given')}
            </Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="received" pt="md">
            <KudosList personId={personId} direction="received" isMe={isMe} firstName={firstName} />
          </Tabs.Panel>
          <Tabs.Panel value="given" pt="md">
            <KudosList personId={personId} direction="given" isMe={isMe} firstName={firstName} />
          </Tabs.Panel>
        </Tabs>
      </Stack>
    </Card>
  );
}

/** One's own allowance to give this month and the points received to spend. */
function MyPoints() {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const me = useRecognitionMe();
  if (me.isPending) {
    return <Skeleton height={88} radius="md" />;
  }
  if (me.isError) {
    return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
  }
  const r = me.data;
  if (!r.gamification) {
    return (
      <Text size="sm" c="dimmed">
        {t('kudos.profile.pointsOff')}
      </Text>
    );
  }
  return (
    <Stack gap="xs">
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
        <Paper withBorder p="md" radius="md">
          <Text size="sm" c="dimmed">
            {t('kudos.profile.toGive')}
          </Text>
          <Text fw={800} fz={28} lh={1.2}>
            {t('kudos.profile.ofTotal', { left: r.allowance.remaining, total: r.allowance.total })}
          </Text>
          <Text size="xs" c="dimmed">
            {t('kudos.profile.resets', { date: formatDate(r.allowance.resetsAt, lng) })}
          </Text>
        </Paper>
        <Paper withBorder p="md" radius="md">
          <Text size="sm" c="dimmed">
            {t('kudos.profile.toSpend')}
          </Text>
          <Text fw={800} fz={28} lh={1.2}>
            {t('kudos.profile.pointsCount', { count: r.received })}
          </Text>
          <Anchor component={Link} to="/rewards" size="xs">
            <Group gap={4} component="span" wrap="nowrap">
              <IconGift size={14} aria-hidden />
              {t('kudos.profile.rewards')}
            </Group>
          </Anchor>
        </Paper>
      </SimpleGrid>
    </Stack>
  );
}

function Badges({ personId, isMe, firstName }: { personId: string; isMe: boolean; firstName: string }) {
  const { t } = useTranslation();
  const badges = useBadges(personId);
  const hide = useHideBadge(personId);
  return (
    <section aria-labelledby="profile-badges">
      <Title order={3} fz={16} id="profile-badges" mb="xs">
        {t('kudos.badgeCase.title')}
      </Title>
      {badges.isPending ? (
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm">
          <Skeleton height={90} radius="md" />
          <Skeleton height={90} radius="md" />
        </SimpleGrid>
      ) : badges.isError ? (
        <ErrorState error={badges.error} onRetry={() => void badges.refetch()} />
      ) : badges.data.items.length === 0 ? (
        <Group gap="sm" wrap="nowrap">
          <IconAward size={22} aria-hidden color="var(--mantine-color-dimmed)" />
          <Text size="sm" c="dimmed">
            {isMe ? t('kudos.badgeCase.emptyMine') : t('kudos.badgeCase.empty', { name: firstName })}
          </Text>
        </Group>
      ) : (
        <>
          {isMe && (
            <Text size="xs" c="dimmed" mb="xs">
              {t('kudos.badgeCase.hideHelp')}
            </Text>
          )}
          <BadgeCase
            badges={badges.data.items}
            pendingId={hide.isPending ? hide.variables.badgeId : null}
            onToggleHidden={isMe ? (b, hidden) => hide.mutate({ badgeId: b.id, hidden }) : undefined}
          />
          {hide.isError && (
            <Text size="sm" c="red.8" mt="xs" role="alert">
              {t('kudos.badgeCase.hideFailed')}
            </Text>
          )}
        </>
      )}
    </section>
  );
}

function KudosList({
  personId,
  direction,
  isMe,
  firstName,
}: {
  personId: string;
  direction: KudosDirection;
  isMe: boolean;
  firstName: string;
}) {
  const { t } = useTranslation();
  const list = usePersonKudos(personId, direction);
  if (list.isPending) {
    return (
      <Stack gap="md">
        <Skeleton height={120} radius="md" />
        <Skeleton height={120} radius="md" />
      </Stack>
    );
  }
  if (list.isError) {
    return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  }
  const items = list.data.pages.flatMap((p) => p.items);
  if (items.length === 0) {
    const who = isMe ? 'Mine' : '';
    return (
      <Empty
        icon={<IconHeartHandshake size={28} aria-hidden />}
        title={t(`kudos.profile.empty.${direction}${who}Title`, { name: firstName })}
        description={t(`kudos.profile.empty.${direction}${who}`, { name: firstName })}
      >
        {isMe && direction === 'given' && (
          <Button component={Link} to="/people" variant="light">
            {t('kudos.profile.findSomeone')}
          </Button>
        )}
      </Empty>
    );
  }
  return (
    <>
      <Stack gap="lg" component="ul" className="kudos-plain-list" aria-label={t(`kudos.profile.${direction}`)}>
        {items.map((k) => (
          <li key={k.id}>
            <KudosItem kudos={k} />
          </li>
        ))}
      </Stack>
      <LoadMore query={list} />
    </>
  );
}
