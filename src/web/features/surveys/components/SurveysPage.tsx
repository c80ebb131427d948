import { PageHeader } from '../../../components/PageHeader.js';

export function SurveysPage() {
  return <PageHeader title="SurveysPage" />;
}
