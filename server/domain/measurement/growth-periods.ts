// Calendar months and quarters in UTC, and the boundaries the ledger is bucketed by.
export type Granularity = 'month' | 'quarter';

const months = (g: Granularity) => (g === 'month' ? 1 : 3);

/** The start of the period holding `at`. */
export function periodStart(at: Date, g: Granularity): Date {
  const m = at.getUTCMonth();
  return new Date(Date.UTC(at.getUTCFullYear(), m - (m % months(g)), 1));
}

export const addPeriods = (start: Date, g: Granularity, n: number): Date =>
  new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + n * months(g), 1));

export function periodLabel(start: Date, g: Granularity): string {
  const y = start.getUTCFullYear();
  const m = start.getUTCMonth();
  return g === 'month' ? `${y}-${String(m + 1).padStart(2, '0')}` : `${y}-Q${m / 3 + 1}`;
}

/**
 * Boundaries for `count` periods ending with the one holding `at`, preceded by the period each
 * first one compares with: [start of that previous period, start of the first, ..., end of the last].
 * In the ledger's buckets, 0 is everything before, 1 the previous period, 2.. the periods reported.
 */
export function boundaries(at: Date, g: Granularity, count: number): Date[] {
  const last = periodStart(at, g);
  const first = addPeriods(last, g, -(count - 1));
  return Array.from({ length: count + 2 }, (_, i) => addPeriods(first, g, i - 1));
}
