// The dashboard benchmark: NPS by day x segment (plan) over 90 days, through the HTTP API, with
// 10,000,000 answers stored. Its own workspace holds the answers (loaded once with INSERT ...
// SELECT generate_series in chunks, then reused), rolled up with rebuildRollups; the endpoint
// reads only the rollups, so its cost follows days x segments x surveys, not the answers.
import pg from 'pg';
import { embeddedDatabaseUrl, keptCli } from '../test/process.ts';
import { openDatabase } from '../server/storage/database.ts';
import { rebuildRollups } from '../server/storage/rollup-rebuild.ts';
import { ensureWorkspace } from './dataset.ts';
import { createClient } from './http.ts';
import { percentile, runLoad } from './load.ts';
import type { Row } from './report.ts';

export const dashboardWorkspace = 'bench-dashboard';
export const dashboardAnswers = 10_000_000;
const customers = 100_000;
const plans = ['free', 'basic', 'plus', 'pro', 'enterprise'];
const regions = ['north', 'south', 'east', 'west'];
const surveyNames = ['Dashboard NPS after delivery', 'Dashboard NPS relationship', 'Dashboard NPS support'];
const chunk = 500_000;
const dayMs = 86_400_000;

export interface DashboardBenchOptions {
  /** A connection to the bench's PostgreSQL (the one Kept runs on). */
  db: pg.Client;
  /** Kept's base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  /** Kept's data directory: for `kept token create` and, unless `databaseUrl` is given, the database URL. */
  dataDir: string;
  log: (s: string) => void;
  databaseUrl?: string;
  /** Answers to store (default 10,000,000). */
  answers?: number;
  /** Measured requests per query (default 200, after 20 to warm up). */
  requests?: number;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en');
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function count(db: pg.Client, sqlText: string, params: unknown[]): Promise<number> {
  return Number((await db.query(sqlText, params)).rows[0].n);
}

/** The three surveys, made once; answers their ids. */
async function ensureSurveys(db: pg.Client, ws: string): Promise<string[]> {
  await db.query(
    `INSERT INTO surveys (workspace_id, id, kind, name, created_at, updated_at)
     SELECT $1, gen_random_uuid(), 'nps', n.name, now(), now() FROM unnest($2::text[]) AS n(name)
     WHERE NOT EXISTS (SELECT 1 FROM surveys s WHERE s.workspace_id = $1 AND s.name = n.name)`,
    [ws, surveyNames],
  );
  const r = await db.query<{ id: string }>(`SELECT id FROM surveys WHERE workspace_id = $1 AND name = ANY($2::text[]) ORDER BY name`, [
    ws,
    surveyNames,
  ]);
  return r.rows.map((x) => x.id);
}

/**
 * Loads `total` answers unless exactly that many are stored. Customer n has plan n % 5 and region
 * (n / 5) % 4; answer g is spread evenly over the 365 days before the load, goes to survey g % 3
 * and customer (g * 7919) % 100,000, and its score leans a little by plan so the segments differ.
 * About one answer in 50 is hand-picked. Answers how long the load took, or undefined when reused.
 */
async function ensureAnswers(db: pg.Client, ws: string, total: number, log: (s: string) => void): Promise<number | undefined> {
  const surveys = await ensureSurveys(db, ws);
  const stored = await count(db, 'SELECT count(*) AS n FROM responses WHERE workspace_id = $1', [ws]);
  if (stored === total) {
    log(`dashboard data: ${fmt(total)} answers already loaded`);
    return undefined;
  }
  const t0 = Date.now();
  log(`dashboard data: ${stored ? `replacing ${fmt(stored)} answers with ` : 'loading '}${fmt(total)} answers`);
  await db.query('DELETE FROM score_rollup_totals WHERE workspace_id = $1', [ws]);
  await db.query('DELETE FROM score_rollup_deltas WHERE workspace_id = $1', [ws]);
  await db.query('DELETE FROM responses WHERE workspace_id = $1', [ws]);
  await db.query(
    `INSERT INTO customers (workspace_id, id, external_id, email, name, attributes, created_at, updated_at)
     SELECT $1::uuid, md5($1::text || ':' || n)::uuid, 'd-' || n, 'd-' || n || '@example.com', 'Customer ' || n,
            jsonb_build_object('plan', ($3::text[])[1 + n % 5], 'region', ($4::text[])[1 + (n / 5) % 4]), now(), now()
     FROM generate_series(0, $2::int - 1) n
     ON CONFLICT DO NOTHING`,
    [ws, customers, plans, regions],
  );
  const end = Math.floor(Date.now() / dayMs) * dayMs; // today, 00:00 UTC: every answer is in the past
  const start = end - 365 * dayMs;
  for (let from = 0; from < total; from += chunk) {
    const to = Math.min(total, from + chunk);
    // ms: when answer g was given; c: its customer; h: a hash of g for scores and ids.
    await db.query(
      `INSERT INTO responses (workspace_id, id, survey_id, customer_id, kind, score, reason, answers, channel, hand_picked,
                              segment, answered_at, received_at, updated_at, source)
       SELECT $1::uuid, (lpad(to_hex(x.ms), 12, '0') || '7' || substr(x.h, 1, 3) || '8' || substr(x.h, 4, 15))::uuid,
              ($2::uuid[])[1 + x.g % 3], md5($1::text || ':' || x.c)::uuid, 'nps', x.score,
              CASE WHEN x.score <= 6 AND x.g % 4 = 0 THEN 'Delivery was late' END, '{}', 'import', abs(hashint4(x.g * 31 + 7)) % 50 = 0,
              jsonb_build_object('plan', ($6::text[])[1 + x.c % 5], 'region', ($7::text[])[1 + (x.c / 5) % 4]),
              to_timestamp(x.ms / 1000.0), to_timestamp(x.ms / 1000.0), to_timestamp(x.ms / 1000.0), 'bench'
       FROM (
         SELECT g, c, h, ms,
                CASE WHEN r < 40 + 4 * (c % 5) THEN 9 + r % 2 WHEN r < 70 + 2 * (c % 5) THEN 7 + r % 2 ELSE r % 7 END AS score
         FROM (
           SELECT g, (g::bigint * 7919) % ${customers} AS c, md5(g::text) AS h,
                  $3::bigint + (g::bigint * ${365 * dayMs}) / $5::bigint AS ms, abs(hashint4(g)) % 100 AS r
           FROM generate_series($4::int, $8::int - 1) AS g
         ) y
       ) x`,
      [ws, surveys, start, from, total, plans, regions, to],
    );
    log(`dashboard data: ${fmt(to)} / ${fmt(total)} answers (${secs(Date.now() - t0)})`);
  }
  log('dashboard data: VACUUM ANALYZE responses');
  await db.query('VACUUM (ANALYZE) responses');
  const ms = Date.now() - t0;
  log(`dashboard data: loaded in ${secs(ms)}`);
  return ms;
}

/**
 * Ensures the data, rolls it up (when freshly loaded or not rolled up yet), and measures the
 * dashboard queries through the HTTP API, one client, `requests` each. Answers the report rows.
 */
export async function runDashboardBench(o: DashboardBenchOptions): Promise<Row[]> {
  const total = o.answers ?? dashboardAnswers;
  const requests = o.requests ?? 200;
  const rows: Row[] = [];
  const ws = await ensureWorkspace(o.db, dashboardWorkspace);
  const loadMs = await ensureAnswers(o.db, ws, total, o.log);
  const label = total >= 1_000_000 ? `${total / 1_000_000}M` : fmt(total);
  if (loadMs !== undefined)
    rows.push({ name: `dashboard data: ${fmt(total)} answers generated (INSERT ... SELECT)`, result: `${secs(loadMs)}` });

  if (loadMs !== undefined || (await count(o.db, 'SELECT count(*) AS n FROM score_rollup_totals WHERE workspace_id = $1', [ws])) === 0) {
    o.log(`rebuilding the rollups of ${fmt(total)} answers`);
    const { db, pool } = openDatabase({ url: o.databaseUrl ?? embeddedDatabaseUrl(o.dataDir), poolSize: 1, applicationName: 'kept-bench' });
    try {
      const t0 = Date.now();
      const r = await rebuildRollups(db, ws);
      const ms = Date.now() - t0;
      o.log(`rollups: ${fmt(r.rows)} rows in ${secs(ms)}`);
      rows.push({ name: `rollup rebuild, ${label} answers`, result: `${secs(ms)}, ${fmt(r.rows)} rows` });
    } finally {
      await db.destroy();
      await pool.end().catch(() => {});
    }
    await o.db.query('VACUUM (ANALYZE) score_rollup_totals');
  }

  // The last 90 days that hold answers.
  const last = (
    await o.db.query<{ day: string }>(
      `SELECT to_char(max(day), 'YYYY-MM-DD') AS day FROM score_rollup_totals WHERE workspace_id = $1 AND dim = ''`,
      [ws],
    )
  ).rows[0]!.day;
  const to = new Date(Date.parse(`${last}T00:00:00Z`) + dayMs).toISOString().slice(0, 10);
  const from = new Date(Date.parse(`${to}T00:00:00Z`) - 90 * dayMs).toISOString().slice(0, 10);

  const token = await keptCli(['token', 'create', '--name', 'bench', '--role', 'agent', '--workspace', dashboardWorkspace], o.dataDir);
  const client = createClient(o.url, token, 1);
  try {
    // The figures must be right before they are fast: the trend's n per plan equals a count of the answers.
    const trendPath = `/api/v1/metrics/trend?kind=nps&interval=day&segment=plan&from=${from}&to=${to}`;
    const check = await client.request('GET', trendPath);
    if (check.status !== 200) throw new Error(`GET ${trendPath} answered ${check.status}: ${check.body.slice(0, 500)}`);
    const trend = JSON.parse(check.body) as { series: { segmentValue: string; n: number; points: unknown[] }[] };
    const scanStart = performance.now();
    const scanned = await o.db.query<{ plan: string; n: string }>(
      `SELECT segment ->> 'plan' AS plan, count(*) AS n FROM responses
       WHERE workspace_id = $1 AND answered_at >= $2::timestamp AT TIME ZONE 'UTC' AND answered_at < $3::timestamp AT TIME ZONE 'UTC'
         AND NOT hand_picked GROUP BY 1`,
      [ws, from, to],
    );
    const scanMs = performance.now() - scanStart;
    const byPlan = new Map(scanned.rows.map((r) => [r.plan, Number(r.n)]));
    const mismatch = trend.series.filter((s) => byPlan.get(s.segmentValue) !== s.n);
    if (trend.series.length !== plans.length || mismatch.length || trend.series.some((s) => s.points.length !== 90)) {
      throw new Error(
        `the trend does not match the answers: ${JSON.stringify(trend.series.map((s) => [s.segmentValue, s.n]))} vs ${JSON.stringify([...byPlan])}`,
      );
    }
    const answersInWindow = [...byPlan.values()].reduce((a, b) => a + b, 0);
    o.log(`dashboard: the trend counts ${fmt(answersInWindow)} answers in ${from}..${to}, as the answers do`);

    const queries = [
      { name: `NPS by day × plan, 90 days, ${label} answers (GET /metrics/trend)`, path: trendPath, target: true },
      {
        name: `NPS headline + by plan, 90 days, ${label} answers (GET /metrics/scores)`,
        path: `/api/v1/metrics/scores?kind=nps&segment=plan&from=${from}&to=${to}`,
        target: false,
      },
    ];
    for (const q of queries) {
      await runLoad(client, { clients: 1, maxRequests: 20, maxMs: 30_000 }, () => ({ method: 'GET', path: q.path, events: 0 }));
      o.log(`${q.name}, ${requests} requests`);
      const r = await runLoad(client, { clients: 1, maxRequests: requests, maxMs: 120_000 }, () => ({
        method: 'GET',
        path: q.path,
        events: 0,
      }));
      if (r.failed) throw new Error(`${q.name}: ${r.failed} of ${r.ok + r.failed} requests failed`);
      const p95 = percentile(r.latencies, 95);
      rows.push({
        name: q.name,
        result: `${fmt(r.ok / r.seconds)} requests/s`,
        p50: percentile(r.latencies, 50),
        p95,
        ...(q.target ? { target: 'p95 ≤ 50 ms', pass: p95 <= 50 } : {}),
      });
    }
    rows.push({ name: `  the same counts by scanning the answers (one SQL query, ${fmt(answersInWindow)} rows)`, result: '', p50: scanMs });
  } finally {
    client.close();
  }
  return rows;
}
