// Internal satisfaction per pair of departments (requesting -> giving): the ratings of a period
// read like CSAT (share of 4-5 with the Agresti-Coull interval, signals/scores.ts) and as a mean
// with Student's t interval; the trend compares with the period as long before it (the pooled
// two-proportion z test); under the answer floor only n is shown.
import type { InternalSatisfaction } from '../../../contract/learning-people.ts';
import type { PeriodQuery } from '../../../contract/learning-review.ts';
import type { Db } from '../../storage/database.ts';
import { latestComments, ratingCounts } from '../../storage/learning-hand-offs.ts';
import { invalidInput } from '../core/errors.ts';
import { compareScores, meanWithInterval, minAnswers, scoreFromCounts } from '../signals/scores.ts';
import { lowHandOffRating } from './hand-offs.ts';

/** Comments shown per pair. */
export const commentsPerPair = 5;

/** The figure of one pair from its counts per rating (index 1..5). */
export function pairFigure(counts: readonly number[]) {
  const s = scoreFromCounts('csat', counts);
  let sum = 0;
  for (let r = 1; r <= 5; r++) sum += r * (counts[r] ?? 0);
  const mean = s.n ? sum / s.n : 0;
  let ss = 0;
  for (let r = 1; r <= 5; r++) ss += (counts[r] ?? 0) * (r - mean) ** 2;
  const m = s.n > 1 ? meanWithInterval({ n: s.n, mean, sd: Math.sqrt(ss / (s.n - 1)) }, { min: 1, max: 5 }) : null;
  return {
    score: s,
    figure: {
      n: s.n,
      enoughData: s.enoughData,
      satisfied: s.value,
      interval: s.interval,
      mean: m?.value ?? null,
      meanInterval: m?.interval ?? null,
    },
  };
}

export async function internalSatisfaction(db: Db, workspaceId: string, q: PeriodQuery): Promise<InternalSatisfaction> {
  const from = new Date(q.from);
  const to = new Date(q.to);
  if (!(from < to)) throw invalidInput('The period is empty', [{ path: ['to'], message: 'is not after from' }]);
  const before = new Date(from.getTime() - (to.getTime() - from.getTime()));
  const [now, prev, comments] = await Promise.all([
    ratingCounts(db, workspaceId, from, to),
    ratingCounts(db, workspaceId, before, from),
    latestComments(db, workspaceId, from, to, commentsPerPair),
  ]);
  const key = (r: { requesting: string; giving: string }) => `${r.requesting}|${r.giving}`;
  const histograms = (rows: typeof now) => {
    const m = new Map<string, number[]>();
    for (const r of rows) {
      const h = m.get(key(r)) ?? [0, 0, 0, 0, 0, 0];
      h[r.rating] = (h[r.rating] ?? 0) + r.n;
      m.set(key(r), h);
    }
    return m;
  };
  const cur = histograms(now);
  const old = histograms(prev);
  const pairs = [...cur.keys()].map((k) => {
    const [requesting, giving] = k.split('|') as [string, string];
    const a = pairFigure(cur.get(k)!);
    const b = pairFigure(old.get(k) ?? [0, 0, 0, 0, 0, 0]);
    const c = compareScores(a.score, b.score);
    return {
      requestingDepartmentId: requesting,
      givingDepartmentId: giving,
      current: a.figure,
      previous: b.figure,
      trend: { difference: c.difference, significant: c.significant },
      comments: comments
        .filter((x) => key(x) === k)
        .map((x) => ({ rating: x.rating, comment: x.comment, ratedAt: new Date(x.rated_at).toISOString() })),
    };
  });
  pairs.sort((x, y) => y.current.n - x.current.n || x.requestingDepartmentId.localeCompare(y.requestingDepartmentId));
  return { from: from.toISOString(), to: to.toISOString(), minRatings: minAnswers, lowRating: lowHandOffRating, pairs };
}
