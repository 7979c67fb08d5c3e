// The recovery report (GET /api/v1/reports/recovery) and the cases behind each of its figures.
// Cases belong to the period by their oops; what is pending, open or late is judged at the
// clock's now. Counts are always given; a share, a mean, a median or a score from fewer than 30
// is "not enough data", never a number, as on the dashboard. The statistics are pure functions in
// recovery-statistics.ts; storage/recovery-report.ts does the counting in SQL.
import { z } from 'zod';
import {
  instantOf,
  type RecoveryBucket,
  type RecoveryCasesQuery,
  type RecoveryReport,
  type RecoveryReportCase,
  type RecoveryReportQuery,
} from '../../../contract/recovery-report.ts';
import { surveyKinds, type SurveyKind } from '../../../contract/surveys.ts';
import type { Db } from '../../storage/database.ts';
import {
  answerCounts,
  caseCustomerAnswerCounts,
  countCases,
  followUpBySeverity,
  followUpSums,
  restitutionCosts,
  stepTimes,
  type CaseCounts,
  type CaseFilter,
  type KindCounts,
} from '../../storage/recovery-report.ts';
import { listBucketCases, type BucketCase } from '../../storage/recovery-cases.ts';
import { departmentExists, sumRollups } from '../../storage/score-queries.ts';
import type { Clock } from '../core/clock.ts';
import {
  costFigure,
  dayMs,
  durationFigure,
  netCounts,
  pairedFigure,
  paradoxScores,
  round,
  shareFigure,
  wholeDays,
} from './recovery-statistics.ts';
import type { Page } from '../core/customers.ts';
import { decodeCursor, encodeCursor } from '../core/cursor.ts';
import { invalidInput, type FieldProblem } from '../core/errors.ts';
import { recoveryTargetHours } from './targets.ts';

/** The default period: the 90 days up to the end of today (UTC). */
export const defaultDays = 90;
/** The longest period, in days, as for the dashboard's scores. */
export const maxDays = 3660;

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

export async function checkQuery(db: Db, clock: Clock, workspaceId: string, q: RecoveryReportQuery): Promise<CaseFilter> {
  const problems: FieldProblem[] = [];
  const to = q.to ? instantOf(q.to)! : startOfTomorrow(clock.now());
  const from = q.from ? instantOf(q.from)! : new Date(to.getTime() - defaultDays * dayMs);
  const days = (to.getTime() - from.getTime()) / dayMs;
  if (days <= 0) problems.push({ path: ['from'], message: 'must be before to (to is the first moment not included)' });
  else if (days > maxDays) problems.push({ path: ['to'], message: `the period is ${Math.ceil(days)} days; at most ${maxDays}` });
  if (q.departmentId && !(await departmentExists(db, workspaceId, q.departmentId)))
    problems.push({ path: ['departmentId'], message: 'is not a department of this workspace' });
  if (problems.length) throw invalidInput('The query string is not valid', problems);
  return { workspaceId, from, to, departmentId: q.departmentId, origin: q.origin, windowHours: recoveryTargetHours };
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
  const [counts, times, costs, followUps, withoutCase, bySeverity] = await Promise.all([
    countCases(db, f, now),
    stepTimes(db, f),
    restitutionCosts(db, f),
    followUpSums(db, f),
    withoutCaseCounts(db, workspaceId, f.from, f.to),
    followUpBySeverity(db, f),
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
    paradoxBySeverity: severityOrder.flatMap((severity) =>
      surveyKinds.flatMap((kind) => {
        const fu = bySeverity.find((x) => x.severity === severity && x.kind === kind);
        if (!fu) return [];
        const scores = paradoxScores(kind, fu.counts, withoutCase.find((x) => x.kind === kind)?.counts ?? none);
        return [{ severity, kind, followUp: { ...scores.followUp, drillDown: null }, comparison: scores.comparison }];
      }),
    ),
  };
}

const severityOrder = ['low', 'normal', 'high', 'critical'] as const;

// ---------- The cases behind a figure ----------

const caseCursor = z.object({ t: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/), id: z.uuid() });
const hoursBetween = (from: Date, to: Date | null) => (to === null ? null : round((to.getTime() - from.getTime()) / 3_600_000));
const iso = (d: Date | null) => d && d.toISOString();

function reportCase(r: BucketCase): RecoveryReportCase {
  return {
    id: r.id,
    number: r.number,
    title: r.title,
    status: r.status,
    origin: r.origin,
    severity: r.severity,
    customer: { id: r.customerId, name: r.customerName, email: r.customerEmail, externalId: r.customerExternalId },
    departmentId: r.departmentId,
    ownerId: r.ownerId,
    oopsAt: r.oopsAt.toISOString(),
    dueAt: r.dueAt.toISOString(),
    recoveredAt: iso(r.recoveredAt),
    closedAt: iso(r.closedAt),
    breachedAt: iso(r.breachedAt),
    hoursToRecovery: hoursBetween(r.oopsAt, r.recoveredAt),
    hoursToApology: hoursBetween(r.oopsAt, r.apologisedAt),
    hoursToFix: hoursBetween(r.oopsAt, r.fixedAt),
    restitution: r.costAmount === null ? null : { amount: Number(r.costAmount), currency: r.costCurrency! },
    followUp:
      r.followUpKind === null
        ? null
        : { kind: r.followUpKind, score: r.followUpScore!, answeredAt: r.followUpAt!.toISOString(), scoreBefore: r.scoreBefore },
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
