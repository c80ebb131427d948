import { Alert, Box, Button, Checkbox, FileButton, Group, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle, IconArchive, IconArchiveOff, IconPhoto, IconTrash, IconUpload } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { SOCIAL_LIMITS, type Visibility } from '../../../../shared/social.js';
import { ConfirmButton } from '../../../components/ConfirmButton.js';
import { Section } from '../../../components/Section.js';
import { useAbility } from '../../auth/hooks/useSession.js';
import type { Community, CommunityPatch } from '../api.js';
import { useScopedErrorText } from '../errors.js';
import { useCover, useUpdateCommunity } from '../hooks/useCommunities.js';
import { CoverArt } from './CommunityVisuals.js';
import { VisibilityPicker } from './VisibilityPicker.js';
import { toast } from '../toast.js';

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const COVER_MAX = 10_000_000;

/** A manager's settings: what the community is called and for, who can see it, its cover, and archiving. */
export function CommunitySettings({ community: c }: { community: Community }) {
  return (
    <Stack gap="lg" maw={760}>
      <DetailsSection community={c} />
      <CoverSection community={c} />
      {!c.isAllCompany && <ArchiveSection community={c} />}
    </Stack>
  );
}

interface Values {
  name: string;
  slug: string;
  description: string;
  rules: string;
  visibility: Visibility;
  official: boolean;
}

const valuesOf = (c: Community): Values => ({
  name: c.name,
  slug: c.slug,
  description: c.description,
  rules: c.rules,
  visibility: c.visibility,
  official: c.official,
});

