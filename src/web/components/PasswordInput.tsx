import { PasswordInput as MantinePasswordInput, type PasswordInputProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Mantine's password field, with a show/hide toggle whose name does not repeat the field's label. */
export function PasswordInput(props: PasswordInputProps) {
  const { t } = useTranslation();
  return <MantinePasswordInput visibilityToggleButtonProps={{ 'aria-label': t('auth.showCharacters') }} {...props} />;
}
