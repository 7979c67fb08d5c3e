// Scores for dashboards (headline, trend), read from the rollups only. A figure and its
// drill-down (response-list.ts) use the same filters: survey (kind, department), the UTC days of
// answered_at, the hand-picked flag and the customer's attributes when they answered, so paging
// through the drill-down finds exactly `n` answers with the scores in `counts`. Comparisons are in
// score-comparison.ts, the shared checks in score-filters.ts.
import type { ScoreReport, ScoresQuery, Trend, TrendQuery } from '../../../contract/metrics.ts';
import type { Db } from '../../storage/database.ts';
import { sumRollups, sumTopSegments, type Period, type RollupSum } from '../../storage/score-queries.ts';
import type { Clock } from '../core/clock.ts';
import type { FieldProblem } from '../core/errors.ts';
import { scoreFromCounts } from './scores.ts';
import {
  addDays,
  checkFilters,
  checkPeriod,
  emptySum,
  entry,
  fail,
  interval,
  maxDays,
  maxSegments,
  rollupFilter,
  round,
} from './score-filters.ts';

/** Headline scores per kind (and per value of one attribute) with n, intervals and response rate. */
export async function scoreReport(db: Db, clock: Clock, workspaceId: string, q: ScoresQuery): Promise<ScoreReport> {
  const problems: FieldProblem[] = [];
  const p = checkPeriod(clock, q, maxDays.scores, problems);
  const kinds = await checkFilters(db, workspaceId, q, problems);
  fail(problems);
  const f = rollupFilter(workspaceId, kinds, p, q);
  const [everyone, segments] = await Promise.all([
    sumRollups(db, f, { dim: '' }),
    q.segment ? sumTopSegments(db, f, { dim: q.segment, limit: maxSegments.scores }) : undefined,
  ]);
  return {
    from: p.from,
    to: p.to,
    includeHandPicked: q.includeHandPicked,
    segment: q.segment ?? null,
    kinds: kinds.map((kind) => {
      const all = everyone.find((r) => r.kind === kind) ?? emptySum(kind);
      const values = (segments?.rows ?? []).filter((r) => r.kind === kind);
      values.sort((a, b) => sumOf(b.counts) - sumOf(a.counts) || (a.value < b.value ? -1 : 1));
      return {
        kind,
        everyone: entry(all, p.from, p.to, q),
        segments: values.map((r) => entry(r, p.from, p.to, q, q.segment)),
        omittedSegments: segments ? segments.total - segments.values.length : 0,
      };
    }),
  };
}

const sumOf = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** The periods of a trend: starts of days, ISO weeks or months, clipped to [from, to). */
export function trendPeriods(interval: Period, from: string, to: string): { key: string; start: string; end: string }[] {
  const out: { key: string; start: string; end: string }[] = [];
  let key: string;
  if (interval === 'day') key = from;
  else if (interval === 'week') key = addDays(from, -((new Date(`${from}T00:00:00Z`).getUTCDay() + 6) % 7));
  else key = `${from.slice(0, 7)}-01`;
  while (key < to) {
    let next: string;
    if (interval === 'day') next = addDays(key, 1);
    else if (interval === 'week') next = addDays(key, 7);
    else {
      const d = new Date(`${key}T00:00:00Z`);
      next = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)).toISOString().slice(0, 10);
    }
    out.push({ key, start: key < from ? from : key, end: next > to ? to : next });
    key = next;
  }
  return out;
}

/** A score per day, week or month; one series for everyone or one per value of an attribute. */
export async function scoreTrend(db: Db, clock: Clock, workspaceId: string, q: TrendQuery): Promise<Trend> {
  const problems: FieldProblem[] = [];
  const p = checkPeriod(clock, q, maxDays[q.interval], problems);
  const kinds = await checkFilters(db, workspaceId, q, problems);
  fail(problems);
  const f = rollupFilter(workspaceId, kinds, p, q);
  let values: (string | null)[] = [null];
  let omitted = 0;
  let rows: RollupSum[];
  if (q.segment) {
    const top = await sumTopSegments(db, f, { dim: q.segment, limit: maxSegments.trend, period: q.interval });
    values = top.values;
    omitted = top.total - top.values.length;
    rows = top.rows;
  } else {
    rows = await sumRollups(db, f, { dim: '', period: q.interval });
  }
  const periods = trendPeriods(q.interval, p.from, p.to);
  const byKey = new Map(rows.map((r) => [`${r.value}\u0000${r.period}`, r]));
  return {
    kind: q.kind,
    interval: q.interval,
    from: p.from,
    to: p.to,
    includeHandPicked: q.includeHandPicked,
    segment: q.segment ?? null,
    series: values.map((value) => {
      let n = 0;
      const points = periods.map((per) => {
        const r = byKey.get(`${value ?? ''}\u0000${per.key}`);
        const s = scoreFromCounts(q.kind, r?.counts ?? []);
        n += s.n;
        return {
          start: per.start,
          end: per.end,
          n: s.n,
          enoughData: s.enoughData,
          value: s.value === null ? null : round(s.value),
          interval: interval(s.interval),
          mean: s.mean && { value: round(s.mean.value), interval: interval(s.mean.interval)! },
        };
      });
      return { segmentValue: value, n, points };
    }),
    omittedSegments: omitted,
  };
}
