// SSRF through webhooks: a URL that is, or resolves to, a loopback, private, link-local or
// metadata address is refused when it is stored and again when it is delivered (after DNS
// resolution, at connect time, so a name that changes its answer gets nowhere), redirects
// are not followed, and the delivery log says "refused: private address" and nothing more.
import { sql } from 'kysely';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, buildToken, buildWorkspace, call, event, type TestApp } from '../../../test/factories.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/database.ts';
import { receiverAllow, startReceiver, type Receiver } from '../../../test/webhook-receiver.ts';
import { createOutboundGuard, type LookupAll, type OutboundGuard } from '../../adapters/outbound-http.ts';
import { manualClock } from '../../domain/core/clock.ts';
import { createWebhookHttpClient } from '../../adapters/webhook-http.ts';
import { drainDueWebhooks } from '../../domain/webhooks/delivery.ts';
import { emptyAllowList, parseAllowList } from '../../lib/outbound-address.ts';

let t: TestDatabase;
let receiver: Receiver;
let admin: string;
let agent: string;
const clock = manualClock('2026-05-01T08:00:00Z');
const log = pino({ level: 'silent' });

/** A resolver the test controls: names map to addresses, as a DNS server that rebinds would answer. */
const answers = new Map<string, string[]>();
const fakeLookup: LookupAll = (host, cb) => {
  const found = answers.get(host);
  if (!found) return cb(Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' }), []);
  cb(
    null,
    found.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
  );
};
const strict = createOutboundGuard(emptyAllowList, fakeLookup);
const allowing = createOutboundGuard(parseAllowList(receiverAllow), fakeLookup);
let strictApp: TestApp;
let allowingApp: TestApp;

beforeAll(async () => {
  t = await createTestDatabase();
  strictApp = buildApp(t.db, { clock, outbound: strict });
  allowingApp = buildApp(t.db, { clock, outbound: allowing });
  receiver = await startReceiver();
  const ws = await buildWorkspace(t.db);
  admin = await buildToken(t.db, ws.id, 'admin');
  agent = await buildToken(t.db, ws.id, 'agent');
});
afterAll(async () => {
  await receiver.close();
  await t.drop();
});

const subscriptions = async () =>
  Number((await sql<{ n: string }>`SELECT count(*) AS n FROM webhook_subscriptions`.execute(t.db)).rows[0]!.n);
const port = () => new URL(receiver.url).port;

async function deliverTo(url: string, guard: OutboundGuard, app = allowingApp) {
  const made = await call(app, 'POST', '/api/v1/webhooks', { token: admin, body: { url, eventTypes: ['order.*'] } });
  expect(made.status).toBe(201);
  const id = made.body.webhook.id as string;
  const before = receiver.received.length;
  const stored = await call(app, 'POST', '/api/v1/events', { token: agent, body: event({ idempotencyKey: `ssrf-${id}` }) });
  expect(stored.status).toBe(201);
  await drainDueWebhooks({ db: t.db, clock, log, client: createWebhookHttpClient({ outbound: guard }) });
  const deliveries = await call(app, 'GET', `/api/v1/webhooks/${id}/deliveries`, { token: admin });
  await call(app, 'PATCH', `/api/v1/webhooks/${id}`, { token: admin, body: { enabled: false } });
  return { delivery: deliveries.body.items[0], received: receiver.received.length - before };
}

describe('webhook URLs at creation', () => {
  it('refuses loopback, private, link-local, metadata and mapped addresses, literal or resolved, storing nothing', async () => {
    answers.set('localhost', ['127.0.0.1', '::1']);
    answers.set('metadata.internal', ['169.254.169.254']);
    answers.set('intranet.example', ['93.184.216.34', '10.0.0.5']);
    const urls = [
      `http://127.0.0.1:${port()}/x`,
      `http://localhost:${port()}/x`,
      `http://[::1]:${port()}/x`,
      'http://10.1.2.3/x',
      'http://192.168.0.10/x',
      'http://172.20.0.1/x',
      'http://169.254.169.254/latest/meta-data/',
      'http://[fe80::1]/x',
      'http://[fd00::1]/x',
      'http://100.64.0.1/x',
      'http://224.0.0.1/x',
      'http://0.0.0.0/x',
      'http://[::ffff:127.0.0.1]/x',
      'http://[::ffff:a9fe:a9fe]/x',
      'http://2130706433/x',
      'http://0x7f.1/x',
      'https://metadata.internal/x',
      'https://intranet.example/x',
    ];
    const before = await subscriptions();
    for (const url of urls) {
      const r = await call(strictApp, 'POST', '/api/v1/webhooks', { token: admin, body: { url, eventTypes: ['*'] } });
      expect(r.status, url).toBe(400);
      expect(r.body.error.code).toBe('invalid_input');
      expect(r.body.error.details.problems[0].path).toEqual(['url']);
      expect(r.body.error.details.problems[0].message).toMatch(/^refused: private address/);
    }
    expect(await subscriptions()).toBe(before);
  });

  it('refuses a private URL in a change too', async () => {
    answers.set('hooks.example', ['93.184.216.34']);
    const made = await call(strictApp, 'POST', '/api/v1/webhooks', {
      token: admin,
      body: { url: 'https://hooks.example/k', eventTypes: ['*'] },
    });
    expect(made.status).toBe(201);
    const r = await call(strictApp, 'PATCH', `/api/v1/webhooks/${made.body.webhook.id}`, {
      token: admin,
      body: { url: 'http://[::1]:8080/' },
    });
    expect(r.status).toBe(400);
    expect(r.body.error.details.problems[0].message).toMatch(/^refused: private address/);
    const after = await call(strictApp, 'GET', `/api/v1/webhooks/${made.body.webhook.id}`, { token: admin });
    expect(after.body.url).toBe('https://hooks.example/k');
  });

  it('lets the operator’s allow-list through (the test receiver on loopback)', async () => {
    const r = await call(allowingApp, 'POST', '/api/v1/webhooks', { token: admin, body: { url: `${receiver.url}/ok`, eventTypes: ['*'] } });
    expect(r.status).toBe(201);
    await call(allowingApp, 'DELETE', `/api/v1/webhooks/${r.body.webhook.id}`, { token: admin });
  });
});

describe('webhook deliveries', () => {
  it('reach an allowed receiver', async () => {
    const { delivery, received } = await deliverTo(`${receiver.url}/allowed`, allowing);
    expect(received).toBe(1);
    expect(delivery.status).toBe('delivered');
  });

  it('are refused at delivery when the address is not allowed, telling nothing of what is there', async () => {
    receiver.answer = () => ({ status: 500, body: 'internal secrets here' });
    const { delivery, received } = await deliverTo(`${receiver.url}/literal`, strict);
    receiver.answer = () => ({ status: 200, body: 'ok' });
    expect(received).toBe(0);
    expect(delivery.lastError).toBe('refused: private address');
    expect(delivery.lastStatusCode).toBeNull();
    expect(delivery.attemptLog[0]).toMatchObject({ error: 'refused: private address', statusCode: null, responseExcerpt: null });
  });

  it('are refused when a name resolved to a public address at creation resolves to loopback at delivery (DNS rebinding)', async () => {
    answers.set('rebind.example', ['93.184.216.34']);
    const url = `http://rebind.example:${port()}/rebind`;
    const made = await call(strictApp, 'POST', '/api/v1/webhooks', { token: admin, body: { url, eventTypes: ['order.*'] } });
    expect(made.status).toBe(201); // public now
    await call(strictApp, 'PATCH', `/api/v1/webhooks/${made.body.webhook.id}`, { token: admin, body: { enabled: false } });
    answers.set('rebind.example', ['127.0.0.1']);
    const { delivery, received } = await deliverTo(url, strict, allowingApp);
    expect(received).toBe(0);
    expect(delivery.lastError).toBe('refused: private address');
  });

  it('are refused for a name resolving to a closed private port, so the log is no port scanner', async () => {
    answers.set('scan.example', ['127.0.0.1']);
    const { delivery } = await deliverTo('http://scan.example:1/', strict);
    expect(delivery.lastError).toBe('refused: private address');
    expect(JSON.stringify(delivery)).not.toMatch(/ECONNREFUSED|connect/);
  });

  it('do not follow a redirect to a private address', async () => {
    receiver.answer = () => ({ status: 307, headers: { location: 'http://169.254.169.254/latest/meta-data/' } });
    const { delivery, received } = await deliverTo(`${receiver.url}/redirect`, allowing);
    receiver.answer = () => ({ status: 200, body: 'ok' });
    expect(received).toBe(1); // the first hop only
    expect(delivery.status).toBe('pending');
    expect(delivery.lastError).toMatch(/^Redirects are not followed \(HTTP 307/);
  });
});
