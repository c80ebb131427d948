import {
  ActionIcon,
  Alert,
  Box,
  Button,
  CloseButton,
  FileButton,
  Group,
  Image,
  Modal,
  Radio,
  Stack,
  Text,
  TextInput,
  Textarea,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCalendarTime, IconEye, IconHeading, IconPhoto, IconSend, IconTrash } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { api } from '../../../api.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { ErrorState, FormError, Loading } from '../../../components/States.js';
import { COMMS_LIMITS } from '../../../../shared/comms.js';
import type { AttachmentView } from '../../feed/api.js';
import { MarkdownEditor, type EditorHandle } from '../../feed/components/MarkdownEditor.js';
import { PROFILE_TARGET, TargetSelect } from '../../feed/components/TargetSelect.js';
import type { ArticleView } from '../api.js';
import { useArticle, useDeleteArticle, usePublishArticle, useSaveArticle, useUnpublishArticle } from '../hooks/useArticles.js';
import { formatDateTime } from './ArticlesPage.js';

/** Uploads one picture through the attachments API; the article keeps its own copy when saved. */
async function uploadPicture(file: File): Promise<AttachmentView> {
  const form = new FormData();
  form.append('file', file);
  return api.post<AttachmentView>('/api/attachments', form);
}

interface Draft {
  title: string;
  summary: string;
  body: string;
  target: string;
  /** A new cover uploaded since the last save; null removes the cover. */
  cover: { attachmentId: string; url: string } | null | undefined;
}

const fromArticle = (a: ArticleView): Draft => ({
  title: a.title,
  summary: a.summary,
  body: a.body ?? '',
  target: a.community?.id ?? PROFILE_TARGET,
  cover: undefined,
});

/** Write or edit an article: title, cover, text with headings and images, schedule. */
export function ArticleEditorPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const existing = useArticle(id);
  if (id && existing.isPending) {
    return <Loading />;
  }
  if (id && (existing.isError || !existing.data)) {
    return <ErrorState error={existing.error} onRetry={() => void existing.refetch()} />;
  }
  return (
    <Stack gap="md" maw={760}>
      <PageHeader title={id ? t('articles.editHeading') : t('articles.newHeading')} />
      <Editor key={id ?? 'new'} article={existing.data} />
    </Stack>
  );
}

