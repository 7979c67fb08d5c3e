// The ranking's period: the last `days` days up to now, as the API's from/to query.
import { fromLocalInput } from '../../shared/local-time.ts';

export function lastDays(now: number, days: number): { from: string; to: string } {
  return { from: new Date(now - days * 86_400_000).toISOString(), to: new Date(now).toISOString() };
}

/** A trend in words a screen reader and a glance both read: "+3", "−2", "same". */
export const trendWords = (trend: number) => (trend > 0 ? `+${trend}` : trend < 0 ? `−${-trend}` : 'same');

export const money = (n: number) => n.toLocaleString(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/**
 * A rule's customers as shown: the exact count, or "≈ 1,234" with the estimate's margin when the
 * period held too many items to count every customer (95 %: 1.96 standard errors).
 */
export function customersWords(f: { customers: number; customersEstimated: boolean; customersError: number | null }): {
  text: string;
  hint?: string;
} {
  if (!f.customersEstimated || f.customersError === null) return { text: f.customers.toLocaleString('en') };
  const margin = (1.96 * f.customersError * 100).toFixed(1);
  return { text: `≈ ${f.customers.toLocaleString('en')}`, hint: `an estimate, within ±${margin} % 19 times in 20` };
}

/**
 * The review question's optional period (datetime-local values): the ISO times to send, or a
 * message for each field that is wrong. Empty fields ask every customer behind the items.
 */
export function questionPeriod(
  fromValue: string,
  toValue: string,
): { period: { from?: string; to?: string }; errors: { from?: string; to?: string } } {
  const from = fromValue.trim() ? fromLocalInput(fromValue) : undefined;
  const to = toValue.trim() ? fromLocalInput(toValue) : undefined;
  const errors: { from?: string; to?: string } = {};
  if (fromValue.trim() && !from) errors.from = 'Enter a date and a time, or leave it empty.';
  if (toValue.trim() && !to) errors.to = 'Enter a date and a time, or leave it empty.';
  if (from && to && Date.parse(to) <= Date.parse(from)) errors.to = 'The end must be after the start.';
  return { period: { ...(from ? { from } : {}), ...(to ? { to } : {}) }, errors };
}
