import { Type, type Static } from 'typebox';
import { DateTime, Id, Nullable, Page } from '../../platform/http.js';
import { MEMBER_ROLES, MEMBER_STATUSES, SOCIAL_LIMITS, SYNC_KINDS, VISIBILITIES } from '../../../shared/social.js';

/** One of a fixed list of strings, typed as their union. */
const oneOf = <T extends string>(values: readonly T[]) => Type.Unsafe<T>(Type.Union(values.map((v) => Type.Literal(v))));

export const Visibility = oneOf(VISIBILITIES);
export const MemberRole = oneOf(MEMBER_ROLES);
export const MemberStatus = oneOf(MEMBER_STATUSES);
export const SyncKind = oneOf(SYNC_KINDS);

const Name = Type.String({ minLength: 1, maxLength: SOCIAL_LIMITS.communityName, pattern: '\\S' });
const Slug = Type.String({
  minLength: 2,
  maxLength: SOCIAL_LIMITS.communitySlug,
  pattern: '^[a-z0-9]+(-[a-z0-9]+)*$',
  description: 'Lower-case letters and digits separated by single hyphens.',
});
/** Plain text, shown as written (line breaks kept); never rendered as HTML. */
const Description = Type.String({ maxLength: SOCIAL_LIMITS.communityDescription });
const Rules = Type.String({ maxLength: SOCIAL_LIMITS.communityRules });

/** A community is addressed by its id or its slug. */
export const CommunityParams = Type.Object(
  { id: Type.String({ minLength: 1, maxLength: SOCIAL_LIMITS.communitySlug, pattern: '^[A-Za-z0-9-]+$' }) },
  { additionalProperties: false },
);
export const MemberParams = Type.Object({ id: CommunityParams.properties.id, userId: Id }, { additionalProperties: false });

export const CommunityAbilities = Type.Object({
  canSee: Type.Boolean(),
  canRead: Type.Boolean(),
  canJoin: Type.Boolean(),
  canRequest: Type.Boolean(),
  canLeave: Type.Boolean(),
  canPost: Type.Boolean(),
  canInteract: Type.Boolean(),
  canModerate: Type.Boolean(),
  canManage: Type.Boolean(),
  canInvite: Type.Boolean({ description: 'Invite people: moderators, and any member of a public community.' }),
});

export const CommunityView = Type.Object({
  id: Id,
  name: Type.String(),
  slug: Type.String(),
  description: Type.String(),
  rules: Type.String(),
  visibility: Visibility,
  official: Type.Boolean(),
  isAllCompany: Type.Boolean(),
  sync: Nullable(Type.Object({ kind: SyncKind, id: Id, name: Type.String() })),
  memberCount: Type.Integer(),
  coverUrl: Nullable(Type.String()),
  membership: Nullable(Type.Object({ role: MemberRole, status: MemberStatus })),
  abilities: CommunityAbilities,
  createdAt: DateTime,
  archivedAt: Nullable(DateTime),
});
export type CommunityView = Static<typeof CommunityView>;

export const CommunityPage = Page(CommunityView);

export const ListQuery = Type.Object(
  {
    filter: Type.Optional(
      Type.Unsafe<'mine' | 'discover' | 'all'>(
        Type.Union([Type.Literal('mine'), Type.Literal('discover'), Type.Literal('all')], {
          description: 'mine: communities you are in; discover: visible ones you are not in; all: every one you can see (the default).',
        }),
      ),
    ),
    q: Type.Optional(Type.String({ maxLength: SOCIAL_LIMITS.searchQuery })),
    cursor: Type.Optional(Type.String({ maxLength: 500 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  },
  { additionalProperties: false },
);

export const SuggestQuery = Type.Object(
  {
    q: Type.String({ minLength: 1, maxLength: SOCIAL_LIMITS.searchQuery }),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 20 })),
  },
  { additionalProperties: false },
);
export const Suggestions = Type.Object({
  items: Type.Array(Type.Object({ id: Id, name: Type.String(), slug: Type.String(), visibility: Visibility, official: Type.Boolean() })),
});

export const NewCommunity = Type.Object(
  {
    name: Name,
    slug: Type.Optional(Slug),
    description: Type.Optional(Description),
    rules: Type.Optional(Rules),
    visibility: Visibility,
    official: Type.Optional(Type.Boolean({ description: 'Administrators only.' })),
    sync: Type.Optional(
      Type.Object(
        { kind: SyncKind, id: Id },
        { additionalProperties: false, description: 'Administrators only: membership follows this department, team or location.' },
      ),
    ),
  },
  { additionalProperties: false },
);
export type NewCommunity = Static<typeof NewCommunity>;

export const CommunityPatch = Type.Object(
  {
    name: Type.Optional(Name),
    slug: Type.Optional(Slug),
    description: Type.Optional(Description),
    rules: Type.Optional(Rules),
    visibility: Type.Optional(Visibility),
    official: Type.Optional(Type.Boolean({ description: 'Administrators only.' })),
    archived: Type.Optional(Type.Boolean({ description: 'An archived community is read-only and left out of discovery.' })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type CommunityPatch = Static<typeof CommunityPatch>;

export const MemberQuery = Type.Object(
  {
    status: Type.Optional(MemberStatus),
    role: Type.Optional(MemberRole),
    q: Type.Optional(Type.String({ maxLength: SOCIAL_LIMITS.searchQuery })),
    cursor: Type.Optional(Type.String({ maxLength: 500 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  },
  { additionalProperties: false },
);

export const MemberView = Type.Object({
  user: Type.Object({ id: Id, name: Type.String(), title: Nullable(Type.String()), photoUrl: Nullable(Type.String()) }),
  role: MemberRole,
  status: MemberStatus,
  /** Added by the community's automatic membership, not by hand. */
  viaSync: Type.Boolean(),
  invitedBy: Nullable(Id),
  createdAt: DateTime,
  abilities: Type.Object({
    canApprove: Type.Boolean(),
    canRemove: Type.Boolean(),
    canBan: Type.Boolean(),
    canUnban: Type.Boolean(),
    canChangeRole: Type.Boolean(),
  }),
});
export const MemberPage = Page(MemberView);

export const Invite = Type.Object(
  { userIds: Type.Array(Id, { minItems: 1, maxItems: 50, uniqueItems: true }) },
  { additionalProperties: false },
);
export const Invited = Type.Object({
  invited: Type.Array(Id, { description: 'Newly invited.' }),
  joined: Type.Array(Id, { description: 'Had asked to join; a moderator inviting them lets them in.' }),
  skipped: Type.Array(Id, { description: 'Already members, already invited, or banned.' }),
});

export const RolePatch = Type.Object({ role: MemberRole }, { additionalProperties: false });
