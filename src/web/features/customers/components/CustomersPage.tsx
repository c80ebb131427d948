import { Anchor, Box, Button, Card, Group, Select, SimpleGrid, Skeleton, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { IconBuildingStore, IconFileImport, IconPlus, IconSearch, IconZoomQuestion } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import './customers.css';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { LIMITS } from '../../../../shared/limits.js';
import { LoadMore } from '../../../components/LoadMore.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { Empty } from '../../../components/States.js';
import { formatDate } from '../../../components/format.js';
import { useAbility } from '../../auth/hooks/useSession.js';
import { useStructure } from '../../people/hooks/usePeople.js';
import type { AccountFilters, AccountSummary } from '../api.js';
import { useAccounts } from '../hooks/useCustomers.js';
import { isStatus } from '../logic.js';
import { AccountStatus, NpsValue, useProfileLine } from './AccountBits.js';
import { AccountFormModal } from './AccountFormModal.js';
import { CustomersNav } from './CustomersNav.js';
import { LoadError } from './ErrorText.js';

/** Customer accounts: search, filter, create. */
export function CustomersPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const canManage = useAbility('customers.manage');
  const [params, setParams] = useSearchParams();
  const [q, setQ] = useState(params.get('q') ?? '');
  const [debounced] = useDebouncedValue(q.trim(), 250);
  const status = params.get('status');
  const teamId = params.get('team') ?? '';
  const [creating, setCreating] = useState(false);
  const structure = useStructure();
  const phone = useMediaQuery('(max-width: 48em)');

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
    if (debounced !== (params.get('q') ?? '')) {
      setParam('q', debounced || null);
    }
    // only the debounced text writes to the address bar
  }, [debounced]);

  const filters: AccountFilters = useMemo(
    () => ({ q: debounced || undefined, status: isStatus(status) ? status : undefined, teamId: teamId || undefined }),
    [debounced, status, teamId],
  );
  const accounts = useAccounts(filters);
  const items = accounts.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = Boolean(filters.q ?? filters.status ?? filters.teamId);

  return (
    <Box maw={1200} mx="auto" className="customers-page">
      <CustomersNav />
      <PageHeader
        title={t('customers.accounts.title')}
        description={t('customers.accounts.intro')}
        actions={
          canManage && (
            <Group gap="sm">
              <Button component={Link} to="/customers/import" variant="default" leftSection={<IconFileImport size={18} aria-hidden />}>
                {t('customers.accounts.import')}
              </Button>
              <Button leftSection={<IconPlus size={18} aria-hidden />} onClick={() => setCreating(true)}>
                {t('customers.accounts.new')}
              </Button>
            </Group>
          )
        }
      />
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm" mb="lg">
        <TextInput
          label={t('customers.accounts.search')}
          placeholder={t('customers.accounts.searchPlaceholder')}
          leftSection={<IconSearch size={18} aria-hidden />}
          value={q}
          maxLength={LIMITS.search}
          onChange={(e) => setQ(e.currentTarget.value)}
          type="search"
        />
        <Select
          label={t('customers.fields.status')}
          data={[
            { value: '', label: t('customers.accounts.anyStatus') },
            { value: 'active', label: t('customers.status.active') },
            { value: 'lost', label: t('customers.status.lost') },
          ]}
          value={isStatus(status) ? status : ''}
          onChange={(v) => setParam('status', v || null)}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
        />
        <Select
          label={t('customers.accounts.team')}
          placeholder={t('customers.accounts.anyTeam')}
          data={(structure.data?.teams ?? []).map((x) => ({ value: x.id, label: x.name }))}
          value={teamId || null}
          onChange={(v) => setParam('team', v)}
          clearable
          searchable
          comboboxProps={{ withinPortal: true }}
        />
      </SimpleGrid>

      <div aria-live="polite" aria-busy={accounts.isFetching}>
        {accounts.isPending ? (
          <Stack gap="sm" aria-label={t('common.loading')}>
            {Array.from({ length: 6 }, (_, i) => (
              <Skeleton key={i} height={phone ? 120 : 52} radius="md" />
            ))}
          </Stack>
        ) : accounts.isError && items.length === 0 ? (
          <LoadError error={accounts.error} onRetry={() => void accounts.refetch()} />
        ) : items.length === 0 ? (
          filtered ? (
            <Empty
              icon={<IconZoomQuestion size={28} aria-hidden />}
              title={t('customers.accounts.noResults')}
              description={t('customers.accounts.noResultsBody')}
            />
          ) : (
            <Empty
              icon={<IconBuildingStore size={28} aria-hidden />}
              title={t('customers.accounts.emptyTitle')}
              description={canManage ? t('customers.accounts.emptyBody') : t('customers.accounts.emptyBodyReader')}
            >
              {canManage && (
                <>
                  <Button leftSection={<IconPlus size={18} aria-hidden />} onClick={() => setCreating(true)}>
                    {t('customers.accounts.new')}
                  </Button>
                  <Button component={Link} to="/customers/import" variant="default" leftSection={<IconFileImport size={18} aria-hidden />}>
                    {t('customers.accounts.import')}
                  </Button>
                </>
              )}
            </Empty>
          )
        ) : (
          <>
            {phone ? <AccountCards accounts={items} /> : <AccountTable accounts={items} />}
            {accounts.isError && <LoadError error={accounts.error} onRetry={() => void accounts.fetchNextPage()} />}
            <LoadMore query={accounts} mt="lg" />
          </>
        )}
      </div>

      {canManage && (
        <AccountFormModal
          opened={creating}
          onClose={() => setCreating(false)}
          account={null}
          onSaved={(a) => void navigate(`/customers/accounts/${a.id}`)}
        />
      )}
    </Box>
  );
}

