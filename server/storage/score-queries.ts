// What the dashboards read: sums of score_rollups (never the answers themselves), and the
// drill-down list of answers behind a figure, filtered exactly as the rollups are keyed
// (survey, UTC day of answered_at, hand-picked flag, the customer's attributes when answering).
import { sql, type RawBuilder } from 'kysely';
import type { SurveyKind } from '../../contract/surveys.ts';
import type { Response } from '../../contract/answers.ts';
import type { Db } from './database.ts';

export interface RollupFilter {
  workspaceId: string;
  kinds: SurveyKind[];
  surveyId?: string;
  departmentId?: string;
  /** UTC days, half-open: from <= day < to. */
  from: string;
  to: string;
  includeHandPicked: boolean;
}

export type Period = 'day' | 'week' | 'month';

export interface RollupSum {
  kind: SurveyKind;
  /** The attribute value; '' for everyone. */
  value: string;
  /** First day of the period (day, ISO week from Monday, month); null when not grouped by period. */
  period: string | null;
  /** Answers by score, index 0..10. */
  counts: number[];
  invited: number;
  answered: number;
}

const scoreColumns = ['s0', 's1', 's2', 's3', 's4', 's5', 's6', 's7', 's8', 's9', 's10'] as const;

function where(f: RollupFilter, dim: string, values?: string[]): RawBuilder<unknown> {
  const parts = [
    sql`r.workspace_id = ${f.workspaceId}`,
    sql`r.dim = ${dim}`,
    sql`r.day >= ${f.from}::date`,
    sql`r.day < ${f.to}::date`,
    sql`s.kind = ANY(${f.kinds}::text[])`,
  ];
  if (dim === '') parts.push(sql`r.value = ''`);
  if (values) parts.push(sql`r.value = ANY(${values}::text[])`);
  if (f.surveyId) parts.push(sql`r.survey_id = ${f.surveyId}`);
  if (f.departmentId) parts.push(sql`s.department_id = ${f.departmentId}`);
  if (!f.includeHandPicked) parts.push(sql`NOT r.hand_picked`);
  return sql.join(parts, sql` AND `);
}

const periodOf = (p: Period | undefined) =>
  p === 'day' ? sql`r.day` : p ? sql`date_trunc(${p}::text, r.day::timestamp)::date` : sql`NULL::date`;

const toSum = (x: {
  kind: SurveyKind;
  value: string;
  period: string | null;
  counts: number[];
  invited: number;
  answered: number;
}): RollupSum => ({
  kind: x.kind,
  value: x.value,
  period: x.period,
  counts: x.counts.map(Number),
  invited: Number(x.invited),
  answered: Number(x.answered),
});

// The totals and the deltas not folded yet (rollup-deltas.ts), not grouped: every query sums them.
const rollupColumns =
  'workspace_id, dim, value, day, survey_id, hand_picked, s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, invited, answered_invited';
const fromRollups = sql`(SELECT ${sql.raw(rollupColumns)} FROM score_rollup_totals UNION ALL SELECT ${sql.raw(rollupColumns)} FROM score_rollup_deltas) r
  JOIN surveys s ON s.workspace_id = r.workspace_id AND s.id = r.survey_id`;

/**
 * Sums rollup rows by kind, value (of `dim`; '' is everyone) and, when given, period. Reads only
 * score_rollup_totals and score_rollup_deltas (an index range each: workspace, dim, day) and the workspace's surveys.
 */
export async function sumRollups(db: Db, f: RollupFilter, by: { dim: string; values?: string[]; period?: Period }): Promise<RollupSum[]> {
  if (by.values && !by.values.length) return [];
  const sums = sql.join(scoreColumns.map((c) => sql`sum(${sql.ref(`r.${c}`)})`));
  const r = await sql<{ kind: SurveyKind; value: string; period: string | null; counts: number[]; invited: number; answered: number }>`
    SELECT s.kind, r.value, ${periodOf(by.period)} AS period, ARRAY[${sums}]::int8[] AS counts,
           sum(r.invited) AS invited, sum(r.answered_invited) AS answered
    FROM ${fromRollups}
    WHERE ${where(f, by.dim, by.values)}
    GROUP BY 1, 2, 3`.execute(db);
  return r.rows.map(toSum);
}

