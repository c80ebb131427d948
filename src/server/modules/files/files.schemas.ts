import { Type, type Static } from 'typebox';
import { COMMS_LIMITS, FILE_KINDS } from '../../../shared/comms.js';
import { DateTime, Id, Nullable, Page } from '../../platform/http.js';

const oneOf = <T extends string>(values: readonly T[]) => Type.Unsafe<T>(Type.Union(values.map((v) => Type.Literal(v))));

export const FileKindSchema = oneOf(FILE_KINDS);

export const FilePerson = Type.Object({ id: Id, name: Type.String(), photoUrl: Nullable(Type.String()) });

/** What the viewer may do with a file; the web app shows actions from these, never from its own rules. */
export const FileAbilities = Type.Object({
  canEdit: Type.Boolean(),
  canDelete: Type.Boolean(),
  canAddVersion: Type.Boolean(),
  canSetPoster: Type.Boolean(),
});

export const FileSummary = Type.Object({
  id: Id,
  communityId: Id,
  name: Type.String(),
  kind: FileKindSchema,
  description: Type.String(),
  mime: Type.String(),
  /** Bytes of the current version. */
  size: Type.Number(),
  versionCount: Type.Integer(),
  /** Who uploaded the current version (null once their account is gone). */
  uploader: Nullable(FilePerson),
  createdAt: DateTime,
  updatedAt: DateTime,
  /** The current version's content, streamed with HTTP ranges. */
  url: Type.String(),
  posterUrl: Nullable(Type.String()),
  abilities: FileAbilities,
});
export type FileSummary = Static<typeof FileSummary>;

export const FileVersionView = Type.Object({
  id: Id,
  version: Type.Integer(),
  mime: Type.String(),
  size: Type.Number(),
  uploader: Nullable(FilePerson),
  createdAt: DateTime,
  url: Type.String(),
  posterUrl: Nullable(Type.String()),
});
export type FileVersionView = Static<typeof FileVersionView>;

export const FileView = Type.Intersect([FileSummary, Type.Object({ versions: Type.Array(FileVersionView) })]);
export type FileView = Static<typeof FileView>;

export const FilePage = Page(FileSummary);
export type FilePage = Static<typeof FilePage>;

export const FileListQuery = Type.Object(
  {
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  },
  { additionalProperties: false },
);
export type FileListQuery = Static<typeof FileListQuery>;

export const FilePatch = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: COMMS_LIMITS.fileName, pattern: '\\S' })),
    description: Type.Optional(Type.String({ maxLength: COMMS_LIMITS.fileDescription })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type FilePatch = Static<typeof FilePatch>;

export const ContentQuery = Type.Object(
  { version: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })) },
  { additionalProperties: false },
);
export type ContentQuery = Static<typeof ContentQuery>;
