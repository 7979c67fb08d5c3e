// The periods the recovery report over time counts by: a day, an ISO week or a month, each up
// to the longest span the API takes, and a period named in words. Pure, so it is tested without
// a browser.
import { intervals } from '../../dashboard/dashboard-filters.ts';
import { formatDay, formatMonth } from '../../dashboard/scores.ts';

export type TrendUnit = 'day' | 'week' | 'month';
/** The dashboard's intervals: the same units and the same longest spans. */
export const trendUnits: { value: TrendUnit; maxDays: number }[] = intervals;

/** The unit asked for when the period allows it; otherwise by day up to a month, by week up to 200 days, then by month. */
export function unitFor(asked: string | null, days: number): TrendUnit {
  const wanted = trendUnits.find((u) => u.value === asked);
  if (wanted && days <= wanted.maxDays) return wanted.value;
  return days <= 31 ? 'day' : days <= 200 ? 'week' : 'month';
}

/** "3 Mar 2026", "the week of 2 Mar 2026", "Mar 2026", from the period's start (an ISO date or date-time). */
export function periodName(unit: TrendUnit, start: string): string {
  const day = start.slice(0, 10);
  if (unit === 'month') return formatMonth(day);
  if (unit === 'week') return `the week of ${formatDay(day)}`;
  return formatDay(day);
}

/** The period after a preposition: "on 3 Mar 2026", "in the week of 2 Mar 2026", "in Mar 2026". */
export const periodIn = (unit: TrendUnit, start: string) => `${unit === 'day' ? 'on' : 'in'} ${periodName(unit, start)}`;
