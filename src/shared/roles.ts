/**
 * `cx`: customer experience — accounts, customer feedback and its follow-ups. `safety`: safety
 * operators, who start safety checks (drills and real events) and follow them to the end.
 */
export const ROLES = ['admin', 'communications', 'hr', 'cx', 'safety', 'manager', 'employee'] as const;
export type Role = (typeof ROLES)[number];

export const TOKEN_SCOPES = ['read', 'write', 'admin'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];
