import type { Kysely, Transaction } from 'kysely';
import type { Config } from '../../config.js';
import type { DB } from '../../db/schema.js';
import type { RealtimeEvent } from '../../platform/events.js';
import { enqueue, type Handlers } from '../../platform/jobs.js';
import { ensureTick, scheduleNextTick } from '../../platform/ticks.js';
import { peopleWhoCanRead } from '../communities/communities.access.js';
import * as q from './events.queries.js';
import { notifyEventPeople } from './events.service.js';

/** Events reminded per tick; the rest wait for the next minute. */
const BATCH = 100;

type Due = Awaited<ReturnType<typeof q.claimDueReminders>>[number];

/** The start as the person reads it: in their language and the event's time zone. */
function when(e: Due, it: boolean): string {
  return new Intl.DateTimeFormat(it ? 'it-IT' : 'en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: e.timeZone,
    timeZoneName: 'short',
  }).format(e.startsAt);
}

function reminderMail(e: Due, person: { name: string }, it: boolean, publicUrl: string) {
  const page = `${publicUrl}/events/${e.id}`;
  const ics = `${publicUrl}/api/events/${e.id}/ics`;
  const where = [e.place, e.onlineUrl].filter((x): x is string => Boolean(x)).join(' · ');
  return it
    ? {
        subject: `Promemoria: ${e.title}`,
        text: [
          `Ciao ${person.name},`,
          '',
          `"${e.title}" inizia ${when(e, true)}.`,
          ...(where ? [`Dove: ${where}`] : []),
          '',
          `Dettagli: ${page}`,
          `Aggiungi al calendario: ${ics}`,
        ].join('\n'),
      }
    : {
        subject: `Reminder: ${e.title}`,
        text: [
          `Hello ${person.name},`,
          '',
          `"${e.title}" starts ${when(e, false)}.`,
          ...(where ? [`Where: ${where}`] : []),
          '',
          `Details: ${page}`,
          `Add to your calendar: ${ics}`,
        ].join('\n'),
      };
}

/** Reminds the people going or maybe to one event: a notification, and an e-mail with the calendar file. */
async function remind(trx: Transaction<DB>, e: Due, publicUrl: string): Promise<RealtimeEvent[]> {
  const people = await q.rsvpUserIds(trx, e.orgId, e.id, ['going', 'maybe']);
  const readers = await peopleWhoCanRead(trx, e.orgId, e.communityId, people);
  const events = await notifyEventPeople(trx, { orgId: e.orgId, userId: null }, e, [...readers], 'reminder');
  const orgLocale = await q.orgLocale(trx, e.orgId);
  for (const person of await q.recipients(trx, e.orgId, [...readers])) {
    const it = (person.locale ?? orgLocale).startsWith('it');
    await enqueue(trx, e.orgId, 'mail.send', {
      to: person.email,
      ...reminderMail(e, person, it, publicUrl),
      // The same on a retry, so that a mail client drops a second copy.
      messageId: `<event-reminder.${e.id}.${person.id}@tessuto>`,
    });
  }
  return events;
}

/** Sends event reminders. */
export function eventHandlers(config: Pick<Config, 'publicUrl'>): Pick<Handlers, 'events.tick'> {
  return {
    'events.tick': async (_payload, trx) => {
      const events: RealtimeEvent[] = [];
      // Claiming marks the events reminded in this job's transaction: if the job fails, it is all rolled back.
      for (const e of await q.claimDueReminders(trx, BATCH)) {
        events.push(...(await remind(trx, e, config.publicUrl)));
      }
      await scheduleNextTick(trx, 'events.tick', new Date());
      return events;
    },
  };
}

/** Starts the tick when a node starts its job worker (idempotent across nodes). */
export async function ensureEventSchedule(db: Kysely<DB>): Promise<void> {
  await ensureTick(db, 'events.tick');
}
