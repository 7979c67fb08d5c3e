// Scores from counts of answers by score, with honest 95 % intervals and two-group comparisons.
// Pure arithmetic: no I/O, no clock. Every input is a histogram, `counts[score]` = how many
// answers gave that score (index 0..10; indexes outside a kind's scale are ignored).
//
// What each figure is:
// - `value` is the plain score of the answers themselves: NPS = 100 * (promoters - detractors) / n,
//   CSAT = % of answers 4-5, CES = % of answers 5-7 (and the CES mean, 1-7).
// - `interval` is a 95 % interval around it, from ADJUSTED counts, so it stays sensible for small
//   groups and for shares near 0 % or 100 %:
//   - NPS: the adjusted-Wald interval (n' = n + 3, p' = (promoters + 3/4) / n',
//     d' = (detractors + 3/4) / n', NPS' = p' - d', SE = sqrt((p' + d' - (p' - d')^2) / n'),
//     NPS' +/- 1.96 SE, times 100). It is centred on NPS', not on the plain NPS.
//   - CSAT and CES shares: the Agresti-Coull interval for one proportion (add z^2/2 = 1.92
//     successes and z^2/2 failures: n~ = n + 1.96^2, p~ = (x + 1.96^2 / 2) / n~,
//     p~ +/- 1.96 sqrt(p~ (1 - p~) / n~), times 100), the single-proportion form of the same
//     "add pseudo-answers, then Wald" idea.
//   - CES mean: mean +/- 1.96 sd / sqrt(n), sd the sample standard deviation (n - 1) of the
//     histogram.
//   Intervals are clipped to the scale (-100..100 for NPS, 0..100 for shares, 1..7 for the mean):
//   the formulas can reach past it for extreme groups (e.g. all promoters), a score cannot.
// - Shares that are not scores (e.g. cases recovered within 24 hours) use the Wilson score
//   interval (`wilson`), and means of raw values given as n, mean and sd (e.g. a paired change,
//   a cost) use Student's t (`meanWithInterval`, `tTest`); p-values of z tests come from
//   `pOfZ`. The distributions are in distributions.ts.
// - Fewer than `minAnswers` (30) answers: `enoughData` is false and there is no value and no
//   interval, only n. A comparison with such a group has no difference, z or verdict.
import type { SurveyKind } from '../../../contract/surveys.ts';
import { normalTwoSidedP, studentQuantile, studentTwoSidedP } from './distributions.ts';
import { minAnswers } from './thresholds.ts';

/** The answer floor (thresholds.ts), for the statistics built on these (recovery-statistics.ts). */
export { minAnswers };
/** The normal quantile for 95 % two-sided. */
export const z95 = 1.96;

export interface Interval {
  low: number;
  high: number;
}

/** The figure behind comparisons: an estimate and its standard error, on the fraction scale. */
export interface Estimate {
  estimate: number;
  se: number;
}

export interface Score {
  kind: SurveyKind;
  n: number;
  enoughData: boolean;
  /** Promoters (9-10), CSAT 4-5, CES 5-7. */
  positive: number;
  /** Detractors (0-6), CSAT 1-3, CES 1-4. */
  negative: number;
  /** NPS -100..100, or the CSAT / CES share in %. Null with fewer than `minAnswers` answers. */
  value: number | null;
  /** 95 % interval of `value` from adjusted counts (see the top of this file). */
  interval: Interval | null;
  /** CES only: the mean score (1-7) with its 95 % interval. */
  mean: { value: number; interval: Interval } | null;
  /** For comparisons: the adjusted estimate (NPS' or p~, a fraction) and its SE. */
  adjusted: Estimate | null;
  /** For comparisons of CES means: mean, sample sd. */
  moments: { mean: number; sd: number } | null;
}

export interface Comparison {
  enoughData: boolean;
  /** a - b, in the unit of the value (NPS points, percentage points, or mean score). */
  difference: number | null;
  z: number | null;
  /** |z| >= 1.96: the groups differ at the 5 % level. Null without enough data. */
  significant: boolean | null;
}

