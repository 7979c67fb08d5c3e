// What every dashboard figure shares: the period and filter checks, the rollup filter they make,
// and a score as the wire shows it, with the drill-down URL of the answers behind it.
import { surveyKinds, type SurveyKind } from '../../../contract/surveys.ts';
import type { Score as WireScore, ScoreEntry } from '../../../contract/metrics.ts';
import type { Db } from '../../storage/database.ts';
import { departmentExists, findSurveyRef, type RollupFilter, type RollupSum } from '../../storage/score-queries.ts';
import type { Clock } from '../core/clock.ts';
import { invalidInput, type FieldProblem } from '../core/errors.ts';
import { scale, scoreFromCounts, type Score } from './scores.ts';
import { minAnswers } from './thresholds.ts';

const dayMs = 86_400_000;
/** The default period: the last 90 days, today included. */
export const defaultDays = 90;
/** The longest period each view accepts, in days. */
export const maxDays = { scores: 3660, day: 366, week: 1098, month: 3660 } as const;
/** Segment values listed at most: in a headline report, in a trend. */
export const maxSegments = { scores: 100, trend: 20 } as const;

export const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * dayMs).toISOString().slice(0, 10);
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / dayMs);
export const round = (x: number, places = 2) => {
  const f = 10 ** places;
  return Math.round(x * f) / f + 0; // + 0 turns -0 into 0
};

export interface Filters {
  kind?: SurveyKind;
  surveyId?: string;
  departmentId?: string;
  includeHandPicked: boolean;
}

/** Checks a half-open period of days [from, to); fills in the defaults. */
export function checkPeriod(
  clock: Clock,
  q: { from?: string; to?: string },
  max: number,
  problems: FieldProblem[],
  names: [string, string] = ['from', 'to'],
): { from: string; to: string } {
  const to = q.to ?? addDays(clock.now().toISOString().slice(0, 10), 1);
  const from = q.from ?? addDays(to, -defaultDays);
  const days = daysBetween(from, to);
  if (days <= 0) problems.push({ path: [names[0]], message: `must be before ${names[1]} (${names[1]} is the first day not included)` });
  else if (days > max) problems.push({ path: [names[1]], message: `the period is ${days} days; at most ${max} here` });
  return { from, to };
}

/** Checks that the survey and department filters name things of this workspace; answers the kinds to read. */
export async function checkFilters(db: Db, workspaceId: string, f: Filters, problems: FieldProblem[]): Promise<SurveyKind[]> {
  let kinds: SurveyKind[] = f.kind ? [f.kind] : [...surveyKinds];
  const [survey, department] = await Promise.all([
    f.surveyId ? findSurveyRef(db, workspaceId, f.surveyId) : undefined,
    f.departmentId ? departmentExists(db, workspaceId, f.departmentId) : true,
  ]);
  if (f.surveyId) {
    if (!survey) problems.push({ path: ['surveyId'], message: 'is not a survey of this workspace' });
    else if (f.kind && survey.kind !== f.kind) problems.push({ path: ['surveyId'], message: `is a ${survey.kind} survey, not ${f.kind}` });
    else if (f.departmentId && survey.departmentId !== f.departmentId)
      problems.push({ path: ['surveyId'], message: 'is not a survey of that department' });
    else kinds = [survey.kind];
  }
  if (!department) problems.push({ path: ['departmentId'], message: 'is not a department of this workspace' });
  return kinds;
}

export function fail(problems: FieldProblem[]): void {
  if (problems.length) throw invalidInput('The query string is not valid', problems);
}

export const emptySum = (kind: SurveyKind, value = ''): RollupSum => ({
  kind,
  value,
  period: null,
  counts: new Array<number>(11).fill(0),
  invited: 0,
  answered: 0,
});

export const interval = (i: { low: number; high: number } | null) => i && { low: round(i.low), high: round(i.high) };

export function wireScore(s: Score, sum: RollupSum): WireScore {
  const k = scale[s.kind];
  const enoughInvited = sum.invited >= minAnswers;
  return {
    kind: s.kind,
    n: s.n,
    enoughData: s.enoughData,
    value: s.value === null ? null : round(s.value),
    interval: interval(s.interval),
    mean: s.mean && { value: round(s.mean.value), interval: interval(s.mean.interval)! },
    positive: s.positive,
    negative: s.negative,
    counts: Object.fromEntries(Array.from({ length: k.max - k.min + 1 }, (_, i) => [String(k.min + i), sum.counts[k.min + i] ?? 0])),
    responseRate: {
      invited: sum.invited,
      answered: sum.answered,
      value: enoughInvited ? round((100 * sum.answered) / sum.invited) : null,
      enoughData: enoughInvited,
    },
  };
}

/** The drill-down of a figure: GET /api/v1/responses with the same filters. */
export function drillDownUrl(
  kind: SurveyKind,
  from: string,
  to: string,
  f: Filters,
  segment?: { attribute: string; value: string },
): string {
  const p = new URLSearchParams({ kind, from: `${from}T00:00:00.000Z`, to: `${to}T00:00:00.000Z` });
  if (f.surveyId) p.set('surveyId', f.surveyId);
  if (f.departmentId) p.set('departmentId', f.departmentId);
  if (segment) p.set('segment', `${segment.attribute}:${segment.value}`);
  if (f.includeHandPicked) p.set('includeHandPicked', 'true');
  return `/api/v1/responses?${p}`;
}

export function entry(sum: RollupSum, from: string, to: string, f: Filters, attribute?: string): ScoreEntry {
  const value = attribute === undefined ? null : sum.value;
  return {
    ...wireScore(scoreFromCounts(sum.kind, sum.counts), sum),
    segmentValue: value,
    drillDown: drillDownUrl(sum.kind, from, to, f, attribute === undefined ? undefined : { attribute, value: sum.value }),
  };
}

export const rollupFilter = (workspaceId: string, kinds: SurveyKind[], p: { from: string; to: string }, f: Filters): RollupFilter => ({
  workspaceId,
  kinds,
  surveyId: f.surveyId,
  departmentId: f.departmentId,
  from: p.from,
  to: p.to,
  includeHandPicked: f.includeHandPicked,
});
