// A commitment's clock with a fixed clock the test moves, through graphile-worker's durable queue:
// a promise nobody kept is broken at its due time and opens a case whose clock starts then, also
// when the due time passed while the worker was down; a renegotiated promise kept by its new time
// opens nothing.
import pino from 'pino';
import { sql } from 'kysely';
import type { Runner } from 'graphile-worker';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp, buildToken, buildWorkspace, call, type TestApp } from '../../test/factories.ts';
import { createTestDatabase, type TestDatabase } from '../../test/database.ts';
import { systemClock } from '../domain/core/clock.ts';
import { createSettingsCache } from '../domain/signals/signal-settings.ts';
import { startCaseClocks } from './case-clocks.ts';

let t: TestDatabase;
let app: TestApp;
let token: string;
let runner: Runner | undefined;
const hour = 3_600_000;
const start = new Date('2026-03-02T10:00:00Z');

beforeAll(async () => {
  // Only Date is faked: Kept's system clock and graphile-worker (useNodeTime) both read it; timers stay real.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(start);
  t = await createTestDatabase();
  app = buildApp(t.db);
  token = await buildToken(t.db, (await buildWorkspace(t.db)).id, 'agent');
});
afterEach(async () => {
  await runner?.stop();
  runner = undefined;
});
afterAll(async () => {
  vi.useRealTimers();
  await t.drop();
});

