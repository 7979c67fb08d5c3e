import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../domain/core/clock.ts';
import { uuidv7 } from '../../lib/ids.ts';
import { buildApp, buildToken, buildWorkspace, call, type TestApp } from '../../../test/factories.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/database.ts';

let t: TestDatabase;
let app: TestApp;
let workspaceId: string;
let manager: string;
let agent: string;
let otherManager: string;
const clock = manualClock('2026-02-01T00:00:00Z');

// The henna story: batch B-42 was filled with henna instead of conditioner.
const b42 = ['ann', 'bob', 'cat', 'dan', 'eve'];
const b41 = ['fay', 'gus', 'hal'];
const noBatch = ['ivy', 'jon'];

const order = (who: string, day: number, data: Record<string, unknown>, type = 'order.placed') => ({
  type,
  customer: { externalId: who, email: `${who}@example.com`, name: who.toUpperCase() },
  occurredAt: `2026-01-${String(day).padStart(2, '0')}T10:00:00.000Z`,
  source: 'shop',
  data,
});

beforeAll(async () => {
  t = await createTestDatabase();
  app = buildApp(t.db, { clock });
  const ws = await buildWorkspace(t.db);
  workspaceId = ws.id;
  manager = await buildToken(t.db, ws.id, 'manager');
  agent = await buildToken(t.db, ws.id, 'agent');
  otherManager = await buildToken(t.db, (await buildWorkspace(t.db)).id, 'manager');
  const events = [
    ...b42.map((who, i) => order(who, 10 + i, { batch: 'B-42', total: 20 + i, tags: ['hair', 'gift'], items: [{ sku: 'COND-1' }] })),
    order('ann', 20, { batch: 'B-42', total: 35, items: [{ sku: 'COND-1' }] }), // ann ordered twice from B-42
    ...b41.map((who, i) =>
      order(who, 5 + i, {
        batch: 'B-41',
        total: 50,
        tags: ['hair'],
        items: [{ sku: 'SHAM-2' }],
        shippedAt: `2026-01-0${5 + i}T08:00:00.000Z`,
      }),
    ),
    ...noBatch.map((who, i) => order(who, 3 + i, { total: 10, note: 'Batch unknown' })),
    order('fay', 25, { batch: 'B-42' }, 'order.returned'), // the right batch, but another event type
  ];
  const r = await call(app, 'POST', '/api/v1/events', { token: agent, body: { events } });
  expect(r.status).toBe(201);
});
afterAll(() => t.drop());

const create = (selector: unknown, token = manager) =>
  call(app, 'POST', '/api/v1/causes', { token, body: { title: 'Batch B-42 filled with henna', selector } });
const affected = async (id: string, token = agent, qs = '') => {
  const r = await call(app, 'GET', `/api/v1/causes/${id}/customers${qs}`, { token });
  expect(r.status).toBe(200);
  return r.body as {
    items: { externalId: string; events: number; caseId: string | null; caseStatus: string | null; caseLinked: boolean }[];
    nextCursor: string | null;
  };
};
const names = (p: { items: { externalId: string }[] }) => p.items.map((i) => i.externalId).sort();
const causeCount = async () => Number((await sql<{ n: string }>`SELECT count(*) AS n FROM causes`.execute(t.db)).rows[0]!.n);

