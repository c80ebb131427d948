import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/PageHeader.js';

/** One announcement: its text with the acknowledgement, and for its sender the delivery counts per segment. */
export function AnnouncementPage() {
  const { t } = useTranslation();
  return <PageHeader title={t('announcements.title')} />;
}
