import { Group, MultiSelect, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { UserAvatar } from '../../../components/UserAvatar.js';
import { peopleApi } from '../api.js';

/** A person as the picker shows them. */
export interface PickedPerson {
  id: string;
  name: string;
  title: string | null;
  photoUrl: string | null;
}

interface Props {
  label: string;
  description?: string;
  error?: string;
  value: string[];
  onChange: (ids: string[]) => void;
  max: number;
  /** People already picked before any search (e.g. the profile a dialog was opened from), so their names show. */
  initial?: readonly PickedPerson[];
  /** Someone who may not be picked (e.g. oneself). */
  excludeId?: string;
  placeholder?: string;
  /** Said when `max` people are picked. */
  fullMessage?: string;
}

/** Pick several active colleagues by typing part of their names. */
export function PeopleMultiPicker({
  label,
  description,
  error,
  value,
  onChange,
  max,
  initial = [],
  excludeId,
  placeholder,
  fullMessage,
}: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const [known, setKnown] = useState<readonly PickedPerson[]>(initial);
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
    const map = new Map<string, PickedPerson>();
    for (const p of known) {
      map.set(p.id, p);
    }
    for (const p of found) {
      map.set(p.id, { id: p.id, name: p.name, title: p.title, photoUrl: p.photoUrl });
    }
    return map;
  }, [known, found]);
  const data = useMemo(() => [...people.values()].map((p) => ({ value: p.id, label: p.name })), [people]);
  const full = value.length >= max;

  return (
    <MultiSelect
      label={label}
      description={description}
      error={error}
      placeholder={value.length === 0 ? (placeholder ?? t('picker.placeholder')) : undefined}
      searchable
      hidePickedOptions
      maxValues={max}
      data={data}
      value={value}
      onChange={(ids) => {
        const added = ids.filter((id) => !known.some((k) => k.id === id)).flatMap((id) => people.get(id) ?? []);
        if (added.length > 0) {
          setKnown([...known, ...added]);
        }
        onChange(ids);
        setSearch('');
      }}
      searchValue={search}
      onSearchChange={setSearch}
      // The server searched already (names, fragments, typos): show what it found, not a second local filter.
      filter={({ options }) => options.filter((o) => 'value' in o && found.some((p) => p.id === o.value))}
      comboboxProps={{ withinPortal: true }}
      nothingFoundMessage={
        full && fullMessage
          ? fullMessage
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