describe('causes', () => {
  it('finds exactly the customers of batch B-42, with counts and first and last matching event', async () => {
    const made = await create({ eventType: 'order.placed', where: [{ path: 'batch', op: 'eq', value: 'B-42' }] });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ title: 'Batch B-42 filled with henna', description: null, affectedCustomers: 5 });
    const page = await affected(made.body.id);
    expect(names(page)).toEqual([...b42].sort());
    expect(page.nextCursor).toBeNull();
    expect(page.items[0]).toMatchObject({
      externalId: 'ann',
      name: 'ANN',
      email: 'ann@example.com',
      events: 2,
      firstEventAt: '2026-01-10T10:00:00.000Z',
      lastEventAt: '2026-01-20T10:00:00.000Z',
      caseId: null,
      caseStatus: null,
      caseLinked: false,
    });
    const one = await call(app, 'GET', `/api/v1/causes/${made.body.id}`, { token: agent });
    expect(one.body).toMatchObject({ id: made.body.id, affectedCustomers: 5, selector: made.body.selector });
    const list = await call(app, 'GET', '/api/v1/causes', { token: agent });
    expect(list.body.items.map((c: { id: string }) => c.id)).toContain(made.body.id);
  });

  it('pages through the affected customers without gaps or repeats', async () => {
    const made = await create({ eventType: 'order.placed', where: [{ path: 'batch', op: 'exists' }] });
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const p = await affected(made.body.id, agent, `?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(p.items.length).toBeLessThanOrEqual(3);
      seen.push(...p.items.map((i) => i.externalId));
      cursor = p.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(8);
    expect([...seen].sort()).toEqual([...b42, ...b41].sort());
    // ordered by first matching event: B-41 (days 5-7) before B-42 (days 10-14)
    expect(seen.slice(0, 3).sort()).toEqual([...b41].sort());
    const bad = await call(app, 'GET', `/api/v1/causes/${made.body.id}/customers?cursor=nonsense`, { token: agent });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.problems[0].path).toEqual(['cursor']);
  });

  it('matches in, contains, ne, gte/lte, dotted paths into arrays, and a time window', async () => {
    const ids = async (selector: unknown) => {
      const made = await create(selector);
      expect(made.status).toBe(201);
      return names(await affected(made.body.id));
    };
    const placed = (where: unknown[], extra = {}) => ({ eventType: 'order.placed', where, ...extra });
    expect(await ids(placed([{ path: 'batch', op: 'in', value: ['B-41', 'B-40'] }]))).toEqual([...b41].sort());
    expect(await ids(placed([{ path: 'tags', op: 'contains', value: 'gift' }]))).toEqual([...b42].sort());
    expect(await ids(placed([{ path: 'note', op: 'contains', value: 'batch' }]))).toEqual([...noBatch].sort());
    expect(await ids(placed([{ path: 'items.0.sku', op: 'eq', value: 'SHAM-2' }]))).toEqual([...b41].sort());
    expect(await ids(placed([{ path: 'batch', op: 'ne', value: 'B-42' }]))).toEqual([...b41, ...noBatch].sort());
    expect(
      await ids(
        placed([
          { path: 'total', op: 'gte', value: 22 },
          { path: 'total', op: 'lte', value: 24 },
        ]),
      ),
    ).toEqual(['cat', 'dan', 'eve']);
    // a number condition never matches a string and a date condition never fails on a non-date
    expect(await ids(placed([{ path: 'batch', op: 'gte', value: 1 }]))).toEqual([]);
    expect(await ids(placed([{ path: 'batch', op: 'gte', value: '2026-01-01' }]))).toEqual([]);
    expect(
      await ids(placed([{ path: 'batch', op: 'eq', value: 'B-42' }], { from: '2026-01-11T00:00:00Z', to: '2026-01-13T00:00:00Z' })),
    ).toEqual(['bob', 'cat']);
    expect(await ids({ eventType: 'order.returned', where: [] })).toEqual(['fay']);
    // dates compare as instants, whatever their offset; a date alone is its midnight. Known gap:
    // PostgreSQL 15's jsonpath .datetime() does not read ISO 8601 with a 'T', so there no date matches.
    const version = Number((await sql<{ v: string }>`SHOW server_version_num`.execute(t.db)).rows[0]!.v);
    if (version >= 160000) {
      expect(await ids(placed([{ path: 'shippedAt', op: 'gte', value: '2026-01-06' }]))).toEqual(['gus', 'hal']);
      expect(await ids(placed([{ path: 'shippedAt', op: 'lte', value: '2026-01-05T10:00:00+02:00' }]))).toEqual(['fay']);
    }
    // values are parameters: quotes and wildcards are plain characters
    expect(await ids(placed([{ path: 'batch', op: 'eq', value: "B-42' OR '1'='1" }]))).toEqual([]);
    expect(await ids(placed([{ path: 'note', op: 'contains', value: '%' }]))).toEqual([]);
    expect(await ids(placed([{ path: 'batch', op: 'in', value: ['B-42"}', 'B-41'] }]))).toEqual([...b41].sort());
  });

  it('shows each customer’s newest case and whether it is linked to the cause', async () => {
    const made = await create({ eventType: 'order.placed', where: [{ path: 'batch', op: 'eq', value: 'B-42' }] });
    const customers = (await affected(made.body.id)).items as unknown as { customerId: string; externalId: string }[];
    const ann = customers.find((c) => c.externalId === 'ann')!.customerId;
    const bob = customers.find((c) => c.externalId === 'bob')!.customerId;
    const addCase = async (customerId: string, n: number, status: string, openedAt: string, causeId: string | null) => {
      const id = uuidv7();
      await sql`INSERT INTO cases (workspace_id, id, number, customer_id, status, origin, severity, title, oops_at, due_at, opened_at, cause_id)
        VALUES (${workspaceId}, ${id}, ${n}, ${customerId}, ${status}, 'complaint', 'normal', 'Henna', ${openedAt}, ${openedAt}, ${openedAt}, ${causeId})`.execute(
        t.db,
      );
      return id;
    };
    await addCase(ann, 1, 'closed', '2026-01-15T00:00:00Z', null);
    const annNewest = await addCase(ann, 2, 'open', '2026-01-21T00:00:00Z', made.body.id);
    const bobCase = await addCase(bob, 3, 'closed', '2026-01-22T00:00:00Z', null);
    const page = (await affected(made.body.id)).items;
    expect(page.find((c) => c.externalId === 'ann')).toMatchObject({ caseId: annNewest, caseStatus: 'open', caseLinked: true });
    expect(page.find((c) => c.externalId === 'bob')).toMatchObject({ caseId: bobCase, caseStatus: 'closed', caseLinked: false });
    expect(page.find((c) => c.externalId === 'cat')).toMatchObject({ caseId: null, caseStatus: null, caseLinked: false });
  });

  describe('refuses a malformed selector with a 400 naming the field, storing nothing', () => {
    const cases: [string, unknown, (string | number)[]][] = [
      [
        'an unknown operator',
        { eventType: 'order.placed', where: [{ path: 'batch', op: 'like', value: 'B-%' }] },
        ['selector', 'where', 0, 'op'],
      ],
      [
        'in with a string',
        { eventType: 'order.placed', where: [{ path: 'batch', op: 'in', value: 'B-42' }] },
        ['selector', 'where', 0, 'value'],
      ],
      [
        'in with an empty array',
        { eventType: 'order.placed', where: [{ path: 'batch', op: 'in', value: [] }] },
        ['selector', 'where', 0, 'value'],
      ],
      [
        'exists with a value',
        { eventType: 'order.placed', where: [{ path: 'batch', op: 'exists', value: true }] },
        ['selector', 'where', 0, 'value'],
      ],
      ['eq without a value', { eventType: 'order.placed', where: [{ path: 'batch', op: 'eq' }] }, ['selector', 'where', 0, 'value']],
      [
        'gte with a word',
        { eventType: 'order.placed', where: [{ path: 'total', op: 'gte', value: 'lots' }] },
        ['selector', 'where', 0, 'value'],
      ],
      [
        'a path with quotes',
        { eventType: 'order.placed', where: [{ path: "batch' OR 1=1 --", op: 'eq', value: 'x' }] },
        ['selector', 'where', 0, 'path'],
      ],
      [
        'a path with ..',
        { eventType: 'order.placed', where: [{ path: 'items..sku', op: 'eq', value: 'x' }] },
        ['selector', 'where', 0, 'path'],
      ],
      ['a path with braces', { eventType: 'order.placed', where: [{ path: '{batch}', op: 'exists' }] }, ['selector', 'where', 0, 'path']],
      [
        'more than 10 conditions',
        { eventType: 'order.placed', where: Array.from({ length: 11 }, () => ({ path: 'batch', op: 'exists' })) },
        ['selector', 'where'],
      ],
      ['an event type that is not dotted', { eventType: 'order', where: [] }, ['selector', 'eventType']],
      [
        'an unknown field in a condition',
        { eventType: 'order.placed', where: [{ path: 'batch', op: 'eq', value: 'x', nope: 1 }] },
        ['selector', 'where', 0],
      ],
      [
        'a window that ends before it starts',
        { eventType: 'order.placed', from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' },
        ['selector', 'to'],
      ],
    ];
    it.each(cases)('%s', async (_, selector, path) => {
      const before = await causeCount();
      const r = await create(selector);
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('invalid_input');
      expect(r.body.error.details.problems.map((p: { path: unknown[] }) => p.path)).toContainEqual(path);
      expect(await causeCount()).toBe(before);
    });

    it('names every bad condition at once', async () => {
      const r = await create({
        eventType: 'order.placed',
        where: [
          { path: 'batch', op: 'eq', value: 'B-42' },
          { path: 'batch', op: 'in', value: 'B-42' },
          { path: 'batch', op: 'exists', value: 'B-42' },
        ],
      });
      expect(r.status).toBe(400);
      expect(r.body.error.details.problems.map((p: { path: unknown[] }) => p.path)).toEqual([
        ['selector', 'where', 1, 'value'],
        ['selector', 'where', 2, 'value'],
      ]);
    });
  });

  it('lets agents read but only managers create, and keeps workspaces apart', async () => {
    const selector = { eventType: 'order.placed', where: [{ path: 'batch', op: 'eq', value: 'B-42' }] };
    expect((await create(selector, agent)).status).toBe(403);
    const made = await create(selector);
    expect((await call(app, 'GET', `/api/v1/causes/${made.body.id}`, { token: otherManager })).status).toBe(404);
    expect((await call(app, 'GET', `/api/v1/causes/${made.body.id}/customers`, { token: otherManager })).status).toBe(404);
    expect((await call(app, 'GET', '/api/v1/causes', { token: otherManager })).body.items).toEqual([]);
    // the same selector in another workspace finds none of this workspace's customers
    const theirs = await create(selector, otherManager);
    expect(theirs.body.affectedCustomers).toBe(0);
    expect((await call(app, 'GET', '/api/v1/causes/not-a-uuid', { token: agent })).status).toBe(404);
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await call(app, 'GET', '/api/openapi.json')).body;
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/causes', '/api/v1/causes/{id}', '/api/v1/causes/{id}/customers']),
    );
    expect(doc.components.schemas).toHaveProperty('CauseSelector');
  });
});
