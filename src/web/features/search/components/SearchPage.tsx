import './search.css';
import {
  Alert,
  Box,
  Button,
  Card,
  Collapse,
  Group,
  Indicator,
  List,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Tabs,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAdjustmentsHorizontal, IconAlertTriangle, IconArrowRight, IconSearch, IconSearchOff, IconX } from '@tabler/icons-react';
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { SOCIAL_LIMITS } from '../../../../shared/social.js';
import { ApiError } from '../../../api.js';
import { LoadMore } from '../../../components/LoadMore.js';
import { useDocumentTitle } from '../../../components/PageHeader.js';
import { Empty } from '../../../components/States.js';
import { communitiesApi } from '../../communities/api.js';
import { useScopedErrorText } from '../../communities/errors.js';
import { useCommunity } from '../../communities/hooks/useCommunities.js';
import { PersonPicker } from '../../people/components/PersonPicker.js';
import type { PersonSummary } from '../../people/api.js';
import {
  SEARCH_TYPES,
  searchApi,
  type CommentHit,
  type CommunityHit,
  type PostHit,
  type SearchFilters,
  type SearchType,
  type SingleType,
} from '../api.js';
import { CommentResult, CommunityResult, PersonResult, PostResult } from './Results.js';

const MIN_QUERY = 2;
const isType = (v: string | null): v is SearchType => (SEARCH_TYPES as readonly string[]).includes(v ?? '');
const FILTERABLE: SearchType[] = ['all', 'posts', 'comments'];

