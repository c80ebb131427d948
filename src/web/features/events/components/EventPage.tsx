import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/PageHeader.js';

/** One event: details, RSVP, attendees, calendar download. */
export function EventPage() {
  const { t } = useTranslation();
  return <PageHeader title={t('events.title')} />;
}
