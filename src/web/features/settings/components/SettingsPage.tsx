import { Badge, Button, Card, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { PasswordInput } from '../../../components/PasswordInput.js';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconChevronRight, IconDevicesOff, IconShieldCheck, IconShieldOff } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ConfirmButton } from '../../../components/ConfirmButton.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { Section } from '../../../components/Section.js';
import { FormError } from '../../../components/States.js';
import { UserAvatar } from '../../../components/UserAvatar.js';
import { isPasswordError, useErrorText } from '../../../components/errors.js';
import { LANGUAGES, isLanguage } from '../../../i18n/index.js';
import { authApi } from '../../auth/api.js';
import { NewPasswordField, validateNewPassword } from '../../auth/components/PasswordField.js';
import { currentLanguage, useChangeLanguage } from '../../auth/hooks/useLanguage.js';
import { ME_KEY, useMe } from '../../auth/hooks/useSession.js';
import { RecognitionPrefsSection } from '../../kudos/components/RecognitionPrefsSection.js';
import { NotificationSettings } from '../../notifications/components/NotificationSettings.js';
import { PushSettings } from '../../urgent/components/PushSettings.js';
import { settingsApi } from '../api.js';
import { TokensSection } from './TokensSection.js';
import { TotpEnrol } from './TotpEnrol.js';

export function SettingsPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const changeLanguage = useChangeLanguage();
  if (!me) {
    return null;
  }
  return (
    <Stack gap="lg" maw={760}>
      <PageHeader title={t('settings.title')} description={t('settings.intro')} />
      <Card padding="lg" component={Link} to={`/people/${me.user.id}?edit=1`} className="person-card">
        <Group wrap="nowrap">
          <UserAvatar name={me.user.name} photoUrl={me.user.photoUrl} size={52} />
          <div style={{ flex: 1, minWidth: 0 }}>
            <Text fw={700}>{t('settings.profile')}</Text>
            <Text size="sm" c="dimmed">
              {t('settings.profileBody')}
            </Text>
          </div>
          <IconChevronRight aria-hidden />
        </Group>
      </Card>

      <Section id="settings-language" title={t('language.label')} description={t('settings.languageBody')}>
        <SegmentedControl
          aria-label={t('language.label')}
          value={currentLanguage()}
          onChange={(v) => {
            if (isLanguage(v)) {
              void changeLanguage(v);
            }
          }}
          data={LANGUAGES.map((l) => ({ value: l.value, label: l.label }))}
        />
      </Section>

      <NotificationSettings />
      <PushSettings />
      {me.abilities['recognition.read'] && <RecognitionPrefsSection />}
      <PasswordSection />
      <TwoStepSection enabled={me.user.twoFactor === true} required={me.org.requireTotp} />
      <TokensSection />
      <SignOutEverywhere />
    </Stack>
  );
}

function PasswordSection() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const form = useForm({
    initialValues: { currentPassword: '', newPassword: '' },
    validate: { currentPassword: (v) => (v ? null : t('validation.required')), newPassword: validateNewPassword(t) },
  });
  const change = useMutation({
    mutationFn: settingsApi.changePassword,
    onSuccess: () => {
      form.reset();
      notifications.show({ color: 'teal', message: t('settings.passwordChanged') });
    },
    onError: (err) => {
      if (isPasswordError(err)) {
        form.setFieldError('newPassword', errorText(err));
      }
    },
  });
  return (
    <Section id="settings-password" title={t('settings.password')} description={t('settings.passwordBody')}>
      <form onSubmit={form.onSubmit((v) => change.mutate(v))} noValidate>
        <Stack gap="md" maw={420}>
          <PasswordInput
            label={t('settings.currentPassword')}
            autoComplete="current-password"
            required
            {...form.getInputProps('currentPassword')}
          />
          <NewPasswordField label={t('settings.newPassword')} {...form.getInputProps('newPassword')} />
          {!isPasswordError(change.error) && <FormError error={change.error} />}
          <Group>
            <Button type="submit" loading={change.isPending}>
              {t('settings.changePassword')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}

function TwoStepSection({ enabled, required }: { enabled: boolean; required: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [enrolling, setEnrolling] = useState(false);
  const [disabling, setDisabling] = useState(false);
  const form = useForm({ initialValues: { password: '' } });
  const disable = useMutation({
    mutationFn: (password: string) => settingsApi.disableTotp(password),
    onSuccess: async () => {
      setDisabling(false);
      form.reset();
      notifications.show({ message: t('totp.disabled') });
      await qc.invalidateQueries({ queryKey: ME_KEY });
    },
  });
  return (
    <Section id="settings-totp" title={t('totp.title')} description={t('totp.intro')}>
      <Stack gap="md">
        <Group gap="xs">
          {enabled ? (
            <Badge color="teal" variant="light" leftSection={<IconShieldCheck size={14} aria-hidden />}>
              {t('totp.on')}
            </Badge>
          ) : (
            <Badge color="gray" variant="light" leftSection={<IconShieldOff size={14} aria-hidden />}>
              {t('totp.off')}
            </Badge>
          )}
        </Group>
        {enabled ? (
          required ? (
            <Text size="sm" c="dimmed">
              {t('totp.requiredByOrg')}
            </Text>
          ) : disabling ? (
            <form onSubmit={form.onSubmit((v) => disable.mutate(v.password))}>
              <Stack gap="sm" maw={420}>
                <PasswordInput
                  label={t('auth.password')}
                  description={t('totp.disableHint')}
                  autoComplete="current-password"
                  required
                  {...form.getInputProps('password')}
                />
                <FormError error={disable.error} />
                <Group>
                  <Button type="submit" color="red" loading={disable.isPending}>
                    {t('totp.disable')}
                  </Button>
                  <Button variant="subtle" color="gray" onClick={() => setDisabling(false)}>
                    {t('common.cancel')}
                  </Button>
                </Group>
              </Stack>
            </form>
          ) : (
            <Group>
              <Button variant="default" onClick={() => setDisabling(true)}>
                {t('totp.disable')}
              </Button>
            </Group>
          )
        ) : enrolling ? (
          <TotpEnrol
            onCancel={() => setEnrolling(false)}
            onEnabled={async () => {
              setEnrolling(false);
              notifications.show({ color: 'teal', message: t('totp.enabled') });
              await qc.invalidateQueries({ queryKey: ME_KEY });
            }}
          />
        ) : (
          <Group>
            <Button onClick={() => setEnrolling(true)}>{t('totp.setUp')}</Button>
          </Group>
        )}
      </Stack>
    </Section>
  );
}

function SignOutEverywhere() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const all = useMutation({
    mutationFn: authApi.signOutEverywhere,
    onSuccess: (r) => {
      notifications.show({ color: 'teal', message: t('settings.signedOutEverywhere', { count: r.ended }) });
      qc.clear();
      qc.setQueryData(ME_KEY, null);
    },
  });
  return (
    <Section id="settings-sessions" title={t('settings.sessions')} description={t('settings.sessionsBody')}>
      <Stack gap="sm">
        <FormError error={all.error} />
        <Group>
          <ConfirmButton
            variant="outline"
            color="red"
            leftSection={<IconDevicesOff size={18} aria-hidden />}
            title={t('settings.signOutEverywhere')}
            message={t('settings.signOutEverywhereConfirm')}
            confirmLabel={t('settings.signOutEverywhere')}
            loading={all.isPending}
            onConfirm={() => all.mutate()}
          >
            {t('settings.signOutEverywhere')}
          </ConfirmButton>
        </Group>
      </Stack>
    </Section>
  );
}
