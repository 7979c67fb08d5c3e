// The recovery report (GET /api/v1/reports/recovery) and the cases behind each of its figures.
// Cases belong to the period by their oops; what is pending, open or late is judged at the
// clock's now. Counts are always given; a share, a mean, a median or a score from fewer than 30
// is "not enough data", never a number, as on the dashboard. The statistics are the pure
// functions below (unit-tested in recovery-report.test.ts); storage/recovery-report.ts does the
// counting in SQL.
import { z } from 'zod';
import {
  instantOf,
  type RecoveryBucket,
  type RecoveryCasesQuery,
  type RecoveryReport,
  type RecoveryReportCase,
  type RecoveryReportQuery,
} from '../../contract/recovery-report.ts';
import { surveyKinds, type SurveyKind } from '../../contract/surveys.ts';
import type { Db } from '../storage/database.ts';
import {
  countCases,
  followUpSums,
  listBucketCases,
  restitutionCosts,
  stepTimes,
  answerCounts,
  caseCustomerAnswerCounts,
  type CaseCounts,
  type CaseFilter,
  type CostSum,
  type FollowUpSums,
  type KindCounts,
  type ReportCaseRow,
  type StepTimes,
} from '../storage/recovery-report.ts';
import { departmentExists, sumRollups } from '../storage/score-queries.ts';
import type { Clock } from './clock.ts';
import type { Page } from './customers.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { invalidInput, type FieldProblem } from './errors.ts';
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
} from './scores.ts';

const dayMs = 86_400_000;
/** The default period: the 90 days up to the end of today (UTC). */
export const defaultDays = 90;
/** The longest period, in days, as for the dashboard's scores. */
export const maxDays = 3660;

const round = (x: number, places = 2) => {
  const f = 10 ** places;
  return Math.round(x * f) / f + 0; // + 0 turns -0 into 0
};
const roundInterval = (i: Interval) => ({ low: round(i.low), high: round(i.high) });
/** p-values keep 4 significant digits, so a small one is not rounded to 0. */
const roundP = (p: number) => Number(p.toPrecision(4));

// ---------- The statistics: pure ----------

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

/**
 * Answers in the period of customers with no case whose oops is before `to`: everyone's answers
 * (whole days from the rollups, as the dashboard reads them) less those of customers with a case.
 */
async function withoutCaseCounts(db: Db, workspaceId: string, from: Date, to: Date): Promise<KindCounts[]> {
  const cut = wholeDays(from, to);
  const [rollups, edges, withCase] = await Promise.all([
    cut.days
      ? sumRollups(db, { workspaceId, kinds: [...surveyKinds], ...cut.days, includeHandPicked: false }, { dim: '' })
      : Promise.resolve([]),
    Promise.all(cut.edges.map((e) => answerCounts(db, workspaceId, e.from, e.to))),
    caseCustomerAnswerCounts(db, workspaceId, from, to),
  ]);
  return netCounts([rollups, ...edges], withCase);
}

// ---------- The period and filters ----------

const startOfTomorrow = (now: Date) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));

async function checkQuery(db: Db, clock: Clock, workspaceId: string, q: RecoveryReportQuery): Promise<CaseFilter> {
  const problems: FieldProblem[] = [];
  const to = q.to ? instantOf(q.to)! : startOfTomorrow(clock.now());
  const from = q.from ? instantOf(q.from)! : new Date(to.getTime() - defaultDays * dayMs);
  const days = (to.getTime() - from.getTime()) / dayMs;
  if (days <= 0) problems.push({ path: ['from'], message: 'must be before to (to is the first moment not included)' });
  else if (days > maxDays) problems.push({ path: ['to'], message: `the period is ${Math.ceil(days)} days; at most ${maxDays}` });
  if (q.departmentId && !(await departmentExists(db, workspaceId, q.departmentId)))
    problems.push({ path: ['departmentId'], message: 'is not a department of this workspace' });
  if (problems.length) throw invalidInput('The query string is not valid', problems);
  return { workspaceId, from, to, departmentId: q.departmentId, origin: q.origin };
}

/** GET /api/v1/reports/recovery/cases for one bucket with the report's filters. */
export function casesUrl(f: CaseFilter, bucket: RecoveryBucket, extra: { kind?: SurveyKind; currency?: string } = {}): string {
  const p = new URLSearchParams({ bucket, from: f.from.toISOString(), to: f.to.toISOString() });
  if (f.departmentId) p.set('departmentId', f.departmentId);
  if (f.origin) p.set('origin', f.origin);
  if (extra.kind) p.set('kind', extra.kind);
  if (extra.currency) p.set('currency', extra.currency);
  return `/api/v1/reports/recovery/cases?${p}`;
}

// ---------- The report ----------

