import { Alert, Button, Group, Select, Stack, Switch, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../../shared/limits.js';
import { Section } from '../../../components/Section.js';
import { ErrorState, FormError, Loading } from '../../../components/States.js';
import { LANGUAGES, isLanguage } from '../../../i18n/index.js';
import { ME_KEY, useMe } from '../../auth/hooks/useSession.js';
import { adminApi } from '../api.js';

export function OrgSettingsForm() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { data: me } = useMe();
  const org = useQuery({ queryKey: ['admin-org'], queryFn: adminApi.org });
  const form = useForm({
    initialValues: { name: '', defaultLocale: 'en', requireTotp: false },
    validate: { name: (v) => (v.trim() ? null : t('validation.required')) },
  });
  const loaded = org.data;
  useEffect(() => {
    if (loaded) {
      form.setValues({ name: loaded.name, defaultLocale: loaded.defaultLocale, requireTotp: loaded.requireTotp });
      form.resetDirty({ name: loaded.name, defaultLocale: loaded.defaultLocale, requireTotp: loaded.requireTotp });
    }
    // the form follows the server copy whenever it is reloaded
  }, [loaded]);
  const save = useMutation({
    mutationFn: (v: typeof form.values) =>
      adminApi.updateOrg({
        name: v.name.trim(),
        requireTotp: v.requireTotp,
        ...(isLanguage(v.defaultLocale) ? { defaultLocale: v.defaultLocale } : {}),
      }),
    onSuccess: async (o) => {
      qc.setQueryData(['admin-org'], o);
      notifications.show({ color: 'teal', message: t('admin.org.saved') });
      await qc.invalidateQueries({ queryKey: ME_KEY });
    },
  });

  if (org.isPending) {
    return <Loading />;
  }
  if (org.isError) {
    return <ErrorState error={org.error} onRetry={() => void org.refetch()} />;
  }
  const turningOnWithoutOwn = form.values.requireTotp && !org.data.requireTotp && me?.user.twoFactor !== true;

  return (
    <Section id="org-settings" title={t('admin.org.title')} description={t('admin.org.intro')}>
      <form onSubmit={form.onSubmit((v) => save.mutate(v))} noValidate>
        <Stack gap="lg" maw={520}>
          <TextInput label={t('setup.orgName')} required maxLength={LIMITS.orgName} {...form.getInputProps('name')} />
          <Select
            label={t('admin.org.defaultLanguage')}
            description={t('admin.org.defaultLanguageHint')}
            data={LANGUAGES.map((l) => ({ value: l.value, label: l.label }))}
            allowDeselect={false}
            {...form.getInputProps('defaultLocale')}
          />
          <Switch
            label={t('admin.org.requireTotp')}
            description={t('admin.org.requireTotpHint')}
            size="md"
            {...form.getInputProps('requireTotp', { type: 'checkbox' })}
          />
          {turningOnWithoutOwn && (
            <Alert color="orange" variant="light" role="status">
              {t('admin.org.requireTotpSelf')}
            </Alert>
          )}
          <FormError error={save.error} />
          <Group>
            <Button type="submit" loading={save.isPending} disabled={!form.isDirty()}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}
