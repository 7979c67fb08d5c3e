import { describe, expect, it } from 'vitest';
import { differenceSentence, periodsWords, shareInWords, shareSentence } from './plain-words.ts';

describe('the recovery report in plain words', () => {
  it('says a share as the nearest simple fraction', () => {
    expect(shareInWords(75)).toBe('about 3 in 4');
    expect(shareInWords(78)).toBe('about 4 in 5');
    expect(shareInWords(51)).toBe('about half');
    expect(shareInWords(34)).toBe('about 1 in 3');
    expect(shareInWords(12)).toBe('about 1 in 10');
    expect(shareInWords(2)).toBe('very few');
    expect(shareInWords(0)).toBe('none');
    expect(shareInWords(97)).toBe('almost all');
    expect(shareInWords(100)).toBe('all');
  });

  it('puts the interval as "probably between", with n', () => {
    expect(shareSentence({ value: 75, interval: { low: 58.93, high: 86.75 }, n: 32 }, 'were recovered within 24 hours')).toBe(
      'About 3 in 4 of the cases with a known outcome (75%) were recovered within 24 hours. ' +
        'With 32 cases, the true share is probably between 59% and 87%.',
    );
  });

  it('says whether a difference could be chance', () => {
    expect(differenceSentence(4.2, true, 'Higher', 'Lower')).toBe('Higher, and the difference is too large to be chance (95% confidence).');
    expect(differenceSentence(-1, false, 'Higher', 'Lower')).toMatch(
      /^Lower, but .* could|^Lower, but the difference is small enough to be chance/,
    );
    expect(differenceSentence(0, false, 'Higher', 'Lower')).toBe('The difference is nil: both score the same.');
  });

  it('counts periods', () => {
    expect(periodsWords(4, 13, 'week')).toBe('4 of 13 weeks');
    expect(periodsWords(1, 1, 'month')).toBe('1 of 1 month');
  });
});