export const scale: Record<SurveyKind, { min: number; max: number; positiveFrom: number; negativeTo: number }> = {
  nps: { min: 0, max: 10, positiveFrom: 9, negativeTo: 6 },
  csat: { min: 1, max: 5, positiveFrom: 4, negativeTo: 3 },
  ces: { min: 1, max: 7, positiveFrom: 5, negativeTo: 4 },
};

const clip = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

function sumRange(counts: readonly number[], from: number, to: number): number {
  let s = 0;
  for (let i = from; i <= to; i++) s += counts[i] ?? 0;
  return s;
}

/** NPS from promoters, passives and detractors counted separately. */
export function npsFromGroups(promoters: number, passives: number, detractors: number): Omit<Score, 'kind'> {
  const n = promoters + passives + detractors;
  const base = { n, enoughData: n >= minAnswers, positive: promoters, negative: detractors, mean: null, moments: null };
  if (n < minAnswers) return { ...base, value: null, interval: null, adjusted: null };
  const n1 = n + 3;
  const p = (promoters + 0.75) / n1;
  const d = (detractors + 0.75) / n1;
  const nps = p - d;
  const se = Math.sqrt((p + d - nps * nps) / n1);
  return {
    ...base,
    value: (100 * (promoters - detractors)) / n,
    interval: { low: clip(100 * (nps - z95 * se), -100, 100), high: clip(100 * (nps + z95 * se), -100, 100) },
    adjusted: { estimate: nps, se },
  };
}

/** A share of "positive" answers with the Agresti-Coull 95 % interval (values in %). */
export function proportion(positive: number, n: number): { value: number | null; interval: Interval | null; adjusted: Estimate | null } {
  if (n < minAnswers) return { value: null, interval: null, adjusted: null };
  const z2 = z95 * z95;
  const nt = n + z2;
  const pt = (positive + z2 / 2) / nt;
  const se = Math.sqrt((pt * (1 - pt)) / nt);
  return {
    value: (100 * positive) / n,
    interval: { low: clip(100 * (pt - z95 * se), 0, 100), high: clip(100 * (pt + z95 * se), 0, 100) },
    adjusted: { estimate: pt, se },
  };
}

/** The mean score of a histogram over [min, max], its sample sd and the 95 % interval of the mean. */
export function meanOf(counts: readonly number[], min: number, max: number) {
  const n = sumRange(counts, min, max);
  if (n < minAnswers) return null;
  let sum = 0;
  for (let s = min; s <= max; s++) sum += s * (counts[s] ?? 0);
  const mean = sum / n;
  let ss = 0;
  for (let s = min; s <= max; s++) ss += (counts[s] ?? 0) * (s - mean) ** 2;
  const sd = Math.sqrt(ss / (n - 1));
  const half = (z95 * sd) / Math.sqrt(n);
  return { mean, sd, interval: { low: clip(mean - half, min, max), high: clip(mean + half, min, max) } };
}

/** The score of one kind from a histogram `counts[score]`. */
export function scoreFromCounts(kind: SurveyKind, counts: readonly number[]): Score {
  const k = scale[kind];
  const positive = sumRange(counts, k.positiveFrom, k.max);
  const negative = sumRange(counts, k.min, k.negativeTo);
  const n = sumRange(counts, k.min, k.max);
  if (kind === 'nps') return { kind, ...npsFromGroups(positive, n - positive - negative, negative) };
  const share = proportion(positive, n);
  const m = kind === 'ces' ? meanOf(counts, k.min, k.max) : null;
  return {
    kind,
    n,
    enoughData: n >= minAnswers,
    positive,
    negative,
    ...share,
    mean: m && { value: m.mean, interval: m.interval },
    moments: m && { mean: m.mean, sd: m.sd },
  };
}

const noComparison: Comparison = { enoughData: false, difference: null, z: null, significant: null };

function verdict(difference: number, z: number): Comparison {
  return { enoughData: true, difference, z, significant: Math.abs(z) >= z95 };
}

/**
 * Compares two groups' headline figure (a - b).
 * - NPS: z = (NPS'a - NPS'b) / sqrt(SEa^2 + SEb^2) with the adjusted-Wald NPS' and SE.
 * - CSAT / CES share: the pooled two-proportion z test, z = (pa - pb) / sqrt(p (1 - p) (1/na + 1/nb))
 *   with p = (xa + xb) / (na + nb); when every answer of both groups is on one side (p = 0 or 1),
 *   the shares are equal and z = 0.
 * The difference is that of the plain values.
 */
