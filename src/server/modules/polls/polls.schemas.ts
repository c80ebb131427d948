import { Type } from 'typebox';
import { DateTime, Id, Nullable, Page } from '../../platform/http.js';
import { COMMS_LIMITS } from '../../../shared/comms.js';
import { SOCIAL_LIMITS } from '../../../shared/social.js';
import { Author, ContentLang } from '../posts/posts.schemas.js';

export const NewPoll = Type.Object(
  {
    /** The community to ask in; null or absent for the author's own profile. */
    communityId: Type.Optional(Nullable(Id)),
    /** The question, in Markdown. */
    body: Type.String({ maxLength: SOCIAL_LIMITS.postBody }),
    lang: Type.Optional(ContentLang),
    options: Type.Array(Type.String({ maxLength: COMMS_LIMITS.pollOption }), { minItems: 2, maxItems: COMMS_LIMITS.pollOptions }),
    multiple: Type.Optional(Type.Boolean()),
    anonymous: Type.Optional(Type.Boolean()),
    /** When voting ends; in the future. */
    closesAt: Type.Optional(Nullable(Type.String({ format: 'date-time' }))),
  },
  { additionalProperties: false },
);

export const VoteBody = Type.Object(
  { optionIds: Type.Array(Id, { minItems: 1, maxItems: COMMS_LIMITS.pollOptions, uniqueItems: true }) },
  { additionalProperties: false },
);

export const PollVoter = Type.Object({ person: Author, optionIds: Type.Array(Id), votedAt: DateTime });
export const VoterPage = Page(PollVoter);
