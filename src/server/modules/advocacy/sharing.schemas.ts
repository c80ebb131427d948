import { Type } from 'typebox';
import { Nullable } from '../../platform/http.js';
import { ADVOCACY_LIMITS, SHARE_NETWORKS } from '../../../shared/advocacy.js';

export const ShareNetworkSchema = Type.Union(SHARE_NETWORKS.map((n) => Type.Literal(n)));

/** A share: the network, and the person's own words (not stored; they only go into the network's share page). */
export const ShareBody = Type.Object(
  {
    network: ShareNetworkSchema,
    text: Type.Optional(Type.String({ maxLength: ADVOCACY_LIMITS.shareText })),
  },
  { additionalProperties: false },
);

export const ShareResultSchema = Type.Object({
  shareId: Type.String({ format: 'uuid' }),
  trackedUrl: Type.String(),
  intentUrl: Nullable(Type.String()),
  points: Type.Integer(),
  badges: Type.Array(Type.String()),
});

/** Anything after /s/ reaches the handler, which answers 404 itself for what is not a code (without a database query). */
export const CodeParams = Type.Object({ code: Type.String({ maxLength: 200 }) }, { additionalProperties: false });
export const ItemParams = Type.Object({ itemId: Type.String({ maxLength: 200 }) }, { additionalProperties: false });
export const Html = Type.String({ description: 'An HTML page (text/html).' });
