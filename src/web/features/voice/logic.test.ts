import { createHmac } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { FeedbackItem } from './api.js';
import {
  absoluteUrl,
  canMove,
  canPassOn,
  categoryOf,
  curlExample,
  dueState,
  isDay,
  isOverdue,
  isPraise,
  nodeExample,
  pickTab,
  settingProblem,
  tabFilters,
  today,
  toSettings,
} from './logic.js';

const praise: FeedbackItem = {
  id: '0190a0a0-0000-7000-8000-000000000001',
  kind: 'nps',
  score: 10,
  category: 'promoter',
  comment: 'Giulia sorted our invoices in a day',
  channel: 'link',
  source: null,
  account: { id: 'a1', name: 'Acme' },
  contact: { id: 'c1', name: 'Ann Lee' },
  team: { id: 't1', name: 'Support' },
  namedUser: { id: 'u1', name: 'Giulia Rossi' },
  shareAllowed: true,
  locale: 'en',
  receivedAt: '2026-11-20T10:00:00.000Z',
  followup: null,
  passedOn: null,
};

describe('answer categories', () => {
  it('files NPS answers by the usual bands', () => {
    expect([0, 6, 7, 8, 9, 10].map((s) => categoryOf('nps', s))).toEqual([
      'detractor',
      'detractor',
      'passive',
      'passive',
      'promoter',
      'promoter',
    ]);
  });

  it('files CSAT answers as pleased at 4–5, neutral at 3 and unhappy at 1–2', () => {
    expect([1, 2, 3, 4, 5].map((s) => categoryOf('csat', s))).toEqual(['detractor', 'detractor', 'passive', 'promoter', 'promoter']);
  });

  it('counts only top answers as praise', () => {
    expect(isPraise({ kind: 'nps', score: 9 })).toBe(true);
    expect(isPraise({ kind: 'nps', score: 8 })).toBe(false);
    expect(isPraise({ kind: 'csat', score: 4 })).toBe(true);
    expect(isPraise({ kind: 'csat', score: 3 })).toBe(false);
  });
});

describe('passing praise on', () => {
  it('is offered for shareable praise that names someone and was not passed on yet', () => {
    expect(canPassOn(praise)).toBe(true);
  });

  it('is not offered without the customer’s consent, a named person, praise, or when done already', () => {
    expect(canPassOn({ ...praise, shareAllowed: false })).toBe(false);
    expect(canPassOn({ ...praise, namedUser: null })).toBe(false);
    expect(canPassOn({ ...praise, score: 8 })).toBe(false);
    expect(canPassOn({ ...praise, kind: 'csat', score: 3 })).toBe(false);
    expect(canPassOn({ ...praise, passedOn: { postId: 'p1', at: '2026-11-21T09:00:00.000Z' } })).toBe(false);
  });
});

describe('due dates', () => {
  it('calls a follow-up overdue only when its day has passed and it is not done', () => {
    expect(dueState({ status: 'open', dueOn: '2026-11-20' }, '2026-11-21')).toBe('overdue');
    expect(dueState({ status: 'in_progress', dueOn: '2026-11-21' }, '2026-11-21')).toBe('today');
    expect(dueState({ status: 'open', dueOn: '2026-11-22' }, '2026-11-21')).toBe('later');
    expect(dueState({ status: 'done', dueOn: '2026-11-01' }, '2026-11-21')).toBe('done');
    expect(isOverdue({ status: 'open', dueOn: '2026-11-20' }, '2026-11-21')).toBe(true);
    expect(isOverdue({ status: 'done', dueOn: '2026-11-20' }, '2026-11-21')).toBe(false);
  });

  it('offers only the status moves the server allows: a closed follow-up can only be reopened', () => {
    expect(canMove('open', 'done')).toBe(true);
    expect(canMove('in_progress', 'open')).toBe(true);
    expect(canMove('done', 'open')).toBe(true);
    expect(canMove('done', 'in_progress')).toBe(false);
  });

  it('counts days in UTC, as the server does, and accepts only real days', () => {
    expect(today(new Date(Date.UTC(2026, 0, 5, 23, 30)))).toBe('2026-01-05');
    expect(today(new Date(Date.UTC(2026, 0, 6, 0, 10)))).toBe('2026-01-06');
    expect(isDay('2028-02-29')).toBe(true);
    expect(isDay('2026-02-30')).toBe(false);
    expect(isDay('30/11/2026')).toBe(false);
  });
});

