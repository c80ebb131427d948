import { PageHeader } from '../../../components/PageHeader.js';

export function ConversationPage() {
  return <PageHeader title="ConversationPage" />;
}
