import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, buildToken, buildWorkspace, call, event, type TestApp } from '../../../test/factories.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/database.ts';

let t: TestDatabase;
let app: TestApp;
let token: string;
let otherToken: string;
let customerId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  app = buildApp(t.db);
  token = await buildToken(t.db, (await buildWorkspace(t.db)).id);
  otherToken = await buildToken(t.db, (await buildWorkspace(t.db)).id);
  // 30 events for one customer across three departments, one minute apart.
  const events = Array.from({ length: 30 }, (_, i) =>
    event({
      customer: { externalId: 'tl-1', email: 'timeline@example.com', name: 'Tia Line' },
      type: ['order.placed', 'invoice.issued', 'ticket.opened'][i % 3],
      source: ['logistics', 'billing', 'support'][i % 3],
      occurredAt: new Date(Date.UTC(2026, 0, 1, 10, i)).toISOString(),
      data: { n: i },
    }),
  );
  // Two events at the same instant, to check the keyset tie-break on id.
  events.push(event({ customer: { externalId: 'tl-1' }, occurredAt: '2026-01-01T10:15:00Z', data: { n: 'tie' } }));
  const r = await call(app, 'POST', '/api/v1/events', { token, body: { events } });
  customerId = r.body.results[0].customerId;
  for (let i = 0; i < 7; i++)
    await call(app, 'POST', '/api/v1/events', { token, body: event({ customer: { externalId: `list-${i}`, name: `Listed ${i}` } }) });
});
afterAll(() => t.drop());

describe('GET /api/v1/customers/{id}/timeline', () => {
  it('pages through every event newest first without gaps or repeats', async () => {
    const seen: { occurredAt: string; id: string }[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const r: { body: { items: { occurredAt: string; id: string }[]; nextCursor: string | null } } = await call(
        app,
        'GET',
        `/api/v1/customers/${customerId}/timeline?limit=7${cursor ? `&cursor=${cursor}` : ''}`,
        { token },
      );
      seen.push(...r.body.items);
      cursor = r.body.nextCursor;
      pages++;
    } while (cursor && pages < 20);
    expect(seen).toHaveLength(31);
    expect(new Set(seen.map((e) => e.id)).size).toBe(31);
    const keys = seen.map((e) => `${e.occurredAt}|${e.id}`);
    expect([...keys].sort().reverse()).toEqual(keys);
    expect(pages).toBe(5);
  });

  it('filters by type, source and time', async () => {
    const byType = await call(app, 'GET', `/api/v1/customers/${customerId}/timeline?type=invoice.issued`, { token });
    expect(byType.body.items).toHaveLength(10);
    expect(new Set(byType.body.items.map((e: { type: string }) => e.type))).toEqual(new Set(['invoice.issued']));
    const bySources = await call(app, 'GET', `/api/v1/customers/${customerId}/timeline?source=billing,support&limit=200`, { token });
    expect(bySources.body.items).toHaveLength(20);
    const window = await call(
      app,
      'GET',
      `/api/v1/customers/${customerId}/timeline?from=2026-01-01T10:10:00Z&to=2026-01-01T10:20:00Z&limit=200`,
      { token },
    );
    expect(window.body.items).toHaveLength(11); // minutes 10..19 plus the tie at :15
  });

  it('refuses bad filters and cursors by name', async () => {
    const r = await call(app, 'GET', `/api/v1/customers/${customerId}/timeline?from=monday&limit=0&colour=red`, { token });
    expect(r.status).toBe(400);
    const paths = r.body.error.details.problems.map((p: { path: string[] }) => p.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['from', 'limit', '']));
    const c = await call(app, 'GET', `/api/v1/customers/${customerId}/timeline?cursor=garbage`, { token });
    expect(c.status).toBe(400);
    expect(c.body.error.details.problems[0].path).toEqual(['cursor']);
  });

  it('answers 404 for an unknown customer and for a malformed id', async () => {
    expect((await call(app, 'GET', '/api/v1/customers/01900000-0000-7000-8000-000000000000/timeline', { token })).status).toBe(404);
    expect((await call(app, 'GET', '/api/v1/customers/nope', { token })).status).toBe(404);
  });
});

describe('workspace isolation', () => {
  it('answers 404, not 403, for a customer of another workspace', async () => {
    const r = await call(app, 'GET', `/api/v1/customers/${customerId}`, { token: otherToken });
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('not_found');
    expect((await call(app, 'GET', `/api/v1/customers/${customerId}/timeline`, { token: otherToken })).status).toBe(404);
    expect((await call(app, 'GET', '/api/v1/customers', { token: otherToken })).body.items).toEqual([]);
  });

  it('keeps the same externalId in two workspaces as two customers', async () => {
    const r = await call(app, 'POST', '/api/v1/events', { token: otherToken, body: event({ customer: { externalId: 'tl-1' } }) });
    expect(r.body.event.customerId).not.toBe(customerId);
  });
});

