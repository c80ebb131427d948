import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/PageHeader.js';

export function RewardsPage() {
  const { t } = useTranslation();
  return <PageHeader title={t('rewards.nav')} />;
}
