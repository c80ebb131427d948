import { Type, type Static } from 'typebox';

const fields = {
  /** Announcements to more people than this need a broadcaster. */
  broadcastAudienceLimit: Type.Integer({ minimum: 0, maximum: 10_000_000 }),
  /** Minutes before an unacknowledged urgent broadcast goes out on the next channel. */
  escalationMinutes: Type.Integer({ minimum: 5, maximum: 10_080 }),
  /** Hours between reminders to acknowledge. */
  reminderHours: Type.Integer({ minimum: 1, maximum: 720 }),
  /** Largest file a community may hold, in bytes (1 KiB to 5 GiB). */
  fileMaxBytes: Type.Integer({ minimum: 1024, maximum: 5 * 1024 ** 3 }),
  /** Largest video, in bytes (1 KiB to 20 GiB). */
  videoMaxBytes: Type.Integer({ minimum: 1024, maximum: 20 * 1024 ** 3 }),
};

export const CommsSettings = Type.Object(fields);
export type CommsSettings = Static<typeof CommsSettings>;

export const CommsSettingsPatch = Type.Object(
  {
    broadcastAudienceLimit: Type.Optional(fields.broadcastAudienceLimit),
    escalationMinutes: Type.Optional(fields.escalationMinutes),
    reminderHours: Type.Optional(fields.reminderHours),
    fileMaxBytes: Type.Optional(fields.fileMaxBytes),
    videoMaxBytes: Type.Optional(fields.videoMaxBytes),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type CommsSettingsPatch = Static<typeof CommsSettingsPatch>;
