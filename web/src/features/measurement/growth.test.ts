import { describe, expect, it } from 'vitest';
import { egrWords, intervalText, latestComplete, moneyText, percent } from './growth.ts';

describe('growth in words', () => {
  it('writes money as the server sent it, grouped', () => {
    expect(moneyText('1250000.50', 'EUR')).toBe('1,250,000.50 EUR');
    expect(moneyText('-30.00', 'USD')).toBe('−30.00 USD');
    expect(moneyText('1250', 'JPY')).toBe('1,250 JPY');
  });
  it('says why EGR is undefined instead of a number', () => {
    const f = { egr: null, nrr: null, enc: null, undefinedReason: 'no_revenue_last_period' } as never;
    expect(egrWords(f)).toContain('no revenue in the period before');
    expect(egrWords({ egr: 10.5, nrr: 95.5, enc: 15, undefinedReason: null } as never)).toBe('10.5 % (NRR 95.5 % + ENC 15.0 % − 100 %)');
    expect(percent(null)).toBe('—');
    expect(intervalText({ low: -1.25, high: 20 })).toBe('-1.3 to 20.0 %');
  });
  it('takes the newest period that has ended', () => {
    const p = (label: string, partial: boolean) => ({ label, partial }) as never;
    expect(latestComplete([p('Q1', false), p('Q2', true)])).toMatchObject({ label: 'Q1' });
    expect(latestComplete([p('Q2', true)])).toMatchObject({ label: 'Q2' });
  });
});
