import { Group, MultiSelect, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { UserAvatar } from '../../../../components/UserAvatar.js';
import { peopleApi } from '../../../people/api.js';

interface Known {
  name: string;
  title: string | null;
  photoUrl: string | null;
}

interface Props {
  label: string;
  description?: string;
  value: string[];
  onChange: (ids: string[]) => void;
  max: number;
  error?: string;
}

/** Pick several colleagues by typing part of their names. */
export function PeopleMultiPicker({ label, description, value, onChange, max, error }: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const [known, setKnown] = useState<Record<string, Known>>({});
  const results = useQuery({
    queryKey: ['people-picker', debounced],
    queryFn: () => peopleApi.list({ q: debounced }, undefined, 10),
    enabled: debounced.length >= 2,
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

  return (
    <MultiSelect
      label={label}
      description={description}
      error={error}
      placeholder={value.length === 0 ? t('picker.placeholder') : undefined}
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
        onChange(ids);
      }}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      maxValues={max}
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
  );
}
