import { PageHeader } from '../../../components/PageHeader.js';

export function CheckinNewPage() {
  return <PageHeader title="CheckinNewPage" />;
}
