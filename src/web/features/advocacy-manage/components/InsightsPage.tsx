/** Placeholder until the page is built. */
export function InsightsPage() {
  return null;
}
