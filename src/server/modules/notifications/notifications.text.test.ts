import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { digestDue, digestEmail, excerpt, langOf } from './notifications.text.js';

describe('excerpt', () => {
  it('turns Markdown into plain text with mentions as names', () => {
    expect(excerpt('# Hi @[Ana Bianchi](person:0d9c6c2e-8f0a-4c55-9b51-2b1a8c3e4f5a)!\n\n> **Great** [work](https://x.test) on `v2`')).toBe(
      'Hi @Ana Bianchi! Great work on v2',
    );
  });

  it('cuts long text at a word and never exceeds the limit by more than the ellipsis', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 500 }), fc.integer({ min: 10, max: 200 }), (s, max) => {
        const e = excerpt(s, max);
        expect(e.length).toBeLessThanOrEqual(max + 1);
      }),
    );
    expect(excerpt('one two three four five six seven', 20)).toBe('one two three four…');
  });
});

describe('when a digest is due', () => {
  const at = (iso: string) => new Date(iso);

  it('is due at once for someone who never had one, and never when switched off', () => {
    expect(digestDue('daily', null, null, at('2026-03-04T03:00:00Z'))).toBe(true);
    expect(digestDue('off', null, null, at('2026-03-04T09:00:00Z'))).toBe(false);
  });

  it('sends a daily digest once per morning, at 7 in the reader’s time zone', () => {
    const last = at('2026-03-03T07:05:00Z');
    expect(digestDue('daily', last, null, at('2026-03-03T22:00:00Z'))).toBe(false);
    expect(digestDue('daily', last, null, at('2026-03-04T06:59:00Z'))).toBe(false);
    expect(digestDue('daily', last, null, at('2026-03-04T07:00:00Z'))).toBe(true);
    // 07:00 in Rome is 06:00 UTC in March.
    expect(digestDue('daily', at('2026-03-03T06:10:00Z'), 'Europe/Rome', at('2026-03-04T05:59:00Z'))).toBe(false);
    expect(digestDue('daily', at('2026-03-03T06:10:00Z'), 'Europe/Rome', at('2026-03-04T06:00:00Z'))).toBe(true);
    // An unknown zone falls back to UTC.
    expect(digestDue('daily', last, 'Mars/Olympus', at('2026-03-04T07:00:00Z'))).toBe(true);
  });

  it('sends a weekly digest on Monday mornings only', () => {
    // 2026-03-02 is a Monday.
    const last = at('2026-03-02T07:10:00Z');
    expect(digestDue('weekly', last, null, at('2026-03-06T12:00:00Z'))).toBe(false);
    expect(digestDue('weekly', last, null, at('2026-03-09T06:00:00Z'))).toBe(false);
    expect(digestDue('weekly', last, null, at('2026-03-09T07:00:00Z'))).toBe(true);
    expect(digestDue('weekly', at('2026-02-20T07:00:00Z'), null, at('2026-03-01T12:00:00Z'))).toBe(true);
  });

  it('is never due right after a digest was sent, and always a week later', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2026-01-01'), max: new Date('2026-12-31'), noInvalidDate: true }),
        fc.constantFrom('daily' as const, 'weekly' as const),
        fc.constantFrom(null, 'Europe/Rome', 'America/New_York', 'Asia/Tokyo'),
        (sentAt, digest, zone) => {
          expect(digestDue(digest, sentAt, zone, sentAt)).toBe(false);
          expect(digestDue(digest, sentAt, zone, new Date(sentAt.getTime() + 7 * 86_400_000 + 3_600_000))).toBe(true);
        },
      ),
    );
  });
});

describe('digest e-mail', () => {
  const line = {
    type: 'mention',
    actorName: 'Bea Rossi',
    communityName: null,
    onComment: false,
    data: {},
    excerpt: 'Welcome aboard',
    link: 'https://t.test/posts/1',
  };

  it('speaks the reader’s language, else the organisation’s', () => {
    expect(langOf('it', 'en')).toBe('it');
    expect(langOf(null, 'it')).toBe('it');
    expect(langOf('en', 'it')).toBe('en');
    const base = {
      digest: 'daily' as const,
      name: 'Ana Bianchi',
      orgName: 'Aurora',
      lines: [line],
      more: 0,
      centreUrl: 'c',
      settingsUrl: 's',
    };
    const en = digestEmail({ ...base, lang: 'en' });
    expect(en.subject).toBe('Your day at Aurora: 1 new notification');
    expect(en.text).toContain('Hi Ana,');
    expect(en.text).toContain('• Bea Rossi mentioned you: “Welcome aboard”\n  https://t.test/posts/1');
    const it = digestEmail({ ...base, lang: 'it', digest: 'weekly', more: 3 });
    expect(it.subject).toBe('La tua settimana su Aurora: 4 novità');
    expect(it.text).toContain('Ciao Ana,');
    expect(it.text).toContain('Bea Rossi ti ha menzionato');
    expect(it.text).toContain('…e altre 3.');
  });

  it('says what recognition brought, in both languages', () => {
    const mail = (lang: 'en' | 'it', l: Partial<typeof line>) =>
      digestEmail({
        lang,
        digest: 'daily',
        name: 'Ana',
        orgName: 'A',
        lines: [{ ...line, excerpt: null, ...l }],
        more: 0,
        centreUrl: 'c',
        settingsUrl: 's',
      }).text;
    expect(mail('en', { type: 'kudos', data: { points: 10 } })).toContain('Bea Rossi gave you kudos and 10 points');
    expect(mail('it', { type: 'kudos', data: { points: 0 } })).toContain('Bea Rossi ti ha ringraziato');
    expect(mail('en', { type: 'badge', data: { name: 'First post' } })).toContain('You earned a badge: First post');
    expect(mail('en', { type: 'redemption', data: { rewardName: 'Book', status: 'refused' } })).toContain(
      'Your request for Book was refused; your points are back',
    );
    expect(mail('it', { type: 'redemption', data: { rewardName: 'Libro', status: 'approved' } })).toContain(
      'La tua richiesta di Libro è stata approvata',
    );
    expect(mail('en', { type: 'award', data: { points: 50 } })).toContain('The company awarded you 50 points');
    expect(mail('it', { type: 'recognition_flag' })).toContain('si scambiano punti');
  });

  it('tells the author what a moderator did and why', () => {
    const m = { ...line, type: 'moderation', excerpt: null, data: { action: 'hide', reason: 'Please keep it kind' } };
    const en = digestEmail({
      lang: 'en',
      digest: 'daily',
      name: 'Ana',
      orgName: 'A',
      lines: [m],
      more: 0,
      centreUrl: 'c',
      settingsUrl: 's',
    });
    expect(en.text).toContain('A moderator hid your post. Reason: Please keep it kind');
  });
});
