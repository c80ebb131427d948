import {
  ActionIcon,
  Box,
  Button,
  Group,
  Modal,
  Popover,
  ScrollArea,
  Skeleton,
  Stack,
  Tabs,
  Text,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import {
  IconBulbFilled,
  IconChevronUp,
  IconConfettiFilled,
  IconHeartFilled,
  IconHeartHandshake,
  IconMoodHappyFilled,
  IconThumbUp,
  IconThumbUpFilled,
  type Icon,
} from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LoadMore } from '../../../components/LoadMore.js';
import { ErrorState } from '../../../components/States.js';
import { UserAvatar } from '../../../components/UserAvatar.js';
import { REACTIONS, type Reaction } from '../../../../shared/social.js';
import { feedApi } from '../api.js';

/** Badge colour (behind a white icon) and a text colour that keeps its contrast in light and dark themes. */
export const REACTION_META: Record<Reaction, { icon: Icon; color: string; text: string }> = {
  like: { icon: IconThumbUpFilled, color: '#1c6fd1', text: 'var(--reaction-like)' },
  celebrate: { icon: IconConfettiFilled, color: '#c2410c', text: 'var(--reaction-celebrate)' },
  love: { icon: IconHeartFilled, color: '#d6336c', text: 'var(--reaction-love)' },
  insightful: { icon: IconBulbFilled, color: '#a16207', text: 'var(--reaction-insightful)' },
  support: { icon: IconHeartHandshake, color: '#7048e8', text: 'var(--reaction-support)' },
  funny: { icon: IconMoodHappyFilled, color: '#0f766e', text: 'var(--reaction-funny)' },
};

/** A reaction's round badge: colour plus a distinct shape, so colour is never the only signal. */
export function ReactionBadge({ kind, size = 20 }: { kind: Reaction; size?: number }) {
  const M = REACTION_META[kind];
  return (
    <span className="reaction-badge" style={{ width: size, height: size, background: M.color }} aria-hidden>
      <M.icon size={Math.round(size * 0.62)} color="#fff" stroke={2} />
    </span>
  );
}

/**
 * The react button: a click likes (or takes one's reaction back); pointing at it, or the arrow next to
 * it, opens the six reactions. By keyboard: Tab to the arrow, Enter, arrows to move, Enter to pick.
 */
export function ReactButton({
  mine,
  onReact,
  disabled,
  size = 'sm',
}: {
  mine: Reaction | null;
  onReact: (kind: Reaction | null) => void;
  disabled?: boolean;
  size?: 'xs' | 'sm';
}) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const [byKeyboard, setByKeyboard] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const choices = useRef<(HTMLButtonElement | null)[]>([]);

  const schedule = (open: boolean, delay: number) => {
    if (timer.current) {
      clearTimeout(timer.current);
    }
    timer.current = setTimeout(() => {
      setOpened(open);
      if (!open) {
        setByKeyboard(false);
      }
    }, delay);
  };
  useEffect(
    () => () => {
      if (timer.current) {
        clearTimeout(timer.current);
      }
    },
    [],
  );

  useEffect(() => {
    if (opened && byKeyboard) {
      const i = mine ? REACTIONS.indexOf(mine) : 0;
      requestAnimationFrame(() => choices.current[i]?.focus());
    }
  }, [opened, byKeyboard, mine]);

  const pick = (kind: Reaction) => {
    setOpened(false);
    setByKeyboard(false);
    onReact(mine === kind ? null : kind);
  };

  const onPickerKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const i = choices.current.findIndex((el) => el === document.activeElement);
    const go = (to: number) => {
      e.preventDefault();
      choices.current[(to + REACTIONS.length) % REACTIONS.length]?.focus();
    };
    if (e.key === 'ArrowRight' || e.key === 'ArrowDown') {
      go(i + 1);
    } else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') {
      go(i - 1);
    } else if (e.key === 'Home') {
      go(0);
    } else if (e.key === 'End') {
      go(REACTIONS.length - 1);
    }
  };

  const M = mine ? REACTION_META[mine] : null;
  const MainIcon = M ? M.icon : IconThumbUp;

  return (
    <Popover
      opened={opened}
      onChange={setOpened}
      position="top-start"
      shadow="md"
      radius="xl"
      withArrow={false}
      withRoles={false}
      trapFocus={byKeyboard}
      returnFocus
      closeOnEscape
      onClose={() => setByKeyboard(false)}
    >
      <Popover.Target>
        <Group
          gap={0}
          wrap="nowrap"
          onMouseEnter={() => !disabled && schedule(true, 450)}
          onMouseLeave={() => !byKeyboard && schedule(false, 300)}
        >
          <Button
            variant="subtle"
            color={M ? undefined : 'gray'}
            size={size}
            disabled={disabled}
            aria-pressed={mine !== null}
            leftSection={<MainIcon size={size === 'xs' ? 16 : 18} aria-hidden color={M?.text} />}
            onClick={() => onReact(mine ? null : 'like')}
            styles={{ root: { color: M?.text, paddingInline: 10 }, label: { fontWeight: 600 } }}
          >
            {mine ? t(`feed.reactions.${mine}`) : t('feed.reactions.react')}
          </Button>
          <ActionIcon
            variant="subtle"
            color="gray"
            size={size === 'xs' ? 26 : 'md'}
            disabled={disabled}
            aria-label={t('feed.reactions.choose')}
            aria-expanded={opened}
            onClick={() => {
              setByKeyboard(true);
              setOpened((o) => !o);
            }}
          >
            <IconChevronUp size={14} aria-hidden />
          </ActionIcon>
        </Group>
      </Popover.Target>
      <Popover.Dropdown p={6} onMouseEnter={() => schedule(true, 0)} onMouseLeave={() => !byKeyboard && schedule(false, 300)}>
        <Group gap={4} wrap="nowrap" role="group" aria-label={t('feed.reactions.choose')} onKeyDown={onPickerKey}>
          {REACTIONS.map((kind, i) => (
            <Tooltip key={kind} label={t(`feed.reactions.${kind}`)} withArrow>
              <UnstyledButton
                ref={(el) => {
                  choices.current[i] = el;
                }}
                className="reaction-choice"
                data-mine={mine === kind || undefined}
                aria-pressed={mine === kind}
                aria-label={t(`feed.reactions.${kind}`)}
                tabIndex={(mine ? REACTIONS.indexOf(mine) : 0) === i ? 0 : -1}
                onClick={() => pick(kind)}
              >
                <ReactionBadge kind={kind} size={34} />
              </UnstyledButton>
            </Tooltip>
          ))}
        </Group>
      </Popover.Dropdown>
    </Popover>
  );
}

