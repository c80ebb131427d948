import { Alert, Anchor, Button, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconMailCheck } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDocumentTitle } from '../../../components/PageHeader.js';
import { FormError } from '../../../components/States.js';
import { currentLanguage } from '../../../i18n/index.js';
import { authApi } from '../api.js';

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('forgot.title'));
  const form = useForm({
    initialValues: { email: '' },
    validate: { email: (v) => (/^\S+@\S+\.\S+$/.test(v.trim()) ? null : t('validation.email')) },
  });
  const send = useMutation({ mutationFn: (email: string) => authApi.requestReset({ email, locale: currentLanguage() }) });

  return (
    <Stack gap="md">
      <div>
        <Title order={1} fz={26}>
          {t('forgot.title')}
        </Title>
        <Text c="dimmed" mt={4}>
          {t('forgot.intro')}
        </Text>
      </div>
      {send.isSuccess ? (
        <Alert color="brand" variant="light" icon={<IconMailCheck aria-hidden />} title={t('forgot.sentTitle')} role="status">
          {t('forgot.sent', { email: form.values.email.trim() })}
        </Alert>
      ) : (
        <form onSubmit={form.onSubmit((v) => send.mutate(v.email.trim()))} noValidate>
          <Stack gap="md">
            <TextInput label={t('auth.email')} type="email" autoComplete="email" required autoFocus {...form.getInputProps('email')} />
            <FormError error={send.error} />
            <Button type="submit" size="md" loading={send.isPending}>
              {t('forgot.submit')}
            </Button>
          </Stack>
        </form>
      )}
      <Anchor component={Link} to="/sign-in" size="sm">
        {t('forgot.back')}
      </Anchor>
    </Stack>
  );
}
