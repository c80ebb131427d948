import { Button, Checkbox, Group, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { IconLock } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { COMMS_LIMITS } from '../../../../shared/comms.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { Empty, ErrorState, Loading } from '../../../components/States.js';
import { useAbility } from '../../auth/hooks/useSession.js';
import { communitiesApi } from '../../communities/api.js';
import { PersonPicker } from '../../people/components/PersonPicker.js';
import { AmaError } from './AmaError.js';
import type { AmaDetail } from '../api.js';
import { useAma, useSaveAma } from '../hooks/useAmas.js';
import { defaultTimes, fromLocalInput, toLocalInput } from '../logic.js';

interface Values {
  title: string;
  description: string;
  hostId: string | null;
  startsAt: string;
  endsAt: string;
  allowAnonymous: boolean;
  communityId: string | null;
}

/** A community to hold the AMA (only its readers see it), found by name. */
function CommunityPicker({
  value,
  current,
  onChange,
  disabled,
}: {
  value: string | null;
  current: { id: string; name: string } | null;
  onChange: (id: string | null) => void;
  disabled: boolean;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const results = useQuery({
    queryKey: ['amas', 'community-picker', debounced],
    queryFn: () => communitiesApi.list('all', debounced, undefined, 10),
  });
  const data = useMemo(() => {
    const map = new Map<string, { value: string; label: string }>();
    if (current) {
      map.set(current.id, { value: current.id, label: current.name });
    }
    for (const c of results.data?.items ?? []) {
      map.set(c.id, { value: c.id, label: c.name });
    }
    return [...map.values()];
  }, [current, results.data]);
  return (
    <Select
      label={t('amas.editor.community')}
      description={t('amas.editor.communityHelp')}
      placeholder={t('amas.editor.everyone')}
      searchable
      clearable
      disabled={disabled}
      data={data}
      value={value}
      onChange={onChange}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      nothingFoundMessage={results.isFetching ? t('common.loading') : t('amas.editor.noCommunity')}
    />
  );
}

function AmaForm({ ama }: { ama: AmaDetail | undefined }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const manage = useAbility('ama.manage');
  const save = useSaveAma();
  const start = defaultTimes();
  const form = useForm<Values>({
    initialValues: {
      title: ama?.title ?? '',
      description: ama?.description ?? '',
      hostId: ama?.host.id ?? null,
      startsAt: ama ? toLocalInput(ama.startsAt) : start.startsAt,
      endsAt: ama ? toLocalInput(ama.endsAt) : start.endsAt,
      allowAnonymous: ama?.allowAnonymous ?? true,
      communityId: ama?.community?.id ?? null,
    },
    validate: {
      title: (v) => (v.trim() ? null : t('amas.editor.titleRequired')),
      hostId: (v) => (v ? null : t('amas.editor.hostRequired')),
      startsAt: (v) => (fromLocalInput(v) ? null : t('amas.editor.timeInvalid')),
      endsAt: (v, values) => {
        const end = fromLocalInput(v);
        const begin = fromLocalInput(values.startsAt);
        if (!end) {
          return t('amas.editor.timeInvalid');
        }
        if (begin && Date.parse(end) <= Date.parse(begin)) {
          return t('amas.editor.endBeforeStart');
        }
        return Date.parse(end) <= Date.now() ? t('amas.editor.endInPast') : null;
      },
    },
  });
  const v = form.values;
  return (
    <form
      onSubmit={form.onSubmit((values) => {
        const own = {
          title: values.title.trim(),
          description: values.description,
          startsAt: fromLocalInput(values.startsAt) ?? '',
          endsAt: fromLocalInput(values.endsAt) ?? '',
          allowAnonymous: values.allowAnonymous,
        };
        const input = { ...own, hostId: values.hostId ?? '', communityId: values.communityId };
        const done = { onSuccess: (saved: AmaDetail) => void navigate(`/amas/${saved.id}`) };
        if (!ama) {
          save.mutate({ create: input }, done);
        } else {
          // Only those who manage AMAs may hand one over or move it; a host sends the rest.
          save.mutate({ id: ama.id, patch: manage ? input : own }, done);
        }
      })}
    >
      <Stack gap="md" maw={640}>
        <TextInput label={t('amas.editor.title')} required maxLength={COMMS_LIMITS.title} {...form.getInputProps('title')} />
        <Textarea
          label={t('amas.editor.description')}
          description={t('amas.editor.descriptionHelp')}
          autosize
          minRows={3}
          maxLength={COMMS_LIMITS.eventDescription}
          {...form.getInputProps('description')}
        />
        {manage ? (
          <PersonPicker
            label={t('amas.editor.host')}
            description={t('amas.editor.hostHelp')}
            value={v.hostId}
            current={ama ? { id: ama.host.id, name: ama.host.name } : null}
            onChange={(id) => form.setFieldValue('hostId', id)}
            error={form.errors.hostId as string | undefined}
          />
        ) : (
          <TextInput label={t('amas.editor.host')} value={ama?.host.name ?? ''} readOnly />
        )}
        <Group grow wrap="wrap" align="flex-start">
          <TextInput type="datetime-local" label={t('amas.editor.startsAt')} required miw={200} {...form.getInputProps('startsAt')} />
          <TextInput type="datetime-local" label={t('amas.editor.endsAt')} required miw={200} {...form.getInputProps('endsAt')} />
        </Group>
        <Checkbox
          label={t('amas.editor.allowAnonymous')}
          description={t('amas.editor.allowAnonymousHelp')}
          {...form.getInputProps('allowAnonymous', { type: 'checkbox' })}
        />
        <CommunityPicker
          value={v.communityId}
          current={ama?.community ?? null}
          onChange={(id) => form.setFieldValue('communityId', id)}
          disabled={!manage}
        />
        <AmaError error={save.error} />
        <Group>
          <Button type="submit" loading={save.isPending}>
            {ama ? t('common.save') : t('amas.editor.create')}
          </Button>
          <Button variant="default" onClick={() => void navigate(ama ? `/amas/${ama.id}` : '/amas')}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Schedule an AMA, or change one (`?edit=<id>`) that has not ended. */
export function AmaEditorPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const editId = params.get('edit') ?? undefined;
  const manage = useAbility('ama.manage');
  const ama = useAma(editId);
  const title = editId ? t('amas.editor.editTitle') : t('amas.editor.newTitle');
  if (editId && ama.isPending) {
    return <Loading />;
  }
  if (editId && ama.isError) {
    return <ErrorState error={ama.error} onRetry={() => void ama.refetch()} />;
  }
  if (editId ? !ama.data?.abilities.canEdit : !manage) {
    return (
      <>
        <PageHeader title={title} />
        <Empty icon={<IconLock aria-hidden />} title={t('amas.editor.notAllowed')} />
      </>
    );
  }
  return (
    <>
      <PageHeader title={title} description={t('amas.editor.intro')} />
      <AmaForm key={ama.data?.id ?? 'new'} ama={ama.data} />
    </>
  );
}
