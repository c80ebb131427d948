import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/PageHeader.js';

/** One safety check: live tally by location, who has not answered, who needs help, the report. */
export function SafetyCheckPage() {
  const { t } = useTranslation();
  return <PageHeader title={t('safety.title')} />;
}
