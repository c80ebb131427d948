import { forbidden, unauthorized } from './errors.js';
import { ROLES, type Role } from '../../shared/roles.js';
import type { MemberRole, MemberStatus, Visibility } from '../../shared/social.js';

export { ROLES, type Role };

/** Who is asking: a signed-in person (by session) or an integration (by API token). */
export interface Actor {
  orgId: string;
  userId: string;
  roles: readonly Role[];
  via: 'session' | 'token';
  /** Token scopes; sessions carry every scope. */
  scopes: readonly string[];
  /** The organisation requires two-factor sign-in and this person has not enrolled yet. */
  mustEnrollTotp: boolean;
}

/** Every action the API can perform, and who may perform it. Routes name an action; nothing else decides. */
const rules = {
  /** Read one's own account, profile and settings. */
  'me.read': () => true,
  'me.update': () => true,
  'people.read': () => true,
  /** Edit a profile: one's own, or anyone's for administrators and HR. */
  'people.update': (a: Actor, targetUserId?: string) => a.userId === targetUserId || isAny(a, 'admin', 'hr'),
  'people.admin': (a: Actor) => isAny(a, 'admin', 'hr'),
  /** Grant or take roles: administrators only, so HR cannot make itself admin. */
  'people.roles': (a: Actor) => isAny(a, 'admin'),
  'people.import': (a: Actor) => isAny(a, 'admin', 'hr'),
  'people.export': (a: Actor) => isAny(a, 'admin', 'hr'),
  'structure.read': () => true,
  'structure.manage': (a: Actor) => isAny(a, 'admin', 'hr'),
  'invitations.manage': (a: Actor) => isAny(a, 'admin', 'hr'),
  'org.settings': (a: Actor) => isAny(a, 'admin'),
  'audit.read': (a: Actor) => isAny(a, 'admin'),
  /** Read posts, comments, communities and feeds (each item is then checked against its community). */
  'content.read': () => true,
  /** Post, comment, react, follow, bookmark, report; each community then applies its own rules. */
  'content.write': () => true,
  'communities.create': () => true,
  /** Mark a community official, tie its membership to a department, team or location. */
  'communities.admin': (a: Actor) => isAny(a, 'admin'),
  /** The organisation-wide moderation queue. */
  'moderation.admin': (a: Actor) => isAny(a, 'admin'),
  /** See recognition, balances, badges, leaderboards and the reward catalogue (one's own points and history). */
  'recognition.read': () => true,
  /** Give kudos, redeem rewards, set one's own recognition preferences and hide one's badges. */
  'recognition.give': () => true,
  /** Company values, allowances, recognition settings, rewards, redemptions, awards, badges and fairness flags. */
  'recognition.admin': (a: Actor) => isAny(a, 'admin'),
  /** Recognition insights: managers for the people who report to them (directly or not), HR and administrators for everyone. */
  'recognition.insights': (a: Actor) => isAny(a, 'admin', 'hr', 'manager'),
  /**
   * Answer surveys and check-ins, write anonymous feedback, read actions shared with one's groups.
   * Sessions only: an anonymous answer must never travel with an API token's identity.
   */
  'listening.respond': (a: Actor) => a.via === 'session',
  /** Build, schedule and close surveys and pulses; listening settings; every result. */
  'listening.manage': (a: Actor) => isAny(a, 'admin', 'hr'),
  /** Start a check-in: HR and administrators for anyone, managers for their own reporting line. */
  'listening.checkin': (a: Actor) => isAny(a, 'admin', 'hr', 'manager'),
  /** Read results: HR and administrators for everyone, managers for their own reporting line. */
  'listening.results': (a: Actor) => isAny(a, 'admin', 'hr', 'manager'),
  /** Create and share action plans: HR and administrators for anyone, managers for their line. */
  'listening.actions': (a: Actor) => isAny(a, 'admin', 'hr', 'manager'),
  /** Read customer accounts, contacts, interactions, customer feedback and follow-ups. */
  'customers.read': (a: Actor) => isAny(a, 'admin', 'cx', 'manager'),
  /** Accounts, contacts, serving teams, import and ingest, feedback requests, webhooks, forms and settings. */
  'customers.manage': (a: Actor) => isAny(a, 'admin', 'cx'),
  /** Log interactions with an account. */
  'customers.interact': (a: Actor) => isAny(a, 'admin', 'cx', 'manager'),
  /** Work on a follow-up (status, owner, notes): its owner, or customer experience and managers. */
  'customers.followup': (a: Actor, ownerId?: string) =>
    (ownerId !== undefined && a.userId === ownerId) || isAny(a, 'admin', 'cx', 'manager'),
  /** Pass a customer's praise on to the employee it names, as a recognition post. */
  'customers.praise': (a: Actor) => isAny(a, 'admin', 'cx', 'manager'),
  /** Loyalty measures and the employee–customer link, with their CSV exports. */
  'customers.insights': (a: Actor) => isAny(a, 'admin', 'cx', 'hr', 'manager'),
  /**
   * Publish announcements (with acknowledgement, pinning, scheduling). Audiences above the
   * organisation's limit also need `comms.broadcast`.
   */
  'comms.announce': (a: Actor) => isAny(a, 'admin', 'communications', 'hr', 'manager'),
  /** Reach audiences of any size, and send urgent broadcasts. */
  'comms.broadcast': (a: Actor) => isAny(a, 'admin', 'communications'),
  /** Communication settings: the broadcast limit, escalation and reminders, file and video size limits. */
  'comms.admin': (a: Actor) => isAny(a, 'admin'),
  /** Start, follow and close safety checks (drills and real events). */
  'safety.operate': (a: Actor) => isAny(a, 'admin', 'safety'),
  /** Organise events (each community then applies its own rules to events posted in it). */
  'events.create': () => true,
  /** Schedule leadership AMAs and moderate their questions (the host may too). */
  'ama.manage': (a: Actor) => isAny(a, 'admin', 'communications', 'hr'),
  /** See what is ready to share, share it, accept the guidelines, see one's own reach and the advocacy leaderboard. */
  'advocacy.share': () => true,
  /** Make content shareable (posts, articles, approved links), run campaigns, write the guidelines and the points rules. */
  'advocacy.manage': (a: Actor) => isAny(a, 'admin', 'communications'),
  /** Shares, clicks and participation across the company, with their CSV exports. */
  'advocacy.insights': (a: Actor) => isAny(a, 'admin', 'communications'),
} satisfies Record<string, (actor: Actor, target?: string) => boolean>;

