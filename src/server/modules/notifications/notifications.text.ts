import type { Digest } from '../../../shared/social.js';
import { type COMMS_NOTIFICATIONS, type CommsNotificationType } from '../../../shared/comms.js';

/**
 * Plain text a notification or an e-mail can show of a post or comment written in Markdown: mentions
 * become their names, links their text, Markdown marks go, whitespace collapses, and it is cut at a
 * word near `max` characters. The result is text, never HTML: whoever shows it escapes it.
 */
export function excerpt(markdown: string, max = 140): string {
  const text = markdown
    .replace(/@\[([^\]\n]{1,100})\]\((?:person|community):[0-9a-fA-F-]{36}\)/g, '@$1')
    .replace(/!?\[([^\]\n]*)\]\([^)\s]*\)/g, '$1')
    .replace(/^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)/gm, '')
    .replace(/[*_~`]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (text.length <= max) {
    return text;
  }
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s.,;:!?-]+$/, '')}…`;
}

/** The hour of the morning, in the reader's time zone, digests go out at. */
export const DIGEST_HOUR = 7;

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** 0 for Monday … 6 for Sunday. */
  weekday: number;
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

function wallClock(at: Date, timeZone: string): WallClock {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      weekday: 'short',
      hourCycle: 'h23',
    }).formatToParts(at);
  } catch {
    return wallClock(at, 'UTC');
  }
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return {
    year: Number(get('year')),
    month: Number(get('month')),
    day: Number(get('day')),
    hour: Number(get('hour')) % 24,
    minute: Number(get('minute')),
    weekday: WEEKDAYS.indexOf(get('weekday')),
  };
}

/** A wall-clock time as a comparable number (milliseconds as if the zone were UTC). */
const wallMs = (w: WallClock) => Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);

/**
 * Whether a digest is due: the most recent digest morning (every day, or Mondays for weekly, at
 * DIGEST_HOUR in the reader's time zone — UTC when unknown) has passed since the last digest was sent.
 * Someone who never had one is due at once.
 */
export function digestDue(digest: Digest, lastDigestAt: Date | null, timeZone: string | null, now: Date): boolean {
  if (digest === 'off') {
    return false;
  }
  if (!lastDigestAt) {
    return true;
  }
  const zone = timeZone ?? 'UTC';
  const local = wallClock(now, zone);
  const dayMs = 86_400_000;
  let slot = Date.UTC(local.year, local.month - 1, local.day, DIGEST_HOUR);
  let weekday = local.weekday;
  if (local.hour < DIGEST_HOUR) {
    slot -= dayMs;
    weekday = (weekday + 6) % 7;
  }
  if (digest === 'weekly') {
    slot -= weekday * dayMs;
  }
  return wallMs(wallClock(lastDigestAt, zone)) < slot;
}

// E-mail digest texts, in the reader's language.

export type Lang = 'en' | 'it';

/** The language of someone's e-mails: their own choice, else the organisation's. */
export const langOf = (userLocale: string | null, orgLocale: string): Lang => ((userLocale ?? orgLocale).startsWith('it') ? 'it' : 'en');

/** What a digest line needs to know about one notification. */
export interface DigestLine {
  type: string;
  actorName: string | null;
  communityName: string | null;
  /** Whether it is about a comment rather than a post. */
  onComment: boolean;
  data: Record<string, unknown>;
  excerpt: string | null;
  link: string;
}

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

