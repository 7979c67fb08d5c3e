// The webhook API: subscriptions with their secret shown once, clear 400s that store nothing,
// the delivery log, test pings and redelivery, through the app with a clock the test moves and
// a real receiver on a loopback port.
import { sql } from 'kysely';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, buildToken, buildWorkspace, call, event, type TestApp } from '../../../test/factories.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/database.ts';
import { receiverGuard, startReceiver, verifyAt, type Receiver } from '../../../test/webhook-receiver.ts';
import { manualClock } from '../../domain/core/clock.ts';
import { createWebhookHttpClient } from '../../adapters/webhook-http.ts';
import { drainDueWebhooks } from '../../domain/webhooks/delivery.ts';

let t: TestDatabase;
let app: TestApp;
let receiver: Receiver;
let admin: string;
let manager: string;
let agent: string;
let otherAdmin: string;
const clock = manualClock('2026-04-01T08:00:00Z');
const send = () =>
  drainDueWebhooks({ db: t.db, clock, log: pino({ level: 'silent' }), client: createWebhookHttpClient({ outbound: receiverGuard }) });

beforeAll(async () => {
  t = await createTestDatabase();
  app = buildApp(t.db, { clock, outbound: receiverGuard });
  receiver = await startReceiver();
  const ws = await buildWorkspace(t.db);
  admin = await buildToken(t.db, ws.id, 'admin');
  manager = await buildToken(t.db, ws.id, 'manager');
  agent = await buildToken(t.db, ws.id, 'agent');
  otherAdmin = await buildToken(t.db, (await buildWorkspace(t.db)).id, 'admin');
});
afterAll(async () => {
  await receiver.close();
  await t.drop();
});

const api = (method: string, path: string, body?: unknown, token = admin) => call(app, method, path, { token, body });
const count = async (table: string) =>
  Number((await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(t.db)).rows[0]!.n);
const create = async (over: Record<string, unknown> = {}) => {
  const r = await api('POST', '/api/v1/webhooks', { url: `${receiver.url}/kept`, eventTypes: ['case.*'], ...over });
  expect(r.status).toBe(201);
  return r.body as { webhook: { id: string; secretHint: string }; secret: string };
};

