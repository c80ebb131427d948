import { PageHeader } from '../../../components/PageHeader.js';

export function ConversationsPage() {
  return <PageHeader title="ConversationsPage" />;
}
