// node bin/run-ts.js bench/recovery-report-plans.ts [--cases 100000] [--answers 1000000] [--data DIR]
// The recovery report's query plans on a generated workspace: an embedded PostgreSQL in a
// temporary directory, migrated, filled with SQL (cases over a year with their steps, restitution
// costs, follow-up re-surveys and answers, and ordinary answers of customers with and without a
// case), analysed; then every statement the report and a drill-down page run is shown with
// EXPLAIN (ANALYZE, BUFFERS) (the fastest of three runs), and the whole report is timed. With
// --data DIR the database is kept there and reused (new migrations are applied to it). Not a
// test: it asserts nothing.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { manualClock } from '../server/domain/core/clock.ts';
import { listRecoveryCases, recoveryReport } from '../server/domain/recovery/recovery-report.ts';
import { startEmbedded } from '../server/storage/embedded.ts';
import { migrate } from '../server/storage/migrate.ts';
import { openDatabase } from '../server/storage/database.ts';
import { rebuildRollups } from '../server/storage/rollup-rebuild.ts';
import type { Tables } from '../server/storage/schema.ts';

const { values: flags } = parseArgs({
  options: {
    cases: { type: 'string', default: '100000' },
    answers: { type: 'string', default: '1000000' },
    data: { type: 'string' },
  },
});
const cases = Number(flags.cases);
const answers = Number(flags.answers);
const log = (s: string) => process.stderr.write(`${s}\n`);

const ws = '00000000-0000-4000-8000-000000000001';
const now = '2026-03-15T12:00:00Z';
const start = '2025-03-15T12:00:00Z'; // a year of cases before now

const dir = flags.data ?? (await mkdtemp(join(tmpdir(), 'kept-recovery-plans-')));
const pgServer = await startEmbedded({ dataDir: dir });
// graphile-worker's migration pool keeps idle connections that the server's stop ends.
process.on('uncaughtException', (err) => {
  if (!/administrator command/.test(err.message)) throw err;
});
try {
  const { db } = openDatabase({ url: pgServer.url, poolSize: 4 });
  const migrated = await migrate(db, pgServer.url);
  if (migrated.applied.length) log(`applied ${migrated.applied.join(', ')}`);
  const have = await sql<{ n: number }>`SELECT count(*)::int AS n FROM workspaces WHERE id = ${ws}`.execute(db);
  if (!have.rows[0]!.n) {
    const t0 = Date.now();
    await generate(db);
    log(
      `generated ${cases.toLocaleString('en')} cases and ${answers.toLocaleString('en')} answers in ${((Date.now() - t0) / 1000).toFixed(0)} s`,
    );
  }
  const rolled = await sql<{ n: number }>`SELECT count(*)::int AS n FROM score_rollups WHERE workspace_id = ${ws}`.execute(db);
  if (!rolled.rows[0]!.n) await rebuildRollups(db, ws);
  await sql`ANALYZE`.execute(db);
  await db.destroy();

  // Capture every statement the report runs, then explain each.
  const captured: { sql: string; parameters: readonly unknown[] }[] = [];
  const pool = new pg.Pool({ connectionString: pgServer.url, max: 5 });
  const logged = new Kysely<Tables>({
    dialect: new PostgresDialect({ pool }),
    log: (e) => {
      if (e.level === 'query') captured.push({ sql: e.query.sql, parameters: e.query.parameters });
    },
  });
  const clock = manualClock(now);
  const query = { from: '2026-01-01', to: '2026-03-16' };
  await recoveryReport(logged, clock, ws, query);
  await listRecoveryCases(logged, clock, ws, { ...query, bucket: 'missed_24h', limit: 50 });
  await listRecoveryCases(logged, clock, ws, { ...query, bucket: 'follow_up', limit: 50 });
  for (const q of captured) {
    let best = { ms: Infinity, plan: '' };
    for (let i = 0; i < 3; i++) {
      const r = await pool.query(`EXPLAIN (ANALYZE, BUFFERS) ${q.sql}`, q.parameters as unknown[]);
      const plan = r.rows.map((x: Record<string, string>) => x['QUERY PLAN']).join('\n');
      const ms = Number(/Execution Time: ([\d.]+) ms/.exec(plan)![1]);
      if (ms < best.ms) best = { ms, plan };
    }
    console.log(`\n-- ${q.sql.replace(/\s+/g, ' ').slice(0, 140)}…\n${best.plan}`);
  }

  // The whole report as the route runs it (statements in parallel), warm, median of 7.
  for (const [name, q] of [
    ['the default 90 days', {}],
    ['a whole year', { from: '2025-03-15', to: '2026-03-16' }],
  ] as const) {
    const ms: number[] = [];
    for (let i = 0; i < 7; i++) {
      const t = performance.now();
      await recoveryReport(logged, clock, ws, q);
      ms.push(performance.now() - t);
    }
    ms.sort((a, b) => a - b);
    console.log(`\nrecovery report over ${name}: median ${ms[3]!.toFixed(1)} ms (min ${ms[0]!.toFixed(1)}, max ${ms[6]!.toFixed(1)})`);
  }
  await logged.destroy();
} finally {
  await pgServer.stop();
  if (!flags.data) await rm(dir, { recursive: true, force: true });
}

