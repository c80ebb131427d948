import './feed.css';
import { ActionIcon, Box, Group, Paper, SegmentedControl, Text, Textarea, Tooltip, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import {
  IconAt,
  IconBlockquote,
  IconBold,
  IconCode,
  IconHash,
  IconItalic,
  IconLink,
  IconList,
  IconListNumbers,
  IconUsersGroup,
  type Icon,
} from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import {
  type KeyboardEvent,
  lazy,
  type ReactNode,
  type RefObject,
  Suspense,
  useId,
  useImperativeHandle,
  useMemo,
  useRef,
  useState,
} from 'react';
import { useTranslation } from 'react-i18next';
import { UserAvatar } from '../../../components/UserAvatar.js';
import { feedApi } from '../api.js';
import { findTrigger, linkText, rankByName, type Trigger } from './editorText.js';

const MarkdownRender = lazy(() => import('./MarkdownRender.js'));

export interface EditorHandle {
  focus: () => void;
  insert: (text: string) => void;
}

interface Props {
  value: string;
  onChange: (value: string) => void;
  label: string;
  placeholder?: string;
  minRows?: number;
  maxLength: number;
  /** Ctrl/Cmd+Enter. */
  onSubmit?: () => void;
  /** Buttons shown after the formatting ones (e.g. attach). */
  extra?: ReactNode;
  /** Comments: no toolbar or preview until asked for; mentions still work. */
  compact?: boolean;
  autoFocus?: boolean;
  handle?: RefObject<EditorHandle | null>;
  error?: ReactNode;
}

interface Suggestion {
  id: string;
  kind: 'person' | 'community' | 'hashtag';
  label: string;
  detail?: string | null;
  photoUrl?: string | null;
  insert: string;
}

async function suggest(trigger: Trigger): Promise<Suggestion[]> {
  if (trigger.kind === 'hashtag') {
    const res = await feedApi.suggestHashtags(trigger.query.toLowerCase()).catch(() => ({ items: [] }));
    return res.items.slice(0, 8).map((h) => ({ id: h.tag, kind: 'hashtag', label: `#${h.tag}`, insert: `#${h.tag}` }));
  }
  const q = trigger.query.trim();
  const [people, communities] = await Promise.all([
    feedApi.suggestPeople(q).catch(() => ({ items: [] })),
    feedApi.suggestCommunities(q).catch(() => ({ items: [] })),
  ]);
  return [
    ...rankByName(people.items, q)
      .slice(0, 6)
      .map((p) => ({
        id: p.id,
        kind: 'person' as const,
        label: p.name,
        detail: p.title,
        photoUrl: p.photoUrl,
        insert: `@[${linkText(p.name)}](person:${p.id})`,
      })),
    ...communities.items.slice(0, 4).map((c) => ({
      id: c.id,
      kind: 'community' as const,
      label: c.name,
      insert: `@[${linkText(c.name)}](community:${c.id})`,
    })),
  ];
}

interface Tool {
  key: string;
  icon: Icon;
  label: string;
  run: () => void;
}

/** A Markdown text box with a small formatting toolbar, a preview, and @mention / #hashtag suggestions. */
export function MarkdownEditor({
  value,
  onChange,
  label,
  placeholder,
  minRows = 3,
  maxLength,
  onSubmit,
  extra,
  compact = false,
  autoFocus,
  handle,
  error,
}: Props) {
  const { t } = useTranslation();
  const ref = useRef<HTMLTextAreaElement>(null);
  const listId = useId();
  const [mode, setMode] = useState<'write' | 'preview'>('write');
  const [trigger, setTrigger] = useState<Trigger | null>(null);
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState<number | null>(null);
  const [debounced] = useDebouncedValue(trigger, 150);
  const open = trigger !== null && dismissed !== trigger.start;

  const suggestions = useQuery({
    queryKey: ['suggest', debounced?.kind, debounced?.query],
    queryFn: () => suggest(debounced!),
    enabled: open && debounced !== null && debounced.start === trigger.start,
    staleTime: 60_000,
    placeholderData: (prev) => prev,
  });
  const items = useMemo(() => (open ? (suggestions.data ?? []) : []), [open, suggestions.data]);
  const showList = open && items.length > 0;

  /** Replace [from, to) with text and put the caret (or a selection) where asked. */
  const replace = (from: number, to: number, text: string, selStart?: number, selEnd?: number) => {
    const next = value.slice(0, from) + text + value.slice(to);
    onChange(next.slice(0, maxLength));
    const a = selStart ?? from + text.length;
    const b = selEnd ?? a;
    requestAnimationFrame(() => {
      const el = ref.current;
      if (el) {
        el.focus();
        el.setSelectionRange(a, b);
      }
    });
  };

  useImperativeHandle(handle, () => ({
    focus: () => ref.current?.focus(),
    insert: (text: string) => {
      const el = ref.current;
      const at = el ? el.selectionStart : value.length;
      const before = value.slice(0, at);
      const pad = before && !/\s$/.test(before) ? ' ' : '';
      replace(at, el ? el.selectionEnd : at, pad + text);
    },
  }));

  const wrap = (before: string, after: string, placeholderText: string) => {
    const el = ref.current;
    if (!el) {
      return;
    }
    const { selectionStart: s, selectionEnd: e } = el;
    const selected = value.slice(s, e) || placeholderText;
    replace(s, e, before + selected + after, s + before.length, s + before.length + selected.length);
  };

  const prefixLines = (prefix: (i: number) => string) => {
    const el = ref.current;
    if (!el) {
      return;
    }
    const s = value.lastIndexOf('\n', el.selectionStart - 1) + 1;
    const endNl = value.indexOf('\n', el.selectionEnd);
    const e = endNl === -1 ? value.length : endNl;
    const lines = value.slice(s, e).split('\n');
    const text = lines.map((l, i) => prefix(i) + l).join('\n');
    const lead = s > 0 && value[s - 1] !== '\n' ? '\n' : '';
    replace(s, e, lead + text, s + lead.length, s + lead.length + text.length);
  };

  const link = () => {
    const el = ref.current;
    if (!el) {
      return;
    }
    const { selectionStart: s, selectionEnd: e } = el;
    const text = value.slice(s, e) || t('feed.editor.linkText');
    const url = 'https://';
    const md = `[${text}](${url})`;
    replace(s, e, md, s + text.length + 3, s + text.length + 3 + url.length);
  };

  const startTrigger = (char: '@' | '#') => {
    const el = ref.current;
    const at = el ? el.selectionStart : value.length;
    const before = value.slice(0, at);
    const pad = before && !/\s$/.test(before) ? ' ' : '';
    replace(at, el ? el.selectionEnd : at, pad + char);
  };

  const tools: Tool[] = [
    { key: 'bold', icon: IconBold, label: t('feed.editor.bold'), run: () => wrap('**', '**', t('feed.editor.boldText')) },
    { key: 'italic', icon: IconItalic, label: t('feed.editor.italic'), run: () => wrap('_', '_', t('feed.editor.italicText')) },
    { key: 'link', icon: IconLink, label: t('feed.editor.link'), run: link },
    { key: 'ul', icon: IconList, label: t('feed.editor.bullets'), run: () => prefixLines(() => '- ') },
    { key: 'ol', icon: IconListNumbers, label: t('feed.editor.numbers'), run: () => prefixLines((i) => `${i + 1}. `) },
    { key: 'quote', icon: IconBlockquote, label: t('feed.editor.quote'), run: () => prefixLines(() => '> ') },
    { key: 'code', icon: IconCode, label: t('feed.editor.code'), run: () => wrap('`', '`', t('feed.editor.codeText')) },
    { key: 'mention', icon: IconAt, label: t('feed.editor.mention'), run: () => startTrigger('@') },
    { key: 'hashtag', icon: IconHash, label: t('feed.editor.hashtag'), run: () => startTrigger('#') },
  ];

  const refreshTrigger = (text: string, caret: number) => {
    const next = findTrigger(text, caret);
    if (!next || !trigger || next.start !== trigger.start || next.kind !== trigger.kind) {
      setActive(0);
    }
    setTrigger(next);
  };

  const choose = (s: Suggestion) => {
    if (!trigger) {
      return;
    }
    const caret = ref.current?.selectionStart ?? value.length;
    replace(trigger.start, caret, `${s.insert} `);
    setTrigger(null);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (showList) {
      if (e.key === 'ArrowDown') {
        e.preventDefault();
        setActive((i) => (i + 1) % items.length);
        return;
      }
      if (e.key === 'ArrowUp') {
        e.preventDefault();
        setActive((i) => (i - 1 + items.length) % items.length);
        return;
      }
      if (e.key === 'Enter' || e.key === 'Tab') {
        const s = items[Math.min(active, items.length - 1)];
        if (s) {
          e.preventDefault();
          choose(s);
          return;
        }
      }
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        setDismissed(trigger.start);
        return;
      }
    }
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && onSubmit) {
      e.preventDefault();
      onSubmit();
      return;
    }
    if ((e.ctrlKey || e.metaKey) && !e.shiftKey && !e.altKey) {
      const k = e.key.toLowerCase();
      if (k === 'b' || k === 'i') {
        e.preventDefault();
        tools.find((tool) => tool.key === (k === 'b' ? 'bold' : 'italic'))?.run();
      }
    }
  };

  const optionId = (i: number) => `${listId}-o${i}`;
  const activeIndex = Math.min(active, items.length - 1);

  return (
    <Box>
      {!compact && (
        <Group justify="space-between" gap="xs" mb={6} wrap="wrap">
          {mode === 'write' ? <Toolbar tools={tools} label={t('feed.editor.toolbar')} /> : <div />}
          <SegmentedControl
            size="xs"
            value={mode}
            onChange={(v) => setMode(v === 'preview' ? 'preview' : 'write')}
            data={[
              { value: 'write', label: t('feed.editor.write') },
              { value: 'preview', label: t('feed.editor.preview') },
            ]}
            aria-label={t('feed.editor.mode')}
          />
        </Group>
      )}
      {mode === 'preview' && !compact ? (
        <Paper
          withBorder
          p="sm"
          mih={minRows * 26 + 20}
          className="post-body md-preview"
          aria-label={t('feed.editor.previewLabel')}
          role="region"
        >
          {value.trim() ? (
            <Suspense fallback={<Text c="dimmed">{t('common.loading')}</Text>}>
              <MarkdownRender source={value} />
            </Suspense>
          ) : (
            <Text c="dimmed">{t('feed.editor.nothingToPreview')}</Text>
          )}
        </Paper>
      ) : (
        <Box pos="relative">
          <Textarea
            ref={ref}
            aria-label={label}
            placeholder={placeholder}
            value={value}
            autosize
            minRows={minRows}
            maxRows={16}
            maxLength={maxLength}
            autoFocus={autoFocus}
            error={error}
            onChange={(e) => {
              onChange(e.currentTarget.value);
              refreshTrigger(e.currentTarget.value, e.currentTarget.selectionStart);
            }}
            onSelect={(e) => refreshTrigger(e.currentTarget.value, e.currentTarget.selectionStart)}
            onBlur={() => setTimeout(() => setTrigger(null), 150)}
            onKeyDown={onKeyDown}
            aria-autocomplete="list"
            aria-controls={showList ? listId : undefined}
            aria-activedescendant={showList ? optionId(activeIndex) : undefined}
            styles={{ input: { fontSize: 'var(--mantine-font-size-md)', lineHeight: 1.55 } }}
          />
          {showList && (
            <Paper
              shadow="md"
              withBorder
              p={4}
              className="suggest-list"
              id={listId}
              role="listbox"
              aria-label={trigger.kind === 'hashtag' ? t('feed.editor.hashtagSuggestions') : t('feed.editor.mentionSuggestions')}
            >
              {items.map((s, i) => (
                <UnstyledButton
                  key={`${s.kind}:${s.id}`}
                  id={optionId(i)}
                  role="option"
                  aria-selected={i === activeIndex}
                  tabIndex={-1}
                  className="suggest-option"
                  data-active={i === activeIndex || undefined}
                  onMouseDown={(e) => e.preventDefault()}
                  onMouseEnter={() => setActive(i)}
                  onClick={() => choose(s)}
                >
                  <Group gap="sm" wrap="nowrap">
                    {s.kind === 'person' && <UserAvatar name={s.label} photoUrl={s.photoUrl} size={28} />}
                    {s.kind === 'community' && <IconUsersGroup size={22} aria-hidden style={{ flexShrink: 0 }} />}
                    {s.kind === 'hashtag' && <IconHash size={20} aria-hidden style={{ flexShrink: 0 }} />}
                    <div style={{ minWidth: 0 }}>
                      <Text size="sm" fw={600} truncate>
                        {s.kind === 'hashtag' ? s.label.slice(1) : s.label}
                      </Text>
                      <Text size="xs" c="dimmed" truncate>
                        {s.kind === 'community' ? t('feed.editor.community') : s.kind === 'hashtag' ? t('feed.editor.topic') : s.detail}
                      </Text>
                    </div>
                  </Group>
                </UnstyledButton>
              ))}
            </Paper>
          )}
        </Box>
      )}
      {extra}
    </Box>
  );
}

