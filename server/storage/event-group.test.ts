// The plan of the group's one statement (event-group.ts), in transactions that are rolled back: a
// customer named by e-mail alone is found through the e-mail index, the events table is read
// only for events whose key was stored before, and a repeated key's original is found through the
// idempotency index even when the last ANALYZE saw the workspace without events.
import { CompiledQuery, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.ts';
import { buildWorkspace } from '../../test/factories.ts';
import { uuidv7 } from '../lib/ids.ts';
import { prepared, withGenericPlans } from './database.ts';
import type { CustomerRef } from '../../contract/events.ts';
import { groupStatement, type GroupEvent } from './event-group.ts';

let t: TestDatabase;
let ws: string;
const customers = 3_000;

beforeAll(async () => {
  t = await createTestDatabase();
  ws = (await buildWorkspace(t.db)).id;
  // Ids in the order of n: the newest customers come last in id order.
  await t.db.executeQuery(
    CompiledQuery.raw(
      `INSERT INTO customers (workspace_id, id, email, name, created_at, updated_at)
       SELECT $1, (lpad(to_hex(n), 8, '0') || '-0000-7000-8000-000000000000')::uuid, 'c' || n || '@example.com', 'C ' || n, now(), now()
       FROM generate_series(1, $2::int) n`,
      [ws, customers],
    ),
  );
  await t.db.executeQuery(CompiledQuery.raw('ANALYZE customers'));
});
afterAll(() => t.drop());

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Index Cond'?: string;
  Filter?: string;
  'Actual Loops'?: number;
  Plans?: PlanNode[];
}

const nodes = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(nodes)];
const noDeliveries = { ids: [], subscriptionIds: [], eventIds: [], types: [] };
const groupEvent = (ref: number, key: string): GroupEvent => ({
  id: uuidv7(),
  ref,
  job: 0,
  type: 'order.placed',
  source: 'plan-test',
  occurredAt: new Date().toISOString(),
  idempotencyKey: key,
  data: {},
});

/** The plan, as run, of the statement for events of the given customers (e-mail only), with these keys. */
const explain = (emails: string[], keys: string[]) =>
  explainGroup(
    ws,
    emails.map((email) => ({ email })),
    keys,
  );

/** The plan, as run, of the statement in a workspace for one event per reference, with these keys. */
async function explainGroup(workspaceId: string, refs: CustomerRef[], keys: string[]) {
  const events = refs.map((_, i) => groupEvent(i, keys[i]!));
  const q = groupStatement(workspaceId, refs, events, noDeliveries, [], new Date()).compile(t.db);
  let plan: PlanNode[] = [];
  const rollback = new Error('rollback');
  await t.db
    .transaction()
    .execute(async (tx) => {
      const r = await tx.executeQuery<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(
        CompiledQuery.raw(`EXPLAIN (ANALYZE, FORMAT JSON) ${q.sql}`, [...q.parameters]),
      );
      plan = nodes(r.rows[0]!['QUERY PLAN'][0]!.Plan);
      throw rollback;
    })
    .catch((e: unknown) => {
      if (e !== rollback) throw e;
    });
  return plan;
}

