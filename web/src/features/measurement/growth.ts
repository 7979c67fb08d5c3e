// Earned Growth in words and numbers for the staff app: percentages, intervals, money. Pure.
import type { GrowthFigures, GrowthPeriod } from '../../../../contract/growth.ts';

export const percent = (v: number | null): string => (v === null ? '—' : `${v.toFixed(1)} %`);

export const intervalText = (i: { low: number; high: number } | null): string =>
  i ? `${i.low.toFixed(1)} to ${i.high.toFixed(1)} %` : 'no interval';

/** "1,250.00 EUR": the decimal text as the server gave it, grouped, with its currency. */
export function moneyText(amount: string, currency: string): string {
  const [whole, frac] = amount.replace('-', '').split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${amount.startsWith('-') ? '−' : ''}${grouped}${frac ? `.${frac}` : ''} ${currency}`;
}

/** The EGR figure in words, with the reason when it cannot be computed. */
export function egrWords(f: GrowthFigures): string {
  if (f.egr === null) return f.undefinedReason === 'no_revenue_last_period' ? 'Undefined: no revenue in the period before' : '—';
  return `${percent(f.egr)} (NRR ${percent(f.nrr)} + ENC ${percent(f.enc)} − 100 %)`;
}

/** The newest period that has ended, else the newest one. */
export function latestComplete(periods: GrowthPeriod[]): GrowthPeriod | undefined {
  return [...periods].reverse().find((p) => !p.partial) ?? periods[periods.length - 1];
}
