// The webhook sender against a real HTTP receiver on a loopback port, with a clock the test
// moves: signatures checked by the standardwebhooks package, retries over a receiver's hour of
// downtime, two senders at once, 410 Gone, redirects, timeouts, and deliveries that commit (or
// roll back) with their events.
import { sql } from 'kysely';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp, buildToken, buildWorkspace, call, event, type TestApp } from '../../../test/factories.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/database.ts';
import { receiverGuard, startReceiver, verifyAt, type Receiver } from '../../../test/webhook-receiver.ts';
import { manualClock } from '../core/clock.ts';
import { uuidv7 } from '../../lib/ids.ts';
import { openDatabase } from '../../storage/database.ts';
import { insertEvents } from '../../storage/events.ts';
import { createWebhookHttpClient } from '../../adapters/webhook-http.ts';
import { drainDueWebhooks, maxAttempts, retryDelaysMs } from './delivery.ts';

let t: TestDatabase;
let app: TestApp;
let receiver: Receiver;
let workspaceId: string;
let admin: string;
let agent: string;
const clock = manualClock('2026-03-02T09:00:00Z');
const log = pino({ level: 'silent' });
const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;

const send = (over: { db?: TestDatabase['db']; timeoutMs?: number } = {}) =>
  drainDueWebhooks({
    db: over.db ?? t.db,
    clock,
    log,
    client: createWebhookHttpClient({ timeoutMs: over.timeoutMs ?? 5000, outbound: receiverGuard }),
  });

async function subscribe(eventTypes: string[], path = '/hooks', token = admin) {
  const r = await call(app, 'POST', '/api/v1/webhooks', { token, body: { url: receiver.url + path, eventTypes } });
  expect(r.status).toBe(201);
  return r.body as { webhook: { id: string }; secret: string };
}

let seq = 0;
async function store(type = 'order.delivered', over: Record<string, unknown> = {}) {
  const r = await call(app, 'POST', '/api/v1/events', { token: agent, body: event({ type, idempotencyKey: `k-${++seq}`, ...over }) });
  expect(r.status).toBe(201);
  return r.body.event as { id: string; customerId: string };
}

const deliveries = async (webhookId: string, qs = '') => {
  const r = await call(app, 'GET', `/api/v1/webhooks/${webhookId}/deliveries${qs}`, { token: admin });
  expect(r.status).toBe(200);
  return r.body.items as {
    id: string;
    status: string;
    attempts: number;
    eventId: string | null;
    lastStatusCode: number | null;
    lastError: string | null;
    attemptLog: { attempt: number; statusCode: number | null; error: string | null; responseExcerpt: string | null; redelivery: boolean }[];
  }[];
};

beforeAll(async () => {
  t = await createTestDatabase();
  app = buildApp(t.db, { clock, outbound: receiverGuard });
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver.close();
  await t.drop();
});
// Each test gets a workspace of its own, so subscriptions of one never see the events of another.
beforeEach(async () => {
  const ws = await buildWorkspace(t.db);
  workspaceId = ws.id;
  admin = await buildToken(t.db, ws.id, 'admin');
  agent = await buildToken(t.db, ws.id, 'agent');
  // Nothing left over from an earlier test (whose retries would fall due as the clock moves on).
  await sql`DELETE FROM webhook_subscriptions`.execute(t.db);
  receiver.received = [];
  receiver.answer = () => ({ status: 200, body: 'ok' });
});

