/** Placeholder until the page is built. */
export function CampaignPage() {
  return null;
}
