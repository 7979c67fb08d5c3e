import { describe, expect, it } from 'vitest';
import { customersWords, lastDays, questionPeriod, trendWords } from './period.ts';

describe('the ranking period', () => {
  it('is the last N days up to now', () => {
    expect(lastDays(Date.parse('2026-03-31T00:00:00Z'), 30)).toEqual({ from: '2026-03-01T00:00:00.000Z', to: '2026-03-31T00:00:00.000Z' });
  });
  it('words a trend with its sign', () => {
    expect([trendWords(3), trendWords(-2), trendWords(0)]).toEqual(['+3', '−2', 'same']);
  });
  it('shows an estimate of customers with its margin, an exact count as it is', () => {
    expect(customersWords({ customers: 12, customersEstimated: false, customersError: null })).toEqual({ text: '12' });
    expect(customersWords({ customers: 41234, customersEstimated: true, customersError: 0.0325 })).toEqual({
      text: '≈ 41,234',
      hint: 'an estimate, within ±6.4 % 19 times in 20',
    });
  });
  it('reads the review question’s optional period, with a message for each wrong field', () => {
    expect(questionPeriod('', '')).toEqual({ period: {}, errors: {} });
    const ok = questionPeriod('2026-03-01T10:00', '');
    expect(ok.errors).toEqual({});
    expect(ok.period.from).toBe(new Date('2026-03-01T10:00').toISOString());
    expect(questionPeriod('yesterday', '').errors).toEqual({ from: 'Enter a date and a time, or leave it empty.' });
    expect(questionPeriod('2026-03-02T10:00', '2026-03-01T10:00').errors).toEqual({ to: 'The end must be after the start.' });
  });
});
