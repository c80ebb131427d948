import { Button } from '@mantine/core';
import { IconCheck, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useFollowState, useSetFollow } from '../hooks/useFollow.js';

/** Follow a colleague: their posts come to one's home feed. */
export function FollowButton({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const state = useFollowState(personId);
  const set = useSetFollow(personId);
  if (state.isError) {
    return null;
  }
  const following = state.data?.following ?? false;
  return (
    <Button
      variant={following ? 'default' : 'filled'}
      leftSection={following ? <IconCheck size={18} aria-hidden /> : <IconPlus size={18} aria-hidden />}
      loading={state.isPending}
      aria-pressed={following}
      onClick={() => set.mutate(!following)}
    >
      {following ? t('feed.follow.following') : t('feed.follow.follow')}
    </Button>
  );
}
