import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/PageHeader.js';

/** One file: its versions, download, and the player for a video. */
export function FilePage() {
  const { t } = useTranslation();
  return <PageHeader title={t('files.title')} />;
}
