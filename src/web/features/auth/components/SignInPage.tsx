import { Anchor, Button, Group, PinInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { PasswordInput } from '../../../components/PasswordInput.js';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../../api.js';
import { useDocumentTitle } from '../../../components/PageHeader.js';
import { FormError } from '../../../components/States.js';
import { authApi } from '../api.js';
import { useSessionStarted } from '../hooks/useSession.js';

/** Only same-site paths are followed after sign-in. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function SignInPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('signIn.title'));
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const started = useSessionStarted();
  const [needsCode, setNeedsCode] = useState(false);
  const [code, setCode] = useState('');
  const form = useForm({
    initialValues: { email: '', password: '' },
    validate: {
      email: (v) => (v.trim() ? null : t('validation.required')),
      password: (v) => (v ? null : t('validation.required')),
    },
  });
  const signIn = useMutation({
    mutationFn: (totp?: string) => authApi.signIn({ email: form.values.email.trim(), password: form.values.password, totp }),
    onSuccess: async (s) => {
      await started(s);
      await navigate(safeNext(params.get('next')), { replace: true });
    },
    onError: (err) => {
      if (err instanceof ApiError && err.code === 'TOTP_REQUIRED') {
        setNeedsCode(true);
      }
      if (err instanceof ApiError && err.code === 'TOTP_INVALID') {
        setCode('');
      }
    },
  });
  const shownError = signIn.error instanceof ApiError && signIn.error.code === 'TOTP_REQUIRED' ? null : signIn.error;

  if (needsCode) {
    return (
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (code.length === 6) {
            signIn.mutate(code);
          }
        }}
      >
        <Stack gap="md">
          <div>
            <Title order={1} fz={26}>
              {t('signIn.codeTitle')}
            </Title>
            <Text c="dimmed" mt={4}>
              {t('signIn.codeIntro')}
            </Text>
          </div>
          <div>
            <Text component="label" htmlFor="totp-code" fw={500} size="sm" display="block" mb={6}>
              {t('signIn.code')}
            </Text>
            <PinInput
              id="totp-code"
              length={6}
              type="number"
              oneTimeCode
              autoFocus
              size="lg"
              value={code}
              onChange={setCode}
              onComplete={(v) => signIn.mutate(v)}
              aria-label={t('signIn.code')}
              getInputProps={(index) => ({ 'aria-label': t('signIn.codeDigit', { n: index + 1 }) })}
            />
          </div>
          <FormError error={shownError} />
          <Button type="submit" size="md" loading={signIn.isPending} disabled={code.length !== 6}>
            {t('signIn.verify')}
          </Button>
          <Anchor
            component="button"
            type="button"
            size="sm"
            onClick={() => {
              setNeedsCode(false);
              setCode('');
              signIn.reset();
            }}
          >
            {t('signIn.back')}
          </Anchor>
        </Stack>
      </form>
    );
  }

  return (
    <form onSubmit={form.onSubmit(() => signIn.mutate(undefined))} noValidate>
      <Stack gap="md">
        <div>
          <Title order={1} fz={26}>
            {t('signIn.title')}
          </Title>
          <Text c="dimmed" mt={4}>
            {t('signIn.intro')}
          </Text>
        </div>
        <TextInput label={t('auth.email')} type="email" autoComplete="username" required autoFocus {...form.getInputProps('email')} />
        <PasswordInput label={t('auth.password')} autoComplete="current-password" required {...form.getInputProps('password')} />
        <Group justify="flex-end" mt={-8}>
          <Anchor component={Link} to="/forgot-password" size="sm">
            {t('signIn.forgot')}
          </Anchor>
        </Group>
        <FormError error={shownError} />
        <Button type="submit" size="md" loading={signIn.isPending}>
          {t('signIn.submit')}
        </Button>
      </Stack>
    </form>
  );
}
