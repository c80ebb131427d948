import { Type, type Static } from 'typebox';
import { Id, Nullable } from '../../platform/http.js';
import { FEEDBACK_RECIPIENTS, LISTENING_LIMITS } from '../../../shared/listening.js';

/** The request header that carries a writer's key; the only thing that ties a writer to a thread. */
export const KEY_HEADER = 'x-feedback-key';

export const FEEDBACK_STATUSES = ['open', 'closed', 'escalated'] as const;
export const MAX_KEYS = 50;
export const ESCALATION_NOTE_MAX = 2000;
/** Messages per page of a thread. */
export const MESSAGES_PAGE = 50;

/** A writer's key as the client holds it; anything that is not a live key answers 404, not 400. */
const Key = Type.String({ minLength: 1, maxLength: 200 });
const Day = Type.String({ format: 'date' });
const Cursor = Type.String({ minLength: 1, maxLength: 100 });
const Status = Type.Enum(FEEDBACK_STATUSES);
const Sender = Type.Enum(['writer', 'recipient'] as const);
const Body = Type.String({ minLength: 1, maxLength: LISTENING_LIMITS.feedbackMessage });

export const KeyHeaders = Type.Object({ [KEY_HEADER]: Type.Optional(Key) });

export const Person = Type.Object({
  id: Id,
  name: Type.String(),
  title: Nullable(Type.String()),
  photoUrl: Nullable(Type.String()),
});
export type Person = Static<typeof Person>;

/** Where a new conversation can go, and exactly who would read it. */
export const Options = Type.Object({
  /** The organisation's anonymity threshold: a manager needs at least this many people. */
  threshold: Type.Integer(),
  manager: Nullable(
    Type.Object({
      person: Person,
      /** How many people report to them: the manager will know the writer is one of them. */
      reports: Type.Integer(),
      /** False when they have fewer people than the threshold. */
      allowed: Type.Boolean(),
    }),
  ),
  hr: Type.Object({
    /** Up to 20 of the readers, by name. */
    people: Type.Array(Person),
    count: Type.Integer(),
    /** Nobody has the HR role, so the administrators read these. */
    administrators: Type.Boolean(),
  }),
  leadership: Type.Object({
    people: Type.Array(Person),
    count: Type.Integer(),
    /** The organisation named no leadership, so the administrators read these. */
    administrators: Type.Boolean(),
  }),
});

export const NewThread = Type.Object(
  {
    recipient: Type.Enum(FEEDBACK_RECIPIENTS),
    subject: Type.String({ minLength: 1, maxLength: LISTENING_LIMITS.feedbackSubject }),
    /** Markdown. */
    body: Body,
  },
  { additionalProperties: false },
);
export type NewThread = Static<typeof NewThread>;

export const Started = Type.Object({
  threadId: Id,
  /** The writer's key, shown once: whoever holds it can read and continue the conversation. */
  key: Type.String(),
});

export const NewMessage = Type.Object({ body: Body }, { additionalProperties: false });

export const MineBody = Type.Object({ keys: Type.Array(Key, { maxItems: MAX_KEYS }) }, { additionalProperties: false });

export const ThreadQuery = Type.Object(
  {
    /** Older messages: those before this sequence number. */
    before: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);

export const ThreadParams = Type.Object({ threadId: Id }, { additionalProperties: false });

export const InboxQuery = Type.Object(
  {
    status: Type.Optional(Status),
    cursor: Type.Optional(Cursor),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  },
  { additionalProperties: false },
);

export const Escalate = Type.Object(
  { note: Type.String({ minLength: 1, maxLength: ESCALATION_NOTE_MAX }) },
  { additionalProperties: false },
);

const ThreadBase = {
  subject: Type.String(),
  recipientKind: Type.Enum(FEEDBACK_RECIPIENTS),
  /** The manager a `manager` thread was written to. */
  recipient: Nullable(Person),
  status: Status,
  /** HR or an administrator stopped the writer from writing in it. */
  blocked: Type.Boolean(),
  startedOn: Day,
  activityOn: Day,
};

/** A writer's view of one of their threads, without messages. */
export const WriterSummary = Type.Object({
  key: Type.String(),
  threadId: Id,
  ...ThreadBase,
  revealed: Type.Boolean(),
  /** A recipient wrote since the writer last read it. */
  unread: Type.Boolean(),
});

export const WriterThreads = Type.Object({ items: Type.Array(WriterSummary) });

export const WriterMessage = Type.Object({
  seq: Type.Integer(),
  sender: Sender,
  html: Type.String(),
  sentOn: Day,
  /** Who answered (for the writer's own messages: null). */
  author: Nullable(
    Type.Evaluate(Type.Intersect([Person, Type.Object({ role: Nullable(Type.Enum(['manager', 'hr', 'leadership', 'admin'] as const)) })])),
  ),
});

export const WriterThread = Type.Object({
  threadId: Id,
  ...ThreadBase,
  revealed: Type.Boolean(),
  unread: Type.Boolean(),
  canReply: Type.Boolean(),
  canReveal: Type.Boolean(),
  /** Oldest first; the newest page unless `before` was given. */
  messages: Type.Array(WriterMessage),
  /** Ask with `before` set to this for older messages; null when there are none. */
  olderBefore: Nullable(Type.Integer()),
});

export const InboxItem = Type.Object({
  id: Id,
  ...ThreadBase,
  /** A message the recipients have not read yet. */
  unread: Type.Boolean(),
  escalated: Type.Boolean(),
  /** The writer, once they chose to say who they are. */
  revealed: Nullable(Person),
  messages: Type.Integer(),
  lastSender: Sender,
});

export const InboxPage = Type.Object({ items: Type.Array(InboxItem), nextCursor: Nullable(Type.String()) });

export const InboxSummary = Type.Object({
  /** The person receives anonymous feedback (a manager, HR, the leadership) or has some. */
  receives: Type.Boolean(),
  unread: Type.Integer(),
  open: Type.Integer(),
});

export const RecipientMessage = Type.Object({
  seq: Type.Integer(),
  sender: Sender,
  html: Type.String(),
  sentOn: Day,
  /** The replier; for the writer's messages, the writer only once they revealed themselves. */
  author: Nullable(Person),
});

export const RecipientThread = Type.Object({
  id: Id,
  ...ThreadBase,
  unread: Type.Boolean(),
  revealed: Nullable(Person),
  escalation: Nullable(Type.Object({ note: Type.String(), by: Nullable(Person), on: Day })),
  canReply: Type.Boolean(),
  canClose: Type.Boolean(),
  canReopen: Type.Boolean(),
  canEscalate: Type.Boolean(),
  canBlock: Type.Boolean(),
  messages: Type.Array(RecipientMessage),
  olderBefore: Nullable(Type.Integer()),
});
