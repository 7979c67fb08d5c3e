import { describe, expect, it } from 'vitest';
import { last90Days, meanWords, shareWords } from './people-data.ts';

describe('people figures in words', () => {
  it('says a share with its interval, or why there is none', () => {
    expect(shareWords(65, { low: 49.45, high: 77.92 }, 40, 30)).toBe('65 % (95 % interval 49–78 %)');
    expect(shareWords(null, null, 4, 30)).toBe('n = 4: a figure needs 30');
  });
  it('says a mean with one decimal', () => {
    expect(meanWords(8, { low: 6.037, high: 9.963 })).toBe('8.0 (95 % interval 6.0–10.0)');
    expect(meanWords(null, null)).toBe('—');
  });
  it('takes 90 whole days ending tomorrow (UTC)', () => {
    expect(last90Days(Date.parse('2026-08-14T10:00:00Z'))).toEqual({ from: '2026-05-17T00:00:00.000Z', to: '2026-08-15T00:00:00.000Z' });
  });
});
