import { Alert, Anchor, Button, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { LIMITS } from '../../../../shared/limits.js';
import { ApiError } from '../../../api.js';
import { useDocumentTitle } from '../../../components/PageHeader.js';
import { ErrorState, FormError, Loading } from '../../../components/States.js';
import { isPasswordError, useErrorText } from '../../../components/errors.js';
import { currentLanguage, languageChosenExplicitly } from '../../../i18n/index.js';
import { authApi } from '../api.js';
import { useSessionStarted } from '../hooks/useSession.js';
import { NewPasswordField, validateNewPassword } from './PasswordField.js';

export function AcceptInvitePage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const navigate = useNavigate();
  const started = useSessionStarted();
  const errorText = useErrorText();
  const invitation = useQuery({ queryKey: ['invitation', token], queryFn: () => authApi.invitation(token), retry: false });
  useDocumentTitle(invitation.data ? t('invite.title', { org: invitation.data.orgName }) : t('invite.titlePlain'));
  const form = useForm({
    initialValues: { name: '', password: '' },
    validate: { name: (v) => (v.trim() ? null : t('validation.required')), password: validateNewPassword(t) },
  });
  const invitedName = invitation.data?.name;
  useEffect(() => {
    if (invitedName && !form.values.name) {
      form.setFieldValue('name', invitedName);
    }
    // prefill once, when the invitation arrives
  }, [invitedName]);

  const accept = useMutation({
    mutationFn: (v: typeof form.values) =>
      authApi.acceptInvitation({
        token,
        name: v.name.trim(),
        password: v.password,
        // an unchosen language stays unset, so the browser's language keeps deciding
        ...(languageChosenExplicitly() ? { locale: currentLanguage() } : {}),
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

  if (invitation.isPending) {
    return <Loading />;
  }
  if (invitation.isError) {
    const gone = invitation.error instanceof ApiError && (invitation.error.status === 410 || invitation.error.rejectedField('token'));
    return gone ? (
      <Stack gap="md">
        <Title order={1} fz={26}>
          {t('invite.invalidTitle')}
        </Title>
        <Text>{t('errors.INVITATION_INVALID')}</Text>
        <Anchor component={Link} to="/sign-in">
          {t('invite.signIn')}
        </Anchor>
      </Stack>
    ) : (
      <ErrorState error={invitation.error} onRetry={() => void invitation.refetch()} />
    );
  }
  const inv = invitation.data;
  return (
    <form onSubmit={form.onSubmit((v) => accept.mutate(v))} noValidate>
      <Stack gap="md">
        <div>
          <Title order={1} fz={26}>
            {t('invite.title', { org: inv.orgName })}
          </Title>
          <Text c="dimmed" mt={4}>
            {t('invite.intro', { org: inv.orgName })}
          </Text>
        </div>
        <TextInput label={t('auth.email')} value={inv.email} readOnly disabled description={t('invite.emailHint')} />
        <TextInput label={t('setup.yourName')} required maxLength={LIMITS.name} autoComplete="name" {...form.getInputProps('name')} />
        <NewPasswordField {...form.getInputProps('password')} />
        {accept.error instanceof ApiError && accept.error.code === 'INVITATION_INVALID' ? (
          <Alert color="orange" role="alert">
            {t('errors.INVITATION_INVALID')}
          </Alert>
        ) : (
          !isPasswordError(accept.error) && <FormError error={accept.error} />
        )}
        <Button type="submit" size="md" loading={accept.isPending}>
          {t('invite.submit')}
        </Button>
      </Stack>
    </form>
  );
}
