// Two periods, or two values of one attribute, compared: both scores, the difference, z and the
// verdict, read from the rollups like every dashboard figure.
import type { CompareQuery, CompareResult } from '../../../contract/metrics.ts';
import type { Db } from '../../storage/database.ts';
import { sumRollups, type RollupSum } from '../../storage/score-queries.ts';
import type { Clock } from '../core/clock.ts';
import { invalidInput, type FieldProblem } from '../core/errors.ts';
import { compareMeans, compareScores, scoreFromCounts, type Comparison, type Score } from './scores.ts';
import {
  checkFilters,
  checkPeriod,
  drillDownUrl,
  emptySum,
  fail,
  maxDays,
  rollupFilter,
  round,
  wireScore,
  type Filters,
} from './score-filters.ts';

function wireComparison(c: Comparison) {
  return {
    enoughData: c.enoughData,
    difference: c.difference === null ? null : round(c.difference),
    z: c.z === null ? null : round(c.z, 4),
    significant: c.significant,
  };
}

/** Two periods, or two values of one attribute, compared: both scores, the difference, z and the verdict. */
export async function compareGroups(db: Db, clock: Clock, workspaceId: string, q: CompareQuery): Promise<CompareResult> {
  const problems: FieldProblem[] = [];
  const periodKeys = ['a.from', 'a.to', 'b.from', 'b.to'] as const;
  const segmentKeys = ['segment', 'a', 'b'] as const;
  const byPeriods = periodKeys.some((k) => q[k] !== undefined);
  const bySegments = segmentKeys.some((k) => q[k] !== undefined);
  if (byPeriods === bySegments) {
    throw invalidInput(
      byPeriods
        ? 'Compare either two periods (a.from, a.to, b.from, b.to) or two segments (segment, a, b), not both'
        : 'Say what to compare: two periods (a.from, a.to, b.from, b.to) or two segments (segment, a, b)',
      [{ path: [], message: 'give a.from, a.to, b.from and b.to, or segment, a and b' }],
    );
  }
  const kinds = await checkFilters(db, workspaceId, q, problems);
  const f = q as Filters;
  let pa: { from: string; to: string };
  let pb: { from: string; to: string };
  if (byPeriods) {
    for (const k of periodKeys) if (q[k] === undefined) problems.push({ path: [k], message: 'is required to compare two periods' });
    for (const k of ['from', 'to'] as const)
      if (q[k] !== undefined) problems.push({ path: [k], message: 'is for two segments; give a.from, a.to, b.from and b.to' });
    fail(problems);
    pa = checkPeriod(clock, { from: q['a.from'], to: q['a.to'] }, maxDays.scores, problems, ['a.from', 'a.to']);
    pb = checkPeriod(clock, { from: q['b.from'], to: q['b.to'] }, maxDays.scores, problems, ['b.from', 'b.to']);
    if (!problems.length && pa.from < pb.to && pb.from < pa.to)
      problems.push({ path: ['b.from'], message: 'the periods overlap; answers in both would be counted twice' });
    fail(problems);
    const [ra, rb] = await Promise.all([
      sumRollups(db, rollupFilter(workspaceId, kinds, pa, f), { dim: '' }),
      sumRollups(db, rollupFilter(workspaceId, kinds, pb, f), { dim: '' }),
    ]);
    return compared(q, 'periods', { ...(ra[0] ?? emptySum(q.kind)), ...pa }, { ...(rb[0] ?? emptySum(q.kind)), ...pb });
  }
  for (const k of segmentKeys) if (q[k] === undefined) problems.push({ path: [k], message: 'is required to compare two segments' });
  if (q.a !== undefined && q.a === q.b) problems.push({ path: ['b'], message: 'must differ from a' });
  pa = checkPeriod(clock, q, maxDays.scores, problems);
  fail(problems);
  const rows = await sumRollups(db, rollupFilter(workspaceId, kinds, pa, f), { dim: q.segment!, values: [q.a!, q.b!] });
  const side = (v: string) => ({ ...(rows.find((r) => r.value === v) ?? emptySum(q.kind, v)), ...pa });
  return compared(q, 'segments', side(q.a!), side(q.b!));
}

function compared(
  q: CompareQuery,
  by: 'periods' | 'segments',
  a: RollupSum & { from: string; to: string },
  b: RollupSum & { from: string; to: string },
) {
  const sa = scoreFromCounts(q.kind, a.counts);
  const sb = scoreFromCounts(q.kind, b.counts);
  const side = (s: Score, r: typeof a) => ({
    ...wireScore(s, r),
    segmentValue: by === 'segments' ? r.value : null,
    drillDown: drillDownUrl(q.kind, r.from, r.to, q, by === 'segments' ? { attribute: q.segment!, value: r.value } : undefined),
    from: r.from,
    to: r.to,
  });
  return {
    kind: q.kind,
    by,
    segment: by === 'segments' ? q.segment! : null,
    includeHandPicked: q.includeHandPicked,
    a: side(sa, a),
    b: side(sb, b),
    ...wireComparison(compareScores(sa, sb)),
    mean: q.kind === 'ces' ? wireComparison(compareMeans(sa, sb)) : null,
  };
}
