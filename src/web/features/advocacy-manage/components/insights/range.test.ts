import { describe, expect, it } from 'vitest';
import { insightsCsvUrl, lastDays, rangeProblem } from '../../insights-api.js';

describe('advocacy insights ranges', () => {
  it('counts the last days up to today in UTC, both ends included', () => {
    // 23:30 in UTC is already the next day in Rome: the server's day is the UTC one
    expect(lastDays(7, new Date('2026-11-27T23:30:00Z'))).toEqual({ from: '2026-11-21', to: '2026-11-27' });
    expect(lastDays(30, new Date('2026-03-01T00:00:00Z'))).toEqual({ from: '2026-01-31', to: '2026-03-01' });
  });

  it('finds what is wrong with a custom range', () => {
    expect(rangeProblem('2026-01-01', '2026-01-01')).toBeNull();
    expect(rangeProblem('2024-01-01', '2024-12-31')).toBeNull();
    expect(rangeProblem('2024-01-01', '2025-01-01')).toBe('tooLong');
    expect(rangeProblem('2026-02-02', '2026-02-01')).toBe('order');
    expect(rangeProblem('2026-02-30', '2026-03-01')).toBe('invalid');
    expect(rangeProblem('', '2026-03-01')).toBe('invalid');
  });

  it('builds the CSV address of a table with the same filters', () => {
    expect(insightsCsvUrl({ from: '2026-10-01', to: '2026-10-07' }, 'byNetwork')).toBe(
      '/api/advocacy/insights.csv?from=2026-10-01&to=2026-10-07&table=byNetwork',
    );
    expect(insightsCsvUrl({ from: '2026-10-01', to: '2026-10-07', campaignId: 'c1' }, 'topItems')).toContain('&campaignId=c1');
  });
});
