// Case clocks under load: 100,000 open cases in one workspace, of which `due` have their 50 %
// point falling due within the next 30 s (spread evenly), the rest hours away. Kept's running
// worker fires them; each fired point records when it fired, so the delay is fired - due.
import type pg from 'pg';
import { percentile } from './load.ts';
import type { Row } from './report.ts';

export const escalationWorkspace = 'bench-cases';
const openCases = 100_000;
const hour = 3_600_000;

export async function runEscalationBench(o: { db: pg.Client; log: (s: string) => void; due?: number; windowMs?: number }): Promise<Row[]> {
  const { db, log } = o;
  const due = o.due ?? 20_000;
  const windowMs = o.windowMs ?? 30_000;
  const ws = (
    await db.query<{ id: string }>(
      `INSERT INTO workspaces (id, slug, name) VALUES (gen_random_uuid(), $1, $1) ON CONFLICT (slug) DO UPDATE SET name = excluded.name RETURNING id`,
      [escalationWorkspace],
    )
  ).rows[0]!.id;
  log(`escalations: resetting ${escalationWorkspace}`);
  await db.query(`DELETE FROM graphile_worker._private_jobs WHERE key LIKE 'case-clock:%'`);
  for (const t of ['oopses', 'case_assignments', 'cases', 'events', 'customers'])
    await db.query(`DELETE FROM ${t} WHERE workspace_id = $1`, [ws]);
  await db.query(`INSERT INTO recovery_settings (workspace_id, updated_at) VALUES ($1, now()) ON CONFLICT DO NOTHING`, [ws]);
  log(
    `escalations: ${openCases.toLocaleString('en')} customers and open cases, ${due.toLocaleString('en')} of them due within ${windowMs / 1000} s`,
  );
  await db.query(
    `INSERT INTO customers (workspace_id, id, external_id, created_at, updated_at) SELECT $1, gen_random_uuid(), 'case-' || g, now(), now()
     FROM generate_series(1, $2) g`,
    [ws, openCases],
  );
  // Cases 1..due: the 50 % point (oops + 12 h) falls 5 s .. 5 s + window from now. The rest: oops now.
  const start = Date.now() + 5_000;
  await db.query(
    `INSERT INTO cases (workspace_id, id, number, customer_id, status, origin, severity, title, oops_at, due_at, opened_at)
     SELECT $1, gen_random_uuid(), row_number() OVER (), c.id, 'open', 'manual', 'normal', 'bench',
            o.oops, o.oops + interval '24 hours', now()
     FROM (SELECT id, row_number() OVER (ORDER BY external_id) AS n FROM customers WHERE workspace_id = $1) c
     CROSS JOIN LATERAL (SELECT CASE WHEN c.n <= $2
         THEN to_timestamp(($3::bigint + (c.n - 1) * $4::float8 / $2 - 12 * 3600000) / 1000.0)
         ELSE now() END AS oops) o`,
    [ws, due, start, windowMs],
  );
  await db.query(
    `SELECT count(*) FROM graphile_worker.add_jobs((
       SELECT array_agg(ROW('case_clock', json_build_object('workspaceId', workspace_id::text, 'caseId', id::text), NULL,
                            oops_at + interval '12 hours', 25, 'case-clock:' || id, 0, NULL)::graphile_worker.job_spec)
       FROM cases WHERE workspace_id = $1))`,
    [ws],
  );
  await db.query('VACUUM (ANALYZE) cases');
  const setupDone = Date.now();
  if (setupDone > start) log(`escalations: setup ran ${setupDone - start} ms into the window; those points fire late`);
  log('escalations: waiting for the window to pass');
  await new Promise((r) => setTimeout(r, Math.max(0, start + windowMs - Date.now()) + 5_000));
  const { rows } = await db.query<{ late: number }>(
    `SELECT extract(epoch FROM reminded_at - (oops_at + interval '12 hours')) * 1000 AS late
     FROM cases WHERE workspace_id = $1 AND reminded_at IS NOT NULL`,
    [ws],
  );
  const delays = rows.map((r) => Number(r.late)).sort((a, b) => a - b);
  // Leave no work behind for the benchmarks that run after this one.
  await clear(db, ws);
  const within = delays.filter((d) => d <= 1000).length;
  return [
    {
      name: `case clocks: ${due.toLocaleString('en')} points due over ${windowMs / 1000} s, ${openCases.toLocaleString('en')} open cases`,
      result:
        `${delays.length.toLocaleString('en')} fired (${Math.round(delays.length / (windowMs / 1000)).toLocaleString('en')}/s), ` +
        `delay p99 ${Math.round(percentile(delays, 99))} ms, ${((within / Math.max(1, due)) * 100).toFixed(1)} % within 1 s`,
      p50: percentile(delays, 50),
      p95: percentile(delays, 95),
      target: 'delay p99 ≤ 1 s',
      pass: delays.length === due && percentile(delays, 99) <= 1000,
    },
  ];
}

async function clear(db: pg.Client, workspaceId: string): Promise<void> {
  await db.query(`DELETE FROM graphile_worker._private_jobs WHERE key IN (SELECT 'case-clock:' || id FROM cases WHERE workspace_id = $1)`, [
    workspaceId,
  ]);
  for (const t of ['oopses', 'case_assignments', 'cases', 'events', 'customers'])
    await db.query(`DELETE FROM ${t} WHERE workspace_id = $1`, [workspaceId]);
}
