// How the recovery report writes its numbers. Pure, so it is tested without a browser.
import { formatMean } from '../../dashboard/scores.ts';

export const money = (amount: number, currency: string) => amount.toLocaleString(undefined, { style: 'currency', currency });
export const signedMean = (v: number) => `${v > 0 ? '+' : v < 0 ? '−' : '±'}${formatMean(Math.abs(v))}`;
export const formatP = (p: number) => (p < 0.0001 ? 'p < 0.0001' : `p = ${p.toPrecision(2)}`);

/** Hours as people say them: 45 min, 2 h 30 min, 3.5 days. */
export function formatHours(h: number): string {
  if (h < 1) return `${Math.round(h * 60)} min`;
  if (h < 48) {
    const whole = Math.floor(h);
    const min = Math.round((h - whole) * 60);
    return min === 0 ? `${whole} h` : min === 60 ? `${whole + 1} h` : `${whole} h ${min} min`;
  }
  return `${(Math.round((h / 24) * 10) / 10).toLocaleString()} days`;
}
