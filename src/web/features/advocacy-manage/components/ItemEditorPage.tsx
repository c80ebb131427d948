import { Alert, Box, Button, Card, Group, SegmentedControl, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ADVOCACY_LIMITS, type ShareItemDto, type ShareItemKind } from '../../../../shared/advocacy.js';
import { ApiError } from '../../../api.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { ErrorState, Loading } from '../../../components/States.js';
import { PostHtml } from '../../feed/components/PostHtml.js';
import { usePost } from '../../feed/hooks/usePosts.js';
import { useCampaignOptions, useManagedItem, useSaveItem } from '../hooks/useManage.js';
import {
  emptyItemForm,
  fieldOfError,
  type FormErrors,
  type ItemField,
  type ItemForm,
  itemFormOf,
  itemInputOf,
  itemPatchOf,
  postIdFromInput,
  validateItemForm,
} from '../logic.js';
import { ManagersOnly, StateBadge, toast, useManageErrorText } from './ManageBits.js';
import { SuggestionsField } from './SuggestionsField.js';

/** Make a post, an article or an outside link shareable, or change one that already is. */
export function ItemEditorPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const [params] = useSearchParams();
  const item = useManagedItem(id);
  return (
    <Box maw={760} mx="auto">
      <PageHeader title={id ? t('advocacyManage.item.editTitle') : t('advocacyManage.item.newTitle')} />
      <ManagersOnly>
        {id === undefined ? (
          <ItemFormCard
            initial={emptyItemForm({ postId: params.get('postId'), kind: params.get('kind'), campaignId: params.get('campaignId') })}
          />
        ) : item.isPending ? (
          <Loading />
        ) : item.isError ? (
          <ErrorState error={item.error} onRetry={() => void item.refetch()} />
        ) : (
          <ItemFormCard key={item.data.id} initial={itemFormOf(item.data)} item={item.data} />
        )}
      </ManagersOnly>
    </Box>
  );
}