export async function recoveryReport(db: Db, clock: Clock, workspaceId: string, q: RecoveryReportQuery): Promise<RecoveryReport> {
  const f = await checkQuery(db, clock, workspaceId, q);
  const now = clock.now();
  const [counts, times, costs, followUps, withoutCase] = await Promise.all([
    countCases(db, f, now),
    stepTimes(db, f),
    restitutionCosts(db, f),
    followUpSums(db, f),
    withoutCaseCounts(db, workspaceId, f.from, f.to),
  ]);
  const count = (b: RecoveryBucket, n: number) => ({ n, drillDown: casesUrl(f, b) });
  const share = (within: keyof CaseCounts, missed: keyof CaseCounts, pending: keyof CaseCounts) => ({
    ...shareFigure(counts[within], counts[missed], counts[pending]),
    drillDown: { within: casesUrl(f, within), missed: casesUrl(f, missed), pending: casesUrl(f, pending) },
  });
  const none = new Array<number>(11).fill(0);
  return {
    from: f.from.toISOString(),
    to: f.to.toISOString(),
    asOf: now.toISOString(),
    departmentId: f.departmentId ?? null,
    origin: f.origin ?? null,
    cases: {
      opened: count('opened', counts.opened),
      recovered: count('recovered', counts.recovered),
      closed: count('closed', counts.closed),
      open: count('open', counts.open),
      breached: count('breached', counts.breached),
    },
    within24h: share('recovered_within_24h', 'missed_24h', 'pending'),
    withinTarget: share('recovered_within_target', 'missed_target', 'pending_target'),
    timeToApology: { ...durationFigure(times.apologise), drillDown: casesUrl(f, 'apologised') },
    timeToFix: { ...durationFigure(times.fix), drillDown: casesUrl(f, 'fixed') },
    restitution: {
      count: costs.reduce((a, c) => a + c.count, 0),
      drillDown: casesUrl(f, 'restitution'),
      currencies: costs.map((c) => ({ ...costFigure(c), drillDown: casesUrl(f, 'restitution', { currency: c.currency }) })),
    },
    paradox: surveyKinds.map((kind) => {
      const fu = followUps.find((x) => x.kind === kind);
      const scores = paradoxScores(kind, fu?.counts ?? none, withoutCase.find((x) => x.kind === kind)?.counts ?? none);
      return {
        kind,
        paired: {
          ...pairedFigure(kind, fu ?? { pairedN: 0, before: null, after: null, change: null }),
          drillDown: casesUrl(f, 'follow_up_paired', { kind }),
        },
        followUp: { ...scores.followUp, drillDown: casesUrl(f, 'follow_up', { kind }) },
        withoutCase: { ...scores.withoutCase, drillDown: null },
        comparison: scores.comparison,
      };
    }),
  };
}

// ---------- The cases behind a figure ----------

const caseCursor = z.object({ t: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/), id: z.uuid() });
const hoursBetween = (from: Date, to: Date | null) => (to === null ? null : round((to.getTime() - from.getTime()) / 3_600_000));
const iso = (d: Date | null) => d && d.toISOString();

function reportCase(r: ReportCaseRow): RecoveryReportCase {
  return {
    id: r.id,
    number: Number(r.number),
    title: r.title,
    status: r.status,
    origin: r.origin,
    severity: r.severity,
    customer: { id: r.customer_id, name: r.customer_name, email: r.customer_email, externalId: r.customer_external_id },
    departmentId: r.department_id,
    ownerId: r.owner_id,
    oopsAt: r.oops_at.toISOString(),
    dueAt: r.due_at.toISOString(),
    recoveredAt: iso(r.recovered_at),
    closedAt: iso(r.closed_at),
    breachedAt: iso(r.breached_at),
    hoursToRecovery: hoursBetween(r.oops_at, r.recovered_at),
    hoursToApology: hoursBetween(r.oops_at, r.apologised_at),
    hoursToFix: hoursBetween(r.oops_at, r.fixed_at),
    restitution: r.cost_amount === null ? null : { amount: Number(r.cost_amount), currency: r.cost_currency! },
    followUp:
      r.follow_up_kind === null
        ? null
        : { kind: r.follow_up_kind, score: r.follow_up_score!, answeredAt: r.follow_up_at!.toISOString(), scoreBefore: r.score_before },
  };
}

/** The cases of one bucket with the report's filters, newest oops first (oops_at, then id), keyset-paginated. */
export async function listRecoveryCases(
  db: Db,
  clock: Clock,
  workspaceId: string,
  q: RecoveryCasesQuery,
): Promise<Page<RecoveryReportCase>> {
  const f = await checkQuery(db, clock, workspaceId, q);
  const problems: FieldProblem[] = [];
  if (q.kind && q.bucket !== 'follow_up' && q.bucket !== 'follow_up_paired')
    problems.push({ path: ['kind'], message: 'is for the follow_up and follow_up_paired buckets' });
  if (q.currency && q.bucket !== 'restitution') problems.push({ path: ['currency'], message: 'is for the restitution bucket' });
  if (problems.length) throw invalidInput('The query string is not valid', problems);
  const before = q.cursor ? decodeCursor(q.cursor, caseCursor) : undefined;
  const rows = await listBucketCases(db, {
    ...f,
    bucket: q.bucket,
    now: clock.now(),
    kind: q.kind,
    currency: q.currency,
    before,
    limit: q.limit + 1,
  });
  const more = rows.length > q.limit;
  if (more) rows.pop();
  const last = rows.at(-1);
  return { items: rows.map(reportCase), nextCursor: more && last ? encodeCursor({ t: last.position, id: last.id }) : null };
}