export function compareScores(a: Score, b: Score): Comparison {
  if (a.kind !== b.kind) throw new Error(`cannot compare ${a.kind} with ${b.kind}`);
  if (!a.enoughData || !b.enoughData || a.value === null || b.value === null) return noComparison;
  const difference = a.value - b.value;
  if (a.kind === 'nps') {
    const ea = a.adjusted!;
    const eb = b.adjusted!;
    return verdict(difference, (ea.estimate - eb.estimate) / Math.sqrt(ea.se ** 2 + eb.se ** 2));
  }
  const p = (a.positive + b.positive) / (a.n + b.n);
  const se = Math.sqrt(p * (1 - p) * (1 / a.n + 1 / b.n));
  return verdict(difference, se === 0 ? 0 : (a.positive / a.n - b.positive / b.n) / se);
}

/**
 * Compares two groups' CES means (a - b) with z = (ma - mb) / sqrt(sda^2/na + sdb^2/nb). When both
 * groups gave one score each (sd 0), z is 0 if it is the same score; otherwise z is null (it would
 * be infinite) and the difference is significant.
 */
export function compareMeans(a: Score, b: Score): Comparison {
  if (!a.moments || !b.moments) return noComparison;
  const difference = a.moments.mean - b.moments.mean;
  const se = Math.sqrt(a.moments.sd ** 2 / a.n + b.moments.sd ** 2 / b.n);
  if (se === 0) return { enoughData: true, difference, z: difference === 0 ? 0 : null, significant: difference !== 0 };
  return verdict(difference, difference / se);
}

/**
 * A share of x in n with the Wilson score 95 % interval (in %): centre (p + z^2 / 2n) / (1 + z^2 / n),
 * half-width z / (1 + z^2 / n) * sqrt(p (1 - p) / n + z^2 / 4n^2), with p = x / n. It stays inside
 * 0..100 by construction. No value under `minAnswers`.
 */
export function wilson(x: number, n: number): { value: number | null; interval: Interval | null } {
  if (n < minAnswers) return { value: null, interval: null };
  const p = x / n;
  const z2 = z95 * z95;
  const d = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / d;
  const half = (z95 / d) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { value: 100 * p, interval: { low: clip(100 * (centre - half), 0, 100), high: clip(100 * (centre + half), 0, 100) } };
}

/** n values summed up: their count, mean and sample standard deviation (n - 1). */
export interface Moments {
  n: number;
  mean: number;
  sd: number;
}

/**
 * The mean with the 95 % interval of Student's t: mean +/- t(0.975, n - 1) * sd / sqrt(n), clipped
 * to `bounds` when given (what the values can be). Null under `minAnswers` values.
 */
export function meanWithInterval(m: Moments, bounds?: { min: number; max: number }): { value: number; interval: Interval } | null {
  if (m.n < minAnswers) return null;
  const half = (studentQuantile(0.05, m.n - 1) * m.sd) / Math.sqrt(m.n);
  const lo = bounds?.min ?? -Infinity;
  const hi = bounds?.max ?? Infinity;
  return { value: m.mean, interval: { low: clip(m.mean - half, lo, hi), high: clip(m.mean + half, lo, hi) } };
}

/**
 * The one-sample t test of "the true mean is 0" (for paired differences): t = mean / (sd / sqrt(n))
 * with n - 1 degrees of freedom and its two-sided p. When every value is the same (sd 0), t is 0 for
 * a mean of 0 and null otherwise (it would be infinite), with p 1 or 0. Null under `minAnswers` values.
 */
export function tTest(m: Moments): { t: number | null; p: number } | null {
  if (m.n < minAnswers) return null;
  if (m.sd === 0) return m.mean === 0 ? { t: 0, p: 1 } : { t: null, p: 0 };
  const t = m.mean / (m.sd / Math.sqrt(m.n));
  return { t, p: studentTwoSidedP(t, m.n - 1) };
}

/** The two-sided p-value of a z statistic: P(|Z| >= |z|). */
export const pOfZ = (z: number): number => normalTwoSidedP(z);