const startWorker = async () => {
  runner = await startCaseClocks({
    db: t.db,
    clock: systemClock,
    url: t.url,
    log: pino({ level: 'silent' }),
    pollIntervalMs: 50,
    settings: createSettingsCache(t.db, systemClock),
    publicUrl: 'http://kept.test',
  });
};
const stopWorker = async () => {
  await runner?.stop();
  runner = undefined;
};
/** Waits (in real time) until the condition holds or 15 s pass (a loaded machine runs the worker slowly). */
async function eventually<T>(read: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  const until = performance.now() + 15_000;
  for (;;) {
    const v = await read();
    if (ok(v) || performance.now() > until) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}
/** Long enough for a running worker to have picked up anything due. */
const settle = () => new Promise((r) => setTimeout(r, 400));
const at = (ms: number) => new Date(ms).toISOString();
const make = async (externalId: string, dueAt: number) => {
  const r = await call(app, 'POST', '/api/v1/commitments', {
    token,
    body: { customer: { externalId }, what: 'Call back about the broken boiler', kind: 'callback', dueAt: at(dueAt) },
  });
  expect(r.status).toBe(201);
  return r.body.commitment as { id: string; customerId: string; dueAt: string };
};
const get = async (id: string) => (await call(app, 'GET', `/api/v1/commitments/${id}`, { token })).body;
const casesOf = async (customerId: string) =>
  (await sql<{ id: string }>`SELECT id FROM cases WHERE customer_id = ${customerId}`.execute(t.db)).rows.map((r) => r.id);
const pendingJobs = async (id: string) =>
  (
    await sql<{ n: number }>`SELECT count(*)::int AS n FROM graphile_worker._private_jobs WHERE key = ${`commitment-clock:${id}`}`.execute(
      t.db,
    )
  ).rows[0]!.n;

describe('commitment clocks', () => {
  it('break a promise nobody kept at its due time, opening a case whose clock starts then, across a worker restart', async () => {
    const due = Date.now() + 2 * hour;
    const c = await make('boiler-1', due);
    await startWorker();
    vi.setSystemTime(due - 1000);
    await settle();
    expect((await get(c.id)).status).toBe('open'); // a second early: nothing

    await stopWorker(); // the clock is in the durable queue, not in this worker's memory
    await startWorker();
    vi.setSystemTime(due + 1000);
    const broken = await eventually(
      () => get(c.id),
      (x) => x.status === 'broken',
    );
    expect(broken).toMatchObject({ status: 'broken', brokenAt: c.dueAt, oopsCaseId: expect.any(String) });
    expect(broken.history.map((h: { change: string }) => h.change)).toEqual(['made', 'broken']);
    const kase = (await call(app, 'GET', `/api/v1/cases/${broken.oopsCaseId}`, { token })).body;
    expect(kase).toMatchObject({ origin: 'commitment', oopsAt: c.dueAt, dueAt: at(due + 24 * hour) });
    expect(kase.oopses).toEqual([expect.objectContaining({ kind: 'commitment', occurredAt: c.dueAt, ref: { commitmentId: c.id } })]);
    expect(kase.title).toContain('Call back about the broken boiler');
    // The due time in words, not a machine timestamp.
    expect(kase.title).toMatch(/\(due \d{1,2} [A-Z][a-z]+ \d{4} at \d\d:\d\d UTC\)/);
    expect(kase.title).not.toMatch(/\d{4}-\d\d-\d\dT/);
    const timeline = (
      await call(app, 'GET', `/api/v1/customers/${c.customerId}/timeline?type=commitment.made,commitment.broken,case.opened`, { token })
    ).body.items;
    expect(timeline.map((e: { type: string }) => e.type).reverse()).toEqual(['commitment.made', 'commitment.broken', 'case.opened']);
    await settle();
    expect(await casesOf(c.customerId)).toEqual([broken.oopsCaseId]); // once
    expect(await pendingJobs(c.id)).toBe(0);
  });

  it('break a promise whose due time passed while the worker was down as soon as it starts, at the due time', async () => {
    const due = Date.now() + hour;
    const c = await make('boiler-2', due);
    vi.setSystemTime(due + 5 * hour); // Kept was down over the due time
    await startWorker();
    const broken = await eventually(
      () => get(c.id),
      (x) => x.status === 'broken',
    );
    expect(broken.brokenAt).toBe(c.dueAt);
    expect(broken.history.at(-1)).toMatchObject({ change: 'broken', at: c.dueAt, recordedAt: at(due + 5 * hour) });
    expect((await call(app, 'GET', `/api/v1/cases/${broken.oopsCaseId}`, { token })).body).toMatchObject({
      origin: 'commitment',
      oopsAt: c.dueAt,
    });
  });

  it('open no case for a promise renegotiated before its due time and kept before the new one', async () => {
    const firstDue = Date.now() + 2 * hour;
    const c = await make('boiler-3', firstDue);
    await startWorker();
    vi.setSystemTime(firstDue - hour);
    const newDue = firstDue + 24 * hour;
    const moved = await call(app, 'POST', `/api/v1/commitments/${c.id}/renegotiate`, {
      token,
      body: { newDueAt: at(newDue), note: 'The engineer is ill; the customer agreed to tomorrow' },
    });
    expect(moved.status).toBe(200);
    vi.setSystemTime(firstDue + 1000); // past the first due time: the clock moved with the renegotiation
    await settle();
    expect((await get(c.id)).status).toBe('renegotiated');

    vi.setSystemTime(newDue - hour);
    const kept = await call(app, 'POST', `/api/v1/commitments/${c.id}/keep`, { token, body: { note: 'Called her' } });
    expect(kept.body).toMatchObject({ status: 'kept', keptOnTime: false });
    expect(await pendingJobs(c.id)).toBe(0); // the clock was removed with the keep
    vi.setSystemTime(newDue + hour);
    await settle();
    expect((await get(c.id)).status).toBe('kept');
    expect(await casesOf(c.customerId)).toEqual([]);
    const types = (await call(app, 'GET', `/api/v1/customers/${c.customerId}/timeline`, { token })).body.items.map(
      (e: { type: string }) => e.type,
    );
    // The customer was told when it was made and when it was kept (promise notices), not of the new time they agreed to.
    expect(types.reverse()).toEqual([
      'commitment.made',
      'commitment.customer_told',
      'commitment.renegotiated',
      'commitment.kept',
      'commitment.customer_told',
    ]);
  });
});
