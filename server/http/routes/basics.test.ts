// Brilliant at the basics: "delivered by the promised date" as conditions on order.delivered.
// A late delivery is a broken basic: an oops queued with the event, whose case's clock starts
// at the delivery; a delivery on time queues nothing; the rate matches a hand count.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../domain/core/clock.ts';
import { createOopsQueue } from '../../domain/recovery/oops-queue.ts';
import { buildApp, buildToken, buildWorkspace, call, type TestApp } from '../../../test/factories.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/database.ts';

let t: TestDatabase;
let app: TestApp;
let manager: string;
let workspaceId: string;
let departmentId: string;
const clock = manualClock('2026-04-20T00:00:00Z');

let k = 0;
/** A delivery on `day` at 10:00 promised by `promised` (a date-time), in March or April. */
const delivery = (who: string, delivered: string, promised: string | undefined) => ({
  type: 'order.delivered',
  customer: { externalId: who, email: `${who}@example.com` },
  occurredAt: delivered,
  source: 'carrier',
  idempotencyKey: `d${k++}`,
  data: { orderId: `O-${k}`, ...(promised ? { promisedBy: promised } : {}) },
});
const queued = async () =>
  (
    await sql<{
      payload: { workspaceId: string; report: { dedupeKey: string; occurredAt: string; kind: string; ref: { eventId: string } } };
    }>`
      SELECT j.payload FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
      WHERE t.identifier = 'report_oops' ORDER BY j.id`.execute(t.db)
  ).rows.map((r) => r.payload);

const basic = {
  name: 'Delivered by the promised date',
  kind: 'time',
  eventType: 'order.delivered',
  appliesWhen: [{ path: 'promisedBy', op: 'exists' }],
  keptWhen: [{ path: 'promisedBy', op: 'gte_field', value: '@occurredAt' }],
  severity: 'high',
};

beforeAll(async () => {
  t = await createTestDatabase();
  app = buildApp(t.db, { clock });
  const ws = await buildWorkspace(t.db);
  workspaceId = ws.id;
  manager = await buildToken(t.db, ws.id, 'manager');
  const admin = await buildToken(t.db, ws.id, 'admin');
  const dept = await call(app, 'POST', '/api/v1/departments', {
    token: admin,
    body: { key: 'logistics', name: 'Logistics', colour: '#1f77b4' },
  });
  expect(dept.status).toBe(201);
  departmentId = dept.body.id;
});
afterAll(() => t.drop());