function sentence(lang: Lang, l: DigestLine): string {
  const it = lang === 'it';
  const who = l.actorName ?? (it ? 'Qualcuno' : 'Someone');
  const where = l.communityName ?? (it ? 'una community' : 'a community');
  const action = l.data.action === 'remove' ? 'remove' : 'hide';
  const reason = typeof l.data.reason === 'string' && l.data.reason ? l.data.reason : null;
  switch (l.type) {
    case 'mention':
      return it ? `${who} ti ha menzionato` : `${who} mentioned you`;
    case 'comment':
      return it ? `${who} ha commentato il tuo post` : `${who} commented on your post`;
    case 'reply':
      return it ? `${who} ha risposto al tuo commento` : `${who} replied to your comment`;
    case 'reaction':
      if (l.onComment) {
        return it ? `${who} ha reagito al tuo commento` : `${who} reacted to your comment`;
      }
      return it ? `${who} ha reagito al tuo post` : `${who} reacted to your post`;
    case 'follow':
      return it ? `${who} ha iniziato a seguirti` : `${who} started following you`;
    case 'community_invitation':
      return it ? `${who} ti ha invitato a unirti a ${where}` : `${who} invited you to join ${where}`;
    case 'community_request':
      return it ? `${who} ha chiesto di unirsi a ${where}` : `${who} asked to join ${where}`;
    case 'community_request_approved':
      return it ? `Ora fai parte di ${where}` : `You're now a member of ${where}`;
    case 'moderation': {
      const what = it
        ? `Un moderatore ha ${action === 'remove' ? 'rimosso' : 'nascosto'} ${l.onComment ? 'un tuo commento' : 'un tuo post'}`
        : `A moderator ${action === 'remove' ? 'removed' : 'hid'} your ${l.onComment ? 'comment' : 'post'}`;
      return reason ? `${what}. ${it ? 'Motivo' : 'Reason'}: ${reason}` : what;
    }
    case 'kudos': {
      const points = num(l.data.points);
      if (points > 0) {
        return it ? `${who} ti ha ringraziato con ${points} punti` : `${who} gave you kudos and ${points} points`;
      }
      return it ? `${who} ti ha ringraziato` : `${who} gave you kudos`;
    }
    case 'badge': {
      const name = text(l.data.name);
      return it ? `Hai ottenuto un badge${name ? `: ${name}` : ''}` : `You earned a badge${name ? `: ${name}` : ''}`;
    }
    case 'redemption': {
      const reward = text(l.data.rewardName) ?? (it ? 'un premio' : 'a reward');
      if (l.data.status === 'refused') {
        return it
          ? `La tua richiesta di ${reward} non è stata accettata; i punti ti sono stati restituiti`
          : `Your request for ${reward} was refused; your points are back`;
      }
      return it ? `La tua richiesta di ${reward} è stata approvata` : `Your request for ${reward} was approved`;
    }
    case 'award': {
      const points = num(l.data.points);
      return it ? `Hai ricevuto ${points} punti dall'azienda` : `The company awarded you ${points} points`;
    }
    case 'recognition_flag':
      return it
        ? `Alcune persone si scambiano punti a vicenda: dai un'occhiata`
        : `Some people are passing points back and forth: please take a look`;
    case 'survey': {
      const title = text(l.data.title);
      const checkin = l.data.kind === 'checkin';
      if (l.data.reminder === true) {
        if (checkin) {
          return it ? `Promemoria: il check-in aspetta ancora la tua risposta` : `Reminder: the check-in is still waiting for your answer`;
        }
        return it
          ? `Promemoria: ${title ? `“${title}”` : 'un sondaggio'} aspetta ancora la tua risposta`
          : `Reminder: ${title ? `“${title}”` : 'a survey'} is still waiting for your answer`;
      }
      if (checkin) {
        return it ? `Un breve check-in: come stai questa settimana?` : `A quick check-in: how are you doing this week?`;
      }
      if (l.data.kind === 'pulse') {
        return it
          ? `C'è un nuovo pulse da compilare${title ? `: “${title}”` : ''}`
          : `A new pulse is open for you${title ? `: “${title}”` : ''}`;
      }
      return it
        ? `C'è un nuovo sondaggio per te${title ? `: “${title}”` : ''}`
        : `A new survey is open for you${title ? `: “${title}”` : ''}`;
    }
    case 'feedback':
      return it ? `Hai un nuovo messaggio in una conversazione anonima` : `You have a new message in an anonymous conversation`;
    case 'listening_action': {
      const title = text(l.data.title);
      return it
        ? `È stata condivisa con te un'azione di miglioramento${title ? `: “${title}”` : ''}`
        : `An action plan was shared with you${title ? `: “${title}”` : ''}`;
    }
    case 'customer_followup': {
      const account = text(l.data.accountName);
      if (account) {
        return it ? `Un cliente di ${account} aspetta una risposta da te` : `A customer at ${account} is waiting for your follow-up`;
      }
      return it ? `Un cliente aspetta una risposta da te` : `A customer is waiting for your follow-up`;
    }
    case 'customer_praise': {
      const quote = text(l.data.quote);
      return it
        ? `Un cliente ti ha ringraziato per nome${quote ? `: «${quote}»` : ''}`
        : `A customer thanked you by name${quote ? `: “${quote}”` : ''}`;
    }
    case 'announcement':
    case 'urgent':
    case 'safety_check':
    case 'event':
    case 'answer':
    case 'ama':
      return commsSentence(it, l.type, text(l.data.variant), text(l.data.title), who);
    default:
      return it ? `Hai una nuova notifica` : `You have a new notification`;
  }
}

