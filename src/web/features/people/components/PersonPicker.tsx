import { Group, Select, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { UserAvatar } from '../../../components/UserAvatar.js';
import { peopleApi } from '../api.js';

interface Props {
  label: string;
  value: string | null;
  /** How to show the current value before any search. */
  current?: { id: string; name: string } | null;
  onChange: (id: string | null) => void;
  excludeId?: string;
  description?: string;
  error?: string;
}

/** Pick a colleague by typing part of their name. */
export function PersonPicker({ label, value, current, onChange, excludeId, description, error }: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const results = useQuery({
    queryKey: ['people-picker', debounced],
    queryFn: () => peopleApi.list({ q: debounced }, undefined, 10),
    enabled: debounced.length >= 2,
  });
  const [known, setKnown] = useState<Record<string, { name: string; photoUrl: string | null; title: string | null }>>({});
  const data = useMemo(() => {
    const map = new Map<string, { value: string; label: string }>();
    if (current) {
      map.set(current.id, { value: current.id, label: current.name });
    }
    for (const p of results.data?.items ?? []) {
      if (p.id !== excludeId) {
        map.set(p.id, { value: p.id, label: p.name });
      }
    }
    return [...map.values()];
  }, [current, results.data, excludeId]);

  return (
    <Select
      label={label}
      description={description}
      error={error}
      placeholder={t('picker.placeholder')}
      searchable
      clearable
      data={data}
      value={value}
      onChange={(v) => {
        const p = results.data?.items.find((x) => x.id === v);
        if (p) {
          setKnown((k) => ({ ...k, [p.id]: { name: p.name, photoUrl: p.photoUrl, title: p.title } }));
        }
        onChange(v);
      }}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      nothingFoundMessage={debounced.length < 2 ? t('picker.typeMore') : results.isFetching ? t('common.loading') : t('picker.none')}
      renderOption={({ option }) => {
        const p = results.data?.items.find((x) => x.id === option.value);
        const k = known[option.value];
        return (
          <Group gap="sm" wrap="nowrap">
            <UserAvatar name={option.label} photoUrl={p?.photoUrl ?? k?.photoUrl} size={28} />
            <div>
              <Text size="sm">{option.label}</Text>
              {(p?.title ?? k?.title) && (
                <Text size="xs" c="dimmed">
                  {p?.title ?? k?.title}
                </Text>
              )}
            </div>
          </Group>
        );
      }}
    />
  );
}