describe('webhook subscriptions', () => {
  it('creates a subscription and shows its secret only in the answer', async () => {
    const made = await create({ eventTypes: ['case.opened', 'complaint.received', 'case.opened'], description: 'CRM sync' });
    expect(made.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(Buffer.from(made.secret.slice(6), 'base64')).toHaveLength(24);
    expect(made.webhook).toMatchObject({
      url: `${receiver.url}/kept`,
      eventTypes: ['case.opened', 'complaint.received'],
      description: 'CRM sync',
      enabled: true,
      disabledReason: null,
      secretHint: made.secret.slice(0, 10),
      previousSecretUntil: null,
      createdAt: clock.now().toISOString(),
    });
    const one = await api('GET', `/api/v1/webhooks/${made.webhook.id}`);
    expect(one.body).toEqual(made.webhook);
    expect(one.text).not.toContain(made.secret);
    const list = await api('GET', '/api/v1/webhooks');
    expect(list.body.items.map((w: { id: string }) => w.id)).toContain(made.webhook.id);
    expect(list.text).not.toContain(made.secret);
  });

  it('answers a URL that is not http(s) with a 400 naming url, and stores nothing', async () => {
    const before = await count('webhook_subscriptions');
    for (const url of [
      'ftp://files.example.com/in',
      'javascript:alert(1)',
      'http://',
      'not a url',
      'https://user:pw@hooks.example.com/x',
      'file:///etc/passwd',
    ]) {
      const r = await api('POST', '/api/v1/webhooks', { url, eventTypes: ['*'] });
      expect(r.status, url).toBe(400);
      expect(r.body.error.code).toBe('invalid_input');
      expect(r.body.error.details.problems.map((p: { path: string[] }) => p.path)).toEqual([['url']]);
    }
    const ftp = await api('POST', '/api/v1/webhooks', { url: 'ftp://files.example.com/in', eventTypes: ['*'] });
    expect(ftp.body.error.details.problems[0].message).toBe('must be an http:// or https:// URL, not ftp:');
    expect(await count('webhook_subscriptions')).toBe(before);
  });

  it('answers an unknown event type pattern with a 400 naming the pattern, and stores nothing', async () => {
    const before = await count('webhook_subscriptions');
    for (const bad of ['case.**', '*.opened', 'Case.Opened', 'case', 'case.*.closed', '', 'case opened']) {
      const r = await api('POST', '/api/v1/webhooks', { url: `${receiver.url}/x`, eventTypes: ['case.opened', bad] });
      expect(r.status, bad).toBe(400);
      const [problem] = r.body.error.details.problems;
      expect(problem.path).toEqual(['eventTypes', 1]);
      expect(problem.message).toContain(JSON.stringify(bad));
    }
    expect((await api('POST', '/api/v1/webhooks', { url: `${receiver.url}/x`, eventTypes: [] })).status).toBe(400);
    expect(await count('webhook_subscriptions')).toBe(before);
  });

  it('is for admins of the workspace only', async () => {
    const { webhook } = await create();
    for (const token of [manager, agent]) {
      expect((await api('GET', '/api/v1/webhooks', undefined, token)).status).toBe(403);
      expect((await api('POST', '/api/v1/webhooks', { url: 'https://x.example.com', eventTypes: ['*'] }, token)).status).toBe(403);
    }
    expect((await api('GET', `/api/v1/webhooks/${webhook.id}`, undefined, otherAdmin)).status).toBe(404);
    expect((await api('PATCH', `/api/v1/webhooks/${webhook.id}`, { enabled: false }, otherAdmin)).status).toBe(404);
    expect((await api('GET', `/api/v1/webhooks/${webhook.id}/deliveries`, undefined, otherAdmin)).status).toBe(404);
    expect((await api('GET', '/api/v1/webhooks/not-an-id')).status).toBe(404);
  });

  it('changes types, URL and description, disables and enables, and deletes', async () => {
    const { webhook } = await create();
    clock.advance(60_000);
    const changed = await api('PATCH', `/api/v1/webhooks/${webhook.id}`, {
      eventTypes: ['response.created', 'case.breached'],
      url: `${receiver.url}/v2`,
      description: 'Escalations',
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      eventTypes: ['response.created', 'case.breached'],
      url: `${receiver.url}/v2`,
      description: 'Escalations',
      updatedAt: clock.now().toISOString(),
    });
    const off = await api('PATCH', `/api/v1/webhooks/${webhook.id}`, { enabled: false });
    expect(off.body).toMatchObject({ enabled: false, disabledReason: 'manual', disabledAt: clock.now().toISOString() });
    expect((await api('POST', `/api/v1/webhooks/${webhook.id}/test`)).status).toBe(409);
    const on = await api('PATCH', `/api/v1/webhooks/${webhook.id}`, { enabled: true, description: null });
    expect(on.body).toMatchObject({ enabled: true, disabledReason: null, disabledAt: null, description: null });
    expect((await api('PATCH', `/api/v1/webhooks/${webhook.id}`, {})).status).toBe(400);
    expect((await api('PATCH', `/api/v1/webhooks/${webhook.id}`, { url: 'ftp://x' })).body.error.details.problems[0].path).toEqual(['url']);
    expect((await api('DELETE', `/api/v1/webhooks/${webhook.id}`)).status).toBe(204);
    expect((await api('GET', `/api/v1/webhooks/${webhook.id}`)).status).toBe(404);
    expect((await api('DELETE', `/api/v1/webhooks/${webhook.id}`)).status).toBe(404);
  });

  it('rotates the secret: a new one, shown once', async () => {
    const { webhook, secret } = await create();
    const r = await api('POST', `/api/v1/webhooks/${webhook.id}/rotate-secret`);
    expect(r.status).toBe(200);
    expect(r.body.secret).toMatch(/^whsec_/);
    expect(r.body.secret).not.toBe(secret);
    expect(r.body.webhook).toMatchObject({
      secretHint: r.body.secret.slice(0, 10),
      previousSecretUntil: new Date(clock.now().getTime() + 24 * 3_600_000).toISOString(),
    });
    expect((await api('GET', `/api/v1/webhooks/${webhook.id}`)).text).not.toContain(r.body.secret);
  });
});

describe('deliveries', () => {
  it('sends a webhook.test ping that the receiver can verify', async () => {
    const { webhook, secret } = await create({ eventTypes: ['order.placed'], url: `${receiver.url}/ping` });
    receiver.received = [];
    const r = await api('POST', `/api/v1/webhooks/${webhook.id}/test`);
    expect(r.status).toBe(202);
    expect(r.body).toMatchObject({ type: 'webhook.test', status: 'pending', eventId: null, attempts: 0 });
    await send();
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]!.id).toBe(r.body.id);
    const body = verifyAt(secret, receiver.received[0]!, clock.now()) as { type: string; data: { webhookId: string } };
    expect(body).toMatchObject({ type: 'webhook.test', timestamp: clock.now().toISOString(), data: { webhookId: webhook.id } });
    const one = await api('GET', `/api/v1/webhooks/${webhook.id}/deliveries/${r.body.id}`);
    expect(one.body).toMatchObject({ status: 'delivered', attempts: 1, lastStatusCode: 200, deliveredAt: clock.now().toISOString() });
  });

  it('lists deliveries newest first, pages them, filters by status, each with its tries', async () => {
    const { webhook } = await create({ eventTypes: ['order.*'] });
    receiver.answer = (h) => (JSON.parse(h.body).data.data?.fail ? { status: 500, body: 'nope' } : { status: 204 });
    const events = Array.from({ length: 5 }, (_, i) =>
      event({ type: 'order.placed', idempotencyKey: `list-${i}`, data: { n: i, fail: i % 2 === 0 } }),
    );
    expect((await api('POST', '/api/v1/events', { events }, agent)).status).toBe(201);
    await send();
    receiver.answer = () => ({ status: 200, body: 'ok' });
    const seen: { id: string; payload: { data: { data: { n: number } } } }[] = [];
    let cursor: string | null = null;
    do {
      const page = await api('GET', `/api/v1/webhooks/${webhook.id}/deliveries?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      seen.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(5);
    expect(seen.map((d) => d.id)).toEqual([...seen.map((d) => d.id)].sort().reverse());
    const failedNow = await api('GET', `/api/v1/webhooks/${webhook.id}/deliveries?status=pending`);
    expect(failedNow.body.items).toHaveLength(3); // retrying
    expect(failedNow.body.items[0]).toMatchObject({
      lastStatusCode: 500,
      attempts: 1,
      nextAttemptAt: new Date(clock.now().getTime() + 5000).toISOString(),
    });
    expect(failedNow.body.items[0].attemptLog).toEqual([expect.objectContaining({ attempt: 1, statusCode: 500, responseExcerpt: 'nope' })]);
    const delivered = await api('GET', `/api/v1/webhooks/${webhook.id}/deliveries?status=delivered`);
    expect(delivered.body.items.map((d: { lastStatusCode: number }) => d.lastStatusCode)).toEqual([204, 204]);
    expect((await api('GET', `/api/v1/webhooks/${webhook.id}/deliveries?status=lost`)).status).toBe(400);
    expect((await api('GET', `/api/v1/webhooks/${webhook.id}/deliveries?cursor=nonsense`)).body.error.details.problems[0].path).toEqual([
      'cursor',
    ]);
  });

  it('redelivers on request: queued now, the same webhook-id, the try marked as a redelivery', async () => {
    const { webhook } = await create({ eventTypes: ['complaint.*'], url: `${receiver.url}/redeliver` });
    receiver.received = [];
    expect((await api('POST', '/api/v1/events', event({ type: 'complaint.received', idempotencyKey: 'redeliver-1' }), agent)).status).toBe(
      201,
    );
    await send();
    const [first] = (await api('GET', `/api/v1/webhooks/${webhook.id}/deliveries`)).body.items;
    expect(first).toMatchObject({ status: 'delivered', attempts: 1 });
    clock.advance(3_600_000);
    const again = await api('POST', `/api/v1/webhooks/${webhook.id}/deliveries/${first.id}/redeliver`);
    expect(again.status).toBe(202);
    expect(again.body).toMatchObject({ id: first.id, status: 'pending', redeliveredAt: clock.now().toISOString() });
    await send();
    const mine = receiver.received.filter((h) => h.path === '/redeliver');
    expect(mine.map((h) => h.id)).toEqual([first.id, first.id]);
    expect(mine[1]!.body).toBe(mine[0]!.body);
    const after = (await api('GET', `/api/v1/webhooks/${webhook.id}/deliveries/${first.id}`)).body;
    expect(after).toMatchObject({ status: 'delivered', attempts: 2, deliveredAt: clock.now().toISOString() });
    expect(after.attemptLog.map((a: { attempt: number; redelivery: boolean }) => [a.attempt, a.redelivery])).toEqual([
      [2, true],
      [1, false],
    ]);
    expect((await api('POST', `/api/v1/webhooks/${webhook.id}/deliveries/${webhook.id}/redeliver`)).status).toBe(404);
    expect((await api('POST', `/api/v1/webhooks/${webhook.id}/deliveries/${first.id}/redeliver`, undefined, manager)).status).toBe(403);
    await api('PATCH', `/api/v1/webhooks/${webhook.id}`, { enabled: false });
    expect((await api('POST', `/api/v1/webhooks/${webhook.id}/deliveries/${first.id}/redeliver`)).status).toBe(409);
  });
});
