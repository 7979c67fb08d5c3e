// Case clocks under load: 100,000 open cases in one workspace, each with an owner among 10 agents
// and two managers to tell, of which `due` have a point falling due within the next 30 s (spread
// evenly; a third each owner reminders, managers' escalations and breaches, so the reminders and
// escalations queue mail), the rest spread over the next 12 h, each in the queue as Kept schedules
// it. Kept's running worker fires them; each fired point records when it fired, so the delay is
// fired - due. Then a backlog: 20,000 points that fell due during a minute of downtime, queued as
// they were scheduled before it, all due at once: how fast they drain is the worker's capacity.
import { readFileSync } from 'node:fs';
import type pg from 'pg';
import { clockJobSpecs, type ClockJobSpec } from '../server/storage/case-clocks.ts';
import { measureCpu, type CpuUse } from './cpu.ts';
import { percentile } from './load.ts';
import type { Row } from './report.ts';

export const escalationWorkspace = 'bench-cases';
const openCases = 100_000;
const backlog = 20_000;
const hour = 3_600_000;
/** Where each kind of point sits after the oops, with the default 24 h target. */
const offsetMs = { remind: 12 * hour, escalate: 19.2 * hour, breach: 24 * hour };
const kinds = ['remind', 'escalate', 'breach'] as const;
const fmt = (n: number) => Math.round(n).toLocaleString('en');

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
  await clear(db, ws);
  await db.query(`INSERT INTO recovery_settings (workspace_id, updated_at) VALUES ($1, now()) ON CONFLICT DO NOTHING`, [ws]);
  await db.query(
    `INSERT INTO users (workspace_id, id, email, name, role, password_hash)
     SELECT $1, gen_random_uuid(), 'staff-' || g || '@bench.example', 'Staff ' || g, CASE WHEN g <= 2 THEN 'manager' ELSE 'agent' END, 'x'
     FROM generate_series(1, 12) g`,
    [ws],
  );
  log(`escalations: ${fmt(openCases)} customers and open cases, ${fmt(due)} points due within ${windowMs / 1000} s`);
  await db.query(
    `INSERT INTO customers (workspace_id, id, external_id, created_at, updated_at) SELECT $1, gen_random_uuid(), 'case-' || lpad(g::text, 6, '0'), now(), now()
     FROM generate_series(1, $2) g`,
    [ws, openCases],
  );
  // Cases due+1..open: the 50 % point between start + window + 1 min and 12 h, queued first. Then
  // cases 1..due: point n of kind n % 3 falls due at start + (n - 1) * window / due, the points
  // before it fired on time; these go in last, 15 s before the window opens, so the
  // setup's own load does not fall into the window.
  const insertCases = async (dueOnes: boolean, start: number) => {
    await db.query(
      `INSERT INTO cases (workspace_id, id, number, customer_id, status, origin, severity, title, oops_at, due_at, owner_id, opened_at,
                          reminded_at, escalated_at)
       SELECT $1, gen_random_uuid(), c.n, c.id, 'open', 'manual', 'normal', p.title, p.oops, p.oops + interval '24 hours', o.id, now(),
              CASE WHEN p.kind >= 1 THEN p.oops + interval '12 hours' END, CASE WHEN p.kind = 2 THEN p.oops + interval '19.2 hours' END
       FROM (SELECT id, row_number() OVER (ORDER BY external_id) AS n FROM customers WHERE workspace_id = $1) c
       CROSS JOIN LATERAL (SELECT CASE WHEN c.n <= $2 THEN (c.n % 3)::int ELSE 0 END AS kind) k
       CROSS JOIN LATERAL (SELECT CASE WHEN c.n <= $2 THEN 'bench ' || (ARRAY['remind', 'escalate', 'breach'])[k.kind + 1] ELSE 'bench later' END AS title,
         timestamptz 'epoch' + interval '1 millisecond' * (CASE WHEN c.n <= $2
           THEN $3::bigint + floor((c.n - 1) * $4::float8 / $2) - (ARRAY[$5, $6, $7]::float8[])[k.kind + 1]
           ELSE $3::bigint + $4 + 60000 + floor((c.n - $2 - 1) * (12 * 3600000.0 - $4 - 60000) / ($8 - $2)) - $5 END) AS oops, k.kind) p
       CROSS JOIN LATERAL (SELECT id FROM users WHERE workspace_id = $1 AND role = 'agent' ORDER BY id OFFSET c.n % 10 LIMIT 1) o
       WHERE (c.n <= $2) = $9`,
      [ws, due, start, windowMs, offsetMs.remind, offsetMs.escalate, offsetMs.breach, openCases, dueOnes],
    );
    const points = await pointsOf(db, ws, dueOnes ? ['bench remind', 'bench escalate', 'bench breach'] : ['bench later']);
    // As Kept scheduled them: when the case opened or its previous point fired, hours ago.
    await addJobs(db, clockJobSpecs(points, Date.now() - hour));
  };
  await insertCases(false, Date.now());
  await vacuum(db);
  await db.query('CHECKPOINT');
  const start = Date.now() + 15_000;
  await insertCases(true, start);
  // The setup's deletes and inserts would otherwise wake autovacuum in the window.
  await vacuum(db, ['cases', 'graphile_worker._private_jobs']);
  const jobs = Number((await db.query(`SELECT count(*) AS n FROM graphile_worker.jobs WHERE task_identifier = 'case_clock'`)).rows[0].n);
  const setupDone = Date.now();
  log(`escalations: ${fmt(openCases)} clock points in ${fmt(jobs)} queued jobs`);
  if (setupDone > start) log(`escalations: setup ran ${setupDone - start} ms into the window; those points fire late`);
  log('escalations: waiting for the window to pass');
  const pid = await keptPid(db);
  await sleep(start - Date.now());
  const vacuumsBefore = await autovacuumCounts(db);
  const windowCpu = measureCpu(pid);
  const windowWal = await walSince(db);
  await sleep(start + windowMs - Date.now() + 2_000);
  const window = await waitForPoints(db, ws, `title IN ('bench remind', 'bench escalate', 'bench breach')`, due, 30_000);
  const windowUse = windowCpu();
  const vacuumed = [...(await autovacuumCounts(db))].filter(([t, n]) => n > (vacuumsBefore.get(t) ?? 0)).map(([t]) => t);
  const walPerPoint = (await windowWal()) / Math.max(1, window.fired);
  const early = Number(
    (await db.query(`SELECT count(*) AS n FROM cases WHERE workspace_id = $1 AND title = 'bench later' AND reminded_at IS NOT NULL`, [ws]))
      .rows[0].n,
  );
  const written = (
    await db.query<{ events: number; mails: number }>(
      `SELECT (SELECT count(*) FROM events WHERE workspace_id = $1 AND source = 'kept')::int AS events,
              (SELECT count(*) FROM mails WHERE workspace_id = $1 AND kind LIKE 'case_%')::int AS mails`,
      [ws],
    )
  ).rows[0]!;
  const wanted = countKinds(due);
  const mailsWanted = wanted.remind + 2 * wanted.escalate;
  log(
    `escalations: ${fmt(written.events)} timeline events (want ${fmt(due)}), ${fmt(written.mails)} staff mails (want ${fmt(mailsWanted)}), ` +
      `${early} points fired early`,
  );

  // The backlog: 20,000 of the later cases move their 50 % point into the last minute, and their
  // jobs are queued as they were scheduled before it, so all fall due at once.
  const moved = Date.now();
  await db.query(
    `UPDATE cases c SET title = 'bench backlog', oops_at = b.oops, due_at = b.oops + interval '24 hours'
     FROM (SELECT id, timestamptz 'epoch' + interval '1 millisecond' * ($2::bigint - 61000 + floor((row_number() OVER (ORDER BY number) - 1) * 60000.0 / $3))
                      - interval '12 hours' AS oops
           FROM cases WHERE workspace_id = $1 AND title = 'bench later' ORDER BY number LIMIT $3) b
     WHERE c.workspace_id = $1 AND c.id = b.id`,
    [ws, moved, backlog],
  );
  const overdue = await pointsOf(db, ws, ['bench backlog']);
  const specs = clockJobSpecs(overdue, moved - hour);
  const backlogCpu = measureCpu(pid);
  const queued = await addJobs(db, specs);
  const drained = await waitForPoints(db, ws, `title = 'bench backlog'`, backlog, 120_000);
  const backlogUse = backlogCpu();
  log(
    `escalations: machine idle ${pct(windowUse.machineIdle)} during the window, ${pct(backlogUse.machineIdle)} during the backlog; ` +
      `${(walPerPoint / 1024).toFixed(1)} KB of WAL per point in the window; autovacuum in the window: ${vacuumed.join(', ') || 'none'}`,
  );
  const drainMs = (drained.lastFired ?? Date.now()) - queued;
  await clear(db, ws);

  const d = window.delays;
  const within = d.filter((x) => x <= 1000).length;
  const p99 = percentile(d, 99);
  return [
    {
      name: `case clocks: ${fmt(due)} points due over ${windowMs / 1000} s, ${fmt(openCases)} open cases`,
      result:
        `${fmt(window.fired)} fired (${fmt(window.fired / (windowMs / 1000))}/s), ` +
        `delay p99 ${Number.isFinite(p99) ? `${Math.round(p99)} ms` : 'never (points missed)'}, ${((within / Math.max(1, due)) * 100).toFixed(1)} % within 1 s`,
      p50: percentile(d, 50),
      p95: percentile(d, 95),
      cpu: perPoint(windowUse, window.fired),
      target: 'delay p99 ≤ 1 s',
      pass: window.fired === due && p99 <= 1000 && early === 0 && written.events === due && written.mails === mailsWanted,
    },
    {
      name: `case clocks: backlog of ${fmt(backlog)} points due at once (after downtime)`,
      result: `${fmt(drained.fired)} fired in ${(drainMs / 1000).toFixed(1)} s (${fmt(drained.fired / (drainMs / 1000))}/s), in ${fmt(specs.length)} jobs`,
      cpu: perPoint(backlogUse, drained.fired),
    },
  ];
}