/**
 * Sums by segment value of attribute `dim` like sumRollups, for the `limit` values with the most
 * answers in the filter only, in one statement. Answers the sums, those values (most answers
 * first) and how many values the attribute has in the filter.
 */
export async function sumTopSegments(
  db: Db,
  f: RollupFilter,
  by: { dim: string; limit: number; period?: Period },
): Promise<{ rows: RollupSum[]; values: string[]; total: number }> {
  const cols = sql.join(scoreColumns.map((c) => sql.ref(`r.${c}`)));
  const n = sql.join(
    scoreColumns.map((c) => sql.ref(c)),
    sql` + `,
  );
  const sums = sql.join(scoreColumns.map((c) => sql`sum(${sql.ref(`b.${c}`)})`));
  const r = await sql<{
    kind: SurveyKind;
    value: string;
    period: string | null;
    counts: number[];
    invited: number;
    answered: number;
    total: number;
  }>`
    WITH base AS MATERIALIZED (
      SELECT s.kind, r.value, ${periodOf(by.period)} AS period, ${cols}, r.invited, r.answered_invited
      FROM ${fromRollups}
      WHERE ${where(f, by.dim)}
    ), top AS (
      SELECT value, count(*) OVER () AS total, row_number() OVER (ORDER BY sum(${n}) DESC, value) AS rank
      FROM base GROUP BY value ORDER BY rank LIMIT ${by.limit}
    )
    SELECT b.kind, b.value, b.period, ARRAY[${sums}]::int8[] AS counts, sum(b.invited) AS invited,
           sum(b.answered_invited) AS answered, t.total
    FROM base b JOIN top t ON t.value = b.value
    GROUP BY b.kind, b.value, b.period, t.rank, t.total
    ORDER BY t.rank`.execute(db);
  const values = [...new Set(r.rows.map((x) => x.value))];
  return { rows: r.rows.map(toSum), values, total: r.rows.length ? Number(r.rows[0]!.total) : 0 };
}

export interface SurveyRef {
  id: string;
  kind: SurveyKind;
  departmentId: string | null;
}

/** The workspace's surveys (archived ones too: their answers still count) that match the filter. */
export async function matchingSurveys(
  db: Db,
  workspaceId: string,
  f: { kinds?: SurveyKind[]; surveyId?: string; departmentId?: string },
): Promise<SurveyRef[]> {
  let q = db.selectFrom('surveys').select(['id', 'kind', 'department_id']).where('workspace_id', '=', workspaceId);
  if (f.kinds) q = q.where('kind', 'in', f.kinds);
  if (f.surveyId) q = q.where('id', '=', f.surveyId);
  if (f.departmentId) q = q.where('department_id', '=', f.departmentId);
  const rows = await q.orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, kind: r.kind, departmentId: r.department_id }));
}

export async function findSurveyRef(db: Db, workspaceId: string, id: string): Promise<SurveyRef | undefined> {
  return (await matchingSurveys(db, workspaceId, { surveyId: id }))[0];
}

export async function departmentExists(db: Db, workspaceId: string, id: string): Promise<boolean> {
  const r = await db.selectFrom('departments').select('id').where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  return r !== undefined;
}

export interface ResponseFilter {
  /** The surveys to list answers of (already narrowed by kind and department). */
  surveyIds: string[];
  from?: Date;
  to?: Date;
  scoreMin?: number;
  scoreMax?: number;
  segment?: { attribute: string; value: string };
  customerId?: string;
  includeHandPicked: boolean;
  /** Keyset position: answers strictly older than this (answered_at, id). */
  before?: { t: string; id: string };
  limit: number;
}

/** An answer in a drill-down list, with its survey's name and who the customer is. */
export interface ListedResponse {
  id: string;
  surveyId: string;
  surveyName: string;
  kind: SurveyKind;
  customer: { id: string; name: string | null; email: string | null; externalId: string | null };
  invitationId: string | null;
  score: number;
  reason: string | null;
  answers: Record<string, string>;
  channel: Response['channel'];
  handPicked: boolean;
  locale: string | null;
  segment: Record<string, string>;
  answeredAt: Date;
  updatedAt: Date;
  /** answeredAt with microseconds, for the keyset cursor. */
  position: string;
}

