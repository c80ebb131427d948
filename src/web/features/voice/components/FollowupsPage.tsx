import { Box, Card, Group, Stack, Tabs, Text } from '@mantine/core';
import { IconChecklist } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { PageHeader } from '../../../components/PageHeader.js';
import { PagedList } from '../../../components/PagedList.js';
import { Empty } from '../../../components/States.js';
import { useAbility } from '../../auth/hooks/useSession.js';
import { CustomersNav } from '../../customers/components/CustomersNav.js';
import type { Followup } from '../api.js';
import { useFollowups } from '../hooks/useFollowups.js';
import { FOLLOWUP_TABS, type FollowupTab, pickTab, tabFilters } from '../logic.js';
import { DueText, FollowupStatusBadge, LATE, ScoreBadge } from './FeedbackBits.js';
import { FollowupDrawer } from './FollowupDrawer.js';

/**
 * Follow-ups of detractors' answers: owner, due date, status, notes. Customer staff see every
 * follow-up by status; anyone else sees the ones they own. Choosing one opens it beside the list,
 * at its own address.
 */
export function FollowupsPage() {
  const { t } = useTranslation();
  const { followupId } = useParams();
  const navigate = useNavigate();
  const staff = useAbility('customers.read');
  const [params, setParams] = useSearchParams();
  const tab = pickTab(params.get('tab'), staff);
  const search = params.toString();

  const setTab = (v: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (v && v !== 'open') {
          next.set('tab', v);
        } else {
          next.delete('tab');
        }
        return next;
      },
      { replace: true },
    );
  const close = () => void navigate({ pathname: '/customers/followups', search: search ? `?${search}` : '' });

  return (
    <Box maw={880} mx="auto">
      <CustomersNav />
      <PageHeader title={t('voice.followups.title')} description={staff ? t('voice.followups.intro') : t('voice.followups.introMine')} />
      {staff ? (
        <Tabs value={tab} onChange={setTab} keepMounted={false}>
          <Tabs.List mb="md" style={{ flexWrap: 'nowrap', overflowX: 'auto', overflowY: 'hidden' }}>
            {FOLLOWUP_TABS.map((v) => (
              <Tabs.Tab key={v} value={v} style={{ flexShrink: 0 }}>
                {t(`voice.followups.tabs.${v}`)}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          {FOLLOWUP_TABS.map((v) => (
            <Tabs.Panel key={v} value={v}>
              {v === tab && <FollowupList tab={tab} selected={followupId} search={search} />}
            </Tabs.Panel>
          ))}
        </Tabs>
      ) : (
        <FollowupList tab="mine" selected={followupId} search={search} />
      )}
      <FollowupDrawer id={followupId} onClose={close} />
    </Box>
  );
}

function FollowupList({ tab, selected, search }: { tab: FollowupTab; selected: string | undefined; search: string }) {
  const { t } = useTranslation();
  const list = useFollowups(tabFilters(tab));
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <PagedList
      query={list}
      items={items}
      empty={
        <Empty
          icon={<IconChecklist size={28} aria-hidden />}
          title={t(`voice.followups.empty.${tab}Title`)}
          description={t(`voice.followups.empty.${tab}Body`)}
        />
      }
    >
      {(followups) => (
        <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {followups.map((f) => (
            <li key={f.id}>
              <FollowupRow followup={f} selected={f.id === selected} search={search} />
            </li>
          ))}
        </Stack>
      )}
    </PagedList>
  );
}

/** One follow-up in the list: a link to its detail, red-edged and marked "overdue" in words when late. */
function FollowupRow({ followup: f, selected, search }: { followup: Followup; selected: boolean; search: string }) {
  const { t } = useTranslation();
  const late = f.overdue && f.status !== 'done';
  return (
    <Card
      component={Link}
      to={{ pathname: `/customers/followups/${f.id}`, search: search ? `?${search}` : '' }}
      aria-current={selected ? 'page' : undefined}
      padding="md"
      style={{
        display: 'block',
        color: 'inherit',
        textDecoration: 'none',
        borderLeft: `4px solid ${late ? LATE : 'var(--mantine-color-default-border)'}`,
        outlineOffset: 2,
        ...(selected ? { background: 'var(--mantine-color-default-hover)' } : {}),
      }}
    >
      <Stack gap={6}>
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Group gap="xs" wrap="wrap">
            <ScoreBadge item={f.feedback} size="md" />
            <Text fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
              {f.account?.name ?? t('voice.card.noAccount')}
            </Text>
          </Group>
          <FollowupStatusBadge status={f.status} />
        </Group>
        {f.feedback.comment && (
          <Text size="sm" lineClamp={2} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {f.feedback.comment}
          </Text>
        )}
        <Group gap="md" wrap="wrap" style={{ rowGap: 4 }}>
          <DueText followup={f} />
          <Text size="sm" c="dimmed">
            {f.owner ? t('voice.followups.ownedBy', { name: f.owner.name }) : t('voice.followups.noOwner')}
          </Text>
          {f.team && (
            <Text size="sm" c="dimmed">
              {t('voice.followups.teamName', { name: f.team.name })}
            </Text>
          )}
        </Group>
      </Stack>
    </Card>
  );
}
