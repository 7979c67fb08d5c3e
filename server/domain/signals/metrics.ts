// Scores for dashboards (headline, trend, comparison), read from the rollups only, and the
// drill-down list of the answers behind any of them. A figure and its drill-down use the same
// filters: survey (kind, department), the UTC days of answered_at, the hand-picked flag and the
// customer's attributes when they answered, so paging through `drillDown` finds exactly `n`
// answers with the scores in `counts`.
import { z } from 'zod';
import type {
  CompareQuery,
  CompareResult,
  Score as WireScore,
  ScoreEntry,
  ScoreReport,
  ScoresQuery,
  Trend,
  TrendQuery,
} from '../../../contract/metrics.ts';
import { surveyKinds, type Response, type ResponseListQuery, type SurveyKind } from '../../../contract/surveys.ts';
import type { Db } from '../../storage/database.ts';
import {
  departmentExists,
  findSurveyRef,
  listResponseRows,
  matchingSurveys,
  sumRollups,
  sumTopSegments,
  type Period,
  type RollupFilter,
  type RollupSum,
} from '../../storage/score-queries.ts';
import type { Clock } from '../core/clock.ts';
import type { Page } from '../core/customers.ts';
import { decodeCursor, encodeCursor } from '../core/cursor.ts';
import { invalidInput, type FieldProblem } from '../core/errors.ts';
import { compareMeans, compareScores, minAnswers, scale, scoreFromCounts, type Comparison, type Score } from './scores.ts';

const dayMs = 86_400_000;
/** The default period: the last 90 days, today included. */
export const defaultDays = 90;
/** The longest period each view accepts, in days. */
export const maxDays = { scores: 3660, day: 366, week: 1098, month: 3660 } as const;
/** Segment values listed at most: in a headline report, in a trend. */
export const maxSegments = { scores: 100, trend: 20 } as const;

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * dayMs).toISOString().slice(0, 10);
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / dayMs);
const round = (x: number, places = 2) => {
  const f = 10 ** places;
  return Math.round(x * f) / f + 0; // + 0 turns -0 into 0
};

interface Filters {
  kind?: SurveyKind;
  surveyId?: string;
  departmentId?: string;
  includeHandPicked: boolean;
}

/** Checks a half-open period of days [from, to); fills in the defaults. */
function checkPeriod(
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
async function checkFilters(db: Db, workspaceId: string, f: Filters, problems: FieldProblem[]): Promise<SurveyKind[]> {
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

function fail(problems: FieldProblem[]): void {
  if (problems.length) throw invalidInput('The query string is not valid', problems);
}

const emptySum = (kind: SurveyKind, value = ''): RollupSum => ({
  kind,
  value,
  period: null,
  counts: new Array<number>(11).fill(0),
  invited: 0,
  answered: 0,
});

const interval = (i: { low: number; high: number } | null) => i && { low: round(i.low), high: round(i.high) };

function wireScore(s: Score, sum: RollupSum): WireScore {
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

function entry(sum: RollupSum, from: string, to: string, f: Filters, attribute?: string): ScoreEntry {
  const value = attribute === undefined ? null : sum.value;
  return {
    ...wireScore(scoreFromCounts(sum.kind, sum.counts), sum),
    segmentValue: value,
    drillDown: drillDownUrl(sum.kind, from, to, f, attribute === undefined ? undefined : { attribute, value: sum.value }),
  };
}

const rollupFilter = (workspaceId: string, kinds: SurveyKind[], p: { from: string; to: string }, f: Filters): RollupFilter => ({
  workspaceId,
  kinds,
  surveyId: f.surveyId,
  departmentId: f.departmentId,
  from: p.from,
  to: p.to,
  includeHandPicked: f.includeHandPicked,
});

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
  pa = pb = checkPeriod(clock, q, maxDays.scores, problems);
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

const responseCursor = z.object({ t: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/), id: z.uuid() });

/**
 * The answers behind a figure, newest first (answered_at, then id), keyset-paginated.
 * Hand-picked answers are left out unless includeHandPicked; `segment=plan:gold` keeps answers
 * given while the customer's plan was gold; `from` is included and `to` is not.
 */
export async function listResponses(db: Db, workspaceId: string, q: ResponseListQuery): Promise<Page<Response>> {
  const problems: FieldProblem[] = [];
  if (q.from && q.to && Date.parse(q.from) >= Date.parse(q.to)) problems.push({ path: ['from'], message: 'must be before to' });
  if (q.scoreMin !== undefined && q.scoreMax !== undefined && q.scoreMin > q.scoreMax)
    problems.push({ path: ['scoreMin'], message: 'must not be above scoreMax' });
  await checkFilters(db, workspaceId, q, problems);
  fail(problems);
  const before = q.cursor ? decodeCursor(q.cursor, responseCursor) : undefined;
  const surveys = await matchingSurveys(db, workspaceId, {
    kinds: q.kind ? [q.kind] : undefined,
    surveyId: q.surveyId,
    departmentId: q.departmentId,
  });
  const colon = q.segment?.indexOf(':') ?? -1;
  const rows = await listResponseRows(db, workspaceId, {
    surveyIds: surveys.map((s) => s.id),
    from: q.from ? new Date(q.from) : undefined,
    to: q.to ? new Date(q.to) : undefined,
    scoreMin: q.scoreMin,
    scoreMax: q.scoreMax,
    segment: q.segment ? { attribute: q.segment.slice(0, colon), value: q.segment.slice(colon + 1) } : undefined,
    customerId: q.customerId,
    includeHandPicked: q.includeHandPicked,
    before,
    limit: q.limit + 1,
  });
  const more = rows.length > q.limit;
  if (more) rows.pop();
  const last = rows.at(-1);
  return {
    items: rows.map((r) => ({
      id: r.id,
      surveyId: r.survey_id,
      surveyName: r.survey_name,
      kind: r.kind,
      customer: { id: r.customer_id, name: r.customer_name, email: r.customer_email, externalId: r.customer_external_id },
      invitationId: r.invitation_id,
      score: r.score,
      reason: r.reason,
      answers: r.answers,
      channel: r.channel,
      handPicked: r.hand_picked,
      locale: r.locale,
      segment: r.segment,
      answeredAt: r.answered_at.toISOString(),
      updatedAt: r.updated_at.toISOString(),
    })),
    nextCursor: more && last ? encodeCursor({ t: last.position, id: last.id }) : null,
  };
}
