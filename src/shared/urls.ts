/** Where a person's photo is served; the key's tail busts caches when the photo changes. */
export function photoUrl(userId: string, photoKey: string | null): string | null {
  return photoKey ? `/api/people/${userId}/photo?v=${photoKey.slice(-10, -5)}` : null;
}
