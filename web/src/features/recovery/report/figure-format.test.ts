import { describe, expect, it } from 'vitest';
import { formatHours, formatP, money, signedMean } from './figure-format.ts';

describe('recovery report figures', () => {
  it('says hours as people do', () => {
    expect(formatHours(0.25)).toBe('15 min');
    expect(formatHours(2.5)).toBe('2 h 30 min');
    expect(formatHours(3)).toBe('3 h');
    expect(formatHours(3.999)).toBe('4 h');
    expect(formatHours(84)).toBe(`${(3.5).toLocaleString()} days`);
  });

  it('signs a difference of means, and writes small p values as a bound', () => {
    expect(signedMean(0.5)).toBe('+0.50');
    expect(signedMean(-1.234)).toBe('−1.23');
    expect(signedMean(0)).toBe('±0.00');
    expect(formatP(0.00001)).toBe('p < 0.0001');
    expect(formatP(0.0312)).toBe('p = 0.031');
  });

  it('writes money in its currency', () => {
    expect(money(12.5, 'EUR')).toBe((12.5).toLocaleString(undefined, { style: 'currency', currency: 'EUR' }));
  });
});
