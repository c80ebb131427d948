import './feed.css';
import { Box, Button, Card, Checkbox, Group, SegmentedControl, Text, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconSend } from '@tabler/icons-react';
import { type ClipboardEvent, type DragEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../../components/States.js';
import { UserAvatar } from '../../../components/UserAvatar.js';
import { SOCIAL_LIMITS } from '../../../../shared/social.js';
import { useMe } from '../../auth/hooks/useSession.js';
import type { PostView } from '../api.js';
import { useDraft } from '../hooks/useDraft.js';
import { useCreatePost, usePostTargets } from '../hooks/usePosts.js';
import { useUploads } from '../hooks/useUploads.js';
import { AttachButton, UploadList } from './Attachments.js';
import { type EditorHandle, MarkdownEditor } from './MarkdownEditor.js';
import { PROFILE_TARGET, TargetSelect } from './TargetSelect.js';
import { EMPTY_POLL, PollFields, pollClosesAt, pollOptions, type PollDraft } from '../../questions/components/PollFields.js';
import { useAskQuestion, useCreatePoll } from '../../questions/hooks/useQuestions.js';

/** What the composer writes: a post, a question (answers can be upvoted and one marked best) or a poll. */
type Mode = 'post' | 'question' | 'poll';

const TARGET_KEY = 'tessuto.composer.target';

function lastTarget(): string {
  try {
    return localStorage.getItem(TARGET_KEY) ?? PROFILE_TARGET;
  } catch {
    return PROFILE_TARGET;
  }
}

export interface ComposerProps {
  /**
   * Where the post goes: a community's id, or null for the author's own profile. Leave it out to let the
   * author choose (the home page).
   */
  communityId?: string | null;
  /** The prompt in the empty box. */
  placeholder?: string;
  onPosted?: (post: PostView) => void;
}

/** Write a post: Markdown with a toolbar and preview, mentions, hashtags, attachments; the draft is kept in the browser. */
export function Composer({ communityId, placeholder, onPosted }: ComposerProps) {
  const choosable = communityId === undefined;
  const [chosen, setChosen] = useState<string>(() => (choosable ? lastTarget() : PROFILE_TARGET));
  const [switched, setSwitched] = useState(false);
  const targets = usePostTargets(choosable);
  // a remembered community one can no longer post in falls back to the profile
  const stale =
    chosen !== PROFILE_TARGET && (targets.isError || (targets.data !== undefined && !targets.data.some((c) => c.id === chosen)));
  const target = choosable ? (stale ? PROFILE_TARGET : chosen) : (communityId ?? PROFILE_TARGET);
  const setTarget = (v: string) => {
    setChosen(v);
    setSwitched(true);
    try {
      localStorage.setItem(TARGET_KEY, v);
    } catch {
      // not remembered: the next visit starts on the profile
    }
  };
  // each place has its own draft and files: a new place is a fresh form
  return (
    <ComposerForm
      key={target}
      target={target}
      onTarget={choosable ? setTarget : undefined}
      startExpanded={switched}
      placeholder={placeholder}
      onPosted={onPosted}
    />
  );
}

function ComposerForm({
  target,
  onTarget,
  startExpanded,
  placeholder,
  onPosted,
}: {
  target: string;
  onTarget?: (v: string) => void;
  startExpanded: boolean;
  placeholder?: string;
  onPosted?: (post: PostView) => void;
}) {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const userId = me?.user.id ?? 'anon';
  const { draft, update, clear } = useDraft(`${userId}:post:${target}`);
  const uploads = useUploads(draft.attachments);
  const [expanded, setExpanded] = useState(() => startExpanded || draft.body.trim() !== '' || draft.attachments.length > 0);
  const editor = useRef<EditorHandle | null>(null);
  const createPost = useCreatePost(userId);
  const ask = useAskQuestion(userId);
  const createPoll = useCreatePoll(userId);
  const [mode, setMode] = useState<Mode>('post');
  const [poll, setPoll] = useState<PollDraft>(EMPTY_POLL);
  const [internalOnly, setInternalOnly] = useState(false);
  const create = mode === 'question' ? ask : mode === 'poll' ? createPoll : createPost;
  const [dragging, setDragging] = useState(false);

  // finished uploads are part of the draft, so they come back after a reload too
  const doneIds = uploads.attachments.map((a) => a.id).join();
  useEffect(() => {
    if (doneIds !== draft.attachments.map((a) => a.id).join()) {
      update({ attachments: uploads.attachments });
    }
    // only a change in the finished uploads matters here
  }, [doneIds]);
  const empty = draft.body.trim() === '' && (mode !== 'post' || uploads.attachments.length === 0);
  const options = pollOptions(poll);
  const closesAt = pollClosesAt(poll);
  const pollReady = mode !== 'poll' || (options !== null && closesAt !== undefined);
  const canPost = !empty && pollReady && !uploads.busy && !create.isPending;

  const submit = () => {
    if (!canPost) {
      return;
    }
    const communityId = target === PROFILE_TARGET ? null : target;
    const body = draft.body.trim();
    const done = {
      onSuccess: (post: PostView) => {
        clear();
        uploads.reset();
        setPoll(EMPTY_POLL);
        setInternalOnly(false);
        setMode('post');
        setExpanded(false);
        notifications.show({ message: t('feed.composer.posted'), color: 'teal' });
        onPosted?.(post);
      },
    };
    if (mode === 'question') {
      ask.mutate({ communityId, body }, done);
    } else if (mode === 'poll') {
      createPoll.mutate(
        { communityId, body, options: options ?? [], multiple: poll.multiple, anonymous: poll.anonymous, closesAt: closesAt ?? null },
        done,
      );
    } else {
      const extra = internalOnly ? { internalOnly: true } : {};
      createPost.mutate({ communityId, body, attachmentIds: uploads.attachments.map((a) => a.id), ...extra }, done);
    }
  };

  const takeFiles = (files: File[]) => {
    const room = SOCIAL_LIMITS.attachmentsPerPost - uploads.uploads.length;
    if (room <= 0) {
      notifications.show({ message: t('feed.attachments.tooMany', { count: SOCIAL_LIMITS.attachmentsPerPost }), color: 'red' });
      return;
    }
    uploads.add(files.slice(0, room));
    setExpanded(true);
  };

  const onPaste = (e: ClipboardEvent) => {
    const files = [...e.clipboardData.files];
    if (files.length > 0) {
      e.preventDefault();
      takeFiles(files);
    }
  };
  const onDrop = (e: DragEvent) => {
    setDragging(false);
    const files = [...e.dataTransfer.files];
    if (files.length > 0) {
      e.preventDefault();
      takeFiles(files);
    }
  };

  if (!me) {
    return null;
  }
  const prompt = placeholder ?? t('feed.composer.placeholder', { name: me.user.name.split(/\s+/)[0] });

  if (!expanded) {
    return (
      <Card padding="md" className="composer">
        <Group gap="sm" wrap="nowrap">
          <UserAvatar name={me.user.name} photoUrl={me.user.photoUrl} size={44} />
          <UnstyledButton
            className="composer-prompt"
            onClick={() => {
              setExpanded(true);
              requestAnimationFrame(() => editor.current?.focus());
            }}
          >
            {prompt}
          </UnstyledButton>
        </Group>
      </Card>
    );
  }

  const nearLimit = draft.body.length > SOCIAL_LIMITS.postBody * 0.8;
  return (
    <Card
      padding="md"
      className="composer"
      data-dragging={dragging || undefined}
      onPaste={onPaste}
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes('Files')) {
          e.preventDefault();
          setDragging(true);
        }
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
      component="section"
      aria-label={t('feed.composer.title')}
    >
      <Group gap="sm" wrap="nowrap" align="flex-start" mb="xs">
        <UserAvatar name={me.user.name} photoUrl={me.user.photoUrl} size={44} visibleFrom="xs" />
        <Box flex={1} miw={0}>
          {onTarget && (
            <Box mb="sm">
              <TargetSelect value={target} onChange={onTarget} />
            </Box>
          )}
          <SegmentedControl
            mb="sm"
            size="xs"
            value={mode}
            onChange={setMode}
            aria-label={t('questions.composer.mode')}
            data={[
              { value: 'post', label: t('questions.composer.post') },
              { value: 'question', label: t('questions.composer.question') },
              { value: 'poll', label: t('questions.composer.poll') },
            ]}
          />
          <MarkdownEditor
            handle={editor}
            value={draft.body}
            onChange={(body) => update({ body })}
            label={mode === 'post' ? t('feed.composer.label') : t(`questions.composer.${mode}Label`)}
            placeholder={mode === 'post' ? prompt : t(`questions.composer.${mode}Placeholder`)}
            minRows={3}
            maxLength={SOCIAL_LIMITS.postBody}
            onSubmit={submit}
            autoFocus
          />
          {mode === 'poll' && <PollFields value={poll} onChange={setPoll} />}
          {mode === 'post' && <UploadList uploads={uploads} />}
          {mode === 'post' && (
            <Checkbox
              mt="sm"
              size="sm"
              label={t('advocacyManage.feed.internalOnly')}
              checked={internalOnly}
              onChange={(e) => setInternalOnly(e.currentTarget.checked)}
            />
          )}
          {create.isError && (
            <Box mt="xs">
              <FormError error={create.error} />
            </Box>
          )}
          <Group justify="space-between" mt="sm" wrap="nowrap" gap="xs">
            <Group gap={4} wrap="nowrap">
              {mode === 'post' && (
                <AttachButton onFiles={takeFiles} disabled={uploads.uploads.length >= SOCIAL_LIMITS.attachmentsPerPost} />
              )}
              <Text size="xs" c="dimmed" visibleFrom="sm">
                {t('feed.composer.hint')}
              </Text>
            </Group>
            <Group gap="xs" wrap="nowrap">
              {nearLimit && (
                <Text size="xs" c={draft.body.length >= SOCIAL_LIMITS.postBody ? 'red.8' : 'dimmed'} aria-live="polite">
                  {t('feed.composer.left', { count: SOCIAL_LIMITS.postBody - draft.body.length })}
                </Text>
              )}
              {empty && (
                <Button variant="subtle" color="gray" onClick={() => setExpanded(false)}>
                  {t('common.cancel')}
                </Button>
              )}
              <Button onClick={submit} disabled={!canPost} loading={create.isPending} rightSection={<IconSend size={16} aria-hidden />}>
                {mode === 'post' ? t('feed.composer.post') : t(`questions.composer.${mode}Submit`)}
              </Button>
            </Group>
          </Group>
          {uploads.busy && (
            <Text size="xs" c="dimmed" mt={4} ta="right" aria-live="polite">
              {t('feed.composer.waitUploads')}
            </Text>
          )}
        </Box>
      </Group>
    </Card>
  );
}
