// The dashboard's comparison, without the page: the periods it starts with, its checks and the
// query it sends, and how each side is named. Pure, so it is tested without a browser.
import type { CompareResult } from '../../shared/types.ts';
import { attributePattern, baseQuery, periodDays, type Filters } from './dashboard-filters.ts';
import { addDays, formatPeriod, isDay } from './scores.ts';

export type CompareMode = 'periods' | 'segments';
/** A period as people pick it: both days included. */
export interface PickedPeriod {
  from: string;
  to: string;
}
export interface CompareInput {
  mode: CompareMode;
  a: PickedPeriod;
  b: PickedPeriod;
  attribute: string;
  valueA: string;
  valueB: string;
}

/** A: the dashboard's period; B: as long, just before it. */
export function startingPeriods(f: Filters): { a: PickedPeriod; b: PickedPeriod } {
  const length = periodDays(f.period);
  return {
    a: { from: f.period.from, to: addDays(f.period.to, -1) },
    b: { from: addDays(f.period.from, -length), to: addDays(f.period.from, -1) },
  };
}

export function compareProblems(c: CompareInput): Record<string, string> {
  const problems: Record<string, string> = {};
  if (c.mode === 'periods') {
    if (!isDay(c.a.from)) problems['a.from'] = 'Choose the first day of period A';
    if (!isDay(c.a.to) || c.a.to < c.a.from) problems['a.to'] = 'Choose the last day of period A, on or after its first';
    if (!isDay(c.b.from)) problems['b.from'] = 'Choose the first day of period B';
    if (!isDay(c.b.to) || c.b.to < c.b.from) problems['b.to'] = 'Choose the last day of period B, on or after its first';
  } else {
    if (!attributePattern.test(c.attribute.trim())) problems.segment = 'Enter a customer attribute, e.g. plan';
    if (!c.valueA.trim()) problems.a = 'Enter the value of group A, e.g. gold';
    if (!c.valueB.trim()) problems.b = 'Enter the value of group B, e.g. basic';
  }
  return problems;
}

/** GET /api/v1/metrics/compare's query: the API takes the day after each period's last. */
export function compareQuery(f: Filters, c: CompareInput): Record<string, string | undefined> {
  const { from: _from, to: _to, ...common } = { kind: f.kind, ...baseQuery(f) };
  return c.mode === 'periods'
    ? { ...common, 'a.from': c.a.from, 'a.to': addDays(c.a.to, 1), 'b.from': c.b.from, 'b.to': addDays(c.b.to, 1) }
    : { ...common, from: f.period.from, to: f.period.to, segment: c.attribute.trim(), a: c.valueA.trim(), b: c.valueB.trim() };
}

export function sideName(r: CompareResult, side: 'a' | 'b'): string {
  const s = r[side];
  if (r.by === 'segments') return `${r.segment}: ${s.segmentValue ?? ''}`;
  return formatPeriod({ from: s.from, to: s.to });
}
