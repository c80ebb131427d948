/** `cx`: customer experience — accounts, customer feedback and its follow-ups. */
export const ROLES = ['admin', 'communications', 'hr', 'cx', 'manager', 'employee'] as const;
export type Role = (typeof ROLES)[number];

export const TOKEN_SCOPES = ['read', 'write', 'admin'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];