describe('webhook sender', () => {
  it('delivers a stored event once, signed so that the standardwebhooks package verifies it', async () => {
    const { webhook, secret } = await subscribe(['order.*']);
    const stored = await store('order.delivered', { data: { order: 'A-1', total: 12.5 } });
    expect(await send()).toEqual({ delivered: 1, retrying: 0, failed: 0 });
    expect(receiver.received).toHaveLength(1);
    const hook = receiver.received[0]!;
    const body = verifyAt(secret, hook, clock.now()) as { type: string; timestamp: string; data: Record<string, unknown> };
    expect(body).toEqual({
      type: 'order.delivered',
      timestamp: '2026-01-10T12:00:00.000Z',
      data: {
        id: stored.id,
        customerId: stored.customerId,
        type: 'order.delivered',
        source: 'logistics',
        occurredAt: '2026-01-10T12:00:00.000Z',
        receivedAt: clock.now().toISOString(),
        idempotencyKey: `k-${seq}`,
        data: { order: 'A-1', total: 12.5 },
      },
    });
    expect(hook.headers['content-type']).toBe('application/json');
    expect(hook.timestamp).toBe(String(clock.now().getTime() / 1000));
    // A wrong secret or a changed body does not verify.
    expect(() => verifyAt('whsec_' + Buffer.alloc(24, 7).toString('base64'), hook, clock.now())).toThrow(/signature/);
    expect(() => verifyAt(secret, { ...hook, body: hook.body.replace('A-1', 'A-2') }, clock.now())).toThrow(/signature/);
    const [d] = await deliveries(webhook.id);
    expect(d).toMatchObject({ id: hook.id, status: 'delivered', attempts: 1, eventId: stored.id, lastStatusCode: 200 });
    expect(d!.attemptLog).toEqual([
      expect.objectContaining({ attempt: 1, statusCode: 200, error: null, responseExcerpt: 'ok', redelivery: false }),
    ]);
    expect(await send()).toEqual({ delivered: 0, retrying: 0, failed: 0 });
    expect(receiver.received).toHaveLength(1);
  });

  it('delivers exact types, prefixes and *, and never an event twice, nor another workspace’s', async () => {
    const exact = await subscribe(['case.opened'], '/exact');
    const prefix = await subscribe(['case.*'], '/prefix');
    const all = await subscribe(['*'], '/all');
    await store('case.opened');
    await store('case.closed');
    await store('order.delivered');
    const repeat = event({ type: 'case.opened', idempotencyKey: 'same-key', source: 'support' });
    expect((await call(app, 'POST', '/api/v1/events', { token: agent, body: repeat })).status).toBe(201);
    expect((await call(app, 'POST', '/api/v1/events', { token: agent, body: repeat })).status).toBe(200); // a duplicate
    const other = await buildWorkspace(t.db);
    const otherAgent = await buildToken(t.db, other.id, 'agent');
    expect((await call(app, 'POST', '/api/v1/events', { token: otherAgent, body: event({ type: 'case.opened' }) })).status).toBe(201);
    await send();
    const byPath = (p: string) => receiver.received.filter((h) => h.path === p).map((h) => JSON.parse(h.body).type);
    expect(byPath('/exact').sort()).toEqual(['case.opened', 'case.opened']);
    expect(byPath('/prefix').sort()).toEqual(['case.closed', 'case.opened', 'case.opened']);
    expect(byPath('/all').sort()).toEqual(['case.closed', 'case.opened', 'case.opened', 'order.delivered']);
    expect(new Set(receiver.received.map((h) => h.id)).size).toBe(receiver.received.length);
    expect((await deliveries(exact.webhook.id)).length + (await deliveries(prefix.webhook.id)).length).toBe(5);
    expect(await deliveries(all.webhook.id)).toHaveLength(4);
  });

  it('loses nothing while the receiver is down for an hour: the next retry after it returns delivers once, with the same webhook-id', async () => {
    const { webhook, secret } = await subscribe(['order.*']);
    await receiver.down();
    const start = clock.now().getTime();
    await store();
    // While it is down: the first try at once, then after 5 s, 5 min and 30 min.
    expect(await send()).toEqual({ delivered: 0, retrying: 1, failed: 0 });
    for (const pause of retryDelaysMs.slice(0, 3)) {
      clock.advance(pause - 1);
      expect(await send()).toEqual({ delivered: 0, retrying: 0, failed: 0 }); // not due yet
      clock.advance(1);
      expect(await send()).toEqual({ delivered: 0, retrying: 1, failed: 0 });
    }
    const [pending] = await deliveries(webhook.id);
    expect(pending).toMatchObject({ status: 'pending', attempts: 4, lastStatusCode: null });
    expect(pending!.lastError).toMatch(/ECONNREFUSED/);
    expect(pending!.attemptLog.map((a) => a.statusCode)).toEqual([null, null, null, null]);

    clock.set(new Date(start + hour));
    await receiver.up();
    expect(await send()).toEqual({ delivered: 0, retrying: 0, failed: 0 }); // the 2-hour pause is not over
    clock.set(new Date(start + 5 * second + 5 * minute + 30 * minute + 2 * hour));
    expect(await send()).toEqual({ delivered: 1, retrying: 0, failed: 0 });
    verifyAt(secret, receiver.received[0]!, clock.now());
    clock.advance(24 * hour);
    expect(await send()).toEqual({ delivered: 0, retrying: 0, failed: 0 });
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]!.id).toBe(pending!.id);
    const [done] = await deliveries(webhook.id);
    expect(done).toMatchObject({ id: pending!.id, status: 'delivered', attempts: 5, lastStatusCode: 200, lastError: null });
  });

  it('tries 8 times over more than 24 hours, logging each answer, then gives up', async () => {
    const { webhook } = await subscribe(['order.*']);
    receiver.answer = () => ({ status: 500, body: 'database is on fire' });
    const start = clock.now().getTime();
    await store();
    expect(await send()).toEqual({ delivered: 0, retrying: 1, failed: 0 });
    for (const [i, pause] of retryDelaysMs.entries()) {
      clock.advance(pause);
      expect(await send()).toEqual(
        i === retryDelaysMs.length - 1 ? { delivered: 0, retrying: 0, failed: 1 } : { delivered: 0, retrying: 1, failed: 0 },
      );
    }
    expect(clock.now().getTime() - start).toBeGreaterThan(24 * hour);
    expect(receiver.received).toHaveLength(maxAttempts);
    expect(new Set(receiver.received.map((h) => h.id)).size).toBe(1);
    const [d] = await deliveries(webhook.id, '?status=failed');
    expect(d).toMatchObject({ status: 'failed', attempts: 8, lastStatusCode: 500, lastError: 'HTTP 500' });
    expect(d!.attemptLog.map((a) => a.attempt)).toEqual([8, 7, 6, 5, 4, 3, 2, 1]);
    expect(d!.attemptLog[0]).toMatchObject({ statusCode: 500, responseExcerpt: 'database is on fire' });
    clock.advance(48 * hour);
    expect(await send()).toEqual({ delivered: 0, retrying: 0, failed: 0 });
  });

  it('two senders at once never send one delivery twice', async () => {
    await subscribe(['order.*']);
    const events = Array.from({ length: 300 }, (_, i) => event({ idempotencyKey: `par-${i}` }));
    expect((await call(app, 'POST', '/api/v1/events', { token: agent, body: { events } })).status).toBe(201);
    receiver.answer = () => ({ status: 200, delayMs: 2 });
    // Two instances: each its own connection pool, both on this database.
    const second = openDatabase({ url: t.url, poolSize: 4 });
    try {
      const [a, b] = await Promise.all([send(), send({ db: second.db })]);
      expect(a.delivered + b.delivered).toBe(300);
      expect(a.delivered).toBeGreaterThan(0);
      expect(b.delivered).toBeGreaterThan(0);
    } finally {
      await second.db.destroy();
    }
    const ids = receiver.received.map((h) => h.id);
    expect(ids).toHaveLength(300);
    expect(new Set(ids).size).toBe(300);
  });

  it('410 Gone disables the subscription and gives up its other pending deliveries', async () => {
    const { webhook } = await subscribe(['order.*']);
    receiver.answer = () => ({ status: 503 });
    await store();
    await send();
    receiver.answer = () => ({ status: 410, body: 'gone' });
    await store();
    expect(await send()).toEqual({ delivered: 0, retrying: 0, failed: 1 });
    const sub = await call(app, 'GET', `/api/v1/webhooks/${webhook.id}`, { token: admin });
    expect(sub.body).toMatchObject({ enabled: false, disabledReason: 'gone' });
    const log = await deliveries(webhook.id);
    expect(log.map((d) => [d.status, d.lastStatusCode])).toEqual([
      ['failed', 410],
      ['failed', 503],
    ]);
    expect(log[1]!.lastError).toMatch(/410 Gone/);
    // Nothing more is queued for it.
    await store();
    clock.advance(hour);
    await send();
    expect(await deliveries(webhook.id)).toHaveLength(2);
    expect(receiver.received).toHaveLength(2);
  });

  it('does not follow redirects, and gives up waiting after the timeout', async () => {
    const { webhook } = await subscribe(['order.*']);
    receiver.answer = (h) => (h.path === '/hooks' ? { status: 307, headers: { location: `${receiver.url}/elsewhere` } } : { status: 200 });
    await store();
    await send();
    expect(receiver.received.map((h) => h.path)).toEqual(['/hooks']);
    let [d] = await deliveries(webhook.id);
    expect(d).toMatchObject({ status: 'pending', lastStatusCode: 307 });
    expect(d!.lastError).toMatch(/Redirects are not followed \(HTTP 307 to http:\/\/127\.0\.0\.1:\d+\/elsewhere\)/);

    receiver.answer = () => ({ status: 200, delayMs: 1000 });
    clock.advance(retryDelaysMs[0]);
    await send({ timeoutMs: 100 });
    [d] = await deliveries(webhook.id);
    expect(d).toMatchObject({ status: 'pending', attempts: 2, lastStatusCode: null, lastError: 'No answer within 0.1 s' });
  });

  it('queues no delivery for events whose transaction rolls back', async () => {
    const { webhook } = await subscribe(['*']);
    const customerId = (await store()).customerId;
    const before = await deliveries(webhook.id);
    const fresh = (type: string) => ({
      id: uuidv7(),
      customerId,
      type,
      source: 'test',
      occurredAt: clock.now(),
      idempotencyKey: null,
      data: {},
    });
    await expect(
      t.db.transaction().execute(async (tx) => {
        const ids = await insertEvents(tx, workspaceId, [fresh('order.placed'), fresh('order.paid')], clock.now());
        expect(ids.size).toBe(2);
        const queued = await sql<{ n: string }>`SELECT count(*) AS n FROM webhook_deliveries WHERE subscription_id = ${webhook.id}`.execute(
          tx,
        );
        expect(Number(queued.rows[0]!.n)).toBe(before.length + 2); // queued in the transaction...
        throw new Error('the rest of the batch failed');
      }),
    ).rejects.toThrow('the rest of the batch failed');
    expect(await deliveries(webhook.id)).toHaveLength(before.length); // ...and gone with it
    // A batch refused as a whole stores and queues nothing either.
    const bad = await call(app, 'POST', '/api/v1/events', {
      token: agent,
      body: { events: [event({ type: 'order.placed' }), event({ occurredAt: '2099-01-01T00:00:00Z' })] },
    });
    expect(bad.status).toBe(400);
    expect(await deliveries(webhook.id)).toHaveLength(before.length);
  });

  it('signs with the old secret too for a day after a rotation', async () => {
    const { webhook, secret: old } = await subscribe(['order.*']);
    const rotated = await call(app, 'POST', `/api/v1/webhooks/${webhook.id}/rotate-secret`, { token: admin });
    expect(rotated.status).toBe(200);
    const fresh = rotated.body.secret as string;
    await store();
    await send();
    const hook = receiver.received[0]!;
    expect(hook.signature.split(' ')).toHaveLength(2);
    verifyAt(old, hook, clock.now());
    verifyAt(fresh, hook, clock.now());
    clock.advance(24 * hour + 1);
    await store();
    await send();
    const later = receiver.received[1]!;
    expect(later.signature.split(' ')).toHaveLength(1);
    verifyAt(fresh, later, clock.now());
    expect(() => verifyAt(old, later, clock.now())).toThrow(/signature/);
  });
});
