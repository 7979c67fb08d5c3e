// The guard's probe of a timeline (per event type, newest first, as a prepared statement): the
// newest match across types wins, data conditions and the time window apply, a clearing event
// lifts a match, and one statement text serves every rule of its shape on a pooled connection.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.ts';
import { buildWorkspace } from '../../test/factories.ts';
import { manualClock } from '../domain/core/clock.ts';
import { recordEvents } from '../domain/core/events.ts';
import { findFirstMatch, findMatchingEvent } from './guard.ts';

let t: TestDatabase;
let ws: string;
let customer: string;
const clock = manualClock('2026-03-20T12:00:00Z');
const now = clock.now();
const ids = new Map<string, string>();

const at = (day: number, hour = 10) => `2026-03-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00.000Z`;

beforeAll(async () => {
  t = await createTestDatabase();
  ws = (await buildWorkspace(t.db)).id;
  const who = { externalId: 'ada', email: 'ada@example.com' };
  const events = [
    { key: 'out', type: 'shipment.delivered', occurredAt: at(15), data: { direction: 'outbound' } },
    { key: 'return', type: 'shipment.delivered', occurredAt: at(12), data: { direction: 'return' } },
    { key: 'received', type: 'return.received', occurredAt: at(13), data: {} },
    { key: 'cancelled', type: 'service.cancelled', occurredAt: at(1), data: { balance: 0 } },
    { key: 'reactivated', type: 'service.reactivated', occurredAt: at(5), data: {} },
    { key: 'old-complaint', type: 'complaint.received', occurredAt: '2026-01-02T10:00:00.000Z', data: {} },
  ];
  const stored = await recordEvents(
    t.db,
    clock,
    ws,
    events.map((e) => ({ type: e.type, occurredAt: e.occurredAt, source: 'test', data: e.data, customer: who })),
  );
  stored.forEach((r, i) => ids.set(events[i]!.key, r.event.id));
  customer = stored[0]!.event.customerId!;
});
afterAll(() => t?.drop());

const probe = (m: Parameters<typeof findMatchingEvent>[3], receivedSince?: Date) =>
  findMatchingEvent(t.db, ws, customer, m, now, receivedSince);

