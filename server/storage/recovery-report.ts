// What the recovery report reads, set-based: each figure is one aggregate over the cases whose
// oops is in the period; the drill-downs (recovery-cases.ts) list the cases of one bucket with
// the very same condition (`bucketCondition`), so paging through one finds exactly the figure's n.
import { sql, type RawBuilder } from 'kysely';
import type { CaseOrigin, CaseSeverity } from '../../contract/cases.ts';
import type { RecoveryBucket } from '../../contract/recovery-report.ts';
import type { SurveyKind } from '../../contract/surveys.ts';
import type { Db } from './database.ts';

export interface CaseFilter {
  workspaceId: string;
  /** Half-open: from <= oops_at < to. */
  from: Date;
  to: Date;
  departmentId?: string;
  origin?: CaseOrigin;
  /** The hours the report's fixed recovery window counts (the *_24h buckets): the domain's recovery target. */
  windowHours: number;
}

export function inPeriod(f: CaseFilter): RawBuilder<unknown> {
  const parts = [sql`c.workspace_id = ${f.workspaceId}`, sql`c.oops_at >= ${f.from}`, sql`c.oops_at < ${f.to}`];
  if (f.departmentId) parts.push(sql`c.department_id = ${f.departmentId}`);
  if (f.origin) parts.push(sql`c.origin = ${f.origin}`);
  return sql.join(parts, sql` AND `);
}

/** The report's fixed recovery window, in wall-clock hours. */
const windowOf = (hours: number) => sql`make_interval(hours => ${hours}::int)`;
const stepDone = (step: string, extra = sql`TRUE`) =>
  sql`EXISTS (SELECT 1 FROM case_steps s WHERE s.workspace_id = c.workspace_id AND s.case_id = c.id
              AND s.step = ${step} AND s.status = 'done' AND ${extra})`;

/**
 * The condition for a case of the period to be in a bucket, judged at `now`. Not yet recovered
 * and still open with time left is pending; recovered late, out of time, or closed unrecovered
 * (it never will be) is missed. The follow-up buckets are not conditions (see followUpCases).
 */
export function bucketCondition(
  bucket: Exclude<RecoveryBucket, 'follow_up' | 'follow_up_paired'>,
  now: Date,
  windowHours: number,
  currency?: string,
) {
  const day = windowOf(windowHours);
  switch (bucket) {
    case 'opened':
      return sql`TRUE`;
    case 'recovered':
      return sql`c.recovered_at IS NOT NULL`;
    case 'closed':
      return sql`c.status = 'closed'`;
    case 'open':
      return sql`c.status = 'open'`;
    case 'breached':
      return sql`c.breached_at IS NOT NULL`;
    case 'recovered_within_24h':
      return sql`c.recovered_at <= c.oops_at + ${day}`;
    case 'pending':
      return sql`(c.recovered_at IS NULL AND c.status = 'open' AND ${now}::timestamptz <= c.oops_at + ${day})`;
    case 'missed_24h':
      return sql`(c.recovered_at > c.oops_at + ${day}
                  OR (c.recovered_at IS NULL AND (c.status = 'closed' OR ${now}::timestamptz > c.oops_at + ${day})))`;
    case 'recovered_within_target':
      return sql`c.recovered_at <= c.due_at`;
    case 'pending_target':
      return sql`(c.recovered_at IS NULL AND c.status = 'open' AND ${now}::timestamptz <= c.due_at)`;
    case 'missed_target':
      return sql`(c.recovered_at > c.due_at OR (c.recovered_at IS NULL AND (c.status = 'closed' OR ${now}::timestamptz > c.due_at)))`;
    case 'apologised':
      return stepDone('apologise');
    case 'fixed':
      return stepDone('fix');
    case 'restitution':
      return stepDone('restitution', currency ? sql`s.cost_currency = ${currency}` : sql`s.cost_amount IS NOT NULL`);
  }
}

export const countedBuckets = [
  'opened',
  'recovered',
  'closed',
  'open',
  'breached',
  'recovered_within_24h',
  'missed_24h',
  'pending',
  'recovered_within_target',
  'missed_target',
  'pending_target',
] as const;
export type CaseCounts = Record<(typeof countedBuckets)[number], number>;

