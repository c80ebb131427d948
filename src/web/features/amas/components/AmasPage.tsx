import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/PageHeader.js';

/** Leadership AMAs: upcoming, live and past sessions. */
export function AmasPage() {
  const { t } = useTranslation();
  return <PageHeader title={t('amas.title')} />;
}