function ItemFormCard({ initial, item }: { initial: ItemForm; item?: ShareItemDto }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const errorText = useManageErrorText();
  const [f, setF] = useState<ItemForm>(initial);
  const [errors, setErrors] = useState<FormErrors<ItemField>>({});
  const [serverError, setServerError] = useState<unknown>(null);
  const save = useSaveItem(item?.id);
  const campaigns = useCampaignOptions();
  const set = (patch: Partial<ItemForm>) => setF((prev) => ({ ...prev, ...patch }));
  const editing = item !== undefined;
  const lang = i18n.language.startsWith('it') ? 'it' : 'en';

  const campaignOptions = useMemo(() => {
    const list = (campaigns.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }));
    // an item in a past campaign keeps showing it
    if (item?.campaign && !list.some((c) => c.value === item.campaign?.id)) {
      list.push({ value: item.campaign.id, label: item.campaign.name });
    }
    return [{ value: '', label: t('advocacyManage.item.noCampaign') }, ...list];
  }, [campaigns.data, item, t]);

  let serverField = serverError instanceof ApiError ? fieldOfError(serverError.code) : null;
  // a bad address on a post or article can only be its image; a post cannot change once chosen
  if (serverField === 'url' && f.kind !== 'link') {
    serverField = 'imageUrl';
  }
  if (serverField === 'postId' && (editing || f.kind === 'link')) {
    serverField = null;
  }
  const messageFor = (field: ItemField): string | undefined => {
    if (serverField === field) {
      return errorText(serverError);
    }
    const key = errors[field];
    return key ? t(`advocacyManage.errors.${key}`, { max: ADVOCACY_LIMITS.title }) : undefined;
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found = validateItemForm(f, editing);
    setErrors(found);
    setServerError(null);
    if (Object.keys(found).length > 0) {
      return;
    }
    const done = () => {
      toast(editing ? t('advocacyManage.item.saved') : t('advocacyManage.item.created'));
      void navigate('/advocacy/manage');
    };
    save.mutate(editing ? { patch: itemPatchOf(f) } : { create: itemInputOf(f) }, { onSuccess: done, onError: setServerError });
  };

  const postId = postIdFromInput(f.postId);

  return (
    <form onSubmit={submit} noValidate>
      <Card padding="lg" withBorder>
        <Stack gap="md">
          {editing ? (
            <Group gap="xs">
              <StateBadge state={item.state} />
              <Text size="sm" c="dimmed">
                {t(`advocacyManage.kind.${item.kind}`)}
              </Text>
            </Group>
          ) : (
            <Stack gap={4}>
              <Text fw={600} size="sm" id="advocacy-kind-label">
                {t('advocacyManage.item.kind')}
              </Text>
              <SegmentedControl
                aria-labelledby="advocacy-kind-label"
                value={f.kind}
                onChange={(v) => set({ kind: v })}
                data={(['post', 'article', 'link'] as const).map((k) => ({ value: k, label: t(`advocacyManage.kind.${k}`) }))}
                fullWidth
              />
            </Stack>
          )}

          {f.kind !== 'link' && !editing && (
            <TextInput
              label={t('advocacyManage.item.post')}
              description={t('advocacyManage.item.postHint')}
              placeholder="https://…/posts/…"
              value={f.postId}
              onChange={(e) => set({ postId: e.currentTarget.value })}
              error={messageFor('postId')}
              required
            />
          )}
          {f.kind !== 'link' && postId && <PostPreview id={postId} kind={f.kind} onKind={(kind) => set({ kind })} />}

          {f.kind === 'link' && (
            <TextInput
              type="url"
              label={t('advocacyManage.item.url')}
              description={t('advocacyManage.item.urlHint')}
              placeholder="https://"
              value={f.url}
              onChange={(e) => set({ url: e.currentTarget.value })}
              maxLength={ADVOCACY_LIMITS.url}
              error={messageFor('url')}
              required
            />
          )}
          <TextInput
            label={t('advocacyManage.item.title')}
            description={f.kind === 'link' ? undefined : t('advocacyManage.item.titleHint')}
            value={f.title}
            onChange={(e) => set({ title: e.currentTarget.value })}
            maxLength={ADVOCACY_LIMITS.title}
            error={messageFor('title')}
            required={f.kind === 'link'}
          />
          <Textarea
            label={t('advocacyManage.item.summary')}
            value={f.summary}
            onChange={(e) => set({ summary: e.currentTarget.value })}
            autosize
            minRows={2}
            maxLength={ADVOCACY_LIMITS.summary}
            error={messageFor('summary')}
          />
          <TextInput
            type="url"
            label={t('advocacyManage.item.imageUrl')}
            description={t('advocacyManage.item.imageUrlHint')}
            placeholder="https://"
            value={f.imageUrl}
            onChange={(e) => set({ imageUrl: e.currentTarget.value })}
            maxLength={ADVOCACY_LIMITS.url}
            error={messageFor('imageUrl')}
          />

          <SuggestionsField
            value={f.suggestions}
            onChange={(suggestions) => set({ suggestions })}
            lang={lang}
            error={messageFor('suggestions')}
          />

          <Select
            label={t('advocacyManage.item.campaign')}
            data={campaignOptions}
            value={f.campaignId}
            onChange={(v) => set({ campaignId: v ?? '' })}
            error={messageFor('campaignId')}
            allowDeselect={false}
            searchable
            nothingFoundMessage={t('advocacyManage.nothingFound')}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              type="datetime-local"
              label={t('advocacyManage.item.startsAt')}
              value={f.startsAt}
              onChange={(e) => set({ startsAt: e.currentTarget.value })}
              error={messageFor('startsAt')}
              required
            />
            <TextInput
              type="datetime-local"
              label={t('advocacyManage.item.endsAt')}
              description={t('advocacyManage.item.endsAtHint')}
              value={f.endsAt}
              onChange={(e) => set({ endsAt: e.currentTarget.value })}
              error={messageFor('endsAt')}
            />
          </SimpleGrid>

          {serverError !== null && serverField === null && (
            <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} role="alert">
              {errorText(serverError)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button component={Link} to="/advocacy/manage" variant="default">
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {editing ? t('common.save') : t('advocacyManage.item.create')}
            </Button>
          </Group>
        </Stack>
      </Card>
    </form>
  );
}

/** The post being shared, read-only, so that staff see what leaves the company. */
function PostPreview({ id, kind, onKind }: { id: string; kind: ShareItemKind; onKind: (kind: 'post' | 'article') => void }) {
  const { t } = useTranslation();
  const post = usePost(id);
  const postKind = post.data?.kind;
  // an article's post is shared as an article (and a plain post as a post): follow what was pasted
  useEffect(() => {
    if (postKind === 'article' && kind === 'post') {
      onKind('article');
    } else if (postKind === 'post' && kind === 'article') {
      onKind('post');
    }
  }, [postKind, kind]);
  if (post.isPending) {
    return <Loading label={t('advocacyManage.item.loadingPost')} />;
  }
  if (post.isError) {
    return (
      <Text size="sm" c="red.8" role="alert">
        {t('advocacyManage.item.postMissing')}
      </Text>
    );
  }
  const p = post.data;
  return (
    <Card withBorder padding="sm" bg="var(--mantine-color-default-hover)" aria-label={t('advocacyManage.item.postPreview')}>
      <Stack gap={6}>
        <Text size="xs" c="dimmed">
          {p.community ? t('advocacyManage.item.postByIn', { name: p.author.name, community: p.community.name }) : p.author.name}
        </Text>
        {p.title && <Text fw={700}>{p.title}</Text>}
        <PostHtml html={p.html} clamp />
        {p.internalOnly && (
          <Text size="sm" c="red.8">
            {t('advocacyManage.errors.INTERNAL_ONLY')}
          </Text>
        )}
      </Stack>
    </Card>
  );
}
