import { Box, Button, Grid, Select, Stack, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconFilterOff, IconInbox, IconSearch } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { FEEDBACK_CHANNELS, FEEDBACK_KINDS } from '../../../../shared/customers.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { PagedList } from '../../../components/PagedList.js';
import { Empty } from '../../../components/States.js';
import { useAbility } from '../../auth/hooks/useSession.js';
import { CustomersNav } from '../../customers/components/CustomersNav.js';
import { useStructure } from '../../people/hooks/usePeople.js';
import type { FeedbackFilters, FeedbackItem } from '../api.js';
import { useFeedback } from '../hooks/useFeedback.js';
import { CATEGORIES, isCategory, isChannel, isKind } from '../logic.js';
import { FeedbackCard } from './FeedbackCard.js';
import { PassOnModal } from './PassOnModal.js';

/** Long enough for a phrase; the server caps it too. */
const SEARCH_MAX = 100;

/** The filters live in the address, so a filtered inbox can be shared and survives going to a follow-up and back. */
function readFilters(params: URLSearchParams): FeedbackFilters {
  const kind = params.get('kind');
  const category = params.get('category');
  const channel = params.get('channel');
  return {
    ...(isKind(kind) ? { kind } : {}),
    ...(isCategory(category) ? { category } : {}),
    ...(isChannel(channel) ? { channel } : {}),
    ...(params.get('teamId') ? { teamId: params.get('teamId')! } : {}),
    ...(params.get('accountId') ? { accountId: params.get('accountId')! } : {}),
    ...(params.get('q') ? { q: params.get('q')!.slice(0, SEARCH_MAX) } : {}),
  };
}

/** Customer feedback as it arrives, with filters, and praise passed on. */
export function FeedbackInboxPage() {
  const { t } = useTranslation();
  const canRead = useAbility('customers.read');
  return (
    <Box maw={880} mx="auto">
      <CustomersNav />
      <PageHeader title={t('voice.inbox.title')} description={t('voice.inbox.intro')} />
      {canRead ? (
        <Inbox />
      ) : (
        <Empty icon={<IconInbox size={28} aria-hidden />} title={t('voice.noAccess.title')} description={t('voice.noAccess.body')} />
      )}
    </Box>
  );
}

function Inbox() {
  const { t } = useTranslation();
  const canPraise = useAbility('customers.praise');
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readFilters(params), [params]);
  const [q, setQ] = useState(filters.q ?? '');
  const [search] = useDebouncedValue(q.trim(), 350);
  const structure = useStructure();
  const list = useFeedback(filters);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const [passing, setPassing] = useState<FeedbackItem | null>(null);
  const filtered = Object.keys(filters).length > 0;

  const setParam = (key: string, value: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) {
          next.set(key, value);
        } else {
          next.delete(key);
        }
        return next;
      },
      { replace: true },
    );

  useEffect(() => {
    if (search !== (params.get('q') ?? '')) {
      setParam('q', search || null);
    }
    // Only the typed search drives this; the other filters are written straight away.
  }, [search]);

  const clear = () => {
    setQ('');
    setParams(new URLSearchParams(), { replace: true });
  };

  const any = (label: string) => ({ value: '', label });

  return (
    <Stack gap="md">
      <Grid gap="sm" align="flex-end">
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <TextInput
            label={t('voice.filters.search')}
            placeholder={t('voice.filters.searchPlaceholder')}
            leftSection={<IconSearch size={16} aria-hidden />}
            value={q}
            onChange={(e) => setQ(e.currentTarget.value)}
            maxLength={SEARCH_MAX}
            type="search"
          />
        </Grid.Col>
        <Grid.Col span={{ base: 6, sm: 3 }}>
          <Select
            label={t('voice.filters.kind')}
            data={[any(t('voice.filters.anyKind')), ...FEEDBACK_KINDS.map((k) => ({ value: k, label: t(`voice.kind.${k}`) }))]}
            value={filters.kind ?? ''}
            onChange={(v) => setParam('kind', v)}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 6, sm: 3 }}>
          <Select
            label={t('voice.filters.category')}
            data={[any(t('voice.filters.anyCategory')), ...CATEGORIES.map((c) => ({ value: c, label: t(`voice.category.${c}`) }))]}
            value={filters.category ?? ''}
            onChange={(v) => setParam('category', v)}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 6, sm: 3 }}>
          <Select
            label={t('voice.filters.channel')}
            data={[any(t('voice.filters.anyChannel')), ...FEEDBACK_CHANNELS.map((c) => ({ value: c, label: t(`voice.channel.${c}`) }))]}
            value={filters.channel ?? ''}
            onChange={(v) => setParam('channel', v)}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 6, sm: 6 }}>
          <Select
            label={t('voice.filters.team')}
            data={[any(t('voice.filters.anyTeam')), ...(structure.data?.teams ?? []).map((x) => ({ value: x.id, label: x.name }))]}
            value={filters.teamId ?? ''}
            onChange={(v) => setParam('teamId', v)}
            allowDeselect={false}
            searchable
            nothingFoundMessage={t('voice.filters.nothingFound')}
            comboboxProps={{ withinPortal: true }}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 3 }}>
          {filtered && (
            <Button variant="subtle" leftSection={<IconFilterOff size={16} aria-hidden />} onClick={clear} fullWidth>
              {t('voice.filters.clear')}
            </Button>
          )}
        </Grid.Col>
      </Grid>
      <PagedList
        query={list}
        items={items}
        empty={
          filtered ? (
            <Empty
              icon={<IconInbox size={28} aria-hidden />}
              title={t('voice.inbox.emptyFilteredTitle')}
              description={t('voice.inbox.emptyFilteredBody')}
            />
          ) : (
            <Empty
              icon={<IconInbox size={28} aria-hidden />}
              title={t('voice.inbox.emptyTitle')}
              description={t('voice.inbox.emptyBody')}
            />
          )
        }
      >
        {(feedback) => (
          <Stack gap="md">
            {feedback.map((f) => (
              <FeedbackCard key={f.id} item={f} canPraise={canPraise} onPassOn={setPassing} />
            ))}
          </Stack>
        )}
      </PagedList>
      <PassOnModal item={passing} onClose={() => setPassing(null)} />
    </Stack>
  );
}