describe('follow-up tabs', () => {
  it('shows people who are not customer staff only their own follow-ups, whatever the address asks', () => {
    expect(pickTab('open', false)).toBe('mine');
    expect(pickTab(null, false)).toBe('mine');
  });

  it('opens staff on the open follow-ups and ignores unknown tabs', () => {
    expect(pickTab(null, true)).toBe('open');
    expect(pickTab('done', true)).toBe('done');
    expect(pickTab('everything', true)).toBe('open');
  });

  it('asks the server for one status per tab, and for every status of one’s own', () => {
    expect(tabFilters('in_progress')).toEqual({ status: 'in_progress' });
    expect(tabFilters('mine')).toEqual({ mine: true });
  });
});

describe('settings form', () => {
  const good = { detractorMax: 6, csatDetractorMax: 2, followupDays: 5, requestDays: 30, windowMonths: 6 };

  it('sends whole numbers within bounds', () => {
    expect(toSettings(good)).toEqual(good);
    expect(toSettings({ ...good, followupDays: '7' })).toEqual({ ...good, followupDays: 7 });
  });

  it('refuses empty, fractional and out-of-range values', () => {
    expect(settingProblem('followupDays', '')).toBe('required');
    expect(settingProblem('followupDays', 2.5)).toBe('whole');
    expect(settingProblem('detractorMax', 9)).toBe('range');
    expect(settingProblem('csatDetractorMax', 4)).toBe('range');
    expect(settingProblem('followupDays', 61)).toBe('range');
    expect(settingProblem('requestDays', 180)).toBeNull();
    expect(settingProblem('windowMonths', 0)).toBe('range');
    expect(settingProblem('windowMonths', 24)).toBeNull();
    expect(toSettings({ ...good, requestDays: '' })).toBeNull();
  });
});

/** The shell example needs openssl; machines without it skip that one check. */
const hasOpenssl = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('webhook examples', () => {
  const url = 'https://tessuto.example.com/api/customers/webhooks/0190a0a0/receive';

  it('make relative addresses absolute and leave absolute ones alone', () => {
    expect(absoluteUrl('/embed/f1', 'https://tessuto.example.com/')).toBe('https://tessuto.example.com/embed/f1');
    expect(absoluteUrl(url, 'http://localhost:3000')).toBe(url);
  });

  it('send both signature headers to the webhook’s address', () => {
    for (const code of [curlExample(url), nodeExample(url)]) {
      expect(code).toContain(url);
      expect(code).toContain('x-tessuto-timestamp');
      expect(code).toContain('x-tessuto-signature');
      expect(code).toContain('sha256=');
      expect(code).toContain('TESSUTO_WEBHOOK_SECRET');
    }
  });

  it.skipIf(!hasOpenssl)('sign in the shell exactly as the server checks: hex HMAC-SHA256 of timestamp, dot, body', () => {
    // Run the example's signing line with a fixed timestamp and compare with Node's own HMAC.
    const lines = curlExample(url).split('\n');
    const script = [lines[0], 'TS=1764000000', lines[2], 'printf %s "$SIG"'].join('\n');
    const fromShell = execFileSync('sh', ['-c', script], { env: { ...process.env, TESSUTO_WEBHOOK_SECRET: 's3cret' } }).toString();
    const body = '{"kind":"nps","score":9,"comment":"Great support","accountExternalId":"ACME-001"}';
    expect(fromShell).toBe(createHmac('sha256', 's3cret').update(`1764000000.${body}`).digest('hex'));
  });
});