export type Action = keyof typeof rules;
export const ACTIONS = Object.keys(rules) as Action[];

function isAny(actor: Actor, ...roles: Role[]): boolean {
  return roles.some((r) => actor.roles.includes(r));
}

/** Actions an API token needs the write scope for; reads need `read`. */
const READ_ONLY: ReadonlySet<Action> = new Set([
  'me.read',
  'people.read',
  'structure.read',
  'people.export',
  'audit.read',
  'content.read',
  'recognition.read',
  'recognition.insights',
  'listening.results',
  'customers.read',
  'customers.insights',
  'advocacy.insights',
]);

/** True when the actor may perform the action (on the target, where the rule looks at one). */
export function can(actor: Actor | null, action: Action, target?: string): boolean {
  if (!actor) {
    return false;
  }
  if (actor.via === 'token') {
    const scope = READ_ONLY.has(action) ? 'read' : 'write';
    if (!actor.scopes.includes(scope)) {
      return false;
    }
    if ((action === 'people.roles' || action === 'org.settings' || action === 'recognition.admin') && !actor.scopes.includes('admin')) {
      return false;
    }
  }
  return rules[action](actor, target);
}

/** Throws 401 without an actor and 403 when the rule refuses; returns the actor for convenience. */
export function requireAction(actor: Actor | null, action: Action, target?: string): Actor {
  if (!actor) {
    throw unauthorized();
  }
  if (actor.mustEnrollTotp && action !== 'me.read') {
    throw forbidden('TOTP_ENROLMENT_REQUIRED', 'Your organisation requires two-step sign-in. Set it up to continue.');
  }
  if (!can(actor, action, target)) {
    throw forbidden();
  }
  return actor;
}

