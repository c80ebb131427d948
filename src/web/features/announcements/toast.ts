import { notifications } from '@mantine/notifications';
import i18n from '../../i18n/index.js';

/** A short confirmation at the top of the screen, whose close button says what it does. */
export function toast(message: string, color: 'teal' | 'red' = 'teal'): void {
  notifications.show({ message, color, closeButtonProps: { 'aria-label': i18n.t('common.close') } });
}
