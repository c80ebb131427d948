import './communities.css';
import { Button, SimpleGrid, Stack, Tabs, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconCompass, IconPlus, IconSearch, IconUsersGroup } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { SOCIAL_LIMITS } from '../../../../shared/social.js';
import { LoadMore } from '../../../components/LoadMore.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { Empty, ErrorState } from '../../../components/States.js';
import { useAbility } from '../../auth/hooks/useSession.js';
import type { CommunityFilter } from '../api.js';
import { useCommunityList } from '../hooks/useCommunities.js';
import { CommunityCard, CommunityCardSkeleton } from './CommunityCard.js';
import { CreateCommunityDialog } from './CreateCommunityDialog.js';

const FILTERS: CommunityFilter[] = ['mine', 'discover', 'all'];
const isFilter = (v: string | null): v is CommunityFilter => v === 'mine' || v === 'discover' || v === 'all';

/** Communities: the viewer's own, the ones worth joining, and all of them, with a search and a way to start one. */
export function CommunitiesPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tabParam = params.get('tab');
  const filter: CommunityFilter = isFilter(tabParam) ? tabParam : 'mine';
  const [q, setQ] = useState(params.get('q') ?? '');
  const [debounced] = useDebouncedValue(q.trim(), 250);
  const canCreate = useAbility('communities.create');
  const creating = params.get('new') === '1';

  const update = (changes: Record<string, string | null>) =>
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

  useEffect(() => {
    if (debounced !== (params.get('q') ?? '')) {
      update({ q: debounced || null });
    }
    // only the settled text goes to the address bar
  }, [debounced]);

  const list = useCommunityList(filter, debounced);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  const createButton = canCreate ? (
    <Button leftSection={<IconPlus size={18} aria-hidden />} onClick={() => update({ new: '1' })}>
      {t('communities.create.open')}
    </Button>
  ) : null;

  const empty = () => {
    if (debounced) {
      return (
        <Empty
          icon={<IconSearch size={28} aria-hidden />}
          title={t('communities.empty.searchTitle')}
          description={t('communities.empty.search', { q: debounced })}
        />
      );
    }
    if (filter === 'mine') {
      return (
        <Empty
          icon={<IconUsersGroup size={28} aria-hidden />}
          title={t('communities.empty.mineTitle')}
          description={t('communities.empty.mine')}
        >
          <Button variant="default" leftSection={<IconCompass size={18} aria-hidden />} onClick={() => update({ tab: 'discover' })}>
            {t('communities.empty.discoverAction')}
          </Button>
          {createButton}
        </Empty>
      );
    }
    if (filter === 'discover') {
      return (
        <Empty
          icon={<IconCompass size={28} aria-hidden />}
          title={t('communities.empty.discoverTitle')}
          description={t('communities.empty.discover')}
        >
          {createButton}
        </Empty>
      );
    }
    return (
      <Empty
        icon={<IconUsersGroup size={28} aria-hidden />}
        title={t('communities.empty.allTitle')}
        description={t('communities.empty.all')}
      >
        {createButton}
      </Empty>
    );
  };

  return (
    <>
      <PageHeader title={t('communities.title')} description={t('communities.intro')} actions={createButton} />
      <Stack gap="md">
        <Tabs value={filter} onChange={(v) => update({ tab: v === 'mine' ? null : v })}>
          <Tabs.List>
            {FILTERS.map((f) => (
              <Tabs.Tab key={f} value={f}>
                {t(`communities.tabs.${f}`)}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          {FILTERS.map((f) => (
            <Tabs.Panel key={f} value={f} pt="md">
              {f === filter && (
                <Stack gap="md">
                  <TextInput
                    type="search"
                    aria-label={t('communities.searchLabel')}
                    placeholder={t('communities.searchPlaceholder')}
                    leftSection={<IconSearch size={18} aria-hidden />}
                    value={q}
                    maxLength={SOCIAL_LIMITS.searchQuery}
                    onChange={(e) => setQ(e.currentTarget.value)}
                    maw={480}
                  />
                  <div aria-busy={list.isFetching}>
                    {list.isPending ? (
                      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="md">
                        {Array.from({ length: 6 }, (_, i) => (
                          <CommunityCardSkeleton key={i} />
                        ))}
                      </SimpleGrid>
                    ) : list.isError && items.length === 0 ? (
                      <ErrorState error={list.error} onRetry={() => void list.refetch()} />
                    ) : items.length === 0 ? (
                      empty()
                    ) : (
                      <>
                        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="md">
                          {items.map((c) => (
                            <CommunityCard key={c.id} community={c} />
                          ))}
                        </SimpleGrid>
                        <LoadMore query={list} />
                      </>
                    )}
                  </div>
                </Stack>
              )}
            </Tabs.Panel>
          ))}
        </Tabs>
      </Stack>
      {canCreate && <CreateCommunityDialog opened={creating} onClose={() => update({ new: null })} />}
    </>
  );
}
