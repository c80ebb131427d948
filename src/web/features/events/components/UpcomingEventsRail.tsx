/** The person's next events, for the home page's side column. */
export function UpcomingEventsRail() {
  return null;
}