function Editor({ article }: { article: ArticleView | undefined }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [draft, setDraft] = useState<Draft>(() =>
    article ? fromArticle(article) : { title: '', summary: '', body: '', target: PROFILE_TARGET, cover: undefined },
  );
  const [savedId, setSavedId] = useState<string | undefined>(article?.id);
  const [titleError, setTitleError] = useState<string | null>(null);
  const [uploading, setUploading] = useState<'cover' | 'image' | null>(null);
  const [uploadError, setUploadError] = useState<unknown>(null);
  const [publishing, setPublishing] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const editor = useRef<EditorHandle | null>(null);
  const save = useSaveArticle();
  const unpublish = useUnpublishArticle();
  const remove = useDeleteArticle();
  const current = save.data ?? article;

  useEffect(() => {
    if (save.data) {
      setSavedId(save.data.id);
    }
  }, [save.data]);

  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));

  /** Saves and returns the saved article, or undefined when the form is not valid. */
  const persist = async (): Promise<ArticleView | undefined> => {
    if (!draft.title.trim()) {
      setTitleError(t('articles.form.titleRequired'));
      return undefined;
    }
    setTitleError(null);
    const saved = await save.mutateAsync({
      id: savedId,
      input: {
        title: draft.title,
        summary: draft.summary,
        body: draft.body,
        communityId: draft.target === PROFILE_TARGET ? null : draft.target,
        ...(draft.cover !== undefined ? { coverAttachmentId: draft.cover?.attachmentId ?? null } : {}),
      },
    });
    // The server points pictures at the article's own copies: keep editing its version of the text.
    setDraft((d) => ({ ...d, body: saved.body ?? d.body, cover: undefined }));
    return saved;
  };

  const onSave = () =>
    void persist().then(
      (a) => {
        if (a) {
          notifications.show({ message: t('articles.form.saved') });
          if (!savedId) {
            void navigate(`/articles/${a.id}/edit`, { replace: true });
          }
        }
      },
      () => undefined,
    );

  const onPreview = () =>
    void persist().then(
      (a) => a && void navigate(`/articles/${a.id}`),
      () => undefined,
    );

  const upload = async (file: File | null, kind: 'cover' | 'image') => {
    if (!file) {
      return;
    }
    setUploading(kind);
    setUploadError(null);
    try {
      const a = await uploadPicture(file);
      if (a.kind !== 'image') {
        setUploadError(new Error(t('articles.form.notAPicture')));
      } else if (kind === 'cover') {
        set({ cover: { attachmentId: a.id, url: a.url } });
      } else {
        const alt = file.name.replace(/\.[^.]+$/, '').replace(/[[\]]/g, '');
        editor.current?.insert(`\n![${alt}](${a.url})\n`);
      }
    } catch (err) {
      setUploadError(err);
    } finally {
      setUploading(null);
    }
  };

  const coverPreview = draft.cover === undefined ? (current?.coverUrl ?? null) : (draft.cover?.url ?? null);
  const published = current?.status === 'published';

  return (
    <Stack gap="md">
      {current && current.status !== 'draft' && (
        <Alert color={published ? 'green' : 'blue'} variant="light">
          {current.status === 'scheduled'
            ? t('articles.scheduledFor', { when: formatDateTime(current.publishAt, i18n.language) })
            : published
              ? t('articles.form.publishedNote')
              : t('articles.tabs.unpublished')}
        </Alert>
      )}
      <TextInput
        label={t('articles.form.title')}
        required
        value={draft.title}
        maxLength={COMMS_LIMITS.title}
        onChange={(e) => set({ title: e.currentTarget.value })}
        error={titleError}
        size="md"
      />
      <Textarea
        label={t('articles.form.summary')}
        description={t('articles.form.summaryHint')}
        value={draft.summary}
        maxLength={COMMS_LIMITS.articleSummary}
        autosize
        minRows={2}
        onChange={(e) => set({ summary: e.currentTarget.value })}
      />
      <Box>
        <Text size="sm" fw={500} mb={4}>
          {t('articles.form.cover')}
        </Text>
        {coverPreview ? (
          <Box pos="relative" maw={480}>
            <Image src={coverPreview} alt={t('articles.form.coverPreview')} radius="md" mah={240} fit="cover" />
            <CloseButton
              pos="absolute"
              top={8}
              right={8}
              variant="filled"
              aria-label={t('articles.form.removeCover')}
              onClick={() => set({ cover: null })}
            />
          </Box>
        ) : (
          <FileButton onChange={(f) => void upload(f, 'cover')} accept="image/png,image/jpeg,image/webp,image/gif">
            {(props) => (
              <Button {...props} variant="default" leftSection={<IconPhoto size={18} aria-hidden />} loading={uploading === 'cover'}>
                {t('articles.form.addCover')}
              </Button>
            )}
          </FileButton>
        )}
      </Box>
      <TargetSelect value={draft.target} onChange={(v) => set({ target: v })} label={t('articles.form.where')} />
      <MarkdownEditor
        label={t('articles.form.body')}
        value={draft.body}
        onChange={(v) => set({ body: v })}
        maxLength={COMMS_LIMITS.articleBody}
        minRows={14}
        handle={editor}
        extra={
          <Group gap={2}>
            <Tooltip label={t('articles.form.heading')} withArrow>
              <ActionIcon
                variant="subtle"
                color="gray"
                aria-label={t('articles.form.heading')}
                onClick={() => editor.current?.insert('\n## ')}
              >
                <IconHeading size={18} aria-hidden />
              </ActionIcon>
            </Tooltip>
            <FileButton onChange={(f) => void upload(f, 'image')} accept="image/png,image/jpeg,image/webp,image/gif">
              {(props) => (
                <Tooltip label={t('articles.form.image')} withArrow>
                  <ActionIcon
                    {...props}
                    variant="subtle"
                    color="gray"
                    aria-label={t('articles.form.image')}
                    loading={uploading === 'image'}
                  >
                    <IconPhoto size={18} aria-hidden />
                  </ActionIcon>
                </Tooltip>
              )}
            </FileButton>
          </Group>
        }
      />
      <FormError error={uploadError ?? save.error ?? unpublish.error ?? remove.error} />
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Group gap="sm">
          <Button variant="default" onClick={onSave} loading={save.isPending}>
            {published ? t('articles.form.saveChanges') : t('articles.form.saveDraft')}
          </Button>
          <Button variant="subtle" leftSection={<IconEye size={18} aria-hidden />} onClick={onPreview}>
            {t('articles.form.preview')}
          </Button>
        </Group>
        <Group gap="sm">
          {current && (
            <Button variant="subtle" color="red" leftSection={<IconTrash size={18} aria-hidden />} onClick={() => setConfirmDelete(true)}>
              {t('articles.form.delete')}
            </Button>
          )}
          {current && (current.status === 'published' || current.status === 'scheduled') && (
            <Button variant="light" loading={unpublish.isPending} onClick={() => unpublish.mutate(current.id)}>
              {current.status === 'scheduled' ? t('articles.form.cancelSchedule') : t('articles.form.unpublish')}
            </Button>
          )}
          {!published && (
            <Button leftSection={<IconSend size={18} aria-hidden />} onClick={() => setPublishing(true)}>
              {t('articles.form.publish')}
            </Button>
          )}
        </Group>
      </Group>
      {publishing && <PublishModal onClose={() => setPublishing(false)} persist={persist} />}
      <Modal opened={confirmDelete} onClose={() => setConfirmDelete(false)} title={t('articles.form.deleteTitle')} centered>
        <Text mb="md">{t('articles.form.deleteBody')}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setConfirmDelete(false)}>
            {t('articles.form.keep')}
          </Button>
          <Button
            color="red"
            loading={remove.isPending}
            onClick={() =>
              current &&
              remove.mutate(current.id, {
                onSuccess: () => {
                  notifications.show({ message: t('articles.form.deleted') });
                  void navigate('/articles');
                },
              })
            }
          >
            {t('articles.form.delete')}
          </Button>
        </Group>
      </Modal>
    </Stack>
  );
}