/** The abilities the web app shows or hides controls by; it never re-implements the rules. */
export function abilities(actor: Actor): Record<Action, boolean> {
  return Object.fromEntries(ACTIONS.map((a) => [a, can(actor, a, actor.userId)])) as Record<Action, boolean>;
}

/** What the policy needs to know about a community and the actor's place in it. */
export interface CommunityFacts {
  visibility: Visibility;
  archived: boolean;
  isAllCompany: boolean;
  /** Membership follows a department, team or location and cannot be changed by hand. */
  synced: boolean;
  membership: { role: MemberRole; status: MemberStatus; viaSync: boolean } | null;
}

/** The actor's abilities in one community; the web app shows controls by these. */
export interface CommunityAbilities {
  /** Knows the community exists (secret ones are invisible to non-members). */
  canSee: boolean;
  /** Reads its posts and members. */
  canRead: boolean;
  canJoin: boolean;
  canRequest: boolean;
  canLeave: boolean;
  canPost: boolean;
  /** Comment and react on posts in it. */
  canInteract: boolean;
  /** Pin, hide and remove posts, handle reports, approve requests, invite, remove and ban members. */
  canModerate: boolean;
  /** Edit settings, appoint moderators and owners, archive. */
  canManage: boolean;
}

/**
 * Community rules. Private and secret content is for active members only — administrators included,
 * who manage every community (settings, members, reports) but read private content only by joining.
 */
export function communityAbilities(actor: Actor, c: CommunityFacts): CommunityAbilities {
  const m = c.membership;
  const member = m?.status === 'active';
  const banned = m?.status === 'banned';
  const admin = isAny(actor, 'admin');
  const canManage = admin || (member && m.role === 'owner');
  const canModerate = canManage || (member && m.role === 'moderator');
  const canSee = c.visibility !== 'secret' || member || m?.status === 'invited' || admin;
  const canRead = member || (c.visibility === 'public' && !banned);
  const open = !c.archived;
  return {
    canSee,
    canRead,
    canJoin: open && !c.synced && !member && !banned && (c.visibility === 'public' || m?.status === 'invited'),
    canRequest: open && !c.synced && c.visibility === 'private' && m === null,
    canLeave: member && !c.isAllCompany && !m.viaSync,
    canPost: open && member,
    canInteract: open && canRead && !banned,
    canModerate,
    canManage,
  };
}

/** What the policy needs to know about a post or comment. */
export interface ContentFacts {
  authorId: string;
  /** The community's abilities for the actor, or null for a post on a profile (readable by everyone). */
  community: CommunityAbilities | null;
  /** For a profile post: whose profile it is on. */
  profileUserId?: string;
  hidden: boolean;
}

export interface ContentAbilities {
  canEdit: boolean;
  canDelete: boolean;
  canPin: boolean;
  canHide: boolean;
  canReport: boolean;
  canInteract: boolean;
}

/** Post and comment rules: authors edit their own; moderators of the community (or administrators) hide, pin, remove. */
export function contentAbilities(actor: Actor, p: ContentFacts): ContentAbilities {
  const own = p.authorId === actor.userId;
  const admin = isAny(actor, 'admin');
  const moderate = admin || (p.community?.canModerate ?? false);
  const interact = p.community ? p.community.canInteract : true;
  return {
    canEdit: own && !p.hidden,
    canDelete: own || moderate,
    canPin: p.community ? p.community.canModerate : p.profileUserId === actor.userId,
    canHide: moderate && !own,
    canReport: !own,
    canInteract: interact && !p.hidden,
  };
}
