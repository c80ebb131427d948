import type { Actor, Role } from '../../platform/policy.js';
import type { FeedbackRecipient } from '../../../shared/listening.js';

/**
 * Who receives anonymous feedback, as pure rules over facts the service gathers.
 *
 * - a `manager` thread: the manager it was written to;
 * - an `hr` thread: everyone with the HR role, or the administrators when nobody has it;
 * - a `leadership` thread: the people the organisation named as its leadership, or the
 *   administrators when it named nobody;
 * - an escalated thread (one that was ever escalated): also HR and administrators, who may then
 *   block its writer.
 * Everyone else does not learn that the thread exists.
 */

/** What the rules need to know about the viewer and their organisation. */
export interface ViewerFacts {
  userId: string;
  roles: readonly Role[];
  /** Somebody active in the organisation has the HR role. */
  orgHasHr: boolean;
  /** The organisation's leadership (empty: nobody named). */
  leadershipIds: readonly string[];
}

/** What the rules need to know about a thread. */
export interface ThreadFacts {
  recipientKind: FeedbackRecipient;
  recipientId: string | null;
  escalated: boolean;
}

const has = (v: ViewerFacts, role: Role) => v.roles.includes(role);

/** HR and administrators look after escalated threads. */
export const isOverseer = (v: ViewerFacts): boolean => has(v, 'hr') || has(v, 'admin');

/** Reads every `hr` thread of the organisation. */
export const readsHrThreads = (v: ViewerFacts): boolean => has(v, 'hr') || (!v.orgHasHr && has(v, 'admin'));

/** Reads every `leadership` thread of the organisation. */
export const readsLeadershipThreads = (v: ViewerFacts): boolean =>
  v.leadershipIds.length > 0 ? v.leadershipIds.includes(v.userId) : has(v, 'admin');

/** The thread was written to this viewer (or to a group they belong to). */
export function isRecipient(v: ViewerFacts, t: ThreadFacts): boolean {
  switch (t.recipientKind) {
    case 'manager':
      return t.recipientId === v.userId;
    case 'hr':
      return readsHrThreads(v);
    case 'leadership':
      return readsLeadershipThreads(v);
  }
}

/** May read and answer the thread. */
export const canReadThread = (v: ViewerFacts, t: ThreadFacts): boolean => isRecipient(v, t) || (t.escalated && isOverseer(v));

/** May stop the writer of an escalated thread from writing in it. */
export const canBlockThread = (v: ViewerFacts, t: ThreadFacts): boolean => t.escalated && isOverseer(v);

/** The facts of a signed-in actor. */
export const viewerOf = (actor: Actor, org: { orgHasHr: boolean; leadershipIds: readonly string[] }): ViewerFacts => ({
  userId: actor.userId,
  roles: actor.roles,
  ...org,
});

/**
 * How a writer sees the person who answered: their manager, someone from HR, from the leadership,
 * or an administrator standing in for them.
 */
export function replierRole(
  t: Pick<ThreadFacts, 'recipientKind' | 'recipientId'>,
  author: { id: string; roles: readonly string[] },
  leadershipIds: readonly string[],
): 'manager' | 'hr' | 'leadership' | 'admin' | null {
  if (t.recipientKind === 'manager' && t.recipientId === author.id) {
    return 'manager';
  }
  if (t.recipientKind === 'leadership' && leadershipIds.includes(author.id)) {
    return 'leadership';
  }
  if (author.roles.includes('hr')) {
    return 'hr';
  }
  if (leadershipIds.includes(author.id)) {
    return 'leadership';
  }
  return author.roles.includes('admin') ? 'admin' : null;
}
