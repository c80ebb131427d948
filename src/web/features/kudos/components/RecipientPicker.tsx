import { Group, MultiSelect, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { UserAvatar } from '../../../components/UserAvatar.js';
import { RECOGNITION_LIMITS } from '../../../../shared/recognition.js';
import type { Author } from '../../feed/api.js';
import { peopleApi } from '../../people/api.js';

interface Props {
  value: string[];
  onChange: (ids: string[]) => void;
  /** People already picked (e.g. from the profile the dialog was opened on), so their names show before any search. */
  known: Author[];
  onKnown: (people: Author[]) => void;
  excludeId?: string;
  error?: string;
  description?: string;
}

/** Pick the colleagues to thank by typing part of their names; up to the most one kudos may name. */
export function RecipientPicker({ value, onChange, known, onKnown, excludeId, error, description }: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const results = useQuery({
    queryKey: ['people-picker', debounced],
    queryFn: () => peopleApi.list({ q: debounced }, undefined, 10),
    enabled: debounced.length >= 2,
  });
  const found = useMemo(
    () => (results.data?.items ?? []).filter((p) => p.id !== excludeId && p.status !== 'deactivated'),
    [results.data, excludeId],
  );
  const people = useMemo(() => {
    const map = new Map<string, Author>();
    for (const p of known) {
      map.set(p.id, p);
    }
    for (const p of found) {
      map.set(p.id, { id: p.id, name: p.name, title: p.title, photoUrl: p.photoUrl });
    }
    return map;
  }, [known, found]);
  const data = useMemo(() => [...people.values()].map((p) => ({ value: p.id, label: p.name })), [people]);
  const full = value.length >= RECOGNITION_LIMITS.recipients;

  return (
    <MultiSelect
      label={t('kudos.composer.recipients')}
      description={description}
      error={error}
      placeholder={value.length === 0 ? t('kudos.composer.recipientsPlaceholder') : undefined}
      searchable
      hidePickedOptions
      maxValues={RECOGNITION_LIMITS.recipients}
      data={data}
      value={value}
      onChange={(ids) => {
        const added = ids.filter((id) => !known.some((k) => k.id === id)).flatMap((id) => people.get(id) ?? []);
        if (added.length > 0) {
          onKnown([...known, ...added]);
        }
        onChange(ids);
        setSearch('');
      }}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options.filter((o) => 'value' in o && found.some((p) => p.id === o.value))}
      nothingFoundMessage={
        full
          ? t('kudos.composer.recipientsFull', { count: RECOGNITION_LIMITS.recipients })
          : debounced.length < 2
            ? t('picker.typeMore')
            : results.isFetching
              ? t('common.loading')
              : t('picker.none')
      }
      renderOption={({ option }) => {
        const p = people.get(option.value);
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
  );
}
