import { Anchor, Table, Text } from '@mantine/core';
import { IconHistory } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { LoadMore } from '../../../components/LoadMore.js';
import { Link } from 'react-router';
import { dateLocale } from '../../../components/format.js';
import { Section } from '../../../components/Section.js';
import { Empty, ErrorState, Loading } from '../../../components/States.js';
import { currentLanguage } from '../../../i18n/index.js';
import { adminApi, type AuditEntry } from '../api.js';

/** The organisation's audit trail, newest first: settings, roles, deactivations, imports, invitations. */
export function AuditTrail() {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const list = useInfiniteQuery({
    queryKey: ['audit'],
    queryFn: ({ pageParam }) => adminApi.audit(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const when = (iso: string) => new Date(iso).toLocaleString(dateLocale(lng), { dateStyle: 'medium', timeStyle: 'short' });

  return (
    <Section id="audit" title={t('admin.audit.title')} description={t('admin.audit.intro')}>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <Empty icon={<IconHistory size={28} aria-hidden />} title={t('admin.audit.emptyTitle')} description={t('admin.audit.emptyBody')} />
      ) : (
        <>
          <Table.ScrollContainer minWidth={560}>
            <Table verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('admin.audit.when')}</Table.Th>
                  <Table.Th>{t('admin.audit.who')}</Table.Th>
                  <Table.Th>{t('admin.audit.what')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((e: AuditEntry) => (
                  <Table.Tr key={e.id}>
                    <Table.Td>
                      <Text size="sm">{when(e.createdAt)}</Text>
                    </Table.Td>
                    <Table.Td>
                      {e.actor ? (
                        <Anchor component={Link} to={`/people/${e.actor.id}`} size="sm">
                          {e.actor.name}
                        </Anchor>
                      ) : (
                        <Text size="sm">{t('admin.audit.someone')}</Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{t(`admin.audit.actions.${e.action}`, { defaultValue: e.action })}</Text>
                      {e.targetId && e.action.startsWith('person.') && (
                        <Anchor component={Link} to={`/people/${e.targetId}`} size="xs">
                          {t('admin.audit.openPerson')}
                        </Anchor>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <LoadMore query={list} />
        </>
      )}
    </Section>
  );
}