describe('the group statement’s plan', () => {
  it('finds a customer named by e-mail alone through the e-mail index, not by walking the workspace in id order', async () => {
    const plan = await explain([`c${customers}@example.com`, `C${customers - 1}@Example.com`], ['k-1', 'k-2']);
    const onCustomers = plan.filter((n) => n['Relation Name'] === 'customers');
    expect(onCustomers.some((n) => n['Index Cond']?.includes('lower(email)'))).toBe(true);
    expect(onCustomers.filter((n) => n.Filter?.includes('lower(email)'))).toEqual([]);
  });

  it('scans the events table only for events whose key was stored before, even in a plan made while it was empty', async () => {
    // As on a new install: the events table analyzed while empty, and the statement's generic plan
    // made then, on the connections that run generic plans (as small groups run it).
    await t.db.executeQuery(CompiledQuery.raw('ANALYZE events'));
    const scans = await withGenericPlans(t.db)
      .connection()
      .execute(async (c) => {
        await sql`BEGIN`.execute(c);
        try {
          for (const n of [1, 2, 3, 4, 5, 6]) {
            const q = groupStatement(ws, [{ email: `c${n}@example.com` }], [groupEvent(0, `scan-${n}`)], noDeliveries, [], new Date());
            await prepared(q).execute(c);
          }
          return (await sql<{ n: number }>`SELECT seq_scan::int AS n FROM pg_stat_xact_user_tables WHERE relname = 'events'`.execute(c))
            .rows[0]!.n;
        } finally {
          await sql`ROLLBACK`.execute(c);
        }
      });
    expect(scans).toBe(0);
  });

  it('finds a repeated key’s original through the idempotency index, also in a workspace the last ANALYZE saw without events', async () => {
    // A new workspace's first import on a table that other workspaces already fill: its events
    // arrive after the statistics were taken (an ANALYZE waits for a tenth of the table to change).
    // Planned by the statistics of that one workspace, each lookup walked the workspace's events
    // through another index (workspace first) and filtered by key: a retried 1,000-event batch took
    // 0.4-1 s with 1,000-4,000 events stored, and it grows with every event the workspace has.
    const other = (await buildWorkspace(t.db)).id;
    await t.db.executeQuery(
      CompiledQuery.raw(
        `WITH c AS (
           INSERT INTO customers (workspace_id, id, external_id, created_at, updated_at)
           SELECT $1, gen_random_uuid(), 'o-' || n, now(), now() FROM generate_series(1, 100) n RETURNING id
         )
         INSERT INTO events (workspace_id, id, customer_id, type, source, occurred_at, received_at, idempotency_key, data)
         SELECT $1, gen_random_uuid(), c.id, 'order.placed', 'plan-test', now(), now(), 'other-' || c.id || '-' || n, '{}'
         FROM c, generate_series(1, 50) n`,
        [other],
      ),
    );
    await t.db.executeQuery(CompiledQuery.raw('ANALYZE events'));
    await t.db.executeQuery(
      CompiledQuery.raw(
        `INSERT INTO events (workspace_id, id, customer_id, type, source, occurred_at, received_at, idempotency_key, data)
         SELECT $1, gen_random_uuid(), (lpad(to_hex(1 + n % $2::int), 8, '0') || '-0000-7000-8000-000000000000')::uuid,
                'order.placed', 'plan-test', now(), now(), 'stored-' || n, '{}'
         FROM generate_series(1, 3000) n`,
        [ws, customers],
      ),
    );
    try {
      const repeated = Array.from({ length: 200 }, (_, i) => i + 1);
      const plan = await explain(
        repeated.map((n) => `c${n}@example.com`),
        repeated.map((n) => `stored-${n}`),
      );
      const onEvents = plan.filter((n) => n['Relation Name'] === 'events' && n['Node Type'] !== 'ModifyTable');
      expect(onEvents.length).toBeGreaterThan(0);
      expect(onEvents.filter((n) => n.Filter?.includes('idempotency_key'))).toEqual([]);
      expect(onEvents.map((n) => n['Index Name'])).toEqual(onEvents.map(() => 'events_idempotency'));
    } finally {
      await t.db.executeQuery(CompiledQuery.raw(`DELETE FROM events WHERE source = 'plan-test'`));
    }
  });

  it('finds customers by external id one probe each, also in a workspace the last ANALYZE saw without customers', async () => {
    // A new workspace's first import: by the statistics, it had no customers, and a batch hashed
    // every customer of the workspace to find its few (all of them, however many it has by now).
    const fresh = (await buildWorkspace(t.db)).id;
    await t.db.executeQuery(CompiledQuery.raw('ANALYZE customers'));
    await t.db.executeQuery(
      CompiledQuery.raw(
        `INSERT INTO customers (workspace_id, id, external_id, created_at, updated_at)
         SELECT $1, gen_random_uuid(), 'x-' || n, now(), now() FROM generate_series(1, 3000) n`,
        [fresh],
      ),
    );
    const refs = Array.from({ length: 200 }, (_, i) => ({ externalId: `x-${i + 1}` }));
    const plan = await explainGroup(
      fresh,
      refs,
      refs.map((_, i) => `fresh-${i}`),
    );
    const read = plan.filter((n) => n['Relation Name'] === 'customers' && n['Node Type'] !== 'ModifyTable' && (n['Actual Loops'] ?? 0) > 0);
    expect(read.length).toBeGreaterThan(0);
    for (const n of read) {
      expect(n['Index Cond']).toContain('external_id');
      expect(n['Actual Loops']).toBe(refs.length);
    }
  });
});
