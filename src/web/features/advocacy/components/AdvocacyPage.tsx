/** Placeholder until the page is built. */
export function AdvocacyPage() {
  return null;
}
