import { Type } from 'typebox';
import { LIMITS } from '../../../shared/limits.js';
import { DateTime, Id, Nullable } from '../../platform/http.js';
import { Email, Locale, Password } from '../auth/auth.schemas.js';

const Name = Type.String({ minLength: 1, maxLength: LIMITS.structureName, pattern: '\\S' });

export const SetupStatus = Type.Object({ needed: Type.Boolean() });
export const Setup = Type.Object(
  {
    orgName: Type.String({ minLength: 1, maxLength: LIMITS.orgName, pattern: '\\S' }),
    name: Type.String({ minLength: 1, maxLength: LIMITS.name, pattern: '\\S' }),
    email: Email,
    password: Password,
    locale: Type.Optional(Locale),
  },
  { additionalProperties: false },
);

export const OrgSettings = Type.Object({
  id: Type.String(),
  name: Type.String(),
  defaultLocale: Type.String(),
  requireTotp: Type.Boolean(),
  createdAt: DateTime,
});
export const OrgSettingsPatch = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: LIMITS.orgName, pattern: '\\S' })),
    defaultLocale: Type.Optional(Locale),
    requireTotp: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const Department = Type.Object({
  id: Type.String(),
  name: Type.String(),
  parentId: Nullable(Type.String()),
  people: Type.Integer(),
});
export const Team = Type.Object({ id: Type.String(), name: Type.String(), departmentId: Nullable(Type.String()), people: Type.Integer() });
export const Location = Type.Object({
  id: Type.String(),
  name: Type.String(),
  country: Nullable(Type.String()),
  timezone: Nullable(Type.String()),
  people: Type.Integer(),
});
export const Structure = Type.Object({ departments: Type.Array(Department), teams: Type.Array(Team), locations: Type.Array(Location) });

export const NewDepartment = Type.Object({ name: Name, parentId: Type.Optional(Nullable(Id)) }, { additionalProperties: false });
export const DepartmentPatch = Type.Object(
  { name: Type.Optional(Name), parentId: Type.Optional(Nullable(Id)) },
  { additionalProperties: false, minProperties: 1 },
);
export const NewTeam = Type.Object({ name: Name, departmentId: Type.Optional(Nullable(Id)) }, { additionalProperties: false });
export const TeamPatch = Type.Object(
  { name: Type.Optional(Name), departmentId: Type.Optional(Nullable(Id)) },
  { additionalProperties: false, minProperties: 1 },
);
const Country = Nullable(Type.String({ pattern: '^[A-Z]{2}$' }));
const Tz = Nullable(Type.String({ maxLength: LIMITS.timezone }));
export const NewLocation = Type.Object(
  { name: Name, country: Type.Optional(Country), timezone: Type.Optional(Tz) },
  { additionalProperties: false },
);
export const LocationPatch = Type.Object(
  { name: Type.Optional(Name), country: Type.Optional(Country), timezone: Type.Optional(Tz) },
  { additionalProperties: false, minProperties: 1 },
);
