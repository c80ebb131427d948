import { MultiSelect } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { peopleApi } from '../../people/api.js';

/** Several colleagues, found by typing part of their name; the chosen ones stay named while searching on. */
export function PeopleMultiPicker({ label, value, onChange }: { label: string; value: string[]; onChange: (ids: string[]) => void }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const [known, setKnown] = useState<Record<string, string>>({});
  const results = useQuery({
    queryKey: ['people-picker', debounced],
    queryFn: () => peopleApi.list({ q: debounced }, undefined, 10),
    enabled: debounced.length >= 2,
  });
  const data = useMemo(() => {
    const options = new Map<string, string>();
    for (const id of value) {
      options.set(id, known[id] ?? id);
    }
    for (const p of results.data?.items ?? []) {
      options.set(p.id, p.title ? `${p.name} · ${p.title}` : p.name);
    }
    return [...options].map(([v, l]) => ({ value: v, label: l }));
  }, [value, known, results.data]);

  return (
    <MultiSelect
      label={label}
      placeholder={t('picker.placeholder')}
      searchable
      clearable
      data={data}
      value={value}
      onChange={(ids) => {
        const named = Object.fromEntries(data.filter((o) => ids.includes(o.value)).map((o) => [o.value, o.label]));
        setKnown((k) => ({ ...k, ...named }));
        onChange(ids);
      }}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      nothingFoundMessage={debounced.length < 2 ? t('picker.typeMore') : results.isFetching ? t('common.loading') : t('picker.none')}
    />
  );
}
