import { PageHeader } from '../../../components/PageHeader.js';

export function ListeningPage() {
  return <PageHeader title="ListeningPage" />;
}
