import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/PageHeader.js';

/** Safety checks: start one (drill or real), and the list of past ones. */
export function SafetyChecksPage() {
  const { t } = useTranslation();
  return <PageHeader title={t('safety.title')} />;
}