const accountPath = (a: AccountSummary) => `/customers/accounts/${a.id}`;

function Teams({ account }: { account: AccountSummary }) {
  const { t } = useTranslation();
  return account.teams.length > 0 ? (
    <Text size="sm">{account.teams.map((x) => x.name).join(', ')}</Text>
  ) : (
    <Text size="sm" c="dimmed">
      {t('customers.accounts.noTeams')}
    </Text>
  );
}

function Followups({ account }: { account: AccountSummary }) {
  const { t } = useTranslation();
  return account.openFollowups > 0 ? (
    <Text size="sm" fw={600} c="var(--mantine-color-orange-light-color)">
      {t('customers.accounts.openFollowups', { count: account.openFollowups })}
    </Text>
  ) : (
    <Text size="sm" c="dimmed">
      {t('customers.accounts.noFollowups')}
    </Text>
  );
}

function AccountTable({ accounts }: { accounts: readonly AccountSummary[] }) {
  const { t, i18n } = useTranslation();
  const profile = useProfileLine();
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table verticalSpacing="sm" highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('customers.fields.name')}</Table.Th>
            <Table.Th>{t('customers.fields.status')}</Table.Th>
            <Table.Th>{t('customers.accounts.profile')}</Table.Th>
            <Table.Th>{t('customers.fields.teams')}</Table.Th>
            <Table.Th>{t('customers.score.nps')}</Table.Th>
            <Table.Th>{t('customers.accounts.lastInteraction')}</Table.Th>
            <Table.Th>{t('customers.accounts.followups')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {accounts.map((a) => (
            <Table.Tr key={a.id}>
              <Table.Td>
                <Anchor component={Link} to={accountPath(a)} fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {a.name}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <AccountStatus account={a} stacked />
              </Table.Td>
              <Table.Td>
                <Text size="sm" c={profile(a) ? undefined : 'dimmed'}>
                  {profile(a) || '—'}
                </Text>
              </Table.Td>
              <Table.Td>
                <Teams account={a} />
              </Table.Td>
              <Table.Td>
                <NpsValue nps={a.nps} stacked />
              </Table.Td>
              <Table.Td>
                <Text size="sm" c={a.lastInteractionAt ? undefined : 'dimmed'}>
                  {formatDate(a.lastInteractionAt, i18n.language)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Followups account={a} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The same accounts as cards, for a phone's width. */
function AccountCards({ accounts }: { accounts: readonly AccountSummary[] }) {
  const { t, i18n } = useTranslation();
  const profile = useProfileLine();
  return (
    <Stack gap="sm" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {accounts.map((a) => (
        <Card key={a.id} component="li" padding="md">
          <Stack gap={6}>
            <Group justify="space-between" wrap="nowrap" align="flex-start" gap="sm">
              <Anchor component={Link} to={accountPath(a)} fw={700} style={{ overflowWrap: 'anywhere' }}>
                {a.name}
              </Anchor>
              <NpsValue nps={a.nps} />
            </Group>
            <Group gap="xs" wrap="wrap">
              <AccountStatus account={a} />
              {profile(a) && (
                <Text size="sm" c="dimmed">
                  {profile(a)}
                </Text>
              )}
            </Group>
            <Teams account={a} />
            <Group justify="space-between" gap="xs" wrap="wrap">
              <Text size="sm" c="dimmed">
                {t('customers.accounts.lastInteraction')}: {formatDate(a.lastInteractionAt, i18n.language)}
              </Text>
              <Followups account={a} />
            </Group>
          </Stack>
        </Card>
      ))}
    </Stack>
  );
}
