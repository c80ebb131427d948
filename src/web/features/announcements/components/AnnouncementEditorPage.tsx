import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Group,
  Loader,
  MultiSelect,
  Paper,
  SegmentedControl,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAlertTriangle, IconUsers } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { COMMS_LIMITS, type CommsAudience } from '../../../../shared/comms.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { ErrorState, Loading } from '../../../components/States.js';
import { useMe } from '../../auth/hooks/useSession.js';
import { useMyCommunities } from '../../communities/hooks/useCommunities.js';
import { MarkdownEditor } from '../../feed/components/MarkdownEditor.js';
import { departmentPath } from '../../people/api.js';
import { PeopleMultiPicker } from '../../people/components/PeopleMultiPicker.js';
import { useStructure } from '../../people/hooks/usePeople.js';
import type { AnnouncementDetail, AnnouncementInput } from '../api.js';
import { useAnnouncement, useAudienceSize, useSaveAnnouncement } from '../hooks/useAnnouncements.js';
import { toast } from '../toast.js';
import { toIso, toLocalInput, useAnnouncementsErrorText } from './AnnouncementBits.js';

interface Form {
  title: string;
  body: string;
  everyone: boolean;
  departmentIds: string[];
  teamIds: string[];
  locationIds: string[];
  communityIds: string[];
  userIds: string[];
  when: 'now' | 'later';
  publishAt: string;
  pinnedUntil: string;
  requiresAck: boolean;
  ackDueAt: string;
  urgent: boolean;
}

const EMPTY: Form = {
  title: '',
  body: '',
  everyone: false,
  departmentIds: [],
  teamIds: [],
  locationIds: [],
  communityIds: [],
  userIds: [],
  when: 'now',
  publishAt: '',
  pinnedUntil: '',
  requiresAck: false,
  ackDueAt: '',
  urgent: false,
};

function formOf(a: AnnouncementDetail): Form {
  const au = a.audience ?? {};
  return {
    title: a.title,
    body: a.body ?? '',
    everyone: au.all === true,
    departmentIds: au.departmentIds ?? [],
    teamIds: au.teamIds ?? [],
    locationIds: au.locationIds ?? [],
    communityIds: au.communityIds ?? [],
    userIds: au.userIds ?? [],
    when: a.publishAt ? 'later' : 'now',
    publishAt: toLocalInput(a.publishAt),
    pinnedUntil: toLocalInput(a.pinnedUntil),
    requiresAck: a.requiresAck,
    ackDueAt: toLocalInput(a.ackDueAt),
    urgent: a.urgent,
  };
}

function audienceOf(f: Form): CommsAudience {
  if (f.everyone) {
    return { all: true };
  }
  const pick = (k: 'departmentIds' | 'teamIds' | 'locationIds' | 'communityIds' | 'userIds') => (f[k].length > 0 ? { [k]: f[k] } : {});
  return { ...pick('departmentIds'), ...pick('teamIds'), ...pick('locationIds'), ...pick('communityIds'), ...pick('userIds') };
}

/** Compose an announcement or an urgent broadcast: audience, schedule, pin, acknowledgement. */
export function AnnouncementEditorPage() {
  const [params] = useSearchParams();
  const editId = params.get('edit');
  const existing = useAnnouncement(editId ?? '');
  if (!editId) {
    return <Editor initial={EMPTY} />;
  }
  if (existing.isPending) {
    return <Loading />;
  }
  if (existing.isError) {
    return <ErrorState error={existing.error} onRetry={() => void existing.refetch()} />;
  }
  return <Editor initial={formOf(existing.data)} editId={editId} />;
}

