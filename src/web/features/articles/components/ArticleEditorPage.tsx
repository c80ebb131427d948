import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/PageHeader.js';

/** Write or edit an article: title, cover, text with headings and images, schedule. */
export function ArticleEditorPage() {
  const { t } = useTranslation();
  return <PageHeader title={t('articles.title')} />;
}
