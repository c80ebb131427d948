import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/PageHeader.js';

/** The person's articles: drafts, scheduled, published. */
export function ArticlesPage() {
  const { t } = useTranslation();
  return <PageHeader title={t('articles.title')} />;
}