describe('findMatchingEvent', () => {
  it('returns the newest match across the rule’s event types, after its data conditions', async () => {
    const e = await probe({
      eventTypes: ['shipment.delivered', 'return.received'],
      where: [{ path: 'direction', op: 'ne', value: 'outbound' }],
    });
    expect(e?.id).toBe(ids.get('received'));
    const onlyDeliveries = await probe({ eventTypes: ['shipment.delivered'], where: [{ path: 'direction', op: 'ne', value: 'outbound' }] });
    expect(onlyDeliveries?.id).toBe(ids.get('return'));
    expect(onlyDeliveries?.occurredAt.toISOString()).toBe(at(12));
  });

  it('finds nothing when no event of the types matches, or the match is older than the window', async () => {
    expect(
      await probe({ eventTypes: ['shipment.delivered'], where: [{ path: 'direction', op: 'eq', value: 'sideways' }] }),
    ).toBeUndefined();
    expect(await probe({ eventTypes: ['nothing.like.this'], where: [] })).toBeUndefined();
    expect(await probe({ eventTypes: ['complaint.received'], where: [], withinDays: 30 })).toBeUndefined();
    expect((await probe({ eventTypes: ['complaint.received'], where: [], withinDays: 90 }))?.id).toBe(ids.get('old-complaint'));
  });

  it('lets a later clearing event lift a match, and only a later one', async () => {
    const cancelled = { eventTypes: ['service.cancelled'], where: [{ path: 'balance', op: 'eq' as const, value: 0 }] };
    expect((await probe({ ...cancelled, clearedBy: [] }))?.id).toBe(ids.get('cancelled'));
    expect(await probe({ ...cancelled, clearedBy: ['service.reactivated'] })).toBeUndefined();
    expect((await probe({ eventTypes: ['service.reactivated'], where: [], clearedBy: ['service.cancelled'] }))?.id).toBe(
      ids.get('reactivated'),
    );
  });

  it('counts only events received since a moment when asked (a task waits for news)', async () => {
    const m = { eventTypes: ['return.received'], where: [] };
    expect(await probe(m, new Date(now.getTime() + 1000))).toBeUndefined();
    expect((await probe(m, new Date(now.getTime() - 1000)))?.id).toBe(ids.get('received'));
  });

  it('runs as one named statement per query shape on each connection, whatever the values', async () => {
    await t.db.connection().execute(async (c) => {
      const statements = async () =>
        (await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_prepared_statements WHERE name LIKE 'kept_%'`.execute(c)).rows[0]!.n;
      const before = await statements();
      // A shape no other test here uses: two conditions, a window and a clearing event.
      for (const value of ['outbound', 'return', 'sideways']) {
        const where = [
          { path: 'direction', op: 'ne' as const, value },
          { path: 'direction', op: 'exists' as const },
        ];
        await findMatchingEvent(c, ws, customer, { eventTypes: ['shipment.delivered', 'x'], where, withinDays: 7, clearedBy: ['y'] }, now);
      }
      expect(await statements()).toBe(before + 1);
      const where = [
        { path: 'direction', op: 'eq' as const, value: 1 },
        { path: 'direction', op: 'exists' as const },
      ];
      await findMatchingEvent(c, ws, customer, { eventTypes: ['shipment.delivered'], where, withinDays: 7, clearedBy: ['y'] }, now);
      expect(await statements()).toBe(before + 2);
    });
  });
});

describe('findFirstMatch', () => {
  const none = { eventTypes: ['page.viewed'], where: [] };
  const returned = { eventTypes: ['shipment.delivered'], where: [{ path: 'direction', op: 'eq' as const, value: 'return' }] };
  const received = { eventTypes: ['return.received'], where: [] };

  it('answers for several rules in one statement: the first rule in order that finds its event decides', async () => {
    const first = await findFirstMatch(t.db, ws, customer, [none, returned, received], now);
    expect(first?.index).toBe(1);
    expect(first?.event.id).toBe(ids.get('return'));
    // The order of the rules decides, not which event is newer (the receipt is newer than the return).
    const reordered = await findFirstMatch(t.db, ws, customer, [received, returned], now);
    expect(reordered).toMatchObject({ index: 0, event: { id: ids.get('received') } });
  });

  it('finds nothing when no rule does, and asks nothing when there are no rules', async () => {
    expect(await findFirstMatch(t.db, ws, customer, [none, { ...received, withinDays: 1 }], now)).toBeUndefined();
    expect(await findFirstMatch(t.db, ws, customer, [], now)).toBeUndefined();
  });
});

describe('in a workspace the last ANALYZE saw without events', () => {
  it('reads the customer’s own events, not every event of the type in the workspace', async () => {
    // A new workspace growing on a table other workspaces already fill (ANALYZE waits for a tenth
    // of the table to change). Planned by that workspace's statistics, a probe walked every event of
    // the type in the workspace and filtered by customer: for every outgoing message.
    const fill = async (workspaceId: string, customers: number) =>
      sql`WITH c AS (
            INSERT INTO customers (workspace_id, id, external_id, created_at, updated_at)
            SELECT ${workspaceId}, gen_random_uuid(), 'g-' || n, now(), now() FROM generate_series(1, ${customers}::int) n RETURNING id
          )
          INSERT INTO events (workspace_id, id, customer_id, type, source, occurred_at, received_at, data)
          SELECT ${workspaceId}, gen_random_uuid(), c.id, 'shipment.delivered', 'test', ${now}::timestamptz - n * interval '1 hour', ${now},
                 '{"direction": "outbound"}'
          FROM c, generate_series(1, 40) n`.execute(t.db);
    await fill((await buildWorkspace(t.db)).id, 200);
    await sql`ANALYZE events`.execute(t.db);
    const grown = (await buildWorkspace(t.db)).id;
    await fill(grown, 150);
    const one = (await sql<{ id: string }>`SELECT id FROM customers WHERE workspace_id = ${grown} LIMIT 1`.execute(t.db)).rows[0]!.id;
    const read = await t.db.transaction().execute(async (tx) => {
      const counted = async () =>
        (
          await sql<{ n: number }>`SELECT (coalesce(idx_tup_fetch, 0) + seq_tup_read)::int AS n FROM pg_stat_xact_user_tables
            WHERE relname = 'events'`.execute(tx)
        ).rows[0]!.n;
      const before = await counted();
      const returned = {
        eventTypes: ['shipment.delivered'],
        where: [{ path: 'direction', op: 'eq' as const, value: 'return' }],
        withinDays: 90,
      };
      expect(await findFirstMatch(tx, grown, one, [returned], now)).toBeUndefined();
      return (await counted()) - before;
    });
    // The customer's 40 deliveries at most, not the workspace's 6,000.
    expect(read).toBeLessThanOrEqual(40);
  });
});
