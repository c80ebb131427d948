import { Alert, Anchor, Button, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../../api.js';
import { useDocumentTitle } from '../../../components/PageHeader.js';
import { FormError } from '../../../components/States.js';
import { isPasswordError, useErrorText } from '../../../components/errors.js';
import { authApi } from '../api.js';
import { useSessionStarted } from '../hooks/useSession.js';
import { NewPasswordField, validateNewPassword } from './PasswordField.js';

export function ResetPasswordPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('reset.title'));
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const navigate = useNavigate();
  const started = useSessionStarted();
  const errorText = useErrorText();
  const form = useForm({ initialValues: { password: '' }, validate: { password: validateNewPassword(t) } });
  const reset = useMutation({
    mutationFn: (password: string) => authApi.confirmReset({ token, password }),
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
  const invalid =
    !token || (reset.error instanceof ApiError && (reset.error.code === 'RESET_LINK_INVALID' || reset.error.rejectedField('token')));

  return (
    <Stack gap="md">
      <div>
        <Title order={1} fz={26}>
          {t('reset.title')}
        </Title>
        <Text c="dimmed" mt={4}>
          {t('reset.intro')}
        </Text>
      </div>
      {invalid ? (
        <Alert color="orange" variant="light" title={t('reset.invalidTitle')} role="alert">
          <Stack gap="xs">
            <Text size="sm">{t('errors.RESET_LINK_INVALID')}</Text>
            <Anchor component={Link} to="/forgot-password" size="sm">
              {t('reset.again')}
            </Anchor>
          </Stack>
        </Alert>
      ) : (
        <form onSubmit={form.onSubmit((v) => reset.mutate(v.password))} noValidate>
          <Stack gap="md">
            <NewPasswordField label={t('reset.newPassword')} autoFocus {...form.getInputProps('password')} />
            {!isPasswordError(reset.error) && <FormError error={reset.error} />}
            <Button type="submit" size="md" loading={reset.isPending}>
              {t('reset.submit')}
            </Button>
          </Stack>
        </form>
      )}
    </Stack>
  );
}
