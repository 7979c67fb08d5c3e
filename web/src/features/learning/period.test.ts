import { describe, expect, it } from 'vitest';
import { lastDays, trendWords } from './period.ts';

describe('the ranking period', () => {
  it('is the last N days up to now', () => {
    expect(lastDays(Date.parse('2026-03-31T00:00:00Z'), 30)).toEqual({ from: '2026-03-01T00:00:00.000Z', to: '2026-03-31T00:00:00.000Z' });
  });
  it('words a trend with its sign', () => {
    expect([trendWords(3), trendWords(-2), trendWords(0)]).toEqual(['+3', '−2', 'same']);
  });
});