/** The formatting buttons: one tab stop, arrow keys move between them. */
function Toolbar({ tools, label }: { tools: Tool[]; label: string }) {
  const [focus, setFocus] = useState(0);
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const move = (to: number) => {
    const i = (to + tools.length) % tools.length;
    setFocus(i);
    refs.current[i]?.focus();
  };
  return (
    <Group
      gap={2}
      role="toolbar"
      aria-label={label}
      wrap="wrap"
      onKeyDown={(e) => {
        if (e.key === 'ArrowRight') {
          e.preventDefault();
          move(focus + 1);
        } else if (e.key === 'ArrowLeft') {
          e.preventDefault();
          move(focus - 1);
        } else if (e.key === 'Home') {
          e.preventDefault();
          move(0);
        } else if (e.key === 'End') {
          e.preventDefault();
          move(tools.length - 1);
        }
      }}
    >
      {tools.map((tool, i) => (
        <Tooltip key={tool.key} label={tool.label} withArrow openDelay={400}>
          <ActionIcon
            ref={(el) => {
              refs.current[i] = el;
            }}
            variant="subtle"
            color="gray"
            size="lg"
            aria-label={tool.label}
            tabIndex={i === focus ? 0 : -1}
            onFocus={() => setFocus(i)}
            onMouseDown={(e) => e.preventDefault()}
            onClick={tool.run}
          >
            <tool.icon size={18} stroke={1.8} aria-hidden />
          </ActionIcon>
        </Tooltip>
      ))}
    </Group>
  );
}
