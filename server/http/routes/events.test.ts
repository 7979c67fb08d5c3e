import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../domain/core/clock.ts';
import { buildApp, buildToken, buildWorkspace, call, event, type TestApp } from '../../../test/factories.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/database.ts';

let t: TestDatabase;
let app: TestApp;
let token: string;
const clock = manualClock('2026-02-01T00:00:00Z');

beforeAll(async () => {
  t = await createTestDatabase();
  app = buildApp(t.db, { clock });
  const ws = await buildWorkspace(t.db);
  token = await buildToken(t.db, ws.id);
});
afterAll(() => t.drop());

const post = (body: unknown, headers?: Record<string, string>) => call(app, 'POST', '/api/v1/events', { token, body, headers });

describe('POST /api/v1/events', () => {
  it('stores one event and creates its customer', async () => {
    const r = await post(event({ customer: { externalId: 'one-1', email: 'One@Example.com', name: 'One' } }));
    expect(r.status).toBe(201);
    expect(r.body.duplicate).toBe(false);
    expect(r.body.event).toMatchObject({
      type: 'order.delivered',
      source: 'logistics',
      occurredAt: '2026-01-10T12:00:00.000Z',
      data: { order: 'A-1' },
    });
    const c = await call(app, 'GET', `/api/v1/customers/${r.body.event.customerId}`, { token });
    expect(c.body).toMatchObject({ externalId: 'one-1', email: 'One@Example.com', name: 'One' });
  });

  it('answers a repeated idempotency key from the same source with the original, storing one event', async () => {
    const e = event({ idempotencyKey: 'idem-1', customer: { externalId: 'idem-cust' } });
    const first = await post(e);
    const again = await post({ ...e, data: { changed: true } });
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body.duplicate).toBe(true);
    expect(again.body.event).toEqual(first.body.event);
    const tl = await call(app, 'GET', `/api/v1/customers/${first.body.event.customerId}/timeline`, { token });
    expect(tl.body.items).toHaveLength(1);
  });

  it('treats the same idempotency key from another source as a different event', async () => {
    const a = await post(event({ idempotencyKey: 'shared', source: 'billing', customer: { externalId: 'src' } }));
    const b = await post(event({ idempotencyKey: 'shared', source: 'support', customer: { externalId: 'src' } }));
    expect(b.status).toBe(201);
    expect(b.body.event.id).not.toBe(a.body.event.id);
  });

  it('matches customers by externalId, then by e-mail case-insensitively', async () => {
    const byEmail = await post(event({ customer: { email: 'match@example.com' } }));
    const sameEmail = await post(event({ customer: { email: 'MATCH@example.COM', externalId: 'm-1' } }));
    const byExt = await post(event({ customer: { externalId: 'm-1' } }));
    expect(sameEmail.body.event.customerId).toBe(byEmail.body.event.customerId);
    expect(byExt.body.event.customerId).toBe(byEmail.body.event.customerId);
    const c = await call(app, 'GET', `/api/v1/customers/${byEmail.body.event.customerId}`, { token });
    expect(c.body.externalId).toBe('m-1'); // filled in from the later event
  });

  it('does not merge an e-mail match that already carries a different externalId', async () => {
    const a = await post(event({ customer: { externalId: 'x-a', email: 'twin@example.com' } }));
    const b = await post(event({ customer: { externalId: 'x-b', email: 'twin@example.com' } }));
    expect(b.body.event.customerId).not.toBe(a.body.event.customerId);
  });

  it('stores a batch and answers one result per event, in order, with in-batch repeats marked', async () => {
    const events = [
      event({ customer: { externalId: 'b-1' }, idempotencyKey: 'batch-1' }),
      event({ customer: { externalId: 'b-2' }, type: 'invoice.issued', source: 'billing' }),
      event({ customer: { externalId: 'b-1' }, idempotencyKey: 'batch-1' }),
    ];
    const r = await post({ events });
    expect(r.status).toBe(201);
    expect(r.body.stored).toBe(2);
    expect(r.body.duplicates).toBe(1);
    expect(r.body.results.map((x: { index: number }) => x.index)).toEqual([0, 1, 2]);
    expect(r.body.results[2].id).toBe(r.body.results[0].id);
    const again = await post({ events });
    expect(again.status).toBe(201); // event 1 has no key, so it is stored again
    expect(again.body.results[0]).toMatchObject({ id: r.body.results[0].id, duplicate: true });
  });

  it('creates one customer when concurrent requests name the same new person', async () => {
    const rs = await Promise.all(
      Array.from({ length: 12 }, (_, i) => post(event({ customer: { email: 'race@example.com' }, idempotencyKey: `race-${i}` }))),
    );
    expect(new Set(rs.map((r) => r.body.event.customerId)).size).toBe(1);
  });

  it('accepts past events (backfill) and up to 5 minutes ahead, refuses later ones', async () => {
    expect((await post(event({ occurredAt: '2019-05-01T00:00:00Z', customer: { externalId: 'time' } }))).status).toBe(201);
    expect((await post(event({ occurredAt: '2026-02-01T00:04:59+00:00', customer: { externalId: 'time' } }))).status).toBe(201);
    const late = await post(event({ occurredAt: '2026-02-01T00:05:01Z', customer: { externalId: 'time' } }));
    expect(late.status).toBe(400);
    expect(late.body.error.details.problems).toEqual([{ path: ['occurredAt'], message: 'is more than 5 minutes in the future' }]);
  });
});

