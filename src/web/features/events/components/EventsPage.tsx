import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/PageHeader.js';

/** Upcoming and past events, with the personal calendar feed. */
export function EventsPage() {
  const { t } = useTranslation();
  return <PageHeader title={t('events.title')} />;
}
