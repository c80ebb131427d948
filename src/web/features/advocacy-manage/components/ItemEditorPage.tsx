/** Placeholder until the page is built. */
export function ItemEditorPage() {
  return null;
}
