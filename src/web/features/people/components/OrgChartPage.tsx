import { ActionIcon, Anchor, Badge, Button, Group, Paper, Skeleton, Stack, Text } from '@mantine/core';
import { IconChevronDown, IconChevronRight, IconHierarchy2, IconPoint } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { PageHeader } from '../../../components/PageHeader.js';
import { Empty, ErrorState } from '../../../components/States.js';
import { UserAvatar } from '../../../components/UserAvatar.js';
import { peopleApi, type PersonSummary } from '../api.js';
import { usePerson } from '../hooks/usePeople.js';

function useReports(managerId: string | undefined, enabled = true) {
  return useQuery({
    queryKey: ['org-chart', managerId ?? 'top'],
    queryFn: () => peopleApi.orgChart(managerId),
    enabled,
  });
}

export function OrgChartPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const rootId = params.get('root');
  return (
    <>
      <PageHeader
        title={t('orgChart.title')}
        description={t('orgChart.intro')}
        actions={
          rootId ? (
            <Button variant="default" onClick={() => setParams({})}>
              {t('orgChart.showAll')}
            </Button>
          ) : undefined
        }
      />
      <Paper withBorder p={{ base: 'sm', sm: 'lg' }} className="orgchart">
        {rootId ? <FocusedTree id={rootId} /> : <TopTree />}
      </Paper>
    </>
  );
}

function TopTree() {
  const { t } = useTranslation();
  const top = useReports(undefined);
  if (top.isPending) {
    return <TreeSkeleton />;
  }
  if (top.isError) {
    return <ErrorState error={top.error} onRetry={() => void top.refetch()} />;
  }
  if (top.data.items.length === 0) {
    return <Empty icon={<IconHierarchy2 size={28} aria-hidden />} title={t('orgChart.emptyTitle')} description={t('orgChart.emptyBody')} />;
  }
  return (
    <ul aria-label={t('orgChart.title')}>
      {top.data.items.map((p) => (
        <Node key={p.id} person={p} initiallyOpen={top.data.items.length === 1} />
      ))}
    </ul>
  );
}

function FocusedTree({ id }: { id: string }) {
  const person = usePerson(id);
  if (person.isPending) {
    return <TreeSkeleton />;
  }
  if (person.isError) {
    return <ErrorState error={person.error} onRetry={() => void person.refetch()} />;
  }
  return (
    <ul>
      <Node person={person.data} initiallyOpen highlight />
    </ul>
  );
}

function TreeSkeleton() {
  return (
    <Stack gap="sm">
      {[0, 1, 2].map((i) => (
        <Skeleton key={i} height={56} radius="md" />
      ))}
    </Stack>
  );
}

function Node({
  person: p,
  initiallyOpen = false,
  highlight = false,
}: {
  person: PersonSummary;
  initiallyOpen?: boolean;
  highlight?: boolean;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(initiallyOpen && (p.reportsCount ?? 0) > 0);
  const reports = useReports(p.id, open);
  const hasReports = (p.reportsCount ?? 0) > 0;
  const childrenId = `reports-${p.id}`;

  return (
    <li>
      <Group
        gap="sm"
        wrap="nowrap"
        py={8}
        px={6}
        style={{
          borderRadius: 'var(--mantine-radius-md)',
          background: highlight ? 'var(--mantine-color-brand-light)' : undefined,
        }}
      >
        {hasReports ? (
          <ActionIcon
            variant="subtle"
            color="gray"
            size="lg"
            onClick={() => setOpen((o) => !o)}
            aria-expanded={open}
            aria-controls={childrenId}
            aria-label={
              open ? t('orgChart.collapse', { name: p.name }) : t('orgChart.expand', { name: p.name, count: p.reportsCount ?? 0 })
            }
          >
            {open ? <IconChevronDown size={20} aria-hidden /> : <IconChevronRight size={20} aria-hidden />}
          </ActionIcon>
        ) : (
          <ActionIcon component="span" variant="transparent" color="gray" size="lg" aria-hidden tabIndex={-1}>
            <IconPoint size={14} />
          </ActionIcon>
        )}
        <UserAvatar name={p.name} photoUrl={p.photoUrl} size={40} />
        <div style={{ minWidth: 0, flex: 1 }}>
          <Anchor component={Link} to={`/people/${p.id}`} fw={700} c="var(--mantine-color-text)" display="block" truncate>
            {p.name}
          </Anchor>
          <Text size="sm" c="dimmed" truncate>
            {[p.title, p.team?.name ?? p.department?.name].filter(Boolean).join(' · ') || t('people.noTitle')}
          </Text>
        </div>
        {hasReports && (
          <Badge variant="light" color="gray" style={{ flexShrink: 0 }}>
            {t('orgChart.reports', { count: p.reportsCount ?? 0 })}
          </Badge>
        )}
      </Group>
      {open && (
        <ul id={childrenId} aria-label={t('orgChart.reportsOf', { name: p.name })}>
          {reports.isPending ? (
            <li>
              <Skeleton height={48} my={6} radius="md" />
            </li>
          ) : reports.isError ? (
            <li>
              <ErrorState error={reports.error} onRetry={() => void reports.refetch()} />
            </li>
          ) : (
            reports.data.items.map((r) => <Node key={r.id} person={r} />)
          )}
        </ul>
      )}
    </li>
  );
}
