/** A banner on every page for each urgent broadcast the person has not acknowledged. */
export function UrgentBanner() {
  return null;
}
