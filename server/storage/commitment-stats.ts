// What the team achieved with its commitments, counted in SQL: the outcomes of one kind (for the
// suggestion), the outcomes per department and kind (the kept rates), and the kinds in use.
import { sql } from 'kysely';
import type { Db } from './database.ts';

/**
 * The resolved commitments of one kind (and department) due in [from, to): the time from made to
 * kept of each kept one (ms), and how many were kept on time, kept after a renegotiation, broken.
 */
export async function outcomesOf(db: Db, workspaceId: string, kind: string, departmentId: string | undefined, from: Date, to: Date) {
  let q = db
    .selectFrom('commitments')
    .select([
      'status',
      sql<boolean>`kept_at <= first_due_at`.as('on_time'),
      sql<number | null>`(extract(epoch FROM kept_at - made_at) * 1000)::float8`.as('kept_ms'),
    ])
    .where('workspace_id', '=', workspaceId)
    .where('kind', '=', kind)
    .where('status', 'in', ['kept', 'broken'])
    .where('due_at', '>=', from)
    .where('due_at', '<', to);
  if (departmentId) q = q.where('department_id', '=', departmentId);
  const rows = await q.execute();
  const kept = rows.filter((r) => r.status === 'kept');
  return {
    keptMs: kept.map((r) => Number(r.kept_ms)),
    keptOnTime: kept.filter((r) => r.on_time).length,
    keptAfterRenegotiation: kept.filter((r) => !r.on_time).length,
    broken: rows.length - kept.length,
  };
}

export interface OutcomeCounts {
  departmentId: string | null;
  departmentName: string | null;
  kind: string;
  keptOnTime: number;
  keptAfterRenegotiation: number;
  broken: number;
  openNow: number;
}

/** Per department and kind: outcomes of commitments due in [from, to), and how many are open now. */
export async function outcomeCounts(db: Db, workspaceId: string, from: Date, to: Date): Promise<OutcomeCounts[]> {
  const r = await sql<{
    department_id: string | null;
    department_name: string | null;
    kind: string;
    kept_on_time: number;
    kept_after_renegotiation: number;
    broken: number;
    open_now: number;
  }>`
    SELECT m.department_id, d.name AS department_name, m.kind,
      count(*) FILTER (WHERE m.status = 'kept' AND m.kept_at <= m.first_due_at AND m.due_at >= ${from} AND m.due_at < ${to})::int AS kept_on_time,
      count(*) FILTER (WHERE m.status = 'kept' AND m.kept_at > m.first_due_at AND m.due_at >= ${from} AND m.due_at < ${to})::int AS kept_after_renegotiation,
      count(*) FILTER (WHERE m.status = 'broken' AND m.due_at >= ${from} AND m.due_at < ${to})::int AS broken,
      count(*) FILTER (WHERE m.status IN ('open', 'renegotiated'))::int AS open_now
    FROM commitments m
    LEFT JOIN departments d ON d.workspace_id = m.workspace_id AND d.id = m.department_id
    WHERE m.workspace_id = ${workspaceId}
      AND (m.status IN ('open', 'renegotiated') OR (m.due_at >= ${from} AND m.due_at < ${to}))
    GROUP BY m.department_id, d.name, m.kind`.execute(db);
  return r.rows.map((x) => ({
    departmentId: x.department_id,
    departmentName: x.department_name,
    kind: x.kind,
    keptOnTime: x.kept_on_time,
    keptAfterRenegotiation: x.kept_after_renegotiation,
    broken: x.broken,
    openNow: x.open_now,
  }));
}

/** The kinds in use, most commitments first. */
export async function kindsInUse(db: Db, workspaceId: string, limit: number): Promise<{ kind: string; commitments: number }[]> {
  const r = await sql<{ kind: string; commitments: number }>`
    SELECT kind, count(*)::int AS commitments FROM commitments WHERE workspace_id = ${workspaceId}
    GROUP BY kind ORDER BY count(*) DESC, kind LIMIT ${limit}`.execute(db);
  return r.rows;
}
