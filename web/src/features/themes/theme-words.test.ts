import { describe, expect, it } from 'vitest';
import { npsWords, parseWords, shareWords } from './theme-words.ts';

describe('theme words', () => {
  it('shows a share with its interval, or the count when there are too few texts', () => {
    expect(shareWords({ value: 12.345, interval: { low: 9.1, high: 15.9 } }, 40)).toBe('12.3 % (9.1–15.9)');
    expect(shareWords({ value: null, interval: null }, 1)).toBe('1 text');
    expect(shareWords({ value: null, interval: null }, 4)).toBe('4 texts');
  });
  it('says when an NPS has too few answers', () => {
    expect(npsWords({ n: 0, value: null, interval: null })).toBe('No answers');
    expect(npsWords({ n: 12, value: null, interval: null })).toBe('n = 12, too few for a score');
    expect(npsWords({ n: 40, value: -12.5, interval: { low: -30.2, high: 5.1 } })).toBe('-12 (-30 to 5), n = 40');
  });
  it('splits typed words on commas, semicolons and lines', () => {
    expect(parseWords(' delivery, courier;livraison\n\nLieferung, delivery ')).toEqual(['delivery', 'courier', 'livraison', 'Lieferung']);
  });
});
