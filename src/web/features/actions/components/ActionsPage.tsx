import { PageHeader } from '../../../components/PageHeader.js';

export function ActionsPage() {
  return <PageHeader title="ActionsPage" />;
}
