/** Communication settings for administrators: the broadcast limit, escalation, reminders, file and video sizes. */
export function CommsSettings() {
  return null;
}
