/** Turn web push notifications on or off for this browser. */
export function PushSettings() {
  return null;
}
