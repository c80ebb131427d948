import { Box, Button, Group, Select, Stack, Tabs } from '@mantine/core';
import { IconListCheck, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ACTION_STATUSES } from '../../../../shared/listening.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { PagedList } from '../../../components/PagedList.js';
import { Empty } from '../../../components/States.js';
import { useAbility } from '../../auth/hooks/useSession.js';
import type { ActionFilters, ActionStatus, ActionView } from '../api.js';
import { useActionsErrorText } from '../errors.js';
import {
  useDeleteAction,
  useManagedActions,
  useSaveAction,
  useShareAction,
  useSharedActions,
  useSurveyOptions,
} from '../hooks/useActions.js';
import { isDriver, isStatus } from '../logic.js';
import { toast } from '../toast.js';
import { ActionCard } from './ActionCard.js';
import { ActionFormModal } from './ActionFormModal.js';

type View = 'managed' | 'shared';

/**
 * Action plans. Managers, HR and administrators write the actions they will take after listening, move
 * them along and share them; everyone reads the actions shared with their groups. `?new=1` (with
 * `survey` and `driver`) opens a new action straight from a survey's result.
 */
export function ActionsPage() {
  const { t } = useTranslation();
  const canPlan = useAbility('listening.actions');
  const [params, setParams] = useSearchParams();
  const view: View = canPlan && params.get('view') !== 'shared' ? 'managed' : 'shared';
  const fromResult = canPlan && params.get('new') === '1';
  const [editing, setEditing] = useState<ActionView | 'new' | null>(fromResult ? 'new' : null);
  const driver = params.get('driver');
  const prefill = fromResult ? { surveyId: params.get('survey'), driver: isDriver(driver) ? driver : null } : undefined;

  const setView = (v: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (v === 'shared') {
          next.set('view', 'shared');
        } else {
          next.delete('view');
        }
        return next;
      },
      { replace: true },
    );
  const closeForm = () => {
    setEditing(null);
    if (fromResult) {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const k of ['new', 'survey', 'driver']) {
            next.delete(k);
          }
          return next;
        },
        { replace: true },
      );
    }
  };

  return (
    <Box maw={880} mx="auto">
      <PageHeader
        title={t('actions.title')}
        description={canPlan ? t('actions.intro') : t('actions.introShared')}
        actions={
          canPlan && (
            <Button leftSection={<IconPlus size={18} aria-hidden />} onClick={() => setEditing('new')}>
              {t('actions.new')}
            </Button>
          )
        }
      />
      {canPlan ? (
        <Tabs value={view} onChange={setView} keepMounted={false}>
          <Tabs.List mb="md" style={{ flexWrap: 'nowrap', overflowX: 'auto', overflowY: 'hidden' }}>
            <Tabs.Tab value="managed" style={{ flexShrink: 0 }}>
              {t('actions.tabs.managed')}
            </Tabs.Tab>
            <Tabs.Tab value="shared" style={{ flexShrink: 0 }}>
              {t('actions.tabs.shared')}
            </Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="managed">{view === 'managed' && <ManagedList onEdit={setEditing} />}</Tabs.Panel>
          <Tabs.Panel value="shared">{view === 'shared' && <SharedList />}</Tabs.Panel>
        </Tabs>
      ) : (
        <SharedList />
      )}
      {canPlan && (
        <ActionFormModal
          opened={editing !== null}
          onClose={closeForm}
          action={editing === 'new' ? null : editing}
          prefill={editing === 'new' ? prefill : undefined}
        />
      )}
    </Box>
  );
}

/** The actions the reader manages, with filters by status and survey. */
function ManagedList({ onEdit }: { onEdit: (a: ActionView) => void }) {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<ActionFilters>({});
  const list = useManagedActions(filters);
  const surveys = useSurveyOptions(true);
  const save = useSaveAction();
  const share = useShareAction();
  const remove = useDeleteAction();
  const errorText = useActionsErrorText();
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = filters.status !== undefined || filters.surveyId !== undefined;
  const fail = (err: unknown) => toast(errorText(err), 'red');

  const onStatus = (a: ActionView, status: ActionStatus) =>
    save.mutate({ id: a.id, input: { status } }, { onSuccess: () => toast(t('actions.form.saved')), onError: fail });
  const busyId = (save.isPending && save.variables.id) || (share.isPending && share.variables) || (remove.isPending && remove.variables);

  return (
    <Stack gap="md">
      <Group gap="sm" wrap="wrap" align="flex-end">
        <Select
          label={t('actions.filters.status')}
          w={{ base: '100%', xs: 200 }}
          data={[
            { value: '', label: t('actions.filters.anyStatus') },
            ...ACTION_STATUSES.map((s) => ({ value: s, label: t(`actions.status.${s}`) })),
          ]}
          value={filters.status ?? ''}
          onChange={(v) => setFilters((f) => ({ ...f, status: isStatus(v) ? v : undefined }))}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
        />
        {(surveys.data?.length ?? 0) > 0 && (
          <Select
            label={t('actions.filters.survey')}
            w={{ base: '100%', xs: 280 }}
            data={[
              { value: '', label: t('actions.filters.anySurvey') },
              ...(surveys.data ?? []).map((s) => ({ value: s.id, label: s.title })),
            ]}
            value={filters.surveyId ?? ''}
            onChange={(v) => setFilters((f) => ({ ...f, surveyId: v || undefined }))}
            allowDeselect={false}
            searchable
            comboboxProps={{ withinPortal: true }}
          />
        )}
      </Group>
      <PagedList
        query={list}
        items={items}
        empty={
          filtered ? (
            <Empty
              icon={<IconListCheck size={28} aria-hidden />}
              title={t('actions.empty.filteredTitle')}
              description={t('actions.empty.filteredBody')}
            />
          ) : (
            <Empty
              icon={<IconListCheck size={28} aria-hidden />}
              title={t('actions.empty.managedTitle')}
              description={t('actions.empty.managedBody')}
            />
          )
        }
      >
        {(actions) => (
          <Stack gap="md">
            {actions.map((a) => (
              <ActionCard
                key={a.id}
                action={a}
                manage={{
                  busy: busyId === a.id,
                  onEdit: () => onEdit(a),
                  onStatus: (s) => onStatus(a, s),
                  onShare: () => share.mutate(a.id, { onSuccess: () => toast(t('actions.share.done')), onError: fail }),
                  onDelete: () => remove.mutate(a.id, { onSuccess: () => toast(t('actions.remove.done')), onError: fail }),
                }}
              />
            ))}
          </Stack>
        )}
      </PagedList>
    </Stack>
  );
}

/** The actions shared with the reader's groups, most recently shared first. */
function SharedList() {
  const { t } = useTranslation();
  const list = useSharedActions();
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <PagedList
      query={list}
      items={items}
      empty={
        <Empty
          icon={<IconListCheck size={28} aria-hidden />}
          title={t('actions.empty.sharedTitle')}
          description={t('actions.empty.sharedBody')}
        />
      }
    >
      {(actions) => (
        <Stack gap="md">
          {actions.map((a) => (
            <ActionCard key={a.id} action={a} />
          ))}
        </Stack>
      )}
    </PagedList>
  );
}
