// The recovery report's statistics, pure: no I/O, no clock. Shares of cases in time with the
// Wilson interval (pending cases left out), medians and p90 in hours, restitution costs with the
// t interval of their mean, the paired change of recovered customers' scores, follow-up answers
// against customers without a case, and the arithmetic of counting answers from the rollups.
// Under 30, every estimate is "not enough data", never a number (scores.ts). Wire values are
// rounded here: 2 decimals, z to 4, p to 4 significant digits.
import { surveyKinds, type SurveyKind } from '../../../contract/surveys.ts';
import type { CostSum, FollowUpSums, KindCounts, StepTimes } from '../../storage/recovery-report.ts';
import {
  compareScores,
  meanWithInterval,
  minAnswers,
  pOfZ,
  scale,
  scoreFromCounts,
  tTest,
  wilson,
  type Interval,
  type Moments,
} from '../signals/scores.ts';

export const dayMs = 86_400_000;
export const round = (x: number, places = 2) => {
  const f = 10 ** places;
  return Math.round(x * f) / f + 0; // + 0 turns -0 into 0
};
const roundInterval = (i: Interval) => ({ low: round(i.low), high: round(i.high) });
/** p-values keep 4 significant digits, so a small one is not rounded to 0. */
const roundP = (p: number) => Number(p.toPrecision(4));

export interface ShareFigure {
  within: number;
  missed: number;
  pending: number;
  n: number;
  enoughData: boolean;
  value: number | null;
  interval: Interval | null;
}

/** A share of cases in time among those whose outcome is known (pending ones left out), with its Wilson interval. */
export function shareFigure(within: number, missed: number, pending: number): ShareFigure {
  const n = within + missed;
  const s = wilson(within, n);
  return {
    within,
    missed,
    pending,
    n,
    enoughData: n >= minAnswers,
    value: s.value === null ? null : round(s.value),
    interval: s.interval && roundInterval(s.interval),
  };
}

/** Median and 90th percentile in hours, from seconds; none under 30 cases. */
export function durationFigure(t: StepTimes) {
  const enough = t.n >= minAnswers && t.median !== null && t.p90 !== null;
  return {
    n: t.n,
    enoughData: enough,
    medianHours: enough ? round(t.median! / 3600) : null,
    p90Hours: enough ? round(t.p90! / 3600) : null,
  };
}

/** Restitution costs in one currency: count and total always, the mean with its t interval from 30. */
export function costFigure(c: CostSum) {
  const mean = meanWithInterval({ n: c.count, mean: c.mean, sd: c.sd ?? 0 }, { min: 0, max: Infinity });
  return {
    currency: c.currency,
    count: c.count,
    total: round(Number(c.total)),
    enoughData: mean !== null,
    mean: mean && { value: round(mean.value), interval: roundInterval(mean.interval) },
  };
}

/**
 * Recovered customers' score before the oops against their follow-up score: the two means and
 * the mean change (follow-up - before) with paired t intervals, and the paired t test.
 */
export function pairedFigure(kind: SurveyKind, s: Pick<FollowUpSums, 'pairedN' | 'before' | 'after' | 'change'>) {
  const k = scale[kind];
  const n = s.pairedN;
  const m = (x: { mean: number; sd: number } | null): Moments | null => x && { n, ...x };
  const meanOf = (x: Moments | null, bounds: { min: number; max: number }) => {
    const r = x && meanWithInterval(x, bounds);
    return r && { value: round(r.value), interval: roundInterval(r.interval) };
  };
  const change = m(s.change);
  const span = k.max - k.min;
  const interval = change && meanWithInterval(change, { min: -span, max: span });
  const test = change && tTest(change);
  return {
    n,
    enoughData: n >= minAnswers,
    before: meanOf(m(s.before), k),
    after: meanOf(m(s.after), k),
    change:
      interval && test
        ? {
            value: round(interval.value),
            interval: roundInterval(interval.interval),
            t: test.t === null ? null : round(test.t, 4),
            p: roundP(test.p),
            significant: test.p < 0.05,
          }
        : null,
  };
}

/** A score of one answer per customer (no response rate: these are not invitations). */
function scoreFigure(kind: SurveyKind, counts: readonly number[]) {
  const s = scoreFromCounts(kind, counts);
  return {
    score: s,
    wire: {
      kind,
      n: s.n,
      enoughData: s.enoughData,
      value: s.value === null ? null : round(s.value),
      interval: s.interval && roundInterval(s.interval),
      positive: s.positive,
      negative: s.negative,
    },
  };
}

/** Follow-up answers against customers without a case: both scores and the two-group z test with its p. */
export function paradoxScores(kind: SurveyKind, followUpCounts: readonly number[], withoutCaseCounts: readonly number[]) {
  const a = scoreFigure(kind, followUpCounts);
  const b = scoreFigure(kind, withoutCaseCounts);
  const c = compareScores(a.score, b.score);
  return {
    followUp: a.wire,
    withoutCase: b.wire,
    comparison: {
      enoughData: c.enoughData,
      difference: c.difference === null ? null : round(c.difference),
      z: c.z === null ? null : round(c.z, 4),
      p: c.z === null ? null : roundP(pOfZ(c.z)),
      significant: c.significant,
    },
  };
}

/** Histograms added up, less `minus`, per kind (index 0..10). */
export function netCounts(parts: KindCounts[][], minus: KindCounts[]): KindCounts[] {
  return surveyKinds.map((kind) => {
    const counts = new Array<number>(11).fill(0);
    for (const part of parts) for (const [s, n] of (part.find((p) => p.kind === kind)?.counts ?? []).entries()) counts[s]! += n;
    for (const [s, n] of (minus.find((p) => p.kind === kind)?.counts ?? []).entries()) counts[s]! -= n;
    return { kind, counts };
  });
}

/**
 * A period cut into the whole UTC days inside it (the rollups have them) and the parts before the
 * first and after the last whole day (read from the answers). `days.to` is the day after the last.
 */
export function wholeDays(from: Date, to: Date): { days: { from: string; to: string } | null; edges: { from: Date; to: Date }[] } {
  const first = Math.ceil(from.getTime() / dayMs) * dayMs;
  const end = Math.floor(to.getTime() / dayMs) * dayMs;
  if (first >= end) return { days: null, edges: [{ from, to }] };
  const edges: { from: Date; to: Date }[] = [];
  if (from.getTime() < first) edges.push({ from, to: new Date(first) });
  if (end < to.getTime()) edges.push({ from: new Date(end), to });
  const day = (t: number) => new Date(t).toISOString().slice(0, 10);
  return { days: { from: day(first), to: day(end) }, edges };
}
