// The recovery report over time, set-based: one pass over the period's cases grouped by the UTC
// day, ISO week or month of their oops, with the very conditions the report counts
// (`bucketCondition`), and one for restitution costs per period and currency.
import { sql } from 'kysely';
import type { Db } from './database.ts';
import { bucketCondition, inPeriod, type CaseFilter } from './recovery-report.ts';

export type TrendUnit = 'day' | 'week' | 'month';

export interface PeriodCounts {
  /** The period's first day (UTC), YYYY-MM-DD. */
  key: string;
  opened: number;
  breached: number;
  recovered_within_24h: number;
  missed_24h: number;
  pending: number;
}

export interface PeriodCost {
  key: string;
  currency: string;
  count: number;
  /** Exact decimal text, as PostgreSQL sums numeric. */
  total: string;
}

const periodOf = (unit: TrendUnit) => sql`to_char(date_trunc(${unit}::text, c.oops_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD')`;

const trendBuckets = ['opened', 'breached', 'recovered_within_24h', 'missed_24h', 'pending'] as const;

/** The period's cases counted per day, week or month of their oops; periods without a case are absent. */
export async function countCasesByPeriod(db: Db, f: CaseFilter, unit: TrendUnit, now: Date): Promise<PeriodCounts[]> {
  const columns = sql.join(
    trendBuckets.map((b) => sql`count(*) FILTER (WHERE ${bucketCondition(b, now, f.windowHours)})::int AS ${sql.ref(b)}`),
  );
  const r = await sql<PeriodCounts>`
    SELECT ${periodOf(unit)} AS key, ${columns}
    FROM cases c WHERE ${inPeriod(f)}
    GROUP BY 1 ORDER BY 1`.execute(db);
  return r.rows;
}

/** Restitution costs of the period's cases per day, week or month of their oops and currency. */
export async function restitutionCostsByPeriod(db: Db, f: CaseFilter, unit: TrendUnit): Promise<PeriodCost[]> {
  const r = await sql<PeriodCost>`
    SELECT ${periodOf(unit)} AS key, s.cost_currency AS currency, count(*)::int AS count, sum(s.cost_amount)::text AS total
    FROM cases c
    JOIN case_steps s ON s.workspace_id = c.workspace_id AND s.case_id = c.id
    WHERE ${inPeriod(f)} AND s.step = 'restitution' AND s.status = 'done' AND s.cost_amount IS NOT NULL
    GROUP BY 1, 2 ORDER BY 1, 2`.execute(db);
  return r.rows;
}
