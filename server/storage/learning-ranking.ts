// Learning storage: the friction ranking's figures per rule for a period and the one before it,
// read in one pass over the friction index, the exceptions and the tagged cases' restitution.
import { sql } from 'kysely';
import type { Db } from './database.ts';

export interface RuleFigures {
  complaints: number;
  cases: number;
  answers: number;
  exceptions: number;
  customers: number;
  cost: number;
}

export const noFigures = (): RuleFigures => ({ complaints: 0, cases: 0, answers: 0, exceptions: 0, customers: 0, cost: 0 });

/** Figures per rule: `current` for [from, to), `previous` for [previousFrom, from). */
export async function frictionFigures(
  db: Db,
  workspaceId: string,
  previousFrom: Date,
  from: Date,
  to: Date,
): Promise<Map<string, { current: RuleFigures; previous: RuleFigures }>> {
  const rows = await sql<{
    rule_id: string;
    cur: boolean;
    complaints: number;
    cases: number;
    answers: number;
    exceptions: number;
    customers: number;
    cost: string;
  }>`
    WITH items AS (
      SELECT rule_id, item_kind AS kind, customer_id, occurred_at >= ${from} AS cur, 0::numeric AS cost
        FROM rule_friction
        WHERE workspace_id = ${workspaceId} AND occurred_at >= ${previousFrom} AND occurred_at < ${to}
      UNION ALL
      SELECT f.rule_id, 'restitution', f.customer_id, f.occurred_at >= ${from}, s.cost_amount
        FROM rule_friction f
        JOIN case_steps s ON s.workspace_id = f.workspace_id AND s.case_id = f.item_id
          AND s.step = 'restitution' AND s.status = 'done' AND s.cost_amount IS NOT NULL
        WHERE f.workspace_id = ${workspaceId} AND f.item_kind = 'case' AND f.occurred_at >= ${previousFrom} AND f.occurred_at < ${to}
      UNION ALL
      SELECT rule_id, 'exception', customer_id, recorded_at >= ${from}, CASE WHEN status = 'pending' THEN 0 ELSE cost_amount END
        FROM rule_exceptions
        WHERE workspace_id = ${workspaceId} AND recorded_at >= ${previousFrom} AND recorded_at < ${to}
    )
    SELECT rule_id, cur,
      count(*) FILTER (WHERE kind = 'complaint')::int AS complaints,
      count(*) FILTER (WHERE kind = 'case')::int AS cases,
      count(*) FILTER (WHERE kind = 'answer')::int AS answers,
      count(*) FILTER (WHERE kind = 'exception')::int AS exceptions,
      count(DISTINCT customer_id)::int AS customers,
      coalesce(sum(cost), 0) AS cost
    FROM items GROUP BY rule_id, cur`.execute(db);
  const out = new Map<string, { current: RuleFigures; previous: RuleFigures }>();
  for (const r of rows.rows) {
    const entry = out.get(r.rule_id) ?? { current: noFigures(), previous: noFigures() };
    const figures = {
      complaints: r.complaints,
      cases: r.cases,
      answers: r.answers,
      exceptions: r.exceptions,
      customers: r.customers,
      cost: Number(r.cost),
    };
    if (r.cur) entry.current = figures;
    else entry.previous = figures;
    out.set(r.rule_id, entry);
  }
  return out;
}
