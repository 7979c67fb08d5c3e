// A group of known customers' events in one statement (event-group.ts): the same results as the
// transaction of recordEvents, with attributes, repeated keys, webhooks and audit records.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventInput } from '../../../contract/events.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/database.ts';
import { buildWorkspace, event, failuresOf, seededOrder } from '../../../test/factories.ts';
import { systemClock } from './clock.ts';
import { recordEventGroup } from './event-group.ts';
import { recordEvents } from './events.ts';
import { forgetWebhookSubscriptions } from '../../storage/webhook-queue.ts';
import { uuidv7 } from '../../lib/ids.ts';

let t: TestDatabase;
const input = (over: Record<string, unknown>) => event(over) as unknown as EventInput;
const principal = (workspaceId: string) => ({ workspaceId, role: 'agent' as const, kind: 'token' as const, tokenId: uuidv7() });

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

const customer = (ws: string, ext: string) =>
  t.db
    .selectFrom('customers')
    .select(['id', 'attributes', 'locale', 'email', 'name'])
    .where('workspace_id', '=', ws)
    .where('external_id', '=', ext)
    .executeTakeFirstOrThrow();

describe('a group of known customers’ events', () => {
  it('merges attributes and locales as the transaction does: later references win, null removes', async () => {
    const ws = (await buildWorkspace(t.db)).id;
    await recordEvents(t.db, systemClock, ws, [
      input({ customer: { externalId: 'p-1', email: 'p1@example.com', name: 'P', attributes: { plan: 'free', region: 'eu' } } }),
    ]);
    const [results] = await recordEventGroup(t.db, systemClock, ws, [
      {
        inputs: [
          input({ customer: { externalId: 'p-1', attributes: { plan: 'pro', seats: 3 } } }),
          input({ customer: { email: 'P1@example.com', attributes: { plan: 'team', region: null }, locale: 'fr' } }),
          input({ customer: { externalId: 'p-1', locale: 'de' } }),
        ],
      },
    ]);
    const c = await customer(ws, 'p-1');
    expect(results!.map((r) => r.event.customerId)).toEqual([c.id, c.id, c.id]);
    expect(c.attributes).toEqual({ plan: 'team', seats: 3 });
    expect(c.locale).toBe('de');
  });

  it('stores the group with its audit records and webhook deliveries, and answers repeats with originals', async () => {
    const ws = (await buildWorkspace(t.db)).id;
    await recordEvents(t.db, systemClock, ws, [
      input({ customer: { externalId: 'k-1', email: 'k1@example.com', name: 'K' }, idempotencyKey: 'old' }),
    ]);
    const sub = uuidv7();
    await sql`INSERT INTO webhook_subscriptions (workspace_id, id, url, secret, event_types, enabled, created_at, updated_at)
      VALUES (${ws}, ${sub}, 'https://example.com/hook', 'whsec_x', ARRAY['order.*'], true, now(), now())`.execute(t.db);
    forgetWebhookSubscriptions(ws);
    const p = principal(ws);
    const [a, b] = await recordEventGroup(t.db, systemClock, ws, [
      {
        inputs: [input({ customer: { externalId: 'k-1' }, idempotencyKey: 'new-1' })],
        audit: { principal: p, action: 'POST /api/v1/events', requestId: 'r-a' },
      },
      {
        inputs: [input({ customer: { externalId: 'k-1' }, idempotencyKey: 'old', data: { other: 1 } })],
        audit: { principal: p, action: 'POST /api/v1/events', client: '203.0.113.1', requestId: 'r-b' },
      },
    ]);
    expect(a![0]).toMatchObject({ index: 0, duplicate: false, event: { idempotencyKey: 'new-1' } });
    expect(b![0]).toMatchObject({ index: 0, duplicate: true, event: { idempotencyKey: 'old', data: { order: 'A-1' } } });
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['request_id', 'status', 'client', 'actor_id'])
      .where('workspace_id', '=', ws)
      .orderBy('request_id')
      .execute();
    expect(audit).toEqual([
      { request_id: 'r-a', status: 201, client: null, actor_id: p.tokenId },
      { request_id: 'r-b', status: 200, client: '203.0.113.1', actor_id: p.tokenId },
    ]);
    const hooks = await t.db.selectFrom('webhook_deliveries').select(['event_id']).where('workspace_id', '=', ws).execute();
    expect(hooks.map((h) => h.event_id)).toEqual([a![0]!.event.id]);
    // The event, its delivery and both requests' audit records committed together.
    const xmins = await sql<{ xmin: string }>`
      SELECT xmin::text FROM events WHERE workspace_id = ${ws} AND idempotency_key = 'new-1'
      UNION SELECT xmin::text FROM webhook_deliveries WHERE workspace_id = ${ws}
      UNION SELECT xmin::text FROM audit_log WHERE workspace_id = ${ws}`.execute(t.db);
    expect(xmins.rows).toHaveLength(1);
  });

  it('falls back to the transaction for a new customer or one to fill in, writing nothing twice', async () => {
    const ws = (await buildWorkspace(t.db)).id;
    await recordEvents(t.db, systemClock, ws, [input({ customer: { externalId: 'f-1' } })]);
    const p = principal(ws);
    const [r] = await recordEventGroup(t.db, systemClock, ws, [
      {
        inputs: [
          input({ customer: { externalId: 'f-1', name: 'Filled' } }),
          input({ customer: { externalId: 'f-2', email: 'f2@example.com' } }),
        ],
        audit: { principal: p, action: 'POST /api/v1/events' },
      },
    ]);
    expect(r!.every((x) => !x.duplicate)).toBe(true);
    expect((await customer(ws, 'f-1')).name).toBe('Filled');
    expect((await customer(ws, 'f-2')).email).toBe('f2@example.com');
    const events = await t.db.selectFrom('events').select('id').where('workspace_id', '=', ws).execute();
    expect(events).toHaveLength(3);
    const audit = await t.db.selectFrom('audit_log').select('status').where('workspace_id', '=', ws).execute();
    expect(audit).toEqual([{ status: 201 }]);
  });

  it('lets concurrent groups update the same known customers’ attributes in different orders: all commit', async () => {
    const ws = (await buildWorkspace(t.db)).id;
    const people = Array.from({ length: 200 }, (_, i) => i);
    const ref = (n: number, seen: number) => ({ externalId: `g-${n}`, email: `g${n}@example.com`, name: `G ${n}`, attributes: { seen } });
    await recordEvents(
      t.db,
      systemClock,
      ws,
      people.map((n) => input({ customer: ref(n, 0) })),
    );
    for (let round = 1; round <= 3; round++) {
      const failed = await failuresOf(
        [1, 2, 3, 4].map((seed) =>
          recordEventGroup(t.db, systemClock, ws, [
            {
              inputs: seededOrder(people, seed).map((n) =>
                input({ customer: ref(n, round * 10 + seed), idempotencyKey: `grp-${round}-${seed}-${n}` }),
              ),
            },
          ]),
        ),
      );
      expect(failed, `round ${round}`).toEqual([]);
    }
  }, 60_000);
});
