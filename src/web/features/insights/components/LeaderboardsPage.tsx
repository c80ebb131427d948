import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/PageHeader.js';

export function LeaderboardsPage() {
  const { t } = useTranslation();
  return <PageHeader title={t('insights.nav.leaderboards')} />;
}