describe('GET /api/v1/customers', () => {
  it('searches by part of a name, e-mail or external id, case-insensitively', async () => {
    expect((await call(app, 'GET', '/api/v1/customers?q=TIA', { token })).body.items.map((c: { id: string }) => c.id)).toEqual([
      customerId,
    ]);
    expect((await call(app, 'GET', '/api/v1/customers?q=timeline@', { token })).body.items).toHaveLength(1);
    expect((await call(app, 'GET', '/api/v1/customers?q=list-', { token })).body.items).toHaveLength(7);
    expect((await call(app, 'GET', '/api/v1/customers?q=100%25', { token })).body.items).toHaveLength(0);
  });

  it('pages newest first and reports the last event time', async () => {
    const first = await call(app, 'GET', '/api/v1/customers?limit=5', { token });
    expect(first.body.items).toHaveLength(5);
    expect(first.body.items[0].name).toBe('Listed 6');
    const second = await call(app, 'GET', `/api/v1/customers?limit=5&cursor=${first.body.nextCursor}`, { token });
    expect(second.body.items).toHaveLength(3);
    expect(second.body.nextCursor).toBeNull();
    const tia = second.body.items.find((c: { id: string }) => c.id === customerId);
    expect(tia.lastEventAt).toBe('2026-01-01T10:29:00.000Z');
  });
});

describe('GET /api/v1/customers/attributes', () => {
  it('lists the attributes customers carry, most common first, with their values, per workspace', async () => {
    const ws = await buildWorkspace(t.db);
    const own = await buildToken(t.db, ws.id);
    const customers = [
      { externalId: 'at-1', attributes: { plan: 'pro', region: 'north', vip: true } },
      { externalId: 'at-2', attributes: { plan: 'pro', seats: 12 } },
      { externalId: 'at-3', attributes: { plan: 'basic', region: null } },
    ];
    const r = await call(app, 'POST', '/api/v1/events', { token: own, body: { events: customers.map((customer) => event({ customer })) } });
    expect(r.status).toBe(201);
    const a = await call(app, 'GET', '/api/v1/customers/attributes', { token: own });
    expect(a.status).toBe(200);
    expect(a.body).toEqual({
      sampled: 3,
      items: [
        {
          key: 'plan',
          customers: 3,
          values: [
            { value: 'pro', customers: 2 },
            { value: 'basic', customers: 1 },
          ],
        },
        { key: 'region', customers: 1, values: [{ value: 'north', customers: 1 }] },
        { key: 'seats', customers: 1, values: [{ value: '12', customers: 1 }] },
        { key: 'vip', customers: 1, values: [{ value: 'true', customers: 1 }] },
      ],
    });
    expect((await call(app, 'GET', '/api/v1/customers/attributes', { token: otherToken })).body).toEqual({ items: [], sampled: 0 });
    expect((await call(app, 'GET', '/api/v1/customers/attributes')).status).toBe(401);
  });

  it('refuses attribute keys that are not plain names', async () => {
    const bad = await call(app, 'POST', '/api/v1/events', {
      token,
      body: event({ customer: { externalId: 'at-9', attributes: { '': 'x', 'a:b': 'y' } } }),
    });
    expect(bad.status).toBe(400);
  });
});

describe('GET /api/v1/customers: what staff look for first', () => {
  it('shows each customer’s open case, last score and last contact', async () => {
    const opened = await call(app, 'POST', '/api/v1/cases', {
      token,
      body: { customer: { externalId: 'list-3' }, summary: 'Parcel went to the wrong town' },
    });
    expect(opened.status).toBe(201);
    const sent = await call(app, 'POST', '/api/v1/messages', {
      token,
      body: {
        customer: { externalId: 'tl-1' },
        kind: 'order_update',
        source: 'logistics',
        subject: 'On its way',
        text: 'Your parcel left.',
      },
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(202);
    const r = await call(app, 'GET', '/api/v1/customers?q=listed', { token });
    const byName = new Map(r.body.items.map((c: { name: string }) => [c.name, c]));
    expect(byName.get('Listed 3')).toMatchObject({
      openCase: { id: opened.body.case.id, number: opened.body.case.number, title: 'Parcel went to the wrong town' },
      lastScore: null,
      lastContactAt: null,
    });
    const tia = (await call(app, 'GET', '/api/v1/customers?q=timeline', { token })).body.items[0];
    expect(tia).toMatchObject({ name: 'Tia Line', openCase: null, lastScore: null });
    expect(Date.parse(tia.lastContactAt)).toBeGreaterThan(0); // the message the outbox passed
    expect(byName.get('Listed 5')).toMatchObject({ openCase: null, lastScore: null, lastContactAt: null });
  });
});