/** One search for everything: posts, comments, communities and people, with filters for the conversation. */
export function SearchPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const q = (params.get('q') ?? '').trim();
  const typeParam = params.get('type');
  const type: SearchType = isType(typeParam) ? typeParam : 'all';
  const filters: SearchFilters = useMemo(
    () => ({
      communityId: params.get('community') ?? undefined,
      authorId: params.get('author') ?? undefined,
      from: params.get('from') ?? undefined,
      to: params.get('to') ?? undefined,
    }),
    [params],
  );
  const filterCount = Object.values(filters).filter(Boolean).length;
  const [draft, setDraft] = useState(q);
  const [debounced] = useDebouncedValue(draft.trim(), 400);
  const [showFilters, setShowFilters] = useState(filterCount > 0);
  useDocumentTitle(q ? t('search.titleFor', { q }) : t('search.title'));

  const update = (changes: Record<string, string | null | undefined>, replace = true) =>
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
      { replace },
    );

  // the top bar (or the back button) changed the query: show it in the box
  useEffect(() => setDraft(q), [q]);
  useEffect(() => {
    if (debounced !== q && (debounced.length >= MIN_QUERY || debounced === '')) {
      update({ q: debounced || null });
    }
    // only the settled text searches
  }, [debounced]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    update({ q: draft.trim() || null }, false);
  };

  const filterable = FILTERABLE.includes(type);
  const activeFilters: SearchFilters = filterable ? filters : {};
  const ready = q.length >= MIN_QUERY;

  return (
    <Box maw={820} mx="auto">
      <Title order={1} fz={{ base: 26, sm: 30 }} mb="md">
        {q ? t('search.titleFor', { q }) : t('search.title')}
      </Title>
      <Stack gap="md">
        <Box component="form" role="search" onSubmit={submit}>
          <Group gap="xs" wrap="nowrap" align="flex-end">
            <TextInput
              type="search"
              flex={1}
              aria-label={t('search.boxLabel')}
              placeholder={t('search.placeholder')}
              leftSection={<IconSearch size={18} aria-hidden />}
              value={draft}
              maxLength={SOCIAL_LIMITS.searchQuery}
              onChange={(e) => setDraft(e.currentTarget.value)}
              autoFocus={!q}
            />
            <Button type="submit" size="md">
              {t('search.submit')}
            </Button>
          </Group>
        </Box>

        <Tabs value={type} onChange={(v) => update({ type: v === 'all' ? null : v })}>
          <Tabs.List className="search-tabs">
            {SEARCH_TYPES.map((v) => (
              <Tabs.Tab key={v} value={v}>
                {t(`search.tabs.${v}`)}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          {filterable && (
            <Group mt="sm" gap="xs">
              <Indicator label={filterCount} size={16} disabled={filterCount === 0} color="brand" offset={4}>
                <Button
                  variant={showFilters ? 'light' : 'default'}
                  size="xs"
                  leftSection={<IconAdjustmentsHorizontal size={16} aria-hidden />}
                  onClick={() => setShowFilters((s) => !s)}
                  aria-expanded={showFilters}
                  aria-controls="search-filters"
                >
                  {t('search.filters.toggle')}
                </Button>
              </Indicator>
            </Group>
          )}

          {filterable && (
            <Collapse expanded={showFilters} id="search-filters">
              <Filters filters={filters} onChange={(c) => update(c)} />
            </Collapse>
          )}

          {SEARCH_TYPES.map((v) => (
            <Tabs.Panel key={v} value={v} pt="md">
              {v === type &&
                (!q ? (
                  <Tips />
                ) : !ready ? (
                  <Alert variant="light" color="gray" icon={<IconSearch aria-hidden />}>
                    {t('search.tooShort')}
                  </Alert>
                ) : v === 'all' ? (
                  <AllResults q={q} filters={activeFilters} onMore={(next) => update({ type: next }, false)} />
                ) : (
                  <SingleResults type={v} q={q} filters={activeFilters} />
                ))}
            </Tabs.Panel>
          ))}
        </Tabs>
      </Stack>
    </Box>
  );
}

function Filters({ filters, onChange }: { filters: SearchFilters; onChange: (c: Record<string, string | null>) => void }) {
  const { t } = useTranslation();
  const [communitySearch, setCommunitySearch] = useState('');
  const [debounced] = useDebouncedValue(communitySearch.trim(), 250);
  const [known, setKnown] = useState<Record<string, string>>({});
  const communities = useQuery({
    queryKey: ['community-suggest', debounced],
    queryFn: () => communitiesApi.suggest(debounced),
    enabled: debounced.length >= 1,
  });
  const chosen = useCommunity(filters.communityId && !known[filters.communityId] ? filters.communityId : '');
  const options = useMemo(() => {
    const map = new Map<string, string>();
    if (filters.communityId) {
      map.set(filters.communityId, known[filters.communityId] ?? chosen.data?.name ?? '…');
    }
    for (const c of communities.data?.items ?? []) {
      map.set(c.id, c.name);
    }
    return [...map].map(([value, label]) => ({ value, label }));
  }, [filters.communityId, known, chosen.data, communities.data]);

  const any = Boolean(filters.communityId ?? filters.authorId ?? filters.from ?? filters.to);
  return (
    <Card padding="md" mt="md" withBorder>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <Select
          label={t('search.filters.community')}
          placeholder={t('search.filters.communityPlaceholder')}
          data={options}
          value={filters.communityId ?? null}
          onChange={(v, option) => {
            if (v && option) {
              setKnown((k) => ({ ...k, [v]: option.label }));
            }
            onChange({ community: v });
          }}
          searchable
          clearable
          searchValue={communitySearch}
          onSearchChange={setCommunitySearch}
          filter={({ options: o }) => o}
          nothingFoundMessage={debounced ? t('search.filters.noCommunity') : t('search.filters.typeCommunity')}
          comboboxProps={{ withinPortal: true }}
        />
        <PersonPicker label={t('search.filters.author')} value={filters.authorId ?? null} onChange={(v) => onChange({ author: v })} />
        <TextInput
          type="date"
          label={t('search.filters.from')}
          value={filters.from ?? ''}
          max={filters.to}
          onChange={(e) => onChange({ from: e.currentTarget.value || null })}
        />
        <TextInput
          type="date"
          label={t('search.filters.to')}
          value={filters.to ?? ''}
          min={filters.from}
          onChange={(e) => onChange({ to: e.currentTarget.value || null })}
        />
      </SimpleGrid>
      {any && (
        <Group mt="md">
          <Button
            variant="subtle"
            color="gray"
            size="sm"
            leftSection={<IconX size={16} aria-hidden />}
            onClick={() => onChange({ community: null, author: null, from: null, to: null })}
          >
            {t('search.filters.clear')}
          </Button>
        </Group>
      )}
    </Card>
  );
}

function Tips({ noResults = false, q }: { noResults?: boolean; q?: string }) {
  const { t } = useTranslation();
  return (
    <Stack gap={0} align="center">
      <Empty
        icon={noResults ? <IconSearchOff size={28} aria-hidden /> : <IconSearch size={28} aria-hidden />}
        title={noResults ? t('search.none.title', { q }) : t('search.start.title')}
        description={noResults ? t('search.none.body') : t('search.start.body')}
      />
      <Card padding="md" maw={460} w="100%" component="section" aria-labelledby="search-tips">
        <Text fw={600} size="sm" id="search-tips" mb={6}>
          {t('search.tips.title')}
        </Text>
        <List size="sm" spacing={6}>
          <List.Item>{t('search.tips.phrase')}</List.Item>
          <List.Item>{t('search.tips.exclude')}</List.Item>
          <List.Item>{t('search.tips.or')}</List.Item>
          <List.Item>{t('search.tips.prefix')}</List.Item>
        </List>
      </Card>
    </Stack>
  );
}

function ResultsSkeleton({ count = 4 }: { count?: number }) {
  return (
    <Stack gap="sm" aria-hidden>
      {Array.from({ length: count }, (_, i) => (
        <Card key={i} padding="md">
          <Group gap="sm" wrap="nowrap" align="flex-start">
            <Skeleton circle height={40} />
            <Box flex={1}>
              <Skeleton height={12} width="35%" mb={8} />
              <Skeleton height={10} width="20%" mb={12} />
              <Skeleton height={12} mb={6} />
              <Skeleton height={12} width="75%" />
            </Box>
          </Group>
        </Card>
      ))}
    </Stack>
  );
}

function SearchError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  const errorText = useScopedErrorText('search');
  const fixable = error instanceof ApiError && error.status === 400;
  return (
    <Alert
      color={fixable ? 'orange' : 'red'}
      variant="light"
      icon={<IconAlertTriangle aria-hidden />}
      role="alert"
      title={fixable ? undefined : t('common.errorTitle')}
    >
      <Stack gap="xs">
        <Text size="sm">{errorText(error)}</Text>
        {!fixable && (
          <Group>
            <Button size="xs" variant="white" color="red" onClick={onRetry}>
              {t('common.retry')}
            </Button>
          </Group>
        )}
      </Stack>
    </Alert>
  );
}

function renderHit(type: SingleType, hit: PostHit | CommentHit | CommunityHit | PersonSummary): ReactNode {
  switch (type) {
    case 'posts':
      return <PostResult key={hit.id} hit={hit as PostHit} />;
    case 'comments':
      return <CommentResult key={hit.id} hit={hit as CommentHit} />;
    case 'communities':
      return <CommunityResult key={hit.id} hit={hit as CommunityHit} />;
    case 'people':
      return <PersonResult key={hit.id} person={hit as PersonSummary} />;
  }
}

const ORDER: SingleType[] = ['posts', 'people', 'communities', 'comments'];

function AllResults({ q, filters, onMore }: { q: string; filters: SearchFilters; onMore: (type: SingleType) => void }) {
  const { t } = useTranslation();
  const result = useQuery({
    queryKey: ['search', 'all', q, filters],
    queryFn: ({ signal }) => searchApi.all(q, filters, signal),
    placeholderData: keepPreviousData,
    retry: false,
  });
  if (result.isPending) {
    return <ResultsSkeleton />;
  }
  if (result.isError) {
    return <SearchError error={result.error} onRetry={() => void result.refetch()} />;
  }
  const r = result.data;
  const total = ORDER.reduce((n, k) => n + r[k].items.length, 0);
  if (total === 0) {
    return <Tips noResults q={q} />;
  }
  return (
    <Stack gap="xl" aria-busy={result.isFetching}>
      {ORDER.filter((k) => r[k].items.length > 0).map((k) => (
        <Box component="section" key={k} aria-labelledby={`search-section-${k}`}>
          <Group justify="space-between" mb="sm">
            <Title order={2} fz={18} id={`search-section-${k}`}>
              {t(`search.tabs.${k}`)}
            </Title>
            {r[k].nextCursor && (
              <Button variant="subtle" size="compact-sm" rightSection={<IconArrowRight size={14} aria-hidden />} onClick={() => onMore(k)}>
                {t(`search.more.${k}`)}
              </Button>
            )}
          </Group>
          {k === 'people' || k === 'communities' ? (
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              {(r[k].items as (PersonSummary | CommunityHit)[]).map((hit) => renderHit(k, hit))}
            </SimpleGrid>
          ) : (
            <Stack gap="sm">{(r[k].items as (PostHit | CommentHit)[]).map((hit) => renderHit(k, hit))}</Stack>
          )}
        </Box>
      ))}
    </Stack>
  );
}

function SingleResults({ type, q, filters }: { type: SingleType; q: string; filters: SearchFilters }) {
  const result = useInfiniteQuery({
    queryKey: ['search', type, q, filters],
    queryFn: ({ pageParam, signal }) => searchApi.one(type, q, filters, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    retry: false,
  });
  if (result.isPending) {
    return <ResultsSkeleton />;
  }
  if (result.isError && !result.data) {
    return <SearchError error={result.error} onRetry={() => void result.refetch()} />;
  }
  const items = result.data?.pages.flatMap((p) => p.items) ?? [];
  if (items.length === 0) {
    return <Tips noResults q={q} />;
  }
  const grid = type === 'people' || type === 'communities';
  return (
    <Box aria-busy={result.isFetching}>
      {grid ? (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          {items.map((hit) => renderHit(type, hit))}
        </SimpleGrid>
      ) : (
        <Stack gap="sm">{items.map((hit) => renderHit(type, hit))}</Stack>
      )}
      {result.isFetchNextPageError && (
        <Box mt="md">
          <SearchError error={result.error} onRetry={() => void result.fetchNextPage()} />
        </Box>
      )}
      <LoadMore query={result} />
    </Box>
  );
}
