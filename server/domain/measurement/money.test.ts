import { describe, expect, it } from 'vitest';
import { formatMoney, fromMinor, isIso4217, parseMoney } from './money.ts';
import { growthFigures } from './growth-figures.ts';
import { seededRandom } from '../../lib/random.ts';

describe('money without floating point', () => {
  it('reads and writes decimal text exactly, with the currency’s own decimals', () => {
    expect(parseMoney('0.1') + parseMoney('0.2')).toBe(parseMoney('0.3'));
    expect(formatMoney(parseMoney('-12.5'), 'EUR')).toBe('-12.50');
    expect(formatMoney(fromMinor('1250', 'EUR'), 'EUR')).toBe('12.50');
    expect(formatMoney(fromMinor('1250', 'JPY'), 'JPY')).toBe('1250');
    expect(formatMoney(fromMinor('1250', 'KWD'), 'KWD')).toBe('1.250');
    expect(formatMoney(parseMoney('1.234567'), 'EUR')).toBe('1.234567');
  });
  it('knows ISO 4217 codes from the platform', () => {
    expect(isIso4217('EUR')).toBe(true);
    expect(isIso4217('EURO')).toBe(false);
    expect(isIso4217('ABC')).toBe(false);
  });
});

describe('growth figures', () => {
  const c = (previous: number, current: number, isNew = false, earned = false) => ({
    customerId: `${previous}-${current}-${Math.random()}`,
    previous: BigInt(previous) * 1_000_000n,
    current: BigInt(current) * 1_000_000n,
    isNew,
    earned,
  });
  it('computes EGR = NRR + ENC − 100 and an interval around it', () => {
    const f = growthFigures([c(100, 110), c(100, 0), c(0, 50, true, true), c(0, 40, true, false)], seededRandom('x'), 500);
    expect(f.nrr).toBeCloseTo(55);
    expect(f.enc).toBeCloseTo(25);
    expect(f.egr).toBeCloseTo(-20);
    expect(f.interval!.n).toBe(3);
    expect(f.interval!.egr!.low).toBeLessThanOrEqual(f.egr!);
    expect(f.interval!.egr!.high).toBeGreaterThanOrEqual(f.egr!);
  });
  it('is undefined with a reason when there was no revenue last period', () => {
    const f = growthFigures([c(0, 50, true, true)], seededRandom('x'));
    expect(f).toMatchObject({ egr: null, nrr: null, enc: null, undefinedReason: 'no_revenue_last_period', interval: null });
  });
  it('draws the same resamples from the same seed', () => {
    expect(seededRandom('a')()).toBe(seededRandom('a')());
    expect(seededRandom('a')()).not.toBe(seededRandom('b')());
  });
});
