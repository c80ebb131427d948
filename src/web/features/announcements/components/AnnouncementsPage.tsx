import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/PageHeader.js';

/** Announcements: those addressed to the person, and (for senders) those they sent. */
export function AnnouncementsPage() {
  const { t } = useTranslation();
  return <PageHeader title={t('announcements.title')} />;
}
