import { PageHeader } from '../../../components/PageHeader.js';

export function ResultsPage() {
  return <PageHeader title="ResultsPage" />;
}
