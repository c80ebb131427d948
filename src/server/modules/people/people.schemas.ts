import { Type } from 'typebox';
import { LIMITS } from '../../../shared/limits.js';
import { ROLES } from '../../../shared/roles.js';
import { DateTime, Id, Nullable, Page } from '../../platform/http.js';
import { Email, Locale } from '../auth/auth.schemas.js';

const Ref = Nullable(Type.Object({ id: Type.String(), name: Type.String() }));
export const Role = Type.Union(ROLES.map((r) => Type.Literal(r)));

export const PersonSummary = Type.Object({
  id: Type.String(),
  name: Type.String(),
  email: Type.String(),
  title: Nullable(Type.String()),
  photoUrl: Nullable(Type.String()),
  status: Type.String(),
  department: Ref,
  team: Ref,
  location: Ref,
  managerId: Nullable(Type.String()),
  reportsCount: Type.Optional(Type.Integer({ description: 'Active direct reports; in the org chart and on profiles.' })),
});

export const Person = Type.Evaluate(
  Type.Intersect([
    PersonSummary,
    Type.Object({
      roles: Type.Array(Type.String()),
      bio: Nullable(Type.String()),
      skills: Type.Array(Type.String()),
      interests: Type.Array(Type.String()),
      languages: Type.Array(Type.String()),
      timezone: Nullable(Type.String()),
      pronouns: Nullable(Type.String()),
      phone: Nullable(Type.String()),
      startDate: Nullable(Type.String()),
      locale: Nullable(Type.String()),
      employeeNumber: Nullable(Type.String()),
      twoFactor: Type.Optional(Type.Boolean()),
      deactivatedAt: Nullable(DateTime),
      managers: Type.Array(
        Type.Object({ id: Type.String(), name: Type.String(), title: Nullable(Type.String()), photoUrl: Nullable(Type.String()) }),
      ),
      canEdit: Type.Boolean(),
      canAdmin: Type.Boolean(),
    }),
  ]),
);

export const SessionUser = Type.Object({
  id: Type.String(),
  name: Type.String(),
  email: Type.String(),
  title: Nullable(Type.String()),
  photoUrl: Nullable(Type.String()),
  locale: Nullable(Type.String()),
  roles: Type.Array(Type.String()),
  twoFactor: Type.Boolean(),
  profileComplete: Type.Boolean({ description: 'Title, bio, skills and photo are filled in.' }),
});

export const Me = Type.Object({
  user: SessionUser,
  org: Type.Object({ id: Type.String(), name: Type.String(), defaultLocale: Type.String(), requireTotp: Type.Boolean() }),
  csrfToken: Nullable(Type.String()),
  mustEnrollTotp: Type.Boolean(),
  abilities: Type.Record(Type.String(), Type.Boolean()),
});

export const DirectoryQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: LIMITS.search })),
    departmentId: Type.Optional(Id),
    teamId: Type.Optional(Id),
    locationId: Type.Optional(Id),
    includeDeactivated: Type.Optional(Type.Boolean()),
    cursor: Type.Optional(Type.String({ maxLength: 500 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: LIMITS.pageSize })),
  },
  { additionalProperties: false },
);
export const PersonPage = Page(PersonSummary);

export const OrgChartQuery = Type.Object({ managerId: Type.Optional(Id) }, { additionalProperties: false });

const Item = Type.String({ minLength: 1, maxLength: LIMITS.listItem });
const List = Type.Array(Item, { maxItems: LIMITS.listItems });
const Text = (max: number) => Nullable(Type.String({ maxLength: max }));

export const ProfilePatch = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: LIMITS.name, pattern: '\\S' })),
    title: Type.Optional(Text(LIMITS.title)),
    bio: Type.Optional(Text(LIMITS.bio)),
    skills: Type.Optional(List),
    interests: Type.Optional(List),
    languages: Type.Optional(List),
    timezone: Type.Optional(Text(LIMITS.timezone)),
    pronouns: Type.Optional(Text(LIMITS.pronouns)),
    phone: Type.Optional(Text(LIMITS.phone)),
    startDate: Type.Optional(Nullable(Type.String({ format: 'date' }))),
    locale: Type.Optional(Nullable(Locale)),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const AdminPatch = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: LIMITS.name, pattern: '\\S' })),
    email: Type.Optional(Email),
    title: Type.Optional(Text(LIMITS.title)),
    roles: Type.Optional(Type.Array(Role, { minItems: 1, maxItems: 5 })),
    managerId: Type.Optional(Nullable(Id)),
    departmentId: Type.Optional(Nullable(Id)),
    teamId: Type.Optional(Nullable(Id)),
    locationId: Type.Optional(Nullable(Id)),
    employeeNumber: Type.Optional(Text(LIMITS.employeeNumber)),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const OrgChart = Type.Object({ items: Type.Array(PersonSummary) });
