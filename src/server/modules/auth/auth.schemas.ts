import { Type } from 'typebox';
import { LIMITS } from '../../../shared/limits.js';
import { TOKEN_SCOPES } from '../../../shared/roles.js';
import { DateTime, Nullable } from '../../platform/http.js';

export const Email = Type.String({ format: 'email', maxLength: LIMITS.email });
export const Password = Type.String({ minLength: 1, maxLength: LIMITS.passwordMax * 4 });
export const Locale = Type.Union([Type.Literal('en'), Type.Literal('it')]);

export const SignIn = Type.Object(
  { email: Email, password: Password, totp: Type.Optional(Type.String({ maxLength: 12 })) },
  { additionalProperties: false },
);

export const SignedIn = Type.Object({ userId: Type.String(), csrfToken: Type.String() });

export const ResetRequest = Type.Object({ email: Email, locale: Type.Optional(Locale) }, { additionalProperties: false });
export const ResetConfirm = Type.Object(
  { token: Type.String({ minLength: 10, maxLength: 200 }), password: Password },
  { additionalProperties: false },
);
export const ChangePassword = Type.Object({ currentPassword: Password, newPassword: Password }, { additionalProperties: false });

export const TotpBegin = Type.Object({ secret: Type.String(), uri: Type.String() });
export const TotpCode = Type.Object({ code: Type.String({ minLength: 6, maxLength: 12 }) }, { additionalProperties: false });
export const TotpDisable = Type.Object({ password: Password }, { additionalProperties: false });

export const TokenScope = Type.Union(TOKEN_SCOPES.map((s) => Type.Literal(s)));
export const CreateToken = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: LIMITS.tokenName }),
    scopes: Type.Array(TokenScope, { minItems: 1, maxItems: 3 }),
    expiresInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
  },
  { additionalProperties: false },
);
export const ApiToken = Type.Object({
  id: Type.String(),
  name: Type.String(),
  scopes: Type.Array(Type.String()),
  createdAt: DateTime,
  lastUsedAt: Nullable(DateTime),
  expiresAt: Nullable(DateTime),
  revokedAt: Nullable(DateTime),
});
export const NewApiToken = Type.Object({
  id: Type.String(),
  name: Type.String(),
  scopes: Type.Array(Type.String()),
  expiresAt: Nullable(DateTime),
  token: Type.String({ description: 'Shown once. Send it as `Authorization: Bearer <token>`.' }),
});