/** A `datetime-local` value (the reader's own time zone) as an instant. */
const toIso = (local: string) => (local ? new Date(local).toISOString() : null);

function PublishModal({ onClose, persist }: { onClose: () => void; persist: () => Promise<ArticleView | undefined> }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const publish = usePublishArticle();
  const [when, setWhen] = useState<'now' | 'later'>('now');
  const [publishAt, setPublishAt] = useState('');
  const [unpublishAt, setUnpublishAt] = useState('');
  const [error, setError] = useState<unknown>(null);

  const submit = async () => {
    setError(null);
    try {
      const saved = await persist();
      if (!saved) {
        onClose();
        return;
      }
      const done = await publish.mutateAsync({
        id: saved.id,
        publishAt: when === 'later' ? toIso(publishAt) : null,
        unpublishAt: toIso(unpublishAt),
      });
      notifications.show({ message: done.status === 'scheduled' ? t('articles.form.scheduledDone') : t('articles.form.publishedDone') });
      onClose();
      void navigate(done.status === 'published' ? `/articles/${done.id}` : '/articles');
    } catch (err) {
      setError(err);
    }
  };

  return (
    <Modal opened onClose={onClose} title={t('articles.form.publishTitle')} centered>
      <Stack gap="md">
        <Radio.Group value={when} onChange={(v) => setWhen(v === 'later' ? 'later' : 'now')} label={t('articles.form.when')}>
          <Stack gap="xs" mt="xs">
            <Radio value="now" label={t('articles.form.now')} />
            <Radio value="later" label={t('articles.form.later')} />
          </Stack>
        </Radio.Group>
        {when === 'later' && (
          <TextInput
            type="datetime-local"
            label={t('articles.form.publishAt')}
            required
            value={publishAt}
            onChange={(e) => setPublishAt(e.currentTarget.value)}
            leftSection={<IconCalendarTime size={16} aria-hidden />}
          />
        )}
        <TextInput
          type="datetime-local"
          label={t('articles.form.unpublishAt')}
          description={t('articles.form.unpublishHint')}
          value={unpublishAt}
          onChange={(e) => setUnpublishAt(e.currentTarget.value)}
        />
        <FormError error={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('articles.form.back')}
          </Button>
          <Button onClick={() => void submit()} loading={publish.isPending} disabled={when === 'later' && !publishAt}>
            {when === 'later' ? t('articles.form.schedule') : t('articles.form.publishNow')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
