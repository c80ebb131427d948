import { Button } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Empty } from '../../../components/States.js';

/** What someone without access to the customer dashboards sees instead of them. */
export function NotAllowed() {
  const { t } = useTranslation();
  return (
    <Empty icon={<IconLock size={28} aria-hidden />} title={t('loyalty.forbidden.title')} description={t('loyalty.forbidden.body')}>
      <Button component={Link} to="/" variant="default">
        {t('loyalty.forbidden.home')}
      </Button>
    </Empty>
  );
}