const countKinds = (due: number) => {
  const n = { remind: 0, escalate: 0, breach: 0 };
  for (let i = 1; i <= due; i++) n[kinds[i % 3]!]++;
  return n;
};

const pct = (x: number) => `${Math.round(x * 100)} %`;
const perPoint = (u: CpuUse, n: number) => (n ? `${(u.kept / n).toFixed(2)} + ${(u.postgres / n).toFixed(2)} ms` : '');

/** Kept's process, for its CPU time: the parent of the PostgreSQL server it embeds (the bench gets only a client). */
async function keptPid(db: pg.Client): Promise<number> {
  const parent = (pid: number) => {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  };
  const backend = (await db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
  return parent(parent(backend));
}

const touched = ['cases', 'customers', 'events', 'mails', 'users', 'graphile_worker._private_jobs'];
const vacuum = async (db: pg.Client, tables = touched) => {
  for (const t of tables) await db.query(`VACUUM (ANALYZE) ${t}`);
};

/** How often autovacuum and autoanalyze have worked on each table so far. */
async function autovacuumCounts(db: pg.Client): Promise<Map<string, number>> {
  const { rows } = await db.query<{ name: string; n: string }>(
    `SELECT relname AS name, autovacuum_count + autoanalyze_count AS n FROM pg_stat_all_tables WHERE schemaname IN ('public', 'graphile_worker')`,
  );
  return new Map(rows.map((r) => [r.name, Number(r.n)]));
}

/** Bytes of WAL written from now until the returned function is called. */
async function walSince(db: pg.Client): Promise<() => Promise<number>> {
  const lsn = async () => (await db.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn')).rows[0]!.lsn;
  const from = await lsn();
  return async () => Number((await db.query<{ n: string }>('SELECT pg_wal_lsn_diff($1, $2) AS n', [await lsn(), from])).rows[0]!.n);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

/** Each case's next point by its title's kind: the entries Kept would have scheduled. */
async function pointsOf(db: pg.Client, ws: string, titles: string[]) {
  const { rows } = await db.query<{ id: string; at: string }>(
    `SELECT id, (extract(epoch FROM oops_at) * 1000)::float8 + CASE title WHEN 'bench escalate' THEN $3::float8 WHEN 'bench breach' THEN $4 ELSE $5 END AS at
     FROM cases WHERE workspace_id = $1 AND title = ANY($2)`,
    [ws, titles, offsetMs.escalate, offsetMs.breach, offsetMs.remind],
  );
  return rows.map((r) => ({ workspaceId: ws, caseId: r.id, runAt: new Date(Math.round(Number(r.at))) }));
}

/** Queues the jobs in one statement, as storage/case-clocks.addClockJobs does; answers when it committed. */
async function addJobs(db: pg.Client, specs: ClockJobSpec[]): Promise<number> {
  await db.query(
    `SELECT count(*) FROM graphile_worker.add_jobs(ARRAY(
       SELECT ROW('case_clock', j.payload, NULL, j.run_at, 25, j.key, 0, NULL)::graphile_worker.job_spec
       FROM unnest($1::text[], $2::json[], $3::timestamptz[]) WITH ORDINALITY AS j(key, payload, run_at, n) ORDER BY j.n))`,
    [specs.map((s) => s.key), specs.map((s) => JSON.stringify(s.entries)), specs.map((s) => s.runAt)],
  );
  return Date.now();
}

/** Waits until `want` of the cases have fired their point, or `patienceMs` passes without progress. */
async function waitForPoints(db: pg.Client, ws: string, where: string, want: number, patienceMs: number) {
  let last = -1;
  let since = Date.now();
  for (;;) {
    const { rows } = await db.query<{ late: number | null; fired_ms: number | null }>(
      `SELECT extract(epoch FROM CASE title WHEN 'bench escalate' THEN escalated_at - (oops_at + interval '19.2 hours')
                                            WHEN 'bench breach' THEN breached_at - due_at
                                            ELSE reminded_at - (oops_at + interval '12 hours') END) * 1000 AS late,
              extract(epoch FROM coalesce(breached_at, escalated_at, reminded_at)) * 1000 AS fired_ms
       FROM cases WHERE workspace_id = $1 AND ${where}`,
      [ws],
    );
    const fired = rows.filter((r) => r.late !== null);
    if (fired.length === want || (fired.length === last && Date.now() - since > patienceMs)) {
      // A point that never fired counts as infinitely late.
      const delays = [...fired.map((r) => Number(r.late)), ...Array<number>(want - fired.length).fill(Infinity)].sort((a, b) => a - b);
      const lastFired = fired.length ? fired.reduce((m, r) => Math.max(m, Number(r.fired_ms)), 0) : undefined;
      return { fired: fired.length, delays, lastFired };
    }
    if (fired.length !== last) [last, since] = [fired.length, Date.now()];
    await sleep(500);
  }
}

async function clear(db: pg.Client, workspaceId: string): Promise<void> {
  // Every clock job: the bench's database holds no other workspace's cases.
  await db.query(
    `DELETE FROM graphile_worker._private_jobs WHERE task_id IN (SELECT id FROM graphile_worker._private_tasks WHERE identifier = 'case_clock')`,
  );
  for (const t of ['oopses', 'case_assignments', 'cases', 'events', 'mails', 'customers', 'users'])
    await db.query(`DELETE FROM ${t} WHERE workspace_id = $1`, [workspaceId]);
}
