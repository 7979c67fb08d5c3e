// What the recovery report reads, set-based: each figure is one aggregate over the cases whose
// oops is in the period, and each drill-down lists the cases of one bucket with the very same
// condition (`bucketCondition`), so paging through it finds exactly the figure's n.
import { sql, type RawBuilder } from 'kysely';
import type { RecoveryBucket } from '../../contract/recovery-report.ts';
import type { SurveyKind } from '../../contract/surveys.ts';
import type { Db } from './database.ts';
import type { CaseOrigin } from './schema.ts';

export interface CaseFilter {
  workspaceId: string;
  /** Half-open: from <= oops_at < to. */
  from: Date;
  to: Date;
  departmentId?: string;
  origin?: CaseOrigin;
}

function inPeriod(f: CaseFilter): RawBuilder<unknown> {
  const parts = [sql`c.workspace_id = ${f.workspaceId}`, sql`c.oops_at >= ${f.from}`, sql`c.oops_at < ${f.to}`];
  if (f.departmentId) parts.push(sql`c.department_id = ${f.departmentId}`);
  if (f.origin) parts.push(sql`c.origin = ${f.origin}`);
  return sql.join(parts, sql` AND `);
}

const day = sql`interval '24 hours'`;
const stepDone = (step: string, extra = sql`TRUE`) =>
  sql`EXISTS (SELECT 1 FROM case_steps s WHERE s.workspace_id = c.workspace_id AND s.case_id = c.id
              AND s.step = ${step} AND s.status = 'done' AND ${extra})`;

/**
 * The condition for a case of the period to be in a bucket, judged at `now`. Not yet recovered
 * and still open with time left is pending; recovered late, out of time, or closed unrecovered
 * (it never will be) is missed. The follow-up buckets are not conditions (see followUpCases).
 */
