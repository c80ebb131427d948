/** Placeholder until the page is built. */
export function CampaignEditorPage() {
  return null;
}
