/** Whether a poll no longer takes votes. */
export const isClosed = (closesAt: Date | null, now = new Date()) => closesAt !== null && closesAt.getTime() <= now.getTime();