/** The top reactions and their total; opens the list of who reacted. */
export function ReactionSummary({
  counts,
  total,
  onOpen,
}: {
  counts: Partial<Record<Reaction, number>>;
  total: number;
  onOpen: () => void;
}) {
  const { t } = useTranslation();
  if (total <= 0) {
    return null;
  }
  const top = REACTIONS.filter((k) => (counts[k] ?? 0) > 0)
    .sort((a, b) => (counts[b] ?? 0) - (counts[a] ?? 0))
    .slice(0, 3);
  return (
    <UnstyledButton onClick={onOpen} className="reaction-summary" aria-label={t('feed.reactions.summary', { count: total })}>
      <span className="reaction-stack">
        {top.map((k) => (
          <ReactionBadge key={k} kind={k} size={20} />
        ))}
      </span>
      <Text span size="sm" c="dimmed" aria-hidden>
        {total}
      </Text>
    </UnstyledButton>
  );
}

/** Who reacted, all together or by kind. */
export function ReactorsModal({
  target,
  id,
  counts,
  total,
  opened,
  onClose,
}: {
  target: 'posts' | 'comments';
  id: string;
  counts: Partial<Record<Reaction, number>>;
  total: number;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<string>('all');
  const kinds = REACTIONS.filter((k) => (counts[k] ?? 0) > 0);
  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('feed.close') }}
      opened={opened}
      onClose={onClose}
      title={<Text fw={700}>{t('feed.reactions.title')}</Text>}
      centered
      size="md"
    >
      <Tabs value={tab} onChange={(v) => setTab(v ?? 'all')} keepMounted={false}>
        <ScrollArea type="auto" offsetScrollbars>
          <Tabs.List style={{ flexWrap: 'nowrap' }}>
            <Tabs.Tab value="all">{t('feed.reactions.all', { count: total })}</Tabs.Tab>
            {kinds.map((k) => (
              <Tabs.Tab
                key={k}
                value={k}
                leftSection={<ReactionBadge kind={k} size={18} />}
                aria-label={`${t(`feed.reactions.${k}`)} ${counts[k]}`}
              >
                {counts[k]}
              </Tabs.Tab>
            ))}
          </Tabs.List>
        </ScrollArea>
        <Tabs.Panel value="all" pt="sm">
          <ReactorList target={target} id={id} kind={null} onNavigate={onClose} />
        </Tabs.Panel>
        {kinds.map((k) => (
          <Tabs.Panel key={k} value={k} pt="sm">
            <ReactorList target={target} id={id} kind={k} onNavigate={onClose} />
          </Tabs.Panel>
        ))}
      </Tabs>
    </Modal>
  );
}

function ReactorList({
  target,
  id,
  kind,
  onNavigate,
}: {
  target: 'posts' | 'comments';
  id: string;
  kind: Reaction | null;
  onNavigate: () => void;
}) {
  const { t } = useTranslation();
  const list = useInfiniteQuery({
    queryKey: ['reactors', target, id, kind],
    queryFn: ({ pageParam }) => feedApi.reactors(target, id, kind, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  if (list.isPending) {
    return (
      <Stack gap="sm" aria-busy>
        {[0, 1, 2].map((i) => (
          <Group key={i} gap="sm">
            <Skeleton circle height={36} />
            <Skeleton height={12} width="50%" />
          </Group>
        ))}
      </Stack>
    );
  }
  if (list.isError) {
    return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  }
  const items = list.data.pages.flatMap((p) => p.items);
  if (items.length === 0) {
    return (
      <Text c="dimmed" size="sm">
        {t('feed.reactions.none')}
      </Text>
    );
  }
  return (
    <Box>
      <Stack gap={4} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {items.map((r) => (
          <li key={r.person.id}>
            <UnstyledButton component={Link} to={`/people/${r.person.id}`} onClick={onNavigate} className="reactor-row">
              <Group gap="sm" wrap="nowrap">
                <Box pos="relative">
                  <UserAvatar name={r.person.name} photoUrl={r.person.photoUrl} size={40} />
                  <span className="reactor-kind">
                    <ReactionBadge kind={r.kind} size={18} />
                  </span>
                </Box>
                <div style={{ minWidth: 0 }}>
                  <Text fw={600} size="sm" truncate>
                    {r.person.name}
                  </Text>
                  <Text size="xs" c="dimmed" truncate>
                    {[t(`feed.reactions.${r.kind}`), r.person.title].filter(Boolean).join(' · ')}
                  </Text>
                </div>
              </Group>
            </UnstyledButton>
          </li>
        ))}
      </Stack>
      <LoadMore query={list} />
    </Box>
  );
}
