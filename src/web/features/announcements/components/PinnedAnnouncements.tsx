/** Announcements pinned on top of the home feed until acknowledged or their pin ends. */
export function PinnedAnnouncements() {
  return null;
}
