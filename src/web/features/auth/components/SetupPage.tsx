import { Button, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { LIMITS } from '../../../../shared/limits.js';
import { useDocumentTitle } from '../../../components/PageHeader.js';
import { FormError } from '../../../components/States.js';
import { isPasswordError, useErrorText } from '../../../components/errors.js';
import i18n, { LANGUAGES, currentLanguage, isLanguage } from '../../../i18n/index.js';
import { authApi } from '../api.js';
import { useSessionStarted } from '../hooks/useSession.js';
import { NewPasswordField, validateNewPassword } from './PasswordField.js';

export function SetupPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('setup.title'));
  const navigate = useNavigate();
  const started = useSessionStarted();
  const errorText = useErrorText();
  const form = useForm<{ orgName: string; name: string; email: string; password: string; locale: string }>({
    initialValues: { orgName: '', name: '', email: '', password: '', locale: currentLanguage() },
    validate: {
      orgName: (v) => (v.trim() ? null : t('validation.required')),
      name: (v) => (v.trim() ? null : t('validation.required')),
      email: (v) => (/^\S+@\S+\.\S+$/.test(v.trim()) ? null : t('validation.email')),
      password: validateNewPassword(t),
    },
  });
  const setup = useMutation({
    mutationFn: (v: typeof form.values) =>
      authApi.setup({
        orgName: v.orgName.trim(),
        name: v.name.trim(),
        email: v.email.trim(),
        password: v.password,
        locale: isLanguage(v.locale) ? v.locale : 'en',
      }),
    onSuccess: async (s) => {
      await started(s);
      await navigate('/', { replace: true });
    },
    onError: (err) => {
      if (isPasswordError(err)) {
        form.setFieldError('password', errorText(err));
      }
    },
  });

  return (
    <form onSubmit={form.onSubmit((v) => setup.mutate(v))} noValidate>
      <Stack gap="md">
        <div>
          <Title order={1} fz={26}>
            {t('setup.title')}
          </Title>
          <Text c="dimmed" mt={4}>
            {t('setup.intro')}
          </Text>
        </div>
        <TextInput
          label={t('setup.orgName')}
          required
          maxLength={LIMITS.orgName}
          autoComplete="organization"
          {...form.getInputProps('orgName')}
        />
        <TextInput label={t('setup.yourName')} required maxLength={LIMITS.name} autoComplete="name" {...form.getInputProps('name')} />
        <TextInput
          label={t('auth.email')}
          type="email"
          required
          maxLength={LIMITS.email}
          autoComplete="email"
          {...form.getInputProps('email')}
        />
        <NewPasswordField {...form.getInputProps('password')} />
        <Select
          label={t('language.label')}
          description={t('setup.languageHint')}
          data={LANGUAGES.map((l) => ({ value: l.value, label: l.label }))}
          allowDeselect={false}
          {...form.getInputProps('locale')}
          onChange={(v: string | null) => {
            form.setFieldValue('locale', v ?? 'en');
            if (isLanguage(v)) {
              void i18n.changeLanguage(v);
            }
          }}
        />
        {!isPasswordError(setup.error) && <FormError error={setup.error} />}
        <Button type="submit" size="md" loading={setup.isPending}>
          {t('setup.submit')}
        </Button>
      </Stack>
    </form>
  );
}