function DetailsSection({ community: c }: { community: Community }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const isAdmin = useAbility('communities.admin');
  const errorText = useScopedErrorText('communities');
  const update = useUpdateCommunity(c.id);
  const form = useForm<Values>({
    initialValues: valuesOf(c),
    validate: {
      name: (v) => (v.trim() ? null : t('communities.form.nameRequired')),
      slug: (v) => (SLUG.test(v) && v.length >= 2 ? null : t('communities.form.slugInvalid')),
    },
  });

  const save = form.onSubmit((v) => {
    const patch: CommunityPatch = {};
    const start = valuesOf(c);
    if (v.name.trim() !== start.name) {
      patch.name = v.name.trim();
    }
    if (v.slug !== start.slug) {
      patch.slug = v.slug;
    }
    if (v.description !== start.description) {
      patch.description = v.description;
    }
    if (v.rules !== start.rules) {
      patch.rules = v.rules;
    }
    if (v.visibility !== start.visibility) {
      patch.visibility = v.visibility;
    }
    if (isAdmin && v.official !== start.official) {
      patch.official = v.official;
    }
    if (Object.keys(patch).length === 0) {
      toast(t('communities.settings.nothingChanged'));
      return;
    }
    update.mutate(patch, {
      onSuccess: (fresh) => {
        form.setInitialValues(valuesOf(fresh));
        form.setValues(valuesOf(fresh));
        toast(t('communities.settings.saved'), { color: 'teal' });
        if (fresh.slug !== c.slug) {
          void navigate(`/communities/${fresh.slug}/settings`, { replace: true });
        }
      },
    });
  });

  return (
    <Section id="community-details" title={t('communities.settings.details')} description={t('communities.settings.detailsHelp')}>
      <form onSubmit={save} noValidate>
        <Stack gap="md">
          <TextInput label={t('communities.form.name')} maxLength={SOCIAL_LIMITS.communityName} required {...form.getInputProps('name')} />
          <TextInput
            label={t('communities.form.slug')}
            description={t('communities.form.slugHelp', { url: `${window.location.origin}/communities/${form.values.slug}` })}
            maxLength={SOCIAL_LIMITS.communitySlug}
            required
            {...form.getInputProps('slug')}
            onChange={(e) => form.setFieldValue('slug', e.currentTarget.value.toLowerCase().replace(/[^a-z0-9-]/g, '-'))}
          />
          <Textarea
            label={t('communities.form.description')}
            description={t('communities.form.descriptionHelp')}
            autosize
            minRows={2}
            maxRows={8}
            maxLength={SOCIAL_LIMITS.communityDescription}
            {...form.getInputProps('description')}
          />
          <Textarea
            label={t('communities.form.rules')}
            description={t('communities.form.rulesHelp')}
            autosize
            minRows={3}
            maxRows={12}
            maxLength={SOCIAL_LIMITS.communityRules}
            {...form.getInputProps('rules')}
          />
          <VisibilityPicker
            value={form.values.visibility}
            onChange={(v) => form.setFieldValue('visibility', v)}
            disabled={c.isAllCompany}
            description={c.isAllCompany ? t('communities.settings.allCompanyFixed') : undefined}
          />
          {isAdmin && (
            <Checkbox
              label={t('communities.form.official')}
              description={t('communities.form.officialHelp')}
              {...form.getInputProps('official', { type: 'checkbox' })}
            />
          )}
          {update.isError && (
            <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} role="alert">
              {errorText(update.error)}
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={update.isPending}>
              {t('common.save')}
            </Button>
            {form.isDirty() && (
              <Button variant="subtle" color="gray" onClick={() => form.reset()}>
                {t('communities.settings.undo')}
              </Button>
            )}
          </Group>
        </Stack>
      </form>
    </Section>
  );
}

function CoverSection({ community: c }: { community: Community }) {
  const { t } = useTranslation();
  const errorText = useScopedErrorText('communities');
  const cover = useCover(c.id);
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [tooBig, setTooBig] = useState(false);

  useEffect(() => {
    if (!file) {
      setPreview(null);
      return;
    }
    const url = URL.createObjectURL(file);
    setPreview(url);
    return () => URL.revokeObjectURL(url);
  }, [file]);

  const pick = (f: File | null) => {
    cover.reset();
    setTooBig(Boolean(f && f.size > COVER_MAX));
    setFile(f && f.size <= COVER_MAX ? f : null);
  };

  const upload = () =>
    file &&
    cover.mutate(file, {
      onSuccess: () => {
        setFile(null);
        toast(t('communities.settings.coverSaved'), { color: 'teal' });
      },
    });

  return (
    <Section id="community-cover" title={t('communities.settings.cover')} description={t('communities.settings.coverHelp')}>
      <Stack gap="md">
        <Box style={{ borderRadius: 'var(--mantine-radius-md)', overflow: 'hidden' }} pos="relative">
          {preview ? (
            <img src={preview} alt={t('communities.settings.coverPreview')} className="cover-preview" />
          ) : (
            <CoverArt community={c} height={150} />
          )}
        </Box>
        {tooBig && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} role="alert">
            {t('communities.settings.coverTooBig')}
          </Alert>
        )}
        {cover.isError && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} role="alert">
            {errorText(cover.error)}
          </Alert>
        )}
        <Group gap="sm">
          <FileButton onChange={pick} accept="image/png,image/jpeg,image/webp,image/gif,image/avif">
            {(props) => (
              <Button {...props} variant="default" leftSection={<IconPhoto size={16} aria-hidden />}>
                {c.coverUrl || file ? t('communities.settings.coverChoose') : t('communities.settings.coverAdd')}
              </Button>
            )}
          </FileButton>
          {file && (
            <>
              <Button leftSection={<IconUpload size={16} aria-hidden />} onClick={upload} loading={cover.isPending}>
                {t('communities.settings.coverUpload')}
              </Button>
              <Button variant="subtle" color="gray" onClick={() => pick(null)}>
                {t('common.cancel')}
              </Button>
            </>
          )}
          {!file && c.coverUrl && (
            <Button
              variant="subtle"
              color="red"
              leftSection={<IconTrash size={16} aria-hidden />}
              loading={cover.isPending}
              onClick={() => cover.mutate(null, { onSuccess: () => toast(t('communities.settings.coverRemoved')) })}
            >
              {t('communities.settings.coverRemove')}
            </Button>
          )}
        </Group>
        {file && (
          <Text size="sm" c="dimmed">
            {t('communities.settings.coverPending', { name: file.name })}
          </Text>
        )}
      </Stack>
    </Section>
  );
}

function ArchiveSection({ community: c }: { community: Community }) {
  const { t } = useTranslation();
  const errorText = useScopedErrorText('communities');
  const update = useUpdateCommunity(c.id);
  const archived = c.archivedAt !== null;
  const toggle = () =>
    update.mutate(
      { archived: !archived },
      {
        onSuccess: () => toast(archived ? t('communities.settings.unarchived') : t('communities.settings.archived')),
        onError: (err) => toast(errorText(err), { color: 'red' }),
      },
    );
  return (
    <Section
      id="community-archive"
      title={t('communities.settings.archive')}
      description={t(archived ? 'communities.settings.unarchiveHelp' : 'communities.settings.archiveHelp')}
    >
      {archived ? (
        <Button variant="default" leftSection={<IconArchiveOff size={16} aria-hidden />} onClick={toggle} loading={update.isPending}>
          {t('communities.settings.unarchiveAction')}
        </Button>
      ) : (
        <ConfirmButton
          variant="outline"
          color="red"
          leftSection={<IconArchive size={16} aria-hidden />}
          title={t('communities.settings.archiveConfirmTitle', { name: c.name })}
          message={t('communities.settings.archiveConfirm')}
          confirmLabel={t('communities.settings.archiveAction')}
          loading={update.isPending}
          onConfirm={toggle}
        >
          {t('communities.settings.archiveAction')}
        </ConfirmButton>
      )}
    </Section>
  );
}
