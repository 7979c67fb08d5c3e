// The cases behind a figure of the recovery report: one bucket's cases, newest oops first,
// keyset-paged, with the facts each figure is made of (times to the steps, the restitution, the
// follow-up answer and the score before the oops). The bucket's condition is the very one its
// figure counts with (recovery-report.ts), so paging through finds exactly the figure's n.
import { sql, type RawBuilder } from 'kysely';
import type { CaseOrigin, CaseSeverity } from '../../contract/cases.ts';
import type { RecoveryBucket } from '../../contract/recovery-report.ts';
import type { SurveyKind } from '../../contract/surveys.ts';
import type { Db } from './database.ts';
import { bucketCondition, followUpSource, inPeriod, type CaseFilter } from './recovery-report.ts';

/** A case behind a figure of the report, with the facts each figure is made of. */
export interface BucketCase {
  id: string;
  number: number;
  title: string;
  status: 'open' | 'closed';
  origin: CaseOrigin;
  severity: CaseSeverity;
  customerId: string;
  customerName: string | null;
  customerEmail: string | null;
  customerExternalId: string | null;
  departmentId: string | null;
  ownerId: string | null;
  oopsAt: Date;
  dueAt: Date;
  recoveredAt: Date | null;
  closedAt: Date | null;
  breachedAt: Date | null;
  apologisedAt: Date | null;
  fixedAt: Date | null;
  costAmount: string | null;
  costCurrency: string | null;
  followUpKind: SurveyKind | null;
  followUpScore: number | null;
  followUpAt: Date | null;
  scoreBefore: number | null;
  /** oopsAt with microseconds, for the keyset cursor. */
  position: string;
}

interface BucketCaseRow {
  id: string;
  number: number;
  title: string;
  status: 'open' | 'closed';
  origin: CaseOrigin;
  severity: CaseSeverity;
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
  position: string;
}

const toBucketCase = (r: BucketCaseRow): BucketCase => ({
  id: r.id,
  number: Number(r.number),
  title: r.title,
  status: r.status,
  origin: r.origin,
  severity: r.severity,
  customerId: r.customer_id,
  customerName: r.customer_name,
  customerEmail: r.customer_email,
  customerExternalId: r.customer_external_id,
  departmentId: r.department_id,
  ownerId: r.owner_id,
  oopsAt: r.oops_at,
  dueAt: r.due_at,
  recoveredAt: r.recovered_at,
  closedAt: r.closed_at,
  breachedAt: r.breached_at,
  apologisedAt: r.apologised_at,
  fixedAt: r.fixed_at,
  costAmount: r.cost_amount,
  costCurrency: r.cost_currency,
  followUpKind: r.follow_up_kind,
  followUpScore: r.follow_up_score,
  followUpAt: r.follow_up_at,
  scoreBefore: r.score_before,
  position: r.position,
});

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
export async function listBucketCases(db: Db, f: CaseListFilter): Promise<BucketCase[]> {
  const keyset = f.before ? sql`(c.oops_at, c.id) < (${f.before.t}::timestamptz, ${f.before.id}::uuid)` : sql`TRUE`;
  let source: RawBuilder<unknown>;
  if (f.bucket === 'follow_up' || f.bucket === 'follow_up_paired') {
    const fu = followUpSource(f);
    const conds = [fu.where, keyset];
    if (f.kind) conds.push(sql`a.kind = ${f.kind}`);
    if (f.bucket === 'follow_up_paired') conds.push(sql`b.score IS NOT NULL`);
    source = sql`
      SELECT c.* FROM ${fu.from}
      WHERE ${sql.join(conds, sql` AND `)}
      ORDER BY c.oops_at DESC, c.id DESC LIMIT ${f.limit}`;
  } else {
    source = sql`
      SELECT c.* FROM cases c
      WHERE ${inPeriod(f)} AND ${bucketCondition(f.bucket, f.now, f.windowHours, f.currency)} AND ${keyset}
      ORDER BY c.oops_at DESC, c.id DESC LIMIT ${f.limit}`;
  }
  const step = (name: string) =>
    sql`(SELECT s.at FROM case_steps s WHERE s.workspace_id = x.workspace_id AND s.case_id = x.id AND s.step = ${name} AND s.status = 'done')`;
  const r = await sql<BucketCaseRow>`
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
  return r.rows.map(toBucketCase);
}
