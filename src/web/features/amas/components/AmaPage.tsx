import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/PageHeader.js';

/** One AMA: questions ranked by votes, answered live, kept as a page. */
export function AmaPage() {
  const { t } = useTranslation();
  return <PageHeader title={t('amas.title')} />;
}