function Editor({ initial, editId }: { initial: Form; editId?: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const broadcaster = me?.abilities['comms.broadcast'] === true;
  const [f, setF] = useState<Form>(initial);
  const [error, setError] = useState<unknown>(null);
  const save = useSaveAnnouncement();
  const errorText = useAnnouncementsErrorText();
  const set = (patch: Partial<Form>) => setF((prev) => ({ ...prev, ...patch }));

  const audience = useMemo(() => audienceOf(f), [f]);
  const [debounced] = useDebouncedValue(audience, 400);
  const chosen = Object.keys(debounced).length > 0;
  const size = useAudienceSize(debounced, chosen);

  const submit = async (draft: boolean) => {
    setError(null);
    const input: AnnouncementInput = {
      title: f.title,
      body: f.body,
      audience,
      publishAt: draft || f.when === 'now' ? null : toIso(f.publishAt),
      pinnedUntil: toIso(f.pinnedUntil),
      requiresAck: f.requiresAck,
      ackDueAt: f.requiresAck ? toIso(f.ackDueAt) : null,
      urgent: broadcaster && f.urgent,
      draft,
    };
    try {
      const saved = await save.mutateAsync(editId ? { id: editId, input } : { input });
      toast(
        saved.status === 'published'
          ? t('announcements.editor.sent')
          : saved.status === 'scheduled'
            ? t('announcements.editor.scheduled')
            : t('announcements.editor.draftSaved'),
      );
      void navigate(`/announcements/${saved.id}`);
    } catch (err) {
      setError(err);
    }
  };

  return (
    <Stack gap="lg" maw={760}>
      <div>
        <Anchor component={Link} to="/announcements?box=sent" size="sm">
          {t('announcements.back')}
        </Anchor>
      </div>
      <PageHeader title={editId ? t('announcements.editor.editTitle') : t('announcements.editor.newTitle')} />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit(false);
        }}
      >
        <Stack gap="lg">
          <TextInput
            label={t('announcements.editor.title')}
            value={f.title}
            onChange={(e) => set({ title: e.currentTarget.value })}
            maxLength={COMMS_LIMITS.title}
            required
          />
          <MarkdownEditor
            label={t('announcements.editor.body')}
            value={f.body}
            onChange={(body) => set({ body })}
            maxLength={COMMS_LIMITS.body}
            minRows={6}
          />
          <Paper withBorder radius="md" p="md">
            <Stack gap="sm">
              <Text fw={600} component="h2" fz="md" m={0}>
                {t('announcements.editor.audience')}
              </Text>
              <AudiencePicker f={f} set={set} />
              <AudienceLine
                chosen={chosen}
                loading={size.isFetching}
                error={size.isError ? errorText(size.error) : null}
                size={size.data?.size ?? null}
                allowed={size.data?.allowed ?? true}
                limit={size.data?.limit ?? 0}
              />
            </Stack>
          </Paper>
          <Paper withBorder radius="md" p="md">
            <Stack gap="sm">
              <Text fw={600} component="h2" fz="md" m={0} id="when-label">
                {t('announcements.editor.when')}
              </Text>
              <SegmentedControl
                aria-labelledby="when-label"
                value={f.when}
                onChange={(v) => set({ when: v === 'later' ? 'later' : 'now' })}
                data={[
                  { value: 'now', label: t('announcements.editor.now') },
                  { value: 'later', label: t('announcements.editor.later') },
                ]}
              />
              {f.when === 'later' && (
                <TextInput
                  type="datetime-local"
                  label={t('announcements.editor.publishAt')}
                  value={f.publishAt}
                  onChange={(e) => set({ publishAt: e.currentTarget.value })}
                  required
                />
              )}
              <TextInput
                type="datetime-local"
                label={t('announcements.editor.pinnedUntil')}
                description={t('announcements.editor.pinnedUntilHelp')}
                value={f.pinnedUntil}
                onChange={(e) => set({ pinnedUntil: e.currentTarget.value })}
              />
              <Checkbox
                label={t('announcements.editor.requiresAck')}
                description={t('announcements.editor.requiresAckHelp')}
                checked={f.requiresAck}
                onChange={(e) => set({ requiresAck: e.currentTarget.checked })}
              />
              {f.requiresAck && (
                <TextInput
                  type="datetime-local"
                  label={t('announcements.editor.ackDueAt')}
                  value={f.ackDueAt}
                  onChange={(e) => set({ ackDueAt: e.currentTarget.value })}
                />
              )}
              {broadcaster && (
                <Switch
                  color="red"
                  label={t('announcements.editor.urgent')}
                  description={t('announcements.editor.urgentHelp')}
                  checked={f.urgent}
                  onChange={(e) => set({ urgent: e.currentTarget.checked })}
                />
              )}
            </Stack>
          </Paper>
          {error !== null && (
            <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} role="alert">
              {errorText(error)}
            </Alert>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => void submit(true)} loading={save.isPending}>
              {t('announcements.editor.saveDraft')}
            </Button>
            <Button type="submit" loading={save.isPending} color={f.urgent ? 'red' : undefined}>
              {f.when === 'later' ? t('announcements.editor.schedule') : t('announcements.editor.send')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}

/** The fields of a form that an audience picker reads and writes. */
export type AudienceForm = Pick<Form, 'everyone' | 'departmentIds' | 'teamIds' | 'locationIds' | 'communityIds' | 'userIds'>;

/** Everyone, or departments, teams, offices, communities and people; advocacy campaigns use it too. */
export function AudiencePicker({ f, set }: { f: AudienceForm; set: (patch: Partial<AudienceForm>) => void }) {
  const { t } = useTranslation();
  const structure = useStructure();
  const communities = useMyCommunities();
  const options = useMemo(() => {
    const s = structure.data;
    if (!s) {
      return { departments: [], teams: [], locations: [] };
    }
    const byId = new Map(s.departments.map((d) => [d.id, d]));
    return {
      departments: s.departments
        .map((d) => ({ value: d.id, label: departmentPath(d, byId) }))
        .sort((a, b) => a.label.localeCompare(b.label)),
      teams: s.teams.map((x) => ({ value: x.id, label: x.name })),
      locations: s.locations.map((x) => ({ value: x.id, label: x.name })),
    };
  }, [structure.data]);
  const communityOptions = useMemo(() => (communities.data ?? []).map((c) => ({ value: c.id, label: c.name })), [communities.data]);
  const select = (
    label: string,
    data: { value: string; label: string }[],
    key: 'departmentIds' | 'teamIds' | 'locationIds' | 'communityIds',
    description?: string,
  ) => (
    <MultiSelect
      label={label}
      description={description}
      data={data}
      value={f[key]}
      onChange={(v) => set({ [key]: v })}
      searchable
      clearable
      maxValues={COMMS_LIMITS.audienceIds}
      nothingFoundMessage={t('announcements.editor.nothing')}
      comboboxProps={{ withinPortal: true }}
    />
  );
  return (
    <Stack gap="sm">
      <Switch
        label={t('announcements.editor.everyone')}
        checked={f.everyone}
        onChange={(e) => set({ everyone: e.currentTarget.checked })}
      />
      {!f.everyone &&
        (structure.isPending ? (
          <Loading />
        ) : structure.isError ? (
          <ErrorState error={structure.error} onRetry={() => void structure.refetch()} />
        ) : (
          <>
            {select(t('announcements.editor.departments'), options.departments, 'departmentIds', t('announcements.editor.departmentsHelp'))}
            {select(t('announcements.editor.teams'), options.teams, 'teamIds')}
            {select(t('announcements.editor.locations'), options.locations, 'locationIds')}
            {select(t('announcements.editor.communities'), communityOptions, 'communityIds')}
            <PeopleMultiPicker
              label={t('announcements.editor.people')}
              value={f.userIds}
              onChange={(userIds) => set({ userIds })}
              max={COMMS_LIMITS.audienceIds}
            />
          </>
        ))}
    </Stack>
  );
}

/** How many people the audience reaches, said as it changes, with a warning when the sender may not reach them all. */
function AudienceLine(p: {
  chosen: boolean;
  loading: boolean;
  error: string | null;
  size: number | null;
  allowed: boolean;
  limit: number;
}) {
  const { t } = useTranslation();
  let line;
  if (!p.chosen) {
    line = <Text size="sm">{t('announcements.editor.pickSomeone')}</Text>;
  } else if (p.loading) {
    line = (
      <Group gap="xs">
        <Loader size="xs" aria-hidden />
        <Text size="sm">{t('announcements.editor.counting')}</Text>
      </Group>
    );
  } else if (p.error) {
    line = (
      <Text size="sm" c="red">
        {p.error}
      </Text>
    );
  } else {
    line = (
      <Group gap="xs">
        <IconUsers size={18} aria-hidden />
        <Text size="sm" fw={600} data-testid="audience-size">
          {t('announcements.editor.reaches', { count: p.size ?? 0 })}
        </Text>
      </Group>
    );
  }
  return (
    <Stack gap="xs">
      <div role="status" aria-live="polite">
        {line}
      </div>
      {p.chosen && !p.loading && !p.error && !p.allowed && (
        <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden />}>
          {t('announcements.editor.tooLarge', { limit: p.limit })}
        </Alert>
      )}
    </Stack>
  );
}
