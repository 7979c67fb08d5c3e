// The data the benchmarks run on, written straight into the bench data directory's PostgreSQL:
// a workspace for the write benchmarks (emptied before each run) and one holding a million
// events for the timeline benchmark (loaded once with INSERT ... SELECT, then reused).
import type pg from 'pg';
import { uuidv7 } from '../server/lib/ids.ts';

export const timelineWorkspace = 'bench-timeline';
export const timelineCustomers = 10_000;
export const eventsPerCustomer = 100;
export const timelineEvents = timelineCustomers * eventsPerCustomer;
export const eventTypes = ['order.placed', 'order.delivered', 'ticket.opened', 'survey.answered', 'invoice.paid'];

const log = (s: string) => process.stderr.write(`${s}\n`);

/** A time-ordered UUID (version 7 layout) for millisecond `ms`, random below it. */
const uuidv7Sql = (ms: string) => `(lpad(to_hex(${ms}), 12, '0') || '7' || substr(r.h, 1, 3) || '8' || substr(r.h, 4, 15))::uuid`;

export async function ensureWorkspace(db: pg.Client, slug: string): Promise<string> {
  await db.query('INSERT INTO workspaces (id, slug, name) VALUES ($1, $2, $2) ON CONFLICT (slug) DO NOTHING', [uuidv7(), slug]);
  return (await db.query<{ id: string }>('SELECT id FROM workspaces WHERE slug = $1', [slug])).rows[0]!.id;
}

/**
 * Deletes what earlier runs wrote through the API, so each run writes into the same state:
 * `customers` known customers (w-0, w-1, ... as the write benchmarks name them) and no events.
 */
export async function resetWriteWorkspace(db: pg.Client, workspaceId: string, customers: number): Promise<number> {
  const { rowCount } = await db.query('DELETE FROM events WHERE workspace_id = $1', [workspaceId]);
  await db.query('DELETE FROM customers WHERE workspace_id = $1', [workspaceId]);
  await db.query(
    `INSERT INTO customers (workspace_id, id, external_id, email, name, created_at, updated_at)
     SELECT $1, ${uuidv7Sql('$2::bigint + n')}, 'w-' || n, 'w-' || n || '@example.com', 'Customer ' || n, now(), now()
     FROM generate_series(0, $3::int - 1) n CROSS JOIN LATERAL (SELECT md5(n::text || random()::text) AS h) r`,
    [workspaceId, Date.now() - 3_600_000, customers],
  );
  return rowCount ?? 0;
}

async function emptyWorkspace(db: pg.Client, workspaceId: string): Promise<void> {
  await db.query('DELETE FROM events WHERE workspace_id = $1', [workspaceId]);
  await db.query('DELETE FROM customers WHERE workspace_id = $1', [workspaceId]);
}

/** Loads 10,000 customers x 100 events unless they are already there; answers the customer ids. */
export async function ensureTimelineData(db: pg.Client, workspaceId: string): Promise<string[]> {
  const count = async (table: string) =>
    Number((await db.query(`SELECT count(*) AS n FROM ${table} WHERE workspace_id = $1`, [workspaceId])).rows[0].n);
  if ((await count('customers')) === timelineCustomers && (await count('events')) === timelineEvents) {
    log(`timeline data: ${timelineEvents.toLocaleString('en')} events already loaded`);
  } else {
    await emptyWorkspace(db, workspaceId);
    await loadTimelineData(db, workspaceId);
  }
  const ids = await db.query<{ id: string }>('SELECT id FROM customers WHERE workspace_id = $1', [workspaceId]);
  return ids.rows.map((r) => r.id);
}

async function loadTimelineData(db: pg.Client, workspaceId: string): Promise<void> {
  const t0 = Date.now();
  // A year of history: event g happens 30 s after event g-1, customers interleaved, as a live
  // system's rows would be; ids are time-ordered like the UUIDv7s Kept writes. Each customer's
  // events cycle through the five types, so a type filter finds about a fifth of them.
  const start = Date.now() - 366 * 24 * 3600 * 1000;
  log(`timeline data: loading ${timelineCustomers.toLocaleString('en')} customers`);
  await db.query(
    `INSERT INTO customers (workspace_id, id, external_id, email, name, created_at, updated_at)
     SELECT $1, ${uuidv7Sql('$2::bigint + n')}, 'tl-' || n, 'tl-' || n || '@example.com', 'Customer ' || n,
            to_timestamp(($2::bigint + n) / 1000.0), to_timestamp(($2::bigint + n) / 1000.0)
     FROM generate_series(0, $3::int - 1) n CROSS JOIN LATERAL (SELECT md5(n::text || random()::text) AS h) r`,
    [workspaceId, start, timelineCustomers],
  );
  const chunk = 100_000;
  for (let from = 0; from < timelineEvents; from += chunk) {
    await db.query(
      `INSERT INTO events (workspace_id, id, customer_id, type, source, occurred_at, received_at, idempotency_key, data)
       SELECT $1, ${uuidv7Sql('$2::bigint + g::bigint * 30000')}, c.id, ($5::text[])[1 + (g / ${timelineCustomers} + g) % 5],
              (ARRAY['billing', 'logistics', 'support'])[1 + g % 3],
              to_timestamp(($2::bigint + g::bigint * 30000) / 1000.0), to_timestamp(($2::bigint + g::bigint * 30000 + 800) / 1000.0),
              'bulk-' || g, jsonb_build_object('order', 'A-' || g, 'amount', g % 500, 'channel', 'web')
       FROM generate_series($3::int, $4::int - 1) g
       JOIN (SELECT id, (row_number() OVER (ORDER BY external_id) - 1)::int AS n FROM customers WHERE workspace_id = $1) c
         ON c.n = g % ${timelineCustomers}
       CROSS JOIN LATERAL (SELECT md5(g::text || random()::text) AS h) r`,
      [workspaceId, start, from, Math.min(from + chunk, timelineEvents), eventTypes],
    );
    log(
      `timeline data: ${(from + chunk).toLocaleString('en')} / ${timelineEvents.toLocaleString('en')} events (${((Date.now() - t0) / 1000).toFixed(0)} s)`,
    );
  }
  log('timeline data: VACUUM ANALYZE');
  await db.query('VACUUM (ANALYZE) customers');
  await db.query('VACUUM (ANALYZE) events');
  log(`timeline data: loaded in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}
