// What a team achieved for similar promises: pure arithmetic over resolved commitments, no I/O.
//
// The sample: commitments of one kind (and department) whose due time in force fell in the window
// (180 days before now) and that are resolved, kept or broken. Choosing them by due time, not by
// when they were made or kept, means every one of them has an outcome (by its due time it was kept
// or the clock broke it), so quick keeps are not over-represented the way they would be if open
// ones were left out of a window of made times.
//
// - Time to keep: kept_at - made_at (a renegotiated one counts its whole time). A broken one was
//   never kept: its time to keep is infinite.
// - Median and p90 by nearest rank over all n, broken ones included as infinite: the p90 is the
//   rank ceil(0.9 n) time, the smallest time within which at least 90 % of the n were kept. When
//   that rank falls on a broken one (more than 1 in 10 broken), no time was met 90 % of the time
//   and p90 is null.
// - Kept on time: kept at or before the due time first promised. Kept after a renegotiation (the
//   customer agreed to a later time) is counted apart, and is not on time. "Kept late" does not
//   exist: past its due time in force, a commitment is broken.
// - Rate: kept on time / n with the 95 % Wilson score interval (scores.wilson).
// - Under 30 resolved commitments there is no median, p90, rate or suggestion. Why 30: the p90 is
//   read off the sample, and only from 29 values on is even the sample's largest a 95 % upper
//   bound of the true 90th percentile (P(all 29 below it) = 0.9^29 = 4.7 %); with fewer, a team
//   could meet the suggested time less than 90 % of the time and the data could not tell. It is
//   also the threshold Kept uses for every score, so "not enough data" means one thing.
import { minCommitments } from '../../../contract/commitments.ts';
import { wilson } from '../signals/scores.ts';

export { minCommitments };

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

export interface Outcomes {
  /** Time from made to kept of every kept one, in ms, any order. */
  keptMs: number[];
  keptOnTime: number;
  keptAfterRenegotiation: number;
  broken: number;
}

export interface Rate {
  value: number;
  low: number;
  high: number;
}

/**
 * The nearest-rank percentile (`percent` of 100) of n values of which `sorted` are the finite
 * ones in ascending order and the rest are infinite: null when the rank falls on an infinite one.
 */
export function nearestRank(sorted: readonly number[], n: number, percent: number): number | null {
  if (n <= 0) return null;
  // Integers first: 0.9 * 70 is 63.00000000000001 in floating point, 90 * 70 / 100 is 63.
  const rank = Math.max(1, Math.ceil((percent * n) / 100));
  return rank <= sorted.length ? sorted[rank - 1]! : null;
}

/** Rounded up to a unit that fits its size: 15 min under 1 h, 30 min under 4 h, 1 h under 2 days, 12 h under a week, else a day. */
export function roundUpDuration(ms: number): number {
  const unit = ms < hour ? 15 * minute : ms < 4 * hour ? 30 * minute : ms < 2 * day ? hour : ms < 7 * day ? 12 * hour : day;
  return Math.max(unit, Math.ceil(ms / unit) * unit);
}

export interface Achieved {
  n: number;
  keptOnTime: number;
  keptAfterRenegotiation: number;
  broken: number;
  enoughData: boolean;
  keptOnTimeRate: Rate | null;
  medianMs: number | null;
  p90Ms: number | null;
  suggestedWithinMs: number | null;
  reason: 'not_enough_data' | 'often_broken' | null;
}

/** x of n in % with its 95 % Wilson score interval (scores.ts; it has no value under 30 either). */
export function rate(x: number, n: number): Rate | null {
  const w = wilson(x, n);
  return w.value === null || !w.interval ? null : { value: w.value, low: w.interval.low, high: w.interval.high };
}

/** The team's outcome counts and their rate (null under 30). */
export function outcomeFigures(o: Omit<Outcomes, 'keptMs'>) {
  const n = o.keptOnTime + o.keptAfterRenegotiation + o.broken;
  const enoughData = n >= minCommitments;
  return {
    n,
    keptOnTime: o.keptOnTime,
    keptAfterRenegotiation: o.keptAfterRenegotiation,
    broken: o.broken,
    enoughData,
    keptOnTimeRate: rate(o.keptOnTime, n),
  };
}

/** Median, p90 and the suggested time to promise, from the sample's outcomes (see the top of this file). */
export function achieved(o: Outcomes): Achieved {
  const figures = outcomeFigures(o);
  if (o.keptMs.length !== o.keptOnTime + o.keptAfterRenegotiation) throw new Error('keptMs must hold every kept commitment');
  if (!figures.enoughData) return { ...figures, medianMs: null, p90Ms: null, suggestedWithinMs: null, reason: 'not_enough_data' };
  const sorted = [...o.keptMs].sort((a, b) => a - b);
  const medianMs = nearestRank(sorted, figures.n, 50);
  const p90Ms = nearestRank(sorted, figures.n, 90);
  return {
    ...figures,
    medianMs,
    p90Ms,
    suggestedWithinMs: p90Ms === null ? null : roundUpDuration(p90Ms),
    reason: p90Ms === null ? 'often_broken' : null,
  };
}

/** A duration as people say it: "45 min", "2 h 30 min", "3 days 12 h". Whole minutes. */
export function formatDuration(ms: number): string {
  const parts: string[] = [];
  let rest = Math.round(ms / minute);
  const days = Math.floor(rest / (24 * 60));
  rest -= days * 24 * 60;
  const hours = Math.floor(rest / 60);
  const minutes = rest - hours * 60;
  if (days) parts.push(days === 1 ? '1 day' : `${days} days`);
  if (hours) parts.push(`${hours} h`);
  if (minutes) parts.push(`${minutes} min`);
  return parts.join(' ') || '0 min';
}

export interface Warning {
  code: 'sooner_than_usual' | 'often_broken';
  message: string;
}

/** What to tell the person making a promise due `dueInMs` from now, given what the team achieved. Never a refusal. */
export function warningsFor(a: Achieved, dueInMs: number): Warning[] {
  if (a.reason === 'often_broken') {
    return [
      {
        code: 'often_broken',
        message: `The team broke ${a.broken} of the last ${a.n} similar promises: no time was met 9 times in 10. Promise only what you can keep.`,
      },
    ];
  }
  if (a.p90Ms !== null && dueInMs < a.p90Ms) {
    return [
      {
        code: 'sooner_than_usual',
        message:
          `Due in ${formatDuration(dueInMs)}, but the team kept 90 % of similar promises only within ${formatDuration(a.p90Ms)}. ` +
          `Consider promising ${formatDuration(a.suggestedWithinMs!)}.`,
      },
    ];
  }
  return [];
}
