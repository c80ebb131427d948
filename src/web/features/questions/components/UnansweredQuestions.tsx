import type { Community } from '../../communities/api.js';

/** A community's unanswered questions. */
export function UnansweredQuestions(_props: { community: Community }) {
  return null;
}