describe('POST /api/v1/events with bad input', () => {
  it('refuses malformed JSON with invalid_json', async () => {
    const r = await post('{"type": "order.placed",');
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('invalid_json');
  });

  it('refuses a body that is not JSON with 415', async () => {
    const r = await post('type=order.placed', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(r.status).toBe(415);
    expect(r.body.error.code).toBe('unsupported_media_type');
  });

  it('names unknown fields and wrong types by their path', async () => {
    const r = await post({ ...event(), colour: 'red', occurredAt: 12, customer: { externalId: 5 } });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('invalid_input');
    const paths = r.body.error.details.problems.map((p: { path: unknown[] }) => p.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['', 'occurredAt', 'customer.externalId']));
    expect(JSON.stringify(r.body)).toContain('unknown field(s): colour');
  });

  it('refuses a customer with neither externalId nor e-mail, and a type that is not dotted', async () => {
    const r = await post(event({ customer: { name: 'Nobody' }, type: 'Delivered' }));
    expect(r.body.error.details.problems.map((p: { path: unknown[] }) => p.path.join('.')).sort()).toEqual(['customer', 'type']);
  });

  it('stores none of a batch with one bad event and says which', async () => {
    const before = await call(app, 'GET', '/api/v1/customers?q=allornothing', { token });
    const r = await post({
      events: [
        event({ customer: { externalId: 'allornothing-1' } }),
        event({ customer: { externalId: 'allornothing-2' }, occurredAt: 'yesterday' }),
      ],
    });
    expect(r.status).toBe(400);
    expect(r.body.error.details.problems).toEqual([{ path: ['events', 1, 'occurredAt'], message: expect.any(String) }]);
    const after = await call(app, 'GET', '/api/v1/customers?q=allornothing', { token });
    expect(after.body.items).toEqual(before.body.items);
    expect(after.body.items).toHaveLength(0);
  });

  it('refuses a future event inside a batch by its index, storing none', async () => {
    const r = await post({
      events: [
        event({ customer: { externalId: 'fut-1' } }),
        event({ customer: { externalId: 'fut-2' }, occurredAt: '2027-01-01T00:00:00Z' }),
      ],
    });
    expect(r.body.error.details.problems[0].path).toEqual(['events', 1, 'occurredAt']);
    expect((await call(app, 'GET', '/api/v1/customers?q=fut-1', { token })).body.items).toHaveLength(0);
  });

  it('refuses more than 1,000 events in one call and an empty batch', async () => {
    const big = await post({
      events: Array.from({ length: 1001 }, () => ({
        type: 'a.b',
        customer: { externalId: 'x' },
        occurredAt: '2026-01-01T00:00:00Z',
        source: 's',
      })),
    });
    expect(big.status).toBe(400);
    expect(big.body.error.details.problems[0].path).toEqual(['events']);
    expect((await post({ events: [] })).status).toBe(400);
  });

  it('refuses a body over 1 MiB with 413', async () => {
    const r = await post(event({ data: { blob: 'x'.repeat(1024 * 1024) } }));
    expect(r.status).toBe(413);
    expect(r.body.error.code).toBe('payload_too_large');
  });

  it('asks for credentials with 401 and refuses a forged or revoked token', async () => {
    expect((await call(app, 'POST', '/api/v1/events', { body: event() })).status).toBe(401);
    const forged = await call(app, 'POST', '/api/v1/events', { token: token.slice(0, -4) + 'AAAA', body: event() });
    expect(forged.status).toBe(401);
    expect(forged.body.error.code).toBe('unauthenticated');
    expect((await call(app, 'POST', '/api/v1/events', { token: 'not-a-token', body: event() })).status).toBe(401);
  });
});