/**
 * Answers newest first (answered_at, then id), keyset-paginated. Each survey's answers are read
 * along its (survey, answered_at, id) index and the per-survey lists merged, so a page costs
 * about `limit` rows per survey whatever the workspace holds. One customer's answers are read
 * in one go, for an index that leads with the customer.
 */
export async function listResponses(db: Db, workspaceId: string, f: ResponseFilter): Promise<ListedResponse[]> {
  if (!f.surveyIds.length) return [];
  const conds = [sql`r.workspace_id = ${workspaceId}`];
  if (f.from) conds.push(sql`r.answered_at >= ${f.from}`);
  if (f.to) conds.push(sql`r.answered_at < ${f.to}`);
  if (f.scoreMin !== undefined) conds.push(sql`r.score >= ${f.scoreMin}`);
  if (f.scoreMax !== undefined) conds.push(sql`r.score <= ${f.scoreMax}`);
  if (f.segment) conds.push(sql`r.segment ->> ${f.segment.attribute}::text = ${f.segment.value}::text`);
  if (f.customerId) conds.push(sql`r.customer_id = ${f.customerId}`);
  if (!f.includeHandPicked) conds.push(sql`NOT r.hand_picked`);
  if (f.before) conds.push(sql`(r.answered_at, r.id) < (${f.before.t}::timestamptz, ${f.before.id}::uuid)`);
  const answers = f.customerId
    ? sql`(SELECT r.* FROM responses r
           WHERE ${sql.join(conds, sql` AND `)} AND r.survey_id = ANY(${f.surveyIds}::uuid[])
           ORDER BY r.answered_at DESC, r.id DESC LIMIT ${f.limit}) x`
    : sql`unnest(${f.surveyIds}::uuid[]) AS sv(id)
          CROSS JOIN LATERAL (
            SELECT r.* FROM responses r
            WHERE ${sql.join(conds, sql` AND `)} AND r.survey_id = sv.id
            ORDER BY r.answered_at DESC, r.id DESC
            LIMIT ${f.limit}
          ) x`;
  const r = await sql<{
    id: string;
    survey_id: string;
    survey_name: string;
    kind: SurveyKind;
    customer_id: string;
    customer_name: string | null;
    customer_email: string | null;
    customer_external_id: string | null;
    invitation_id: string | null;
    score: number;
    reason: string | null;
    answers: Record<string, string>;
    channel: Response['channel'];
    hand_picked: boolean;
    locale: string | null;
    segment: Record<string, string>;
    answered_at: Date;
    updated_at: Date;
    position: string;
  }>`
    SELECT x.id, x.survey_id, s.name AS survey_name, x.kind, x.customer_id, c.name AS customer_name,
           c.email AS customer_email, c.external_id AS customer_external_id, x.invitation_id, x.score, x.reason,
           x.answers, x.channel, x.hand_picked, x.locale, x.segment, x.answered_at, x.updated_at,
           to_char(x.answered_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS position
    FROM ${answers}
    JOIN surveys s ON s.workspace_id = x.workspace_id AND s.id = x.survey_id
    JOIN customers c ON c.workspace_id = x.workspace_id AND c.id = x.customer_id
    ORDER BY x.answered_at DESC, x.id DESC
    LIMIT ${f.limit}`.execute(db);
  return r.rows.map((x) => ({
    id: x.id,
    surveyId: x.survey_id,
    surveyName: x.survey_name,
    kind: x.kind,
    customer: { id: x.customer_id, name: x.customer_name, email: x.customer_email, externalId: x.customer_external_id },
    invitationId: x.invitation_id,
    score: x.score,
    reason: x.reason,
    answers: x.answers,
    channel: x.channel,
    handPicked: x.hand_picked,
    locale: x.locale,
    segment: x.segment,
    answeredAt: x.answered_at,
    updatedAt: x.updated_at,
    position: x.position,
  }));
}
