import { PageHeader } from '../../../components/PageHeader.js';

export function AnswerPage() {
  return <PageHeader title="AnswerPage" />;
}
