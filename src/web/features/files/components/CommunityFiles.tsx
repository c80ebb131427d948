import type { Community } from '../../communities/api.js';

/** A community's files and videos. */
export function CommunityFiles(_props: { community: Community }) {
  return null;
}
