import { Badge, Box, Button, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconLock } from '@tabler/icons-react';
import { useCallback, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ShareItemState } from '../../../../shared/advocacy.js';
import { ApiError } from '../../../api.js';
import i18n from '../../../i18n/index.js';
import { Empty } from '../../../components/States.js';
import { useErrorText } from '../../../components/errors.js';
import { useAbility } from '../../auth/hooks/useSession.js';

/** An error in the reader's language: advocacy's own codes first, then the common ones. */
export function useManageErrorText(): (err: unknown) => string {
  const { t, i18n } = useTranslation();
  const common = useErrorText();
  return useCallback(
    (err: unknown) => {
      const key = err instanceof ApiError ? `advocacyManage.errors.${err.code}` : '';
      return key && i18n.exists(key) ? t(key) : common(err);
    },
    [t, i18n, common],
  );
}

const STATE_COLOURS: Record<ShareItemState, string> = { active: 'teal', scheduled: 'blue', expired: 'gray', archived: 'dark' };

/** Where an item stands, in words (colour is never the only signal). */
export function StateBadge({ state }: { state: ShareItemState }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATE_COLOURS[state]} variant="light">
      {t(`advocacyManage.state.${state}`)}
    </Badge>
  );
}

/** Shows its children to communications staff only; everyone else gets a friendly way back. */
export function ManagersOnly({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const allowed = useAbility('advocacy.manage');
  if (!allowed) {
    return (
      <Empty icon={<IconLock aria-hidden />} title={t('advocacyManage.notForYou')} description={t('advocacyManage.notForYouHint')}>
        <Button component={Link} to="/advocacy" variant="light">
          {t('advocacyManage.toAdvocacy')}
        </Button>
      </Empty>
    );
  }
  return <>{children}</>;
}

/** A message under a field, announced when it appears. */
export function FieldMessage({ children }: { children: ReactNode }) {
  if (!children) {
    return null;
  }
  return (
    <Box role="alert">
      <Text size="sm" c="red.8">
        {children}
      </Text>
    </Box>
  );
}

/** A short confirmation at the top of the screen, whose close button says what it does. */
export function toast(message: string, color: 'teal' | 'red' = 'teal'): void {
  notifications.show({ message, color, closeButtonProps: { 'aria-label': i18n.t('common.close') } });
}
