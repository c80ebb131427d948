import { Type, type Static } from 'typebox';
import { DateTime, Id, Nullable, Page } from '../../platform/http.js';
import { ADVOCACY_LIMITS, SHARE_ITEM_KINDS, SHARE_ITEM_STATES, SHARE_NETWORKS, SUGGESTION_NETWORKS } from '../../../shared/advocacy.js';

const Cursor = Type.String({ maxLength: 200 });
const Limit = Type.Integer({ minimum: 1, maximum: ADVOCACY_LIMITS.pageSize });
const When = Type.String({ format: 'date-time' });

export const ShareSuggestion = Type.Object(
  {
    network: Type.Enum(SUGGESTION_NETWORKS),
    lang: Type.Union([Type.Literal('en'), Type.Literal('it')]),
    text: Type.String({ minLength: 1, maxLength: ADVOCACY_LIMITS.shareText }),
  },
  { additionalProperties: false },
);
const Suggestions = Type.Array(ShareSuggestion, { maxItems: ADVOCACY_LIMITS.suggestions });

/** An item as the people who may share it see it (ShareItemDto). */
export const ShareItemView = Type.Object({
  id: Id,
  kind: Type.Enum(SHARE_ITEM_KINDS),
  postId: Nullable(Id),
  url: Type.String(),
  title: Type.String(),
  summary: Type.String(),
  imageUrl: Nullable(Type.String()),
  suggestions: Type.Array(ShareSuggestion),
  campaign: Nullable(Type.Object({ id: Id, name: Type.String(), hashtag: Nullable(Type.String()) })),
  startsAt: DateTime,
  endsAt: Nullable(DateTime),
  state: Type.Enum(SHARE_ITEM_STATES),
  shareCount: Type.Integer(),
  clickCount: Type.Integer(),
  mySharedNetworks: Type.Array(Type.Enum(SHARE_NETWORKS)),
  createdAt: DateTime,
});
export const ShareItemPage = Page(ShareItemView);

const fields = {
  url: Type.String({ minLength: 1, maxLength: ADVOCACY_LIMITS.url }),
  title: Type.String({ minLength: 1, maxLength: ADVOCACY_LIMITS.title }),
  summary: Type.String({ maxLength: ADVOCACY_LIMITS.summary }),
  imageUrl: Nullable(Type.String({ maxLength: ADVOCACY_LIMITS.url })),
  suggestions: Suggestions,
  campaignId: Nullable(Id),
  startsAt: When,
  endsAt: Nullable(When),
};

export const NewShareItem = Type.Object(
  {
    kind: Type.Enum(SHARE_ITEM_KINDS),
    /** For 'post' and 'article'. */
    postId: Type.Optional(Id),
    /** For 'link': an https (or http) address without credentials. */
    url: Type.Optional(fields.url),
    /** Defaults to the article's title or the post's first line. */
    title: Type.Optional(fields.title),
    summary: Type.Optional(fields.summary),
    imageUrl: Type.Optional(fields.imageUrl),
    suggestions: Type.Optional(fields.suggestions),
    campaignId: Type.Optional(fields.campaignId),
    startsAt: Type.Optional(fields.startsAt),
    endsAt: Type.Optional(fields.endsAt),
  },
  { additionalProperties: false },
);
export type NewShareItem = Static<typeof NewShareItem>;

export const ShareItemPatch = Type.Object(
  {
    /** Only for a link. */
    url: Type.Optional(fields.url),
    title: Type.Optional(fields.title),
    summary: Type.Optional(fields.summary),
    imageUrl: Type.Optional(fields.imageUrl),
    suggestions: Type.Optional(fields.suggestions),
    campaignId: Type.Optional(fields.campaignId),
    startsAt: Type.Optional(fields.startsAt),
    endsAt: Type.Optional(fields.endsAt),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type ShareItemPatch = Static<typeof ShareItemPatch>;

export const ReadyQuery = Type.Object(
  { campaignId: Type.Optional(Id), cursor: Type.Optional(Cursor), limit: Type.Optional(Limit) },
  { additionalProperties: false },
);
export type ReadyQuery = Static<typeof ReadyQuery>;

export const ItemListQuery = Type.Object(
  {
    state: Type.Optional(Type.Union([...SHARE_ITEM_STATES.map((s) => Type.Literal(s)), Type.Literal('all')])),
    campaignId: Type.Optional(Id),
    cursor: Type.Optional(Cursor),
    limit: Type.Optional(Limit),
  },
  { additionalProperties: false },
);
export type ItemListQuery = Static<typeof ItemListQuery>;