export function bucketCondition(bucket: Exclude<RecoveryBucket, 'follow_up' | 'follow_up_paired'>, now: Date, currency?: string) {
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
  const columns = sql.join(countedBuckets.map((b) => sql`count(*) FILTER (WHERE ${bucketCondition(b, now)})::int AS ${sql.ref(b)}`));
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
 * The recovered customers' follow-up answers: per customer and survey kind, the follow-up answer
 * of their latest recovered case of the period (latest oops), with their latest answer of that
 * kind before that oops (hand-picked answers, and so earlier follow-ups, left out).
 */
function followUps(f: CaseFilter) {
  return sql`
    fu AS (
      SELECT DISTINCT ON (c.customer_id, r.kind) c.id AS case_id, c.customer_id, c.oops_at, c.workspace_id, r.kind, r.score
      FROM cases c
      JOIN invitations i ON i.workspace_id = c.workspace_id AND i.case_id = c.id AND i.origin = 'follow_up'
      JOIN responses r ON r.workspace_id = i.workspace_id AND r.invitation_id = i.id
      WHERE ${inPeriod(f)} AND c.recovered_at IS NOT NULL
      ORDER BY c.customer_id, r.kind, c.oops_at DESC, c.id DESC, r.answered_at DESC
    ),
    paired AS (
      SELECT fu.*, b.score AS before
      FROM fu
      LEFT JOIN LATERAL (
        SELECT r.score FROM responses r
        WHERE r.workspace_id = fu.workspace_id AND r.customer_id = fu.customer_id AND r.kind = fu.kind
          AND r.answered_at < fu.oops_at AND NOT r.hand_picked
        ORDER BY r.answered_at DESC, r.id DESC
        LIMIT 1
      ) b ON TRUE
    )`;
}

const histogram = (col: string) =>
  sql`ARRAY[${sql.join(Array.from({ length: 11 }, (_, s) => sql`count(*) FILTER (WHERE ${sql.ref(col)} = ${s})`))}]::int[]`;

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
    WITH ${followUps(f)}
    SELECT kind, ${histogram('score')} AS counts, count(before)::int AS paired_n,
           avg(before)::float8 AS before_mean, stddev_samp(before)::float8 AS before_sd,
           avg(score) FILTER (WHERE before IS NOT NULL)::float8 AS after_mean,
           stddev_samp(score) FILTER (WHERE before IS NOT NULL)::float8 AS after_sd,
           avg(score - before)::float8 AS change_mean, stddev_samp(score - before)::float8 AS change_sd
    FROM paired GROUP BY kind`.execute(db);
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

/**
 * Customers with no case at all whose oops is before `to`: per kind, the histogram of each one's
 * latest answer in [from, to), hand-picked answers (follow-ups included) left out.
 */
export async function withoutCaseCounts(
  db: Db,
  workspaceId: string,
  from: Date,
  to: Date,
): Promise<{ kind: SurveyKind; counts: number[] }[]> {
  const r = await sql<{ kind: SurveyKind; counts: number[] }>`
    WITH latest AS (
      SELECT DISTINCT ON (r.customer_id, r.kind) r.kind, r.score
      FROM responses r
      WHERE r.workspace_id = ${workspaceId} AND r.answered_at >= ${from} AND r.answered_at < ${to} AND NOT r.hand_picked
        AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.workspace_id = r.workspace_id AND c.customer_id = r.customer_id AND c.oops_at < ${to})
      ORDER BY r.customer_id, r.kind, r.answered_at DESC, r.id DESC
    )
    SELECT kind, ${histogram('score')} AS counts FROM latest GROUP BY kind`.execute(db);
  return r.rows.map((x) => ({ kind: x.kind, counts: x.counts.map(Number) }));
}

export interface ReportCaseRow {
  id: string;
  number: number;
  title: string;
  status: 'open' | 'closed';
  origin: CaseOrigin;
  severity: 'low' | 'normal' | 'high' | 'critical';
  customer_id: string;
  customer_name: string | null;
  customer_email: string | null;
  customer_external_id: string | null;
  department_id: string | null;
  owner_id: string | null;
  oops_at: Date;
  due_at: Date;
  recovered_at: Date | null;
  closed_at: Date | null;
  breached_at: Date | null;
  apologised_at: Date | null;
  fixed_at: Date | null;
  cost_amount: string | null;
  cost_currency: string | null;
  follow_up_kind: SurveyKind | null;
  follow_up_score: number | null;
  follow_up_at: Date | null;
  score_before: number | null;
  /** oops_at with microseconds, for the keyset cursor. */
  position: string;
}

export interface CaseListFilter extends CaseFilter {
  bucket: RecoveryBucket;
  now: Date;
  kind?: SurveyKind;
  currency?: string;
  /** Keyset position: cases strictly before this (oops_at, id), newest oops first. */
  before?: { t: string; id: string };
  limit: number;
}

/** The cases of one bucket, newest oops first, with the facts each figure is made of. */
export async function listBucketCases(db: Db, f: CaseListFilter): Promise<ReportCaseRow[]> {
  const keyset = f.before ? sql`(c.oops_at, c.id) < (${f.before.t}::timestamptz, ${f.before.id}::uuid)` : sql`TRUE`;
  let source: RawBuilder<unknown>;
  if (f.bucket === 'follow_up' || f.bucket === 'follow_up_paired') {
    const conds = [sql`TRUE`];
    if (f.kind) conds.push(sql`p.kind = ${f.kind}`);
    if (f.bucket === 'follow_up_paired') conds.push(sql`p.before IS NOT NULL`);
    source = sql`
      WITH ${followUps(f)}
      SELECT c.* FROM paired p JOIN cases c ON c.workspace_id = p.workspace_id AND c.id = p.case_id
      WHERE ${sql.join(conds, sql` AND `)} AND ${keyset}
      ORDER BY c.oops_at DESC, c.id DESC LIMIT ${f.limit}`;
  } else {
    source = sql`
      SELECT c.* FROM cases c
      WHERE ${inPeriod(f)} AND ${bucketCondition(f.bucket, f.now, f.currency)} AND ${keyset}
      ORDER BY c.oops_at DESC, c.id DESC LIMIT ${f.limit}`;
  }
  const step = (name: string) =>
    sql`(SELECT s.at FROM case_steps s WHERE s.workspace_id = x.workspace_id AND s.case_id = x.id AND s.step = ${name} AND s.status = 'done')`;
  const r = await sql<ReportCaseRow>`
    SELECT x.id, x.number, x.title, x.status, x.origin, x.severity, x.customer_id, cu.name AS customer_name,
           cu.email AS customer_email, cu.external_id AS customer_external_id, x.department_id, x.owner_id,
           x.oops_at, x.due_at, x.recovered_at, x.closed_at, x.breached_at,
           ${step('apologise')} AS apologised_at, ${step('fix')} AS fixed_at,
           rs.cost_amount::text AS cost_amount, rs.cost_currency,
           fa.kind AS follow_up_kind, fa.score AS follow_up_score, fa.answered_at AS follow_up_at, fb.score AS score_before,
           to_char(x.oops_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS position
    FROM (${source}) x
    JOIN customers cu ON cu.workspace_id = x.workspace_id AND cu.id = x.customer_id
    LEFT JOIN case_steps rs ON rs.workspace_id = x.workspace_id AND rs.case_id = x.id AND rs.step = 'restitution' AND rs.status = 'done'
    LEFT JOIN LATERAL (
      SELECT r.kind, r.score, r.answered_at FROM invitations i
      JOIN responses r ON r.workspace_id = i.workspace_id AND r.invitation_id = i.id
      WHERE i.workspace_id = x.workspace_id AND i.case_id = x.id AND i.origin = 'follow_up'
      ORDER BY r.answered_at DESC LIMIT 1
    ) fa ON TRUE
    LEFT JOIN LATERAL (
      SELECT r.score FROM responses r
      WHERE r.workspace_id = x.workspace_id AND r.customer_id = x.customer_id AND r.kind = fa.kind
        AND r.answered_at < x.oops_at AND NOT r.hand_picked
      ORDER BY r.answered_at DESC, r.id DESC LIMIT 1
    ) fb ON TRUE
    ORDER BY x.oops_at DESC, x.id DESC`.execute(db);
  return r.rows;
}
