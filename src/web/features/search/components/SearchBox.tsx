import './search.css';
import { Box, Combobox, Group, Loader, Text, TextInput, useCombobox, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconArrowRight, IconSearch } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { SOCIAL_LIMITS } from '../../../../shared/social.js';
import { UserAvatar } from '../../../components/UserAvatar.js';
import { CommunityMark } from '../../communities/components/CommunityVisuals.js';
import { searchApi } from '../api.js';

const SEARCH_ALL = '__search__';

/**
 * The top bar's search box: Enter searches everything (/search?q=); while typing, people and
 * communities whose names match are offered, to jump straight to them.
 */
export function SearchBox() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q.trim(), 200);
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const suggestions = useQuery({
    queryKey: ['search-suggest', debounced],
    queryFn: ({ signal }) => searchApi.suggest(debounced, signal),
    enabled: debounced.length >= 2,
    staleTime: 60_000,
    placeholderData: keepPreviousData,
    retry: false,
  });
  const people = debounced.length >= 2 ? (suggestions.data?.people ?? []) : [];
  const communities = debounced.length >= 2 ? (suggestions.data?.communities ?? []) : [];
  const hasTyped = q.trim().length >= 2;

  const go = (to: string) => {
    combobox.closeDropdown();
    setQ('');
    void navigate(to);
  };
  const searchAll = () => {
    const v = q.trim();
    go(v ? `/search?q=${encodeURIComponent(v)}` : '/search');
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    searchAll();
  };
  const onOption = (value: string) => {
    if (value === SEARCH_ALL) {
      searchAll();
    } else if (value.startsWith('p:')) {
      go(`/people/${value.slice(2)}`);
    } else if (value.startsWith('c:')) {
      go(`/communities/${value.slice(2)}`);
    }
  };

  return (
    <Box component="form" role="search" onSubmit={onSubmit} w="100%" aria-label={t('search.box.region')}>
      <Combobox store={combobox} onOptionSubmit={onOption} withinPortal position="bottom-start" shadow="lg" radius="md">
        <Combobox.Target withExpandedAttribute>
          <TextInput
            size="sm"
            radius="xl"
            aria-label={t('search.box.label')}
            placeholder={t('search.box.placeholder')}
            leftSection={<IconSearch size={16} aria-hidden />}
            rightSection={suggestions.isFetching && hasTyped ? <Loader size={14} aria-hidden /> : null}
            value={q}
            maxLength={SOCIAL_LIMITS.searchQuery}
            onChange={(e) => {
              setQ(e.currentTarget.value);
              combobox.resetSelectedOption();
              if (e.currentTarget.value.trim().length >= 2) {
                combobox.openDropdown();
              } else {
                combobox.closeDropdown();
              }
            }}
            onFocus={() => hasTyped && combobox.openDropdown()}
            onBlur={() => combobox.closeDropdown()}
            autoComplete="off"
            role="combobox"
            aria-autocomplete="list"
          />
        </Combobox.Target>
        <Combobox.Dropdown hidden={!hasTyped} className="search-suggest">
          <Combobox.Options aria-label={t('search.box.suggestions')}>
            <Combobox.Option value={SEARCH_ALL}>
              <Group gap="sm" wrap="nowrap">
                <IconSearch size={16} aria-hidden />
                <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {t('search.box.searchFor', { q: q.trim() })}
                </Text>
                <IconArrowRight size={14} aria-hidden style={{ marginLeft: 'auto', flex: 'none' }} />
              </Group>
            </Combobox.Option>
            {people.length > 0 && (
              <Combobox.Group label={t('search.tabs.people')}>
                {people.map((p) => (
                  <Combobox.Option key={p.id} value={`p:${p.id}`}>
                    <Group gap="sm" wrap="nowrap">
                      <UserAvatar name={p.name} photoUrl={p.photoUrl} size={28} />
                      <Box miw={0}>
                        <Text size="sm" truncate>
                          {p.name}
                        </Text>
                        {p.title && (
                          <Text size="xs" c="dimmed" truncate>
                            {p.title}
                          </Text>
                        )}
                      </Box>
                    </Group>
                  </Combobox.Option>
                ))}
              </Combobox.Group>
            )}
            {communities.length > 0 && (
              <Combobox.Group label={t('search.tabs.communities')}>
                {communities.map((c) => (
                  <Combobox.Option key={c.id} value={`c:${c.slug}`}>
                    <Group gap="sm" wrap="nowrap">
                      <CommunityMark community={{ name: c.name, coverUrl: null }} size={28} />
                      <Text size="sm" truncate>
                        {c.name}
                      </Text>
                    </Group>
                  </Combobox.Option>
                ))}
              </Combobox.Group>
            )}
          </Combobox.Options>
        </Combobox.Dropdown>
      </Combobox>
      <VisuallyHidden>
        <button type="submit" tabIndex={-1}>
          {t('search.submit')}
        </button>
      </VisuallyHidden>
    </Box>
  );
}
