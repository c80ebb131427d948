import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, testApp, type TestApp } from '../../test/helpers.js';
import { buildDigest } from '../notifications/notifications.digest.js';
import { digestEmail, type DigestLine } from '../notifications/notifications.text.js';
import { group } from './surveys.test-helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const line = (type: string, data: Record<string, unknown>): DigestLine => ({
  type,
  actorName: null,
  communityName: null,
  onComment: false,
  data,
  excerpt: null,
  link: 'https://t.test/x',
});

function sentences(lang: 'en' | 'it', lines: DigestLine[]): string {
  return digestEmail({
    lang,
    digest: 'daily',
    name: 'Ana',
    orgName: 'Org',
    lines,
    more: 0,
    centreUrl: 'https://t.test/notifications',
    settingsUrl: 'https://t.test/settings',
  }).text;
}

describe('listening notifications in e-mail digests', () => {
  it('say what opened, what is waiting, and what was shared, in the reader’s language', () => {
    const lines = [
      line('survey', { title: 'Engagement', kind: 'survey', reminder: false }),
      line('survey', { title: 'Engagement', kind: 'survey', reminder: true }),
      line('survey', { title: 'Friday pulse', kind: 'pulse', reminder: false }),
      line('survey', { title: 'Check-in', kind: 'checkin', reminder: false }),
      line('feedback', { threadId: 'x' }),
      line('listening_action', { title: 'Fewer meetings' }),
    ];
    const en = sentences('en', lines);
    expect(en).toContain('A new survey is open for you: “Engagement”');
    expect(en).toContain('Reminder: “Engagement” is still waiting for your answer');
    expect(en).toContain('A new pulse is open for you: “Friday pulse”');
    expect(en).toContain('A quick check-in: how are you doing this week?');
    expect(en).toContain('You have a new message in an anonymous conversation');
    expect(en).toContain('An action plan was shared with you: “Fewer meetings”');
    const it_ = sentences('it', lines);
    expect(it_).toContain('Promemoria: “Engagement” aspetta ancora la tua risposta');
    expect(it_).toContain('Un breve check-in: come stai questa settimana?');
    expect(it_).not.toContain('Hai una nuova notifica');
  });

  it('link a survey notification to the round to answer', async () => {
    const org = await createOrg(t);
    const hr = await org.person({ roles: ['hr'] });
    const team = await group(t, org, 5);
    const created = await hr.client.post('/api/listening/surveys', {
      kind: 'survey',
      title: 'Engagement',
      questions: [{ bankKey: 'peers.trust' }],
      audience: { teamIds: [team.teamId] },
    });
    const id = created.json<{ id: string }>().id;
    const scheduled = await hr.client.post(`/api/listening/surveys/${id}/schedule`);
    const roundId = scheduled.json<{ currentRound: { id: string } }>().currentRound.id;
    const person = team.people[0]!.id;

    const db = t.app.ctx.db;
    const sent = await db.transaction().execute((trx) => buildDigest(trx, { publicUrl: 'https://tessuto.test' }, person));
    expect(sent).toBe(true);
    const mail = await db
      .selectFrom('jobs')
      .select('payload')
      .where('kind', '=', 'mail.send')
      .where('orgId', '=', org.orgId)
      .orderBy('createdAt', 'desc')
      .executeTakeFirstOrThrow();
    const text = (mail.payload as { text: string }).text;
    expect(text).toContain('A new survey is open for you: “Engagement”');
    expect(text).toContain(`https://tessuto.test/listening/answer/${roundId}`);
  });
});
