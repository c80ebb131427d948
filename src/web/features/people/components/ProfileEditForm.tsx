import { Button, Card, FileButton, Grid, Group, Image, Select, Stack, TagsInput, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconPhotoUp, IconTrash } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../../shared/limits.js';
import { ApiError } from '../../../api.js';
import { FormError } from '../../../components/States.js';
import { UserAvatar } from '../../../components/UserAvatar.js';
import { useErrorText } from '../../../components/errors.js';
import i18n, { LANGUAGES, isLanguage } from '../../../i18n/index.js';
import { useMe } from '../../auth/hooks/useSession.js';
import type { Person, ProfilePatch } from '../api.js';
import { useUpdateProfile, useUploadPhoto } from '../hooks/usePeople.js';

const MAX_PHOTO_BYTES = 10_000_000;

export function timezones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['UTC', 'Europe/Rome', 'Europe/London', 'America/New_York'];
  }
}

const orNull = (s: string) => (s.trim() === '' ? null : s.trim());

export function ProfileEditForm({ person: p, onDone }: { person: Person; onDone: () => void }) {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const isMe = me?.user.id === p.id;
  const update = useUpdateProfile(p.id);
  const zones = useMemo(timezones, []);
  const form = useForm<{
    name: string;
    title: string;
    pronouns: string;
    bio: string;
    skills: string[];
    interests: string[];
    languages: string[];
    phone: string;
    timezone: string | null;
    startDate: string;
    locale: string | null;
  }>({
    initialValues: {
      name: p.name,
      title: p.title ?? '',
      pronouns: p.pronouns ?? '',
      bio: p.bio ?? '',
      skills: p.skills,
      interests: p.interests,
      languages: p.languages,
      phone: p.phone ?? '',
      timezone: p.timezone,
      startDate: p.startDate?.slice(0, 10) ?? '',
      locale: p.locale,
    },
    validate: { name: (v) => (v.trim() ? null : t('validation.required')) },
  });

  const save = (v: typeof form.values) => {
    const patch: ProfilePatch = {
      name: v.name.trim(),
      title: orNull(v.title),
      pronouns: orNull(v.pronouns),
      bio: orNull(v.bio),
      skills: v.skills,
      interests: v.interests,
      languages: v.languages,
      phone: orNull(v.phone),
      timezone: v.timezone || null,
      startDate: orNull(v.startDate),
      locale: isLanguage(v.locale) ? v.locale : null,
    };
    update.mutate(patch, {
      onSuccess: (saved) => {
        notifications.show({ color: 'teal', message: t('profile.saved') });
        if (isMe && isLanguage(saved.locale) && saved.locale !== i18n.resolvedLanguage) {
          void i18n.changeLanguage(saved.locale);
        }
        onDone();
      },
    });
  };
  const fieldError = (field: string) =>
    update.error instanceof ApiError &&
    update.error.code === 'VALIDATION_FAILED' &&
    update.error.fieldErrors.some((f) => f.field?.endsWith(field))
      ? t('validation.invalid')
      : undefined;

  const listProps = (label: string, description: string) => ({
    label,
    description,
    maxTags: LIMITS.listItems,
    clearable: true,
    splitChars: [','],
    acceptValueOnBlur: true,
  });

  return (
    <Stack gap="lg">
      <Title order={1} fz={{ base: 24, sm: 28 }}>
        {isMe ? t('profile.editMine') : t('profile.editOf', { name: p.name })}
      </Title>
      <PhotoCard person={p} />
      <Card padding="lg" component="form" onSubmit={form.onSubmit(save)} noValidate>
        <Stack gap="md">
          <Title order={2} fz={18}>
            {t('profile.details')}
          </Title>
          <Grid gap="md">
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TextInput label={t('profile.name')} required maxLength={LIMITS.name} {...form.getInputProps('name')} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TextInput label={t('profile.jobTitle')} maxLength={LIMITS.title} {...form.getInputProps('title')} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TextInput
                label={t('profile.pronouns')}
                description={t('profile.pronounsHint')}
                maxLength={LIMITS.pronouns}
                {...form.getInputProps('pronouns')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TextInput
                label={t('profile.phone')}
                type="tel"
                maxLength={LIMITS.phone}
                {...form.getInputProps('phone')}
                error={fieldError('phone')}
              />
            </Grid.Col>
          </Grid>
          <Textarea
            label={t('profile.bio')}
            description={t('profile.bioHint')}
            autosize
            minRows={3}
            maxRows={10}
            maxLength={LIMITS.bio}
            {...form.getInputProps('bio')}
          />
          <TagsInput
            {...listProps(t('profile.skills'), t('profile.tagsHint'))}
            {...form.getInputProps('skills')}
            maxLength={LIMITS.listItem}
          />
          <TagsInput
            {...listProps(t('profile.interests'), t('profile.tagsHint'))}
            {...form.getInputProps('interests')}
            maxLength={LIMITS.listItem}
          />
          <TagsInput
            {...listProps(t('profile.languages'), t('profile.languagesHint'))}
            {...form.getInputProps('languages')}
            maxLength={LIMITS.listItem}
          />
          <Grid gap="md">
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <Select
                label={t('profile.timezone')}
                data={zones}
                searchable
                clearable
                limit={50}
                {...form.getInputProps('timezone')}
                error={fieldError('timezone')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <TextInput label={t('profile.startDate')} type="date" {...form.getInputProps('startDate')} error={fieldError('startDate')} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <Select
                label={t('language.label')}
                placeholder={t('profile.localeDefault')}
                data={LANGUAGES.map((l) => ({ value: l.value, label: l.label }))}
                clearable
                {...form.getInputProps('locale')}
              />
            </Grid.Col>
          </Grid>
          <FormError error={update.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onDone}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={update.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </Card>
    </Stack>
  );
}

function PhotoCard({ person: p }: { person: Person }) {
  const { t } = useTranslation();
  const upload = useUploadPhoto(p.id);
  const errorText = useErrorText();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);

  useEffect(() => {
    if (!file) {
      setPreview(null);
      return;
    }
    const url = URL.createObjectURL(file);
    setPreview(url);
    return () => URL.revokeObjectURL(url);
  }, [file]);

  const choose = (f: File | null) => {
    upload.reset();
    setLocalError(null);
    if (f && f.size > MAX_PHOTO_BYTES) {
      setLocalError(t('errors.FILE_TOO_LARGE'));
      setFile(null);
      return;
    }
    setFile(f);
  };

  return (
    <Card padding="lg">
      <Title order={2} fz={18} mb="md">
        {t('profile.photo')}
      </Title>
      <Group gap="lg" align="center" wrap="wrap">
        {preview ? (
          <Image src={preview} alt={t('profile.photoPreview')} w={112} h={112} radius={999} className="photo-preview" />
        ) : (
          <UserAvatar name={p.name} photoUrl={p.photoUrl} size={112} />
        )}
        <Stack gap="xs" flex={1} miw={200}>
          <Text size="sm" c="dimmed">
            {t('profile.photoHint')}
          </Text>
          <Group gap="sm">
            <FileButton onChange={choose} accept="image/png,image/jpeg,image/webp,image/gif">
              {(props) => (
                <Button {...props} variant="default" leftSection={<IconPhotoUp size={18} aria-hidden />}>
                  {p.photoUrl ? t('profile.photoChange') : t('profile.photoChoose')}
                </Button>
              )}
            </FileButton>
            {file && (
              <>
                <Button
                  loading={upload.isPending}
                  onClick={() =>
                    upload.mutate(file, {
                      onSuccess: () => {
                        setFile(null);
                        notifications.show({ color: 'teal', message: t('profile.photoSaved') });
                      },
                    })
                  }
                >
                  {t('profile.photoSave')}
                </Button>
                <Button variant="subtle" color="gray" leftSection={<IconTrash size={16} aria-hidden />} onClick={() => choose(null)}>
                  {t('common.cancel')}
                </Button>
              </>
            )}
          </Group>
          {file && (
            <Text size="sm" aria-live="polite">
              {t('profile.photoChosen', { name: file.name })}
            </Text>
          )}
          {(localError ?? upload.error) && (
            <Text size="sm" c="red" role="alert">
              {localError ?? errorText(upload.error)}
            </Text>
          )}
        </Stack>
      </Group>
    </Card>
  );
}