/** How many cases of the period fall in each bucket: one pass over the period's cases. */
export async function countCases(db: Db, f: CaseFilter, now: Date): Promise<CaseCounts> {
  const columns = sql.join(
    countedBuckets.map((b) => sql`count(*) FILTER (WHERE ${bucketCondition(b, now, f.windowHours)})::int AS ${sql.ref(b)}`),
  );
  const r = await sql<CaseCounts>`SELECT ${columns} FROM cases c WHERE ${inPeriod(f)}`.execute(db);
  return r.rows[0]!;
}

export interface StepTimes {
  n: number;
  /** Seconds from the oops; null without rows. */
  median: number | null;
  p90: number | null;
}

/** Time from the oops to the apologise and fix steps done: n, median and 90th percentile in seconds. */
export async function stepTimes(db: Db, f: CaseFilter): Promise<Record<'apologise' | 'fix', StepTimes>> {
  const r = await sql<{ step: 'apologise' | 'fix'; n: number; median: number | null; p90: number | null }>`
    SELECT s.step, count(*)::int AS n,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM s.at - c.oops_at))::float8 AS median,
           percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM s.at - c.oops_at))::float8 AS p90
    FROM cases c
    JOIN case_steps s ON s.workspace_id = c.workspace_id AND s.case_id = c.id
    WHERE ${inPeriod(f)} AND s.step IN ('apologise', 'fix') AND s.status = 'done'
    GROUP BY s.step`.execute(db);
  const none = { n: 0, median: null, p90: null };
  const of = (step: 'apologise' | 'fix') => r.rows.find((x) => x.step === step) ?? none;
  return { apologise: of('apologise'), fix: of('fix') };
}

export interface CostSum {
  currency: string;
  count: number;
  /** Exact decimal text, as PostgreSQL sums numeric. */
  total: string;
  mean: number;
  /** Sample standard deviation; null for one restitution. */
  sd: number | null;
}

/** Restitution costs of the period's cases, per currency. */
export async function restitutionCosts(db: Db, f: CaseFilter): Promise<CostSum[]> {
  const r = await sql<CostSum>`
    SELECT s.cost_currency AS currency, count(*)::int AS count, sum(s.cost_amount)::text AS total,
           avg(s.cost_amount)::float8 AS mean, stddev_samp(s.cost_amount)::float8 AS sd
    FROM cases c
    JOIN case_steps s ON s.workspace_id = c.workspace_id AND s.case_id = c.id
    WHERE ${inPeriod(f)} AND s.step = 'restitution' AND s.status = 'done' AND s.cost_amount IS NOT NULL
    GROUP BY s.cost_currency
    ORDER BY s.cost_currency`.execute(db);
  return r.rows;
}

/**
 * The period's recovered cases with a follow-up answer (c): the latest answer to the case's
 * follow-up re-survey (a), and the customer's latest answer of the same kind before the oops (b,
 * or null), hand-picked answers (and so earlier follow-ups) left out. Laterals, so a drill-down
 * page stops after its rows.
 */
export function followUpSource(f: CaseFilter) {
  return {
    from: sql`cases c
      CROSS JOIN LATERAL (
        SELECT r.kind, r.score FROM invitations i
        JOIN responses r ON r.workspace_id = i.workspace_id AND r.invitation_id = i.id
        WHERE i.workspace_id = c.workspace_id AND i.case_id = c.id AND i.origin = 'follow_up'
        ORDER BY r.answered_at DESC, r.id DESC
        LIMIT 1
      ) a
      LEFT JOIN LATERAL (
        SELECT r.score FROM responses r
        WHERE r.workspace_id = c.workspace_id AND r.customer_id = c.customer_id AND r.kind = a.kind
          AND r.answered_at < c.oops_at AND NOT r.hand_picked
        ORDER BY r.answered_at DESC, r.id DESC
        LIMIT 1
      ) b ON TRUE`,
    where: sql`${inPeriod(f)} AND c.recovered_at IS NOT NULL`,
  };
}

const histogram = (col: string) =>
  sql`ARRAY[${sql.join(Array.from({ length: 11 }, (_, s) => sql`count(*) FILTER (WHERE ${sql.ref(col)} = ${sql.lit(s)})`))}]::int[]`;

export interface FollowUpSums {
  kind: SurveyKind;
  /** Follow-up answers by score, index 0..10. */
  counts: number[];
  pairedN: number;
  before: { mean: number; sd: number } | null;
  after: { mean: number; sd: number } | null;
  change: { mean: number; sd: number } | null;
}

