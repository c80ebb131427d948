/** The home page's "ready to share" card: placeholder until it is built. */
export function ReadyToShareRail() {
  return null;
}
