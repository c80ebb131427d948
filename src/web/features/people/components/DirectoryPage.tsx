import { Button, Select, SimpleGrid, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch, IconUserPlus, IconUsers, IconUserSearch } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadMore } from '../../../components/LoadMore.js';
import { Link, useSearchParams } from 'react-router';
import { LIMITS } from '../../../../shared/limits.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { Empty, ErrorState } from '../../../components/States.js';
import { useAbility } from '../../auth/hooks/useSession.js';
import type { PeopleFilters } from '../api.js';
import { usePeopleSearch, useStructure } from '../hooks/usePeople.js';
import { PersonCard } from './PersonCard.js';

export function DirectoryPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [q, setQ] = useState(params.get('q') ?? '');
  const [debounced] = useDebouncedValue(q.trim(), 250);
  const departmentId = params.get('department') ?? '';
  const teamId = params.get('team') ?? '';
  const locationId = params.get('location') ?? '';
  const canInvite = useAbility('invitations.manage');
  const structure = useStructure();

  // the top-bar search lands here with ?q=
  const urlQ = params.get('q') ?? '';
  const [lastWritten, setLastWritten] = useState(urlQ);
  useEffect(() => {
    if (urlQ !== lastWritten) {
      setQ(urlQ);
      setLastWritten(urlQ);
    }
  }, [urlQ, lastWritten]);

  const setParam = (key: string, value: string | null) => {
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
  };

  useEffect(() => {
    if (debounced !== (params.get('q') ?? '')) {
      setLastWritten(debounced);
      setParam('q', debounced || null);
    }
    // only the debounced text writes to the address bar
  }, [debounced]);

  const tooShort = debounced.length === 1;
  const filters: PeopleFilters = useMemo(
    () => ({
      q: debounced.length >= 2 ? debounced : undefined,
      departmentId: departmentId || undefined,
      teamId: teamId || undefined,
      locationId: locationId || undefined,
    }),
    [debounced, departmentId, teamId, locationId],
  );
  const people = usePeopleSearch(filters);
  const items = people.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = Boolean(filters.q ?? filters.departmentId ?? filters.teamId ?? filters.locationId);

  const options = (list: { id: string; name: string }[] | undefined) => (list ?? []).map((x) => ({ value: x.id, label: x.name }));

  return (
    <>
      <PageHeader title={t('people.title')} description={t('people.intro')} />
      <Stack gap="md" mb="lg">
        <TextInput
          label={t('people.search')}
          placeholder={t('people.searchPlaceholder')}
          leftSection={<IconSearch size={18} aria-hidden />}
          value={q}
          maxLength={LIMITS.search}
          onChange={(e) => setQ(e.currentTarget.value)}
          type="search"
          description={tooShort ? t('errors.QUERY_TOO_SHORT') : undefined}
        />
        <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
          <Select
            label={t('people.department')}
            placeholder={t('people.any')}
            data={options(structure.data?.departments)}
            value={departmentId || null}
            onChange={(v) => setParam('department', v)}
            clearable
            searchable
            size="sm"
          />
          <Select
            label={t('people.team')}
            placeholder={t('people.any')}
            data={options(structure.data?.teams)}
            value={teamId || null}
            onChange={(v) => setParam('team', v)}
            clearable
            searchable
            size="sm"
          />
          <Select
            label={t('people.location')}
            placeholder={t('people.any')}
            data={options(structure.data?.locations)}
            value={locationId || null}
            onChange={(v) => setParam('location', v)}
            clearable
            searchable
            size="sm"
          />
        </SimpleGrid>
      </Stack>

      <div aria-live="polite" aria-busy={people.isFetching}>
        {people.isPending ? (
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
            {Array.from({ length: 6 }, (_, i) => (
              <Skeleton key={i} height={104} radius="lg" />
            ))}
          </SimpleGrid>
        ) : people.isError ? (
          <ErrorState error={people.error} onRetry={() => void people.refetch()} />
        ) : items.length === 0 ? (
          filtered ? (
            <Empty icon={<IconUserSearch size={28} aria-hidden />} title={t('people.noResults')} description={t('people.noResultsBody')} />
          ) : (
            <Empty icon={<IconUsers size={28} aria-hidden />} title={t('people.emptyTitle')} description={t('people.emptyBody')}>
              {canInvite && (
                <Button component={Link} to="/admin/invitations" leftSection={<IconUserPlus size={18} aria-hidden />}>
                  {t('home.invite.title')}
                </Button>
              )}
            </Empty>
          )
        ) : (
          <>
            <Text size="sm" c="dimmed" mb="sm">
              {t('people.shown', { count: items.length })}
            </Text>
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
              {items.map((p) => (
                <PersonCard key={p.id} person={p} />
              ))}
            </SimpleGrid>
            <LoadMore query={people} mt="lg" />
          </>
        )}
      </div>
    </>
  );
}
