import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/PageHeader.js';

export function InsightsPage() {
  const { t } = useTranslation();
  return <PageHeader title={t('insights.nav.insights')} />;
}
