import { Alert, Button, Group, Modal, MultiSelect, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { UserAvatar } from '../../../components/UserAvatar.js';
import { peopleApi } from '../../people/api.js';
import type { Community } from '../api.js';
import { useScopedErrorText } from '../errors.js';
import { useMemberAction } from '../hooks/useCommunities.js';
import { toast } from '../toast.js';

interface Picked {
  name: string;
  title: string | null;
  photoUrl: string | null;
}

/** Invite colleagues by name; in a private community a moderator's invitation also lets in those who had asked. */
export function InviteDialog({ community: c, opened, onClose }: { community: Community; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const errorText = useScopedErrorText('communities');
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const [value, setValue] = useState<string[]>([]);
  const [known, setKnown] = useState<Record<string, Picked>>({});
  const invite = useMemberAction(c);
  const results = useQuery({
    queryKey: ['people-picker', debounced],
    queryFn: () => peopleApi.list({ q: debounced }, undefined, 10),
    enabled: opened && debounced.length >= 2,
  });

  const data = useMemo(() => {
    const map = new Map<string, { value: string; label: string }>();
    for (const id of value) {
      map.set(id, { value: id, label: known[id]?.name ?? id });
    }
    for (const p of results.data?.items ?? []) {
      map.set(p.id, { value: p.id, label: p.name });
    }
    return [...map.values()];
  }, [value, known, results.data]);

  const close = () => {
    setValue([]);
    setSearch('');
    invite.reset();
    onClose();
  };

  const send = () =>
    invite.mutate(
      { kind: 'invite', userIds: value },
      {
        onSuccess: (r) => {
          const res = r as { invited: string[]; joined: string[]; skipped: string[] };
          toast(
            [
              res.invited.length > 0 ? t('communities.invite.sent', { count: res.invited.length }) : '',
              res.joined.length > 0 ? t('communities.invite.joined', { count: res.joined.length }) : '',
              res.skipped.length > 0 ? t('communities.invite.skipped', { count: res.skipped.length }) : '',
            ]
              .filter(Boolean)
              .join(' '),
            { color: 'teal' },
          );
          close();
        },
      },
    );

  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('communities.close') }}
      opened={opened}
      onClose={close}
      title={
        <Text fw={700} fz="lg">
          {t('communities.invite.title', { name: c.name })}
        </Text>
      }
      size="md"
    >
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t(`communities.invite.intro.${c.visibility}`)}
        </Text>
        <MultiSelect
          label={t('communities.invite.people')}
          placeholder={value.length === 0 ? t('communities.invite.placeholder') : undefined}
          data={data}
          value={value}
          onChange={(ids) => {
            const found = results.data?.items ?? [];
            setKnown((k) => {
              const next = { ...k };
              for (const p of found) {
                if (ids.includes(p.id)) {
                  next[p.id] = { name: p.name, title: p.title, photoUrl: p.photoUrl };
                }
              }
              return next;
            });
            setValue(ids);
          }}
          searchable
          searchValue={search}
          onSearchChange={setSearch}
          filter={({ options }) => options}
          maxValues={50}
          hidePickedOptions
          nothingFoundMessage={debounced.length < 2 ? t('picker.typeMore') : results.isFetching ? t('common.loading') : t('picker.none')}
          comboboxProps={{ withinPortal: true }}
          renderOption={({ option }) => {
            const p = results.data?.items.find((x) => x.id === option.value);
            return (
              <Group gap="sm" wrap="nowrap">
                <UserAvatar name={option.label} photoUrl={p?.photoUrl} size={28} />
                <div>
                  <Text size="sm">{option.label}</Text>
                  {p?.title && (
                    <Text size="xs" c="dimmed">
                      {p.title}
                    </Text>
                  )}
                </div>
              </Group>
            );
          }}
        />
        {invite.isError && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} role="alert">
            {errorText(invite.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('common.cancel')}
          </Button>
          <Button onClick={send} disabled={value.length === 0} loading={invite.isPending}>
            {t('communities.invite.send', { count: value.length })}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
