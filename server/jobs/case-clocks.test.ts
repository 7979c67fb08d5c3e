// A case's clock with a fixed clock the test moves: a detractor's answer opens a case at the
// answer's time; the owner is reminded at 50 %, the managers told at 80 %, the breach recorded at
// 24 h, each once, through graphile-worker's durable queue, across restarts of the worker.
import pino from 'pino';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp, buildToken, buildUser, buildWorkspace, call, event, type TestApp } from '../../test/factories.ts';
import { createTestDatabase, type TestDatabase } from '../../test/database.ts';
import { systemClock } from '../domain/core/clock.ts';
import { createSettingsCache } from '../domain/signals/signal-settings.ts';
import { startCaseClocks } from './case-clocks.ts';
import type { Runner } from 'graphile-worker';

let t: TestDatabase;
let app: TestApp;
let token: string;
let runner: Runner | undefined;
let workspaceId: string;
const hour = 3_600_000;
const start = new Date('2026-03-02T10:00:00Z');

beforeAll(async () => {
  // Only Date is faked: Kept's system clock and graphile-worker (useNodeTime) both read it; timers stay real.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(start);
  t = await createTestDatabase();
  app = buildApp(t.db);
  const ws = await buildWorkspace(t.db);
  workspaceId = ws.id;
  token = await buildToken(t.db, ws.id, 'manager');
  await buildUser(t.db, ws.id, { role: 'manager', email: 'boss@example.com' });
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
const restart = async () => {
  await runner?.stop();
  await startWorker();
};
const caseRow = (id: string) =>
  sql<{ reminded_at: Date | null; escalated_at: Date | null; breached_at: Date | null; oops_at: Date; due_at: Date }>`
    SELECT reminded_at, escalated_at, breached_at, oops_at, due_at FROM cases WHERE id = ${id}`
    .execute(t.db)
    .then((r) => r.rows[0]!);
/** Waits (in real time) until the condition holds or 5 s pass. */
async function eventually<T>(read: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  const until = performance.now() + 5000;
  for (;;) {
    const v = await read();
    if (ok(v) || performance.now() > until) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}
const settle = () => new Promise((r) => setTimeout(r, 400));

describe('case clocks', () => {
  it('escalate a detractor’s case at 50 % and 80 % and breach it at 24 h, across worker restarts', async () => {
    const survey = (await call(app, 'POST', '/api/v1/surveys', { token, body: { kind: 'nps', name: 'Relationship' } })).body;
    const inv = await call(app, 'POST', `/api/v1/surveys/${survey.id}/invitations`, {
      token,
      body: { customer: { externalId: 'det-1', email: 'det@example.com' } },
    });
    const answered = await call(app, 'POST', '/api/public/answers', {
      body: { token: inv.body.url.split('/s/')[1], score: 2, reason: 'Three late parcels' },
    });
    expect(answered.status).toBe(201);
    // The answer queued its oops in its own transaction; the recovery worker opens the case.
    expect((await call(app, 'GET', '/api/v1/cases', { token })).body.items).toHaveLength(0);
    await startWorker();
    const inbox = await eventually(
      () => call(app, 'GET', '/api/v1/cases', { token }),
      (r) => r.body.items.length > 0,
    );
    expect(inbox.body.items).toHaveLength(1);
    const c = inbox.body.items[0];
    expect(c).toMatchObject({
      origin: 'survey',
      severity: 'high',
      oopsAt: start.toISOString(),
      remindAt: new Date(start.getTime() + 12 * hour).toISOString(),
      escalateAt: new Date(start.getTime() + 19.2 * hour).toISOString(),
      dueAt: new Date(start.getTime() + 24 * hour).toISOString(),
    });
    expect(c.title).toContain('Three late parcels');

    await settle();
    expect(await caseRow(c.id)).toMatchObject({ reminded_at: null, escalated_at: null, breached_at: null });

    vi.setSystemTime(start.getTime() + 12 * hour - 1000);
    await settle();
    expect((await caseRow(c.id)).reminded_at).toBeNull(); // a second early: nothing

    vi.setSystemTime(start.getTime() + 12 * hour + 1000);
    const reminded = await eventually(
      () => caseRow(c.id),
      (r) => r.reminded_at !== null,
    );
    expect(reminded.reminded_at).not.toBeNull();
    expect(reminded.escalated_at).toBeNull();

    await restart(); // the 80 % point is in the durable queue, not in this worker's memory
    vi.setSystemTime(start.getTime() + 19.2 * hour + 1000);
    const escalated = await eventually(
      () => caseRow(c.id),
      (r) => r.escalated_at !== null,
    );
    expect(escalated.breached_at).toBeNull();

    await runner!.stop(); // down over the deadline
    runner = undefined;
    vi.setSystemTime(start.getTime() + 26 * hour);
    await startWorker();
    const breached = await eventually(
      () => caseRow(c.id),
      (r) => r.breached_at !== null,
    );
    expect(breached.breached_at!.getTime()).toBe(start.getTime() + 26 * hour); // recorded when the worker came back

    const timeline = (
      await call(app, 'GET', `/api/v1/customers/${c.customerId}/timeline?type=case.opened,case.escalated,case.breached`, { token })
    ).body.items;
    expect(timeline.map((e: any) => [e.type, e.data.level ?? null]).reverse()).toEqual([
      ['case.opened', null],
      ['case.escalated', 'owner'],
      ['case.escalated', 'manager'],
      ['case.breached', null],
    ]);
    const mails = await sql<{
      to_address: string;
      kind: string;
    }>`SELECT to_address, kind FROM mails WHERE kind LIKE 'case_%' ORDER BY kind`.execute(t.db);
    // No owner (no admin, no one in the default department): the 50 % reminder goes to the managers too (issue 17).
    expect(mails.rows).toEqual([
      { to_address: 'boss@example.com', kind: 'case_escalation' },
      { to_address: 'boss@example.com', kind: 'case_reminder' },
    ]);
    await settle();
    expect((await sql<{ n: number }>`SELECT count(*)::int AS n FROM graphile_worker._private_jobs`.execute(t.db)).rows[0]!.n).toBe(0);
  });

  it('starts the clock at the incident time given, fires every point already past at once, and joins a second oops to the open case', async () => {
    vi.setSystemTime(start.getTime() + 40 * hour);
    const now = Date.now();
    const first = await call(app, 'POST', '/api/v1/cases', {
      token,
      body: {
        customer: { externalId: 'late-1' },
        summary: 'Technician did not show up',
        occurredAt: new Date(now - 30 * hour).toISOString(),
      },
    });
    expect(first.status).toBe(201);
    expect(first.body.case.dueAt).toBe(new Date(now - 6 * hour).toISOString());
    const second = await call(app, 'POST', '/api/v1/cases', {
      token,
      body: { customer: { externalId: 'late-1' }, summary: 'And nobody called' },
    });
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ joined: true, case: { id: first.body.case.id } });
    expect(second.body.case.oopses.map((o: any) => o.summary)).toEqual(['Technician did not show up', 'And nobody called']);
    await startWorker();
    const r = await eventually(
      () => caseRow(first.body.case.id),
      (x) => x.breached_at !== null,
    );
    expect([r.reminded_at, r.escalated_at, r.breached_at].every((x) => x?.getTime() === now)).toBe(true);
  });

  it('fires a clock job queued before clocks were batched (one case, its payload an object)', async () => {
    const now = Date.now();
    const opened = await call(app, 'POST', '/api/v1/cases', {
      token,
      body: { customer: { externalId: 'legacy-1' }, summary: 'Old queue', occurredAt: new Date(now - 13 * hour).toISOString() },
    });
    const id = opened.body.case.id;
    await sql`DELETE FROM graphile_worker._private_jobs`.execute(t.db);
    await sql`SELECT graphile_worker.add_job('case_clock', json_build_object('workspaceId', ${workspaceId}::text, 'caseId', ${id}::text),
      run_at := ${new Date(now)}::timestamptz, job_key := ${`case-clock:${id}`})`.execute(t.db);
    await startWorker();
    const r = await eventually(
      () => caseRow(id),
      (x) => x.reminded_at !== null,
    );
    expect(r.reminded_at?.getTime()).toBe(now);
    expect(r.escalated_at).toBeNull();
  });

  it('retries only the entry of a batch that failed: the others fire, the job keeps the one that did not', async () => {
    const now = Date.now();
    const other = await buildWorkspace(t.db);
    const report = async (tok: string, externalId: string) =>
      (
        await call(app, 'POST', '/api/v1/cases', {
          token: tok,
          body: { customer: { externalId }, summary: externalId, occurredAt: new Date(now - 13 * hour).toISOString() },
        })
      ).body.case.id as string;
    const fine = await report(token, 'fine-1');
    const stuck = await report(await buildToken(t.db, other.id, 'manager'), 'stuck-1');
    // Business hours in a time zone that does not exist: that workspace's clock points cannot be computed.
    await sql`UPDATE recovery_settings SET business_hours = ${JSON.stringify({ timeZone: 'Nowhere/Atlantis', days: [1], start: '09:00', end: '17:00' })}
      WHERE workspace_id = ${other.id}`.execute(t.db);
    await sql`DELETE FROM graphile_worker._private_jobs`.execute(t.db);
    const entries = [
      { workspaceId, caseId: fine },
      { workspaceId: other.id, caseId: stuck },
    ];
    await sql`SELECT graphile_worker.add_job('case_clock', ${JSON.stringify(entries)}::json, run_at := ${new Date(now)}::timestamptz)`.execute(
      t.db,
    );
    await startWorker();
    expect(
      (
        await eventually(
          () => caseRow(fine),
          (x) => x.reminded_at !== null,
        )
      ).reminded_at,
    ).not.toBeNull();
    // Failed and given back (a running job counts its attempt already, with its whole payload).
    const failed = await eventually(
      () =>
        sql<{
          payload: unknown;
          attempts: number;
        }>`SELECT payload, attempts FROM graphile_worker._private_jobs WHERE key IS NULL AND locked_at IS NULL`.execute(t.db),
      (r) => r.rows.some((j) => j.attempts > 0),
    );
    expect(failed.rows.find((j) => j.attempts > 0)?.payload).toEqual([{ workspaceId: other.id, caseId: stuck }]);
    expect((await caseRow(stuck)).reminded_at).toBeNull();
  });

  it('refuses a report with a future incident time or no customer, and stores nothing', async () => {
    const before = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM cases`.execute(t.db)).rows[0]!.n;
    const future = await call(app, 'POST', '/api/v1/cases', {
      token,
      body: { customer: { externalId: 'x-1' }, summary: 'Soon', occurredAt: new Date(Date.now() + hour).toISOString() },
    });
    expect(future.status).toBe(400);
    expect((await call(app, 'POST', '/api/v1/cases', { token, body: { summary: 'Nobody' } })).status).toBe(400);
    // A made-up customer is a named error about that field (the foreign-id rule), and nothing is stored.
    const ghost = await call(app, 'POST', '/api/v1/cases', {
      token,
      body: { customerId: '00000000-0000-7000-8000-000000000000', summary: 'Ghost' },
    });
    expect(ghost.status).toBe(400);
    expect(JSON.stringify(ghost.body)).toContain('customerId');
    expect((await sql<{ n: number }>`SELECT count(*)::int AS n FROM cases`.execute(t.db)).rows[0]!.n).toBe(before);
    void event;
  });
});
