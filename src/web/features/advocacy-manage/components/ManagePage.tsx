/** Placeholder until the page is built. */
export function ManagePage() {
  return null;
}
