import { notifications } from '@mantine/notifications';
import i18n from '../../i18n/index.js';

/** A short confirmation at the top of the screen, whose close button says what it does. */
export function toast(message: string, opts: { color?: 'teal' | 'red'; id?: string } = {}): void {
  notifications.show({ message, color: opts.color, id: opts.id, closeButtonProps: { 'aria-label': i18n.t('communities.close') } });
}
