import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/PageHeader.js';

/** An article to read, with its comments. */
export function ArticlePage() {
  const { t } = useTranslation();
  return <PageHeader title={t('articles.title')} />;
}
