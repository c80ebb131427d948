import { PageHeader } from '../../../components/PageHeader.js';

export function SurveyEditorPage() {
  return <PageHeader title="SurveyEditorPage" />;
}
