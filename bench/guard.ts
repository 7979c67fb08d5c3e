// The outbox guard under a long timeline: one customer with 10,000 events over five years (orders,
// outbound deliveries, invoices, page views; nothing that should hold a message, so every check
// has to look and find nothing, the slow answer), and the four built-in rules. Each check is the
// guard's real code (domain/guard.ts checkMessage) on Kept's database, timed from call to answer.
import { sql } from 'kysely';
import pg from 'pg';
import { checkMessage } from '../server/domain/one-voice/guard.ts';
import { openDatabase } from '../server/storage/database.ts';
import { percentile } from './load.ts';
import type { Row } from './report.ts';

export const guardWorkspace = 'bench-guard';
const timeline = 10_000;
const kinds = ['equipment_not_received', 'invoice', 'survey_invitation', 'marketing', 'case_message'];

export async function runGuardBench(o: { db: pg.Client; url: string; log: (s: string) => void; seconds: number }): Promise<Row[]> {
  const { db, log } = o;
  const ws = (
    await db.query<{ id: string }>(
      `INSERT INTO workspaces (id, slug, name) VALUES (gen_random_uuid(), $1, $1) ON CONFLICT (slug) DO UPDATE SET name = excluded.name RETURNING id`,
      [guardWorkspace],
    )
  ).rows[0]!.id;
  const customer = (
    await db.query<{ id: string }>(
      `INSERT INTO customers (workspace_id, id, external_id, email, created_at, updated_at) VALUES ($1, gen_random_uuid(), 'long-timeline', 'long@example.com', now(), now())
       ON CONFLICT (workspace_id, external_id) WHERE external_id IS NOT NULL DO UPDATE SET updated_at = now() RETURNING id`,
      [ws],
    )
  ).rows[0]!.id;
  const have = Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM events WHERE workspace_id = $1`, [ws])).rows[0]!.n);
  if (have !== timeline) {
    log(`guard: ${timeline.toLocaleString('en')} events on one customer's timeline`);
    await db.query(`DELETE FROM events WHERE workspace_id = $1`, [ws]);
    await db.query(
      `INSERT INTO events (workspace_id, id, customer_id, type, source, occurred_at, received_at, data)
       SELECT $1, gen_random_uuid(), $2,
              (ARRAY['order.placed','order.placed','order.placed','order.placed','shipment.delivered','shipment.delivered',
                     'shipment.delivered','invoice.sent','invoice.sent','page.viewed'])[1 + g % 10],
              'bench', now() - (g * interval '4 hours'), now(),
              jsonb_build_object('n', g, 'direction', 'outbound', 'balance', 10 + g % 7)
       FROM generate_series(1, $3) g`,
      [ws, customer, timeline],
    );
    await db.query('VACUUM (ANALYZE) events');
  }
  const { db: kdb } = openDatabase({ url: o.url, poolSize: 8, applicationName: 'kept-bench-guard' });
  try {
    const now = () => new Date();
    for (const k of kinds) await checkMessage(kdb, ws, customer, k, now()); // built-in rules made, plans cached
    const check = async (k: string) => {
      const t = performance.now();
      const v = await checkMessage(kdb, ws, customer, k, now());
      if (v.action !== 'pass') throw new Error(`guard bench: ${k} was ${v.action}: ${v.text}`);
      return performance.now() - t;
    };
    // The floor under any check: one round trip to PostgreSQL through the same pool.
    const roundTrip = async () => {
      const t = performance.now();
      await sql`SELECT 1`.execute(kdb);
      return performance.now() - t;
    };
    const run = async (clients: number, one: (k: string) => Promise<number> = check) => {
      const latencies: number[] = [];
      const until = performance.now() + o.seconds * 1000;
      let i = 0;
      await Promise.all(
        Array.from({ length: clients }, async () => {
          while (performance.now() < until) latencies.push(await one(kinds[i++ % kinds.length]!));
        }),
      );
      latencies.sort((a, b) => a - b);
      return { latencies, perSecond: latencies.length / o.seconds };
    };
    const rows: Row[] = [];
    for (const clients of [1, 8]) {
      log(`guard: checks with ${clients} client${clients > 1 ? 's' : ''} for ${o.seconds} s`);
      const r = await run(clients);
      const p99 = percentile(r.latencies, 99);
      rows.push({
        name: `outbox guard check, 10,000 events on the timeline, ${clients} client${clients > 1 ? 's' : ''}`,
        result: `${Math.round(r.perSecond).toLocaleString('en')} checks/s, p99 ${p99.toFixed(2)} ms`,
        p50: percentile(r.latencies, 50),
        p95: percentile(r.latencies, 95),
        ...(clients === 1 ? { target: 'p99 ≤ 1 ms', pass: p99 <= 1 } : {}),
      });
    }
    log(`guard: the floor, SELECT 1 round trips with 1 client for ${o.seconds} s`);
    const floor = await run(1, roundTrip);
    rows.push({
      name: 'for comparison: one SELECT 1 round trip through the same pool, 1 client',
      result: `${Math.round(floor.perSecond).toLocaleString('en')} round trips/s, p99 ${percentile(floor.latencies, 99).toFixed(2)} ms`,
      p50: percentile(floor.latencies, 50),
      p95: percentile(floor.latencies, 95),
    });
    return rows;
  } finally {
    await kdb.destroy();
  }
}