/** Per kind: the follow-up answers' histogram and the paired moments (before, after, after - before). */
export async function followUpSums(db: Db, f: CaseFilter): Promise<FollowUpSums[]> {
  const fu = followUpSource(f);
  const r = await sql<{
    kind: SurveyKind;
    counts: number[];
    paired_n: number;
    before_mean: number | null;
    before_sd: number | null;
    after_mean: number | null;
    after_sd: number | null;
    change_mean: number | null;
    change_sd: number | null;
  }>`
    SELECT a.kind, ${histogram('a.score')} AS counts, count(b.score)::int AS paired_n,
           avg(b.score)::float8 AS before_mean, stddev_samp(b.score)::float8 AS before_sd,
           avg(a.score) FILTER (WHERE b.score IS NOT NULL)::float8 AS after_mean,
           stddev_samp(a.score) FILTER (WHERE b.score IS NOT NULL)::float8 AS after_sd,
           avg(a.score - b.score)::float8 AS change_mean, stddev_samp(a.score - b.score)::float8 AS change_sd
    FROM ${fu.from} WHERE ${fu.where}
    GROUP BY a.kind`.execute(db);
  const moments = (mean: number | null, sd: number | null) => (mean === null ? null : { mean, sd: sd ?? 0 });
  return r.rows.map((x) => ({
    kind: x.kind,
    counts: x.counts.map(Number),
    pairedN: x.paired_n,
    before: moments(x.before_mean, x.before_sd),
    after: moments(x.after_mean, x.after_sd),
    change: moments(x.change_mean, x.change_sd),
  }));
}

/** The follow-up answers of the recovered cases by the severity of their oops, per kind and score. */
export async function followUpBySeverity(db: Db, f: CaseFilter): Promise<(KindCounts & { severity: CaseSeverity })[]> {
  const fu = followUpSource(f);
  const r = await sql<KindCounts & { severity: CaseSeverity }>`
    SELECT c.severity, a.kind, ${histogram('a.score')} AS counts
    FROM ${fu.from} WHERE ${fu.where}
    GROUP BY c.severity, a.kind`.execute(db);
  return r.rows.map((x) => ({ severity: x.severity, kind: x.kind, counts: x.counts.map(Number) }));
}

export interface KindCounts {
  kind: SurveyKind;
  /** Answers by score, index 0..10. */
  counts: number[];
}

/**
 * Answers in [from, to), hand-picked ones (follow-ups included) left out, per kind and score, read
 * survey by survey along (survey, answered_at): for the parts of a period that are not whole days
 * (whole days are read from the rollups).
 */
export async function answerCounts(db: Db, workspaceId: string, from: Date, to: Date): Promise<KindCounts[]> {
  const r = await sql<KindCounts>`
    SELECT r.kind, ${histogram('r.score')} AS counts
    FROM surveys s
    JOIN responses r ON r.workspace_id = s.workspace_id AND r.survey_id = s.id
    WHERE s.workspace_id = ${workspaceId} AND r.answered_at >= ${from} AND r.answered_at < ${to} AND NOT r.hand_picked
    GROUP BY r.kind`.execute(db);
  return r.rows.map((x) => ({ kind: x.kind, counts: x.counts.map(Number) }));
}

/**
 * The same answers of customers who have a case whose oops is before `to`: what is taken away from
 * everyone's answers to leave those of customers without a case. One look-up per such customer
 * along (customer, answered_at), so it costs what the customers with a case answered, not what
 * everyone answered.
 */
export async function caseCustomerAnswerCounts(db: Db, workspaceId: string, from: Date, to: Date): Promise<KindCounts[]> {
  const r = await sql<KindCounts>`
    SELECT r.kind, ${histogram('r.score')} AS counts
    FROM (SELECT DISTINCT c.customer_id FROM cases c WHERE c.workspace_id = ${workspaceId} AND c.oops_at < ${to}) cc
    JOIN responses r ON r.workspace_id = ${workspaceId} AND r.customer_id = cc.customer_id
    WHERE r.answered_at >= ${from} AND r.answered_at < ${to} AND NOT r.hand_picked
    GROUP BY r.kind`.execute(db);
  return r.rows.map((x) => ({ kind: x.kind, counts: x.counts.map(Number) }));
}
