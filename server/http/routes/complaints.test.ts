// Complaints from other systems over the API: each opens a case (or joins the customer's open
// one) whose clock starts when it went wrong; bad input is refused by field and stores nothing.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, buildToken, buildWorkspace, call, type TestApp } from '../../../test/factories.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/database.ts';
import { manualClock } from '../../domain/core/clock.ts';
import { createDepartment } from '../../domain/core/departments.ts';

let t: TestDatabase;
let app: TestApp;
let ws: string;
let agent: string;
let otherAgent: string;
const clock = manualClock('2026-03-02T10:00:00Z');
let n = 0;

beforeAll(async () => {
  t = await createTestDatabase();
  app = buildApp(t.db, { clock });
  ws = (await buildWorkspace(t.db)).id;
  agent = await buildToken(t.db, ws, 'agent');
  otherAgent = await buildToken(t.db, (await buildWorkspace(t.db)).id, 'agent');
});
afterAll(() => t.drop());

const complaint = (over: Record<string, unknown> = {}) => ({
  customer: { externalId: `c-${++n}`, email: `c${n}@example.com`, name: 'Ann Example' },
  subject: 'Wrong product',
  body: 'The conditioner jar was full of henna.',
  occurredAt: '2026-03-01T18:30:00+01:00',
  source: 'shop',
  ...over,
});
const post = (body: unknown, token = agent) => call(app, 'POST', '/api/v1/complaints', { token, body });
const getCase = async (id: string) => (await call(app, 'GET', `/api/v1/cases/${id}`, { token: agent })).body;
const count = async (table: 'complaints' | 'cases' | 'oopses') =>
  Number((await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table)} WHERE workspace_id = ${ws}`.execute(t.db)).rows[0]!.n);
const problemPaths = (r: { body: { error: { details: { problems: { path: unknown[] }[] } } } }) =>
  r.body.error.details.problems.map((p) => p.path);

describe('POST /api/v1/complaints', () => {
  it('stores the complaint, opens a case whose clock starts when it went wrong, and writes the timeline', async () => {
    const r = await post(complaint({ reference: 'A-1001' }));
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ joined: false, duplicate: false });
    const c = r.body.complaint;
    expect(c).toMatchObject({
      channel: 'api',
      source: 'shop',
      subject: 'Wrong product',
      body: 'The conditioner jar was full of henna.',
      reference: 'A-1001',
      occurredAt: '2026-03-01T17:30:00.000Z',
      receivedAt: '2026-03-02T10:00:00.000Z',
      customer: { name: 'Ann Example', email: `c${n}@example.com`, externalId: `c-${n}` },
      caseNumber: expect.any(Number),
    });
    const kase = await getCase(c.caseId);
    expect(kase).toMatchObject({ origin: 'complaint', status: 'open', title: 'Wrong product', customerId: c.customerId });
    // The clock starts at the incident, not at receipt: 24 hours from 17:30 the day before.
    expect(kase.oopsAt).toBe(c.occurredAt);
    expect(kase.dueAt).toBe('2026-03-02T17:30:00.000Z');
    expect(kase.oopses).toEqual([expect.objectContaining({ kind: 'complaint', occurredAt: c.occurredAt, ref: { complaintId: c.id } })]);
    const timeline = await call(app, 'GET', `/api/v1/customers/${c.customerId}/timeline`, { token: agent });
    expect(timeline.body.items.map((e: { type: string }) => e.type)).toEqual(['case.opened', 'complaint.received']);
    expect(timeline.body.items[1]).toMatchObject({
      source: 'shop',
      occurredAt: c.receivedAt,
      data: {
        complaintId: c.id,
        channel: 'api',
        caseId: c.caseId,
        caseNumber: c.caseNumber,
        occurredAt: c.occurredAt,
        reference: 'A-1001',
      },
    });
    expect((await call(app, 'GET', `/api/v1/complaints/${c.id}`, { token: agent })).body).toEqual(c);
  });

  it('defaults occurredAt to now, and takes severity and department for the case it opens', async () => {
    const dept = await createDepartment(t.db, clock, ws, { key: 'shop', name: 'Shop', colour: '#2563eb' });
    const r = await post(complaint({ occurredAt: undefined, severity: 'high', departmentId: dept.id }));
    expect(r.status).toBe(201);
    expect(r.body.complaint.occurredAt).toBe('2026-03-02T10:00:00.000Z');
    expect(await getCase(r.body.complaint.caseId)).toMatchObject({
      severity: 'high',
      departmentId: dept.id,
      oopsAt: '2026-03-02T10:00:00.000Z',
    });
  });

  it('joins the customer’s open case with a second complaint: one case, two oopses, the clock at the earlier', async () => {
    const customer = { externalId: 'joiner', email: 'joiner@example.com' };
    const first = await post(complaint({ customer, occurredAt: '2026-03-02T08:00:00Z' }));
    const second = await post(complaint({ customer, subject: 'And the refund is late', occurredAt: '2026-03-01T09:00:00Z' }));
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body.joined).toBe(true);
    expect(second.body.complaint.caseId).toBe(first.body.complaint.caseId);
    expect(second.body.complaint.caseNumber).toBe(first.body.complaint.caseNumber);
    const kase = await getCase(first.body.complaint.caseId);
    expect(kase.oopses.map((o: { ref: { complaintId: string } }) => o.ref.complaintId).sort()).toEqual(
      [first.body.complaint.id, second.body.complaint.id].sort(),
    );
    expect(kase.oopsAt).toBe('2026-03-01T09:00:00.000Z');
  });

  it('stores one complaint for a repeated idempotency key and answers 200 with the original', async () => {
    const body = complaint({ idempotencyKey: 'ticket-77' });
    const first = await post(body);
    const before = { complaints: await count('complaints'), oopses: await count('oopses') };
    const again = await post({ ...body, body: 'A retried request, changed on the way' });
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ complaint: first.body.complaint, joined: false, duplicate: true });
    expect({ complaints: await count('complaints'), oopses: await count('oopses') }).toEqual(before);
    // The key belongs to its source: another system may use the same one.
    expect((await post({ ...body, source: 'call-centre' })).status).toBe(201);
  });

  describe('refuses bad input with a 400 naming the field, storing nothing', () => {
    const cases: [string, Record<string, unknown>, (string | number)[]][] = [
      ['a missing body', { body: undefined }, ['body']],
      ['an empty body', { body: '   ' }, ['body']],
      ['a body over 20,000 characters', { body: 'x'.repeat(20_001) }, ['body']],
      ['an unknown field', { priority: 'urgent' }, []],
      ['an occurredAt in the future', { occurredAt: '2026-03-02T10:06:00Z' }, ['occurredAt']],
      ['an occurredAt without an offset', { occurredAt: '2026-03-01T10:00:00' }, ['occurredAt']],
      ['a bad e-mail', { customer: { email: 'not-an-address' } }, ['customer', 'email']],
      ['a customer without externalId or email', { customer: { name: 'Ann' } }, ['customer']],
      ['a missing source', { source: undefined }, ['source']],
      ['a source that is not a key', { source: 'Call Centre' }, ['source']],
      ['an unknown severity', { severity: 'urgent' }, ['severity']],
      ['a department of nobody', { departmentId: '01900000-0000-7000-8000-000000000000' }, ['departmentId']],
      ['a NUL character', { body: 'a\u0000b' }, ['body']],
    ];
    it.each(cases)('%s', async (_, over, path) => {
      const before = [await count('complaints'), await count('cases')];
      const r = await post(complaint(over));
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('invalid_input');
      expect(problemPaths(r)).toContainEqual(path);
      expect([await count('complaints'), await count('cases')]).toEqual(before);
    });

    it('names the unknown field in the message', async () => {
      const r = await post(complaint({ priority: 'urgent' }));
      expect(r.body.error.details.problems[0].message).toBe('unknown field(s): priority');
    });

    it('accepts 5 minutes of clock skew', async () => {
      expect((await post(complaint({ occurredAt: '2026-03-02T10:04:59Z' }))).status).toBe(201);
    });
  });

  it('needs an API token or a session', async () => {
    expect((await call(app, 'POST', '/api/v1/complaints', { body: complaint() })).status).toBe(401);
  });
});

describe('GET /api/v1/complaints', () => {
  it('lists newest first, pages without gaps or repeats, and filters by customer', async () => {
    const customer = { externalId: 'lister', email: 'lister@example.com' };
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      clock.advance(1000);
      ids.push((await post(complaint(i % 2 ? {} : { customer }))).body.complaint.id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { items: { id: string }[]; nextCursor: string | null } } = await call(
        app,
        'GET',
        `/api/v1/complaints?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        { token: agent },
      );
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((c) => c.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen.slice(0, 5)).toEqual([...ids].reverse());
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toHaveLength(await count('complaints'));

    const mine = await call(app, 'GET', `/api/v1/complaints`, { token: agent });
    const customerId = mine.body.items.find((c: { id: string }) => c.id === ids[0]).customerId;
    const filtered = await call(app, 'GET', `/api/v1/complaints?customerId=${customerId}`, { token: agent });
    expect(filtered.body.items.map((c: { id: string }) => c.id)).toEqual([ids[4], ids[2], ids[0]]);
  });

  it('refuses a bad filter or cursor by name', async () => {
    const bad = await call(app, 'GET', '/api/v1/complaints?customerId=nope', { token: agent });
    expect(bad.status).toBe(400);
    expect(problemPaths(bad)).toEqual([['customerId']]);
    const cursor = await call(app, 'GET', '/api/v1/complaints?cursor=nonsense', { token: agent });
    expect(problemPaths(cursor)).toEqual([['cursor']]);
  });

  it('keeps workspaces apart and answers 404 for an unknown id', async () => {
    const id = (await post(complaint())).body.complaint.id;
    expect((await call(app, 'GET', `/api/v1/complaints/${id}`, { token: otherAgent })).status).toBe(404);
    expect((await call(app, 'GET', '/api/v1/complaints', { token: otherAgent })).body.items).toEqual([]);
    expect((await call(app, 'GET', '/api/v1/complaints/not-a-uuid', { token: agent })).status).toBe(404);
  });

  it('is in the OpenAPI document, the e-mail intake with its raw media type', async () => {
    const doc = (await call(app, 'GET', '/api/openapi.json')).body;
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/complaints', '/api/v1/complaints/email', '/api/v1/complaints/{id}']),
    );
    expect(Object.keys(doc.paths['/api/v1/complaints/email'].post.requestBody.content)).toEqual(['message/rfc822']);
    expect(doc.components.schemas).toHaveProperty('ComplaintInput');
    expect(doc.components.schemas).toHaveProperty('Complaint');
  });
});
