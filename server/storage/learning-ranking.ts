// Learning storage: the friction ranking's figures per rule for a period. The complaints, cases
// and answers come from the day rollup (rule_friction_days, kept by a trigger in the same
// transaction as every change to rule_friction) for the whole UTC days of the period, and from
// rule_friction itself for the partial days at its edges, so they are exact for any from/to. The
// cost reads the done restitutions and the exceptions (both few), not every tagged item.
import { sql } from 'kysely';
import type { Db } from './database.ts';

export interface RuleCounts {
  complaints: number;
  cases: number;
  answers: number;
  exceptions: number;
  cost: number;
}

export const noCounts = (): RuleCounts => ({ complaints: 0, cases: 0, answers: 0, exceptions: 0, cost: 0 });

const dayMs = 86_400_000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** A period as whole UTC days [firstDay, endDay) and the partial days left at its edges. */
export function periodParts(from: Date, to: Date): { days: [Date, Date] | null; edges: [Date, Date][] } {
  const firstDay = new Date(Math.ceil(from.getTime() / dayMs) * dayMs);
  const endDay = new Date(Math.floor(to.getTime() / dayMs) * dayMs);
  if (firstDay.getTime() >= endDay.getTime()) return { days: null, edges: [[from, to]] };
  const edges: [Date, Date][] = [];
  if (from < firstDay) edges.push([from, firstDay]);
  if (endDay < to) edges.push([endDay, to]);
  return { days: [firstDay, endDay], edges };
}

/** The edges as one SQL condition on `column` (false when there are none). */
export function inEdges(column: string, edges: [Date, Date][]) {
  if (!edges.length) return sql<boolean>`false`;
  return sql<boolean>`(${sql.join(
    edges.map(([a, b]) => sql`(${sql.ref(column)} >= ${a} AND ${sql.ref(column)} < ${b})`),
    sql` OR `,
  )})`;
}

/** Complaints, cases, answers, exceptions and cost per rule for [from, to). */
export async function periodCounts(db: Db, workspaceId: string, from: Date, to: Date): Promise<Map<string, RuleCounts>> {
  const { days, edges } = periodParts(from, to);
  const wholeDays = days
    ? sql`SELECT rule_id, complaints, cases, answers, 0 AS exceptions, 0::numeric AS cost FROM rule_friction_days
          WHERE workspace_id = ${workspaceId} AND day >= ${isoDay(days[0])}::date AND day < ${isoDay(days[1])}::date`
    : sql`SELECT NULL::uuid AS rule_id, 0 AS complaints, 0 AS cases, 0 AS answers, 0 AS exceptions, 0::numeric AS cost WHERE false`;
  const rows = await sql<{ rule_id: string; complaints: number; cases: number; answers: number; exceptions: number; cost: string }>`
    SELECT rule_id, sum(complaints)::int AS complaints, sum(cases)::int AS cases, sum(answers)::int AS answers,
           sum(exceptions)::int AS exceptions, sum(cost) AS cost
    FROM (
      ${wholeDays}
      UNION ALL
      SELECT rule_id, (item_kind = 'complaint')::int, (item_kind = 'case')::int, (item_kind = 'answer')::int, 0, 0
        FROM rule_friction WHERE workspace_id = ${workspaceId} AND ${inEdges('occurred_at', edges)}
      UNION ALL
      SELECT rule_id, 0, 0, 0, 1, CASE WHEN status = 'pending' THEN 0 ELSE cost_amount END
        FROM rule_exceptions WHERE workspace_id = ${workspaceId} AND recorded_at >= ${from} AND recorded_at < ${to}
      UNION ALL
      SELECT f.rule_id, 0, 0, 0, 0, s.cost_amount
        FROM case_steps s
        JOIN rule_friction f ON f.workspace_id = s.workspace_id AND f.item_kind = 'case' AND f.item_id = s.case_id
        WHERE s.workspace_id = ${workspaceId} AND s.step = 'restitution' AND s.status = 'done' AND s.cost_amount IS NOT NULL
          AND f.occurred_at >= ${from} AND f.occurred_at < ${to}
    ) x
    GROUP BY rule_id`.execute(db);
  return new Map(
    rows.rows.map((r) => [
      r.rule_id,
      { complaints: r.complaints, cases: r.cases, answers: r.answers, exceptions: r.exceptions, cost: Number(r.cost) },
    ]),
  );
}