/** Sentences of the communication notifications, by type and variant: [English, Italian], with “title” and who. */
const COMMS_SENTENCES: { [T in CommsNotificationType]: Record<(typeof COMMS_NOTIFICATIONS)[T][number], [string, string]> } = {
  announcement: {
    published: ['New announcement: “{title}”', 'Nuovo annuncio: «{title}»'],
    reminder: ['Please read and acknowledge “{title}”', 'Leggi e conferma la lettura di «{title}»'],
  },
  urgent: {
    published: ['Urgent: “{title}”', 'Urgente: «{title}»'],
    escalated: ['Urgent, still waiting for your acknowledgement: “{title}”', 'Urgente, aspettiamo ancora la tua conferma: «{title}»'],
  },
  safety_check: {
    started: ['Safety check: are you safe? “{title}”', 'Controllo sicurezza: stai bene? «{title}»'],
    reminder: ['Reminder: tell us whether you are safe (“{title}”)', 'Promemoria: facci sapere se stai bene («{title}»)'],
    help: ['{who} needs help (“{title}”)', '{who} ha bisogno di aiuto («{title}»)'],
  },
  event: {
    invited: ['{who} invites you to “{title}”', '{who} ti invita a «{title}»'],
    reminder: ['Starting soon: “{title}”', 'Tra poco: «{title}»'],
    promoted: ['A seat freed up: you are going to “{title}”', 'Si è liberato un posto: partecipi a «{title}»'],
    changed: ['“{title}” has changed', '«{title}» è cambiato'],
    cancelled: ['“{title}” was cancelled', '«{title}» è stato annullato'],
  },
  answer: {
    answered: ['{who} answered your question “{title}”', '{who} ha risposto alla tua domanda «{title}»'],
    best: ['Your answer to “{title}” was marked as the best', 'La tua risposta a «{title}» è stata scelta come la migliore'],
  },
  ama: {
    live: ['The AMA “{title}” is live now', "L'AMA «{title}» è in diretta ora"],
    answered: ['Your question in “{title}” was answered', 'La tua domanda in «{title}» ha ricevuto risposta'],
  },
};

function commsSentence(it: boolean, type: CommsNotificationType, variant: string | null, title: string | null, who: string): string {
  const byVariant = COMMS_SENTENCES[type] as Record<string, [string, string]>;
  const pair = (variant && byVariant[variant]) || Object.values(byVariant)[0]!;
  return pair[it ? 1 : 0].replace('{title}', title ?? '…').replace('{who}', who);
}

/** The subject and plain-text body of one digest e-mail. */
export function digestEmail(input: {
  lang: Lang;
  digest: 'daily' | 'weekly';
  name: string;
  orgName: string;
  lines: DigestLine[];
  /** How many more there were than the lines listed. */
  more: number;
  centreUrl: string;
  settingsUrl: string;
}): { subject: string; text: string } {
  const it = input.lang === 'it';
  const total = input.lines.length + input.more;
  const firstName = input.name.split(/\s+/)[0] || input.name;
  const subject = it
    ? `${input.digest === 'weekly' ? 'La tua settimana' : 'La tua giornata'} su ${input.orgName}: ${total === 1 ? '1 novità' : `${total} novità`}`
    : `${input.digest === 'weekly' ? 'Your week' : 'Your day'} at ${input.orgName}: ${total === 1 ? '1 new notification' : `${total} new notifications`}`;
  const items = input.lines.map((l) => {
    const head = sentence(input.lang, l);
    const quote = l.excerpt ? `: “${l.excerpt}”` : '';
    return `• ${head}${quote}\n  ${l.link}`;
  });
  const more =
    input.more > 0
      ? [
          it
            ? `…e altre ${input.more}. Le trovi tutte qui: ${input.centreUrl}`
            : `…and ${input.more} more. See them all here: ${input.centreUrl}`,
        ]
      : [];
  const text = it
    ? [
        `Ciao ${firstName},`,
        '',
        `ecco cosa è successo su ${input.orgName} mentre eri via:`,
        '',
        ...items,
        ...more,
        '',
        `Tutte le notifiche: ${input.centreUrl}`,
        '',
        `Ricevi questo riepilogo ${input.digest === 'weekly' ? 'ogni settimana' : 'ogni giorno'}. Per cambiare la frequenza o cosa contiene: ${input.settingsUrl}`,
      ]
    : [
        `Hi ${firstName},`,
        '',
        `here's what happened at ${input.orgName} while you were away:`,
        '',
        ...items,
        ...more,
        '',
        `All your notifications: ${input.centreUrl}`,
        '',
        `You get this summary ${input.digest === 'weekly' ? 'every week' : 'every day'}. To change how often, or what it includes: ${input.settingsUrl}`,
      ];
  return { subject, text: `${text.join('\n')}\n` };
}
