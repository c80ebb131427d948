import { Type } from 'typebox';
import { Id, Nullable, Page } from '../../platform/http.js';
import { SOCIAL_LIMITS } from '../../../shared/social.js';
import { ContentLang, PageQuery, PostView } from '../posts/posts.schemas.js';

export const NewQuestion = Type.Object(
  {
    /** The community to ask in; null or absent for the asker's own profile. */
    communityId: Type.Optional(Nullable(Id)),
    body: Type.String({ maxLength: SOCIAL_LIMITS.postBody }),
    lang: Type.Optional(ContentLang),
  },
  { additionalProperties: false },
);

export const BestAnswerBody = Type.Object({ commentId: Id }, { additionalProperties: false });

export const QuestionStatus = Type.Union([Type.Literal('unanswered'), Type.Literal('answered'), Type.Literal('all')]);

export const QuestionsQuery = Type.Object(
  { ...PageQuery.properties, status: Type.Optional(QuestionStatus) },
  { additionalProperties: false },
);

export const QuestionPage = Page(PostView);

export const UpvoteState = Type.Object({ upvoted: Type.Boolean(), upvoteCount: Type.Integer() });
