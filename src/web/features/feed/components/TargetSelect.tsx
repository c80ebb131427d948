import { Group, Select, Text } from '@mantine/core';
import { IconUser, IconUsersGroup } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { usePostTargets } from '../hooks/usePosts.js';

export const PROFILE_TARGET = 'profile';

/** Where a post goes: the author's own profile, or one of the communities they may post in. */
export function TargetSelect({ value, onChange, label }: { value: string; onChange: (v: string) => void; label?: string }) {
  const { t } = useTranslation();
  const targets = usePostTargets();
  const communities = targets.data ?? [];
  const known = value === PROFILE_TARGET || communities.some((c) => c.id === value);
  const data = [
    { value: PROFILE_TARGET, label: t('feed.composer.myProfile') },
    ...(communities.length > 0
      ? [{ group: t('feed.composer.communities'), items: communities.map((c) => ({ value: c.id, label: c.name })) }]
      : []),
  ];
  return (
    <Select
      size="sm"
      label={label ?? t('feed.composer.postIn')}
      data={data}
      value={known || targets.isPending ? value : PROFILE_TARGET}
      onChange={(v) => onChange(typeof v === 'string' ? v : PROFILE_TARGET)}
      allowDeselect={false}
      searchable={communities.length > 8}
      nothingFoundMessage={t('feed.composer.noCommunity')}
      comboboxProps={{ withinPortal: true }}
      leftSection={value === PROFILE_TARGET ? <IconUser size={16} aria-hidden /> : <IconUsersGroup size={16} aria-hidden />}
      renderOption={({ option }) => (
        <Group gap={8} wrap="nowrap">
          {option.value === PROFILE_TARGET ? <IconUser size={16} aria-hidden /> : <IconUsersGroup size={16} aria-hidden />}
          <Text size="sm">{option.label}</Text>
        </Group>
      )}
      w={{ base: '100%', xs: 260 }}
    />
  );
}
