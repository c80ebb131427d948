import { forbidden, unauthorized } from './errors.js';
import { ROLES, type Role } from '../../shared/roles.js';

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
} satisfies Record<string, (actor: Actor, target?: string) => boolean>;

export type Action = keyof typeof rules;
export const ACTIONS = Object.keys(rules) as Action[];

function isAny(actor: Actor, ...roles: Role[]): boolean {
  return roles.some((r) => actor.roles.includes(r));
}

/** Actions an API token needs the write scope for; reads need `read`. */
const READ_ONLY: ReadonlySet<Action> = new Set(['me.read', 'people.read', 'structure.read', 'people.export', 'audit.read']);

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
    if ((action === 'people.roles' || action === 'org.settings') && !actor.scopes.includes('admin')) {
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
