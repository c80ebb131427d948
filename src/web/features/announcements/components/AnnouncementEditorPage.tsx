import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/PageHeader.js';

/** Compose an announcement or an urgent broadcast: audience, schedule, pin, acknowledgement. */
export function AnnouncementEditorPage() {
  const { t } = useTranslation();
  return <PageHeader title={t('announcements.title')} />;
}