async function generate(db: Kysely<Tables>) {
  const customers = Math.max(cases * 2, Math.ceil(answers / 5));
  await sql`INSERT INTO workspaces (id, slug, name) VALUES (${ws}, 'plans', 'Plans')`.execute(db);
  await sql`INSERT INTO departments (workspace_id, id, key, name, colour, created_at)
    SELECT ${ws}, md5('d' || i)::uuid, 'dept-' || i, 'Department ' || i, '#336699', now() FROM generate_series(1, 4) i`.execute(db);
  await sql`INSERT INTO surveys (workspace_id, id, kind, name, created_at, updated_at)
    VALUES (${ws}, md5('s-nps')::uuid, 'nps', 'NPS', now(), now()), (${ws}, md5('s-csat')::uuid, 'csat', 'CSAT', now(), now()),
           (${ws}, md5('s-ces')::uuid, 'ces', 'CES', now(), now())`.execute(db);
  await sql`INSERT INTO customers (workspace_id, id, external_id, email, name, created_at, updated_at)
    SELECT ${ws}, md5('c' || i)::uuid, 'c' || i, 'c' || i || '@example.com', 'Customer ' || i, now(), now()
    FROM generate_series(1, ${customers}) i`.execute(db);
  // Ordinary answers over the year, 70 % NPS, 20 % CSAT, 10 % CES; customers 1..2 * cases have a case.
  await sql`INSERT INTO responses (workspace_id, id, survey_id, customer_id, kind, score, channel, hand_picked, answered_at,
      received_at, updated_at, source)
    SELECT ${ws}, md5('r' || i)::uuid, md5('s-' || k)::uuid, md5('c' || (1 + (i::int8 * 7919) % ${customers}))::uuid, k,
           CASE k WHEN 'nps' THEN (i * 31) % 11 WHEN 'csat' THEN 1 + (i * 31) % 5 ELSE 1 + (i * 31) % 7 END,
           'import', false, t, t, t, 'import'
    FROM generate_series(1, ${answers}) i,
         LATERAL (SELECT CASE WHEN i % 10 < 7 THEN 'nps' WHEN i % 10 < 9 THEN 'csat' ELSE 'ces' END AS k,
                         ${start}::timestamptz + (i::float8 / ${answers}) * interval '365 days' AS t) x`.execute(db);
  // Cases: one per customer 2i, spread over the year; 85 % recovered after 0-72 h, 80 % closed.
  await sql`INSERT INTO cases (workspace_id, id, number, customer_id, status, origin, severity, title, oops_at, due_at,
      department_id, opened_at, breached_at, recovered_at, closed_at)
    SELECT ${ws}, md5('k' || i)::uuid, i, md5('c' || (2 * i))::uuid,
           CASE WHEN i % 5 = 0 THEN 'open' ELSE 'closed' END,
           (ARRAY['survey','complaint','manual','proactive','commitment','contradiction'])[1 + i % 6], 'normal', 'Case ' || i,
           oops, oops + interval '24 hours', md5('d' || (1 + i % 4))::uuid, oops + interval '10 minutes',
           CASE WHEN rec IS NULL OR rec > oops + interval '24 hours' THEN oops + interval '24 hours' END, rec,
           CASE WHEN i % 5 <> 0 THEN coalesce(rec, oops) + interval '5 days' END
    FROM generate_series(1, ${cases}) i,
         LATERAL (SELECT ${start}::timestamptz + (i::float8 / ${cases}) * interval '365 days' AS oops) o,
         LATERAL (SELECT CASE WHEN i % 20 < 17 THEN oops + ((i * 37) % 72 + 1) * interval '1 hour' END AS rec) r`.execute(db);
  await sql`INSERT INTO case_steps (workspace_id, case_id, step, status, at, skip_reason, cost_amount, cost_currency)
    SELECT c.workspace_id, c.id, s.step, CASE WHEN s.step = 'investigate' THEN 'skipped' ELSE 'done' END,
           CASE s.step WHEN 'acknowledge' THEN c.oops_at + (c.recovered_at - c.oops_at) / 4
                       WHEN 'apologise' THEN c.oops_at + (c.recovered_at - c.oops_at) / 2
                       WHEN 'investigate' THEN c.oops_at + (c.recovered_at - c.oops_at) * 3 / 4
                       ELSE c.recovered_at END,
           CASE WHEN s.step = 'investigate' THEN 'not needed' END,
           CASE WHEN s.step = 'restitution' THEN 5 + c.number % 50 END,
           CASE WHEN s.step = 'restitution' THEN (ARRAY['EUR','EUR','EUR','USD'])[1 + c.number % 4] END
    FROM cases c CROSS JOIN unnest(ARRAY['acknowledge','apologise','investigate','fix','restitution']) s(step)
    WHERE c.workspace_id = ${ws} AND c.recovered_at IS NOT NULL AND (s.step <> 'restitution' OR c.number % 5 = 1)`.execute(db);
  // Follow-ups for 30 % of recovered cases, answered 60 % of the time three days after recovery.
  await sql`INSERT INTO invitations (workspace_id, id, survey_id, customer_id, channel, origin, hand_picked, status, send_at,
      sent_at, answered_at, created_at, case_id)
    SELECT c.workspace_id, md5('i' || c.number)::uuid, md5('s-' || k)::uuid, c.customer_id, 'link', 'follow_up', true, 'sent',
           c.recovered_at + interval '3 days', c.recovered_at + interval '3 days',
           CASE WHEN c.number % 5 < 3 THEN c.recovered_at + interval '4 days' END, c.recovered_at, c.id
    FROM cases c, LATERAL (SELECT CASE WHEN c.number % 10 < 8 THEN 'nps' ELSE 'csat' END AS k) x
    WHERE c.workspace_id = ${ws} AND c.recovered_at IS NOT NULL AND c.number % 10 IN (0, 3, 6, 8)`.execute(db);
  await sql`INSERT INTO responses (workspace_id, id, survey_id, customer_id, invitation_id, kind, score, channel, hand_picked,
      answered_at, received_at, updated_at, source)
    SELECT i.workspace_id, md5('f' || i.id)::uuid, i.survey_id, i.customer_id, i.id, s.kind,
           CASE s.kind WHEN 'nps' THEN (abs(hashtext(i.id::text)) % 11) ELSE 1 + abs(hashtext(i.id::text)) % 5 END,
           'link', true, i.answered_at, i.answered_at, i.answered_at, 'kept'
    FROM invitations i JOIN surveys s ON s.workspace_id = i.workspace_id AND s.id = i.survey_id
    WHERE i.workspace_id = ${ws} AND i.origin = 'follow_up' AND i.answered_at IS NOT NULL`.execute(db);
}