describe('basics', () => {
  let basicId: string;

  it('refuses conditions the selector cannot compare, naming the field', async () => {
    const r = await call(app, 'POST', '/api/v1/basics', {
      token: manager,
      body: { ...basic, keptWhen: [{ path: 'promisedBy', op: 'gte_field', value: 'not a path!' }] },
    });
    expect(r.status).toBe(400);
    expect(r.body.error.details.problems[0].path).toEqual(['keptWhen', 0, 'value']);
    const none = await call(app, 'POST', '/api/v1/basics', { token: manager, body: { ...basic, keptWhen: [] } });
    expect(none.status).toBe(400);
  });

  it('a late delivery opens a case whose clock starts at the delivery; one on time does not', async () => {
    const created = await call(app, 'POST', '/api/v1/basics', { token: manager, body: { ...basic, departmentId } });
    expect(created.status).toBe(201);
    basicId = created.body.id;
    const late = delivery('late', '2026-04-10T15:00:00.000Z', '2026-04-09T18:00:00.000Z');
    const onTime = delivery('ontime', '2026-04-10T15:00:00.000Z', '2026-04-10T18:00:00.000Z');
    const noPromise = delivery('nopromise', '2026-04-10T15:00:00.000Z', undefined);
    const r = await call(app, 'POST', '/api/v1/events', { token: manager, body: { events: [late, onTime, noPromise] } });
    expect(r.status).toBe(201);
    const jobs = await queued();
    expect(jobs).toHaveLength(1);
    const lateEventId = r.body.results[0].id;
    expect(jobs[0]!.report).toMatchObject({ kind: 'basic', occurredAt: '2026-04-10T15:00:00.000Z', ref: { eventId: lateEventId } });

    // The recovery worker's handler opens the case, with the clock at the delivery.
    const queue = createOopsQueue({ db: t.db, clock });
    const reported = await queue.report(jobs[0]);
    const kase = await call(app, 'GET', `/api/v1/cases/${reported.caseId}`, { token: manager });
    expect(kase.body).toMatchObject({ origin: 'basic', severity: 'high', oopsAt: '2026-04-10T15:00:00.000Z', departmentId });
    expect(kase.body.customer.externalId).toBe('late');
    // Once per event: the same report again joins nothing new.
    expect((await queue.report(jobs[0])).duplicate).toBe(true);
    // The same event sent again (same idempotency key) queues nothing more.
    await call(app, 'POST', '/api/v1/events', { token: manager, body: { events: [late] } });
    expect(await queued()).toHaveLength(1);
  });

  it('compares dates with dates across formats, and numbers with numbers', async () => {
    await sql`DELETE FROM graphile_worker._private_jobs`.execute(t.db);
    const r = await call(app, 'POST', '/api/v1/events', {
      token: manager,
      body: {
        events: [
          delivery('offset', '2026-04-11T10:00:00.000Z', '2026-04-11T11:30:00+02:00'), // 09:30 UTC: late
          delivery('dateonly', '2026-04-11T10:00:00.000Z', '2026-04-12'), // midnight UTC on the 12th: on time
          delivery('number', '2026-04-11T10:00:00.000Z', 5 as unknown as string), // a number is not a date: broken
        ],
      },
    });
    expect(r.status).toBe(201);
    const who = (await queued()).map((j) => j.report.ref.eventId);
    expect(who).toEqual([r.body.results[0].id, r.body.results[2].id]);
  });

  it('the rate per period matches a hand count, with its interval and trend', async () => {
    // March: 40 deliveries with a promise, 36 on time (90 %). April so far: the 6 above, 2 on time,
    // plus 34 more on time: 40, 36 + ... counted below by hand.
    const march = [];
    for (let i = 0; i < 40; i++) {
      const day = `2026-03-${String(1 + (i % 28)).padStart(2, '0')}`;
      march.push(delivery(`m${i}`, `${day}T10:00:00.000Z`, i < 36 ? `${day}T17:00:00.000Z` : `${day}T09:00:00.000Z`));
    }
    const april = [];
    for (let i = 0; i < 34; i++) april.push(delivery(`a${i}`, '2026-04-15T10:00:00.000Z', '2026-04-16T10:00:00.000Z'));
    expect((await call(app, 'POST', '/api/v1/events', { token: manager, body: { events: [...march, ...april] } })).status).toBe(201);
    // April by hand: late, ontime (nopromise does not apply), offset, dateonly, number, 34 more:
    // 39 events, kept = ontime + dateonly + 34 = 36.
    const r = await call(app, 'GET', '/api/v1/basics/rates?granularity=month&periods=2&at=2026-04-19T00:00:00Z', { token: manager });
    expect(r.status).toBe(200);
    const [row] = r.body.items;
    expect(row.basic.id).toBe(basicId);
    expect(row.departmentName).toBe('Logistics');
    expect(
      row.periods.map((p: { label: string; events: number; kept: number; broken: number }) => [p.label, p.events, p.kept, p.broken]),
    ).toEqual([
      ['2026-03', 40, 36, 4],
      ['2026-04', 39, 36, 3],
    ]);
    expect(row.periods[0].rate).toBeCloseTo(90, 10);
    expect(row.periods[1].rate).toBeCloseTo((100 * 36) / 39, 10);
    expect(row.periods[0].interval.low).toBeLessThan(90);
    expect(row.periods[0].interval.high).toBeGreaterThan(90);
    expect(row.trend).toBeCloseTo((100 * 36) / 39 - 90, 10);
    // Per department: another department's filter finds none.
    const other = await call(app, 'GET', `/api/v1/basics/rates?departmentId=${workspaceId}`, { token: manager });
    expect(other.body.items).toEqual([]);
  });

  it('a disabled basic reports nothing; a deleted one is gone', async () => {
    await sql`DELETE FROM graphile_worker._private_jobs`.execute(t.db);
    expect((await call(app, 'PUT', `/api/v1/basics/${basicId}`, { token: manager, body: { ...basic, enabled: false } })).status).toBe(200);
    await call(app, 'POST', '/api/v1/events', {
      token: manager,
      body: { events: [delivery('late2', '2026-04-18T15:00:00.000Z', '2026-04-17T18:00:00.000Z')] },
    });
    expect(await queued()).toHaveLength(0);
    expect((await call(app, 'DELETE', `/api/v1/basics/${basicId}`, { token: manager })).status).toBe(204);
    expect((await call(app, 'GET', `/api/v1/basics/${basicId}`, { token: manager })).status).toBe(404);
  });
});
