import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/PageHeader.js';

/** Schedule an AMA. */
export function AmaEditorPage() {
  const { t } = useTranslation();
  return <PageHeader title={t('amas.title')} />;
}
