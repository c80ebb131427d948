import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/PageHeader.js';

/** Create or edit an event. */
export function EventEditorPage() {
  const { t } = useTranslation();
  return <PageHeader title={t('events.title')} />;
}
