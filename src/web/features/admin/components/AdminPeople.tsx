import { Anchor, Badge, Button, Group, Switch, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconDownload, IconSearch, IconUsers } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadMore } from '../../../components/LoadMore.js';
import { Link } from 'react-router';
import { Section } from '../../../components/Section.js';
import { Empty, ErrorState, Loading } from '../../../components/States.js';
import { UserAvatar } from '../../../components/UserAvatar.js';
import { useAbility } from '../../auth/hooks/useSession.js';
import { usePeopleSearch } from '../../people/hooks/usePeople.js';
import { EXPORT_URL } from '../api.js';

export function AdminPeople() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q.trim(), 250);
  const [includeDeactivated, setIncludeDeactivated] = useState(true);
  const canExport = useAbility('people.export');
  const people = usePeopleSearch({ q: debounced.length >= 2 ? debounced : undefined, includeDeactivated }, 50);
  const items = people.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Section
      id="admin-people"
      title={t('admin.people.title')}
      description={t('admin.people.intro')}
      actions={
        canExport ? (
          <Button component="a" href={EXPORT_URL} download variant="default" leftSection={<IconDownload size={18} aria-hidden />}>
            {t('admin.import.export')}
          </Button>
        ) : undefined
      }
    >
      <Group align="flex-end" mb="md" gap="md" wrap="wrap">
        <TextInput
          label={t('people.search')}
          placeholder={t('people.searchPlaceholder')}
          leftSection={<IconSearch size={18} aria-hidden />}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          flex={1}
          miw={220}
          type="search"
        />
        <Switch
          label={t('admin.people.includeDeactivated')}
          checked={includeDeactivated}
          onChange={(e) => setIncludeDeactivated(e.currentTarget.checked)}
          mb={10}
        />
      </Group>
      {people.isPending ? (
        <Loading />
      ) : people.isError ? (
        <ErrorState error={people.error} onRetry={() => void people.refetch()} />
      ) : items.length === 0 ? (
        <Empty icon={<IconUsers size={28} aria-hidden />} title={t('people.noResults')} />
      ) : (
        <>
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="sm" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('profile.name')}</Table.Th>
                  <Table.Th>{t('auth.email')}</Table.Th>
                  <Table.Th>{t('people.team')}</Table.Th>
                  <Table.Th>{t('admin.people.status')}</Table.Th>
                  <Table.Th>
                    <span className="visually-hidden">{t('common.actions')}</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((p) => (
                  <Table.Tr key={p.id}>
                    <Table.Td>
                      <Group gap="sm" wrap="nowrap">
                        <UserAvatar name={p.name} photoUrl={p.photoUrl} size={32} />
                        <div>
                          <Text fw={600} size="sm">
                            {p.name}
                          </Text>
                          {p.title && (
                            <Text size="xs" c="dimmed">
                              {p.title}
                            </Text>
                          )}
                        </div>
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{p.email}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{p.team?.name ?? p.department?.name ?? '—'}</Text>
                    </Table.Td>
                    <Table.Td>
                      {p.status === 'active' ? (
                        <Badge color="teal" variant="light">
                          {t('admin.people.active')}
                        </Badge>
                      ) : (
                        <Badge color="gray" variant="outline">
                          {t('people.deactivated')}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Anchor
                        component={Link}
                        to={`/people/${p.id}`}
                        size="sm"
                        aria-label={t('admin.people.manageNamed', { name: p.name })}
                      >
                        {t('admin.people.manage')}
                      </Anchor>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <LoadMore query={people} />
        </>
      )}
    </Section>
  );
}
