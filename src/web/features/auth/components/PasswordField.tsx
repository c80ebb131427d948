import type { PasswordInputProps } from '@mantine/core';
import { PasswordInput } from '../../../components/PasswordInput.js';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../../shared/limits.js';

/** A new password: length is the only rule, so we suggest a passphrase. */
export function NewPasswordField(props: PasswordInputProps) {
  const { t } = useTranslation();
  return (
    <PasswordInput
      label={t('auth.password')}
      description={t('auth.passwordHint', { min: LIMITS.passwordMin })}
      autoComplete="new-password"
      maxLength={LIMITS.passwordMax}
      required
      {...props}
    />
  );
}

export function validateNewPassword(t: (k: string, o?: Record<string, unknown>) => string) {
  return (v: string) => (v.length < LIMITS.passwordMin ? t('errors.PASSWORD_TOO_SHORT', { min: LIMITS.passwordMin }) : null);
}
