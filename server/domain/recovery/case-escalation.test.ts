// The batched case clocks, run the way the worker runs them: the clock jobs due at the moment the
// test sets are taken from graphile-worker's queue and their entries advanced together. Cases of
// several workspaces due in one bucket fire in one run, each point once, with its event and mail;
// stale entries (a moved clock, a closed or recovered case) fire nothing.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildCase, buildUser, buildWorkspace } from '../../../test/factories.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/database.ts';
import { clockBucketMs, clockJobSpecs, type ClockEntry } from '../../storage/case-clocks.ts';
import { advanceCaseClocks } from './case-escalation.ts';
import { systemClock } from '../core/clock.ts';
import { createDepartment, setMembership } from '../core/departments.ts';

const hour = 3_600_000;
const t0 = new Date('2026-03-02T10:00:00Z').getTime();
const d = () => ({ db: t.db, clock: systemClock });
let t: TestDatabase;

beforeAll(async () => {
  // Kept's clock and the queue's notion of "soon" both read Date: the test moves it.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(t0);
  t = await createTestDatabase();
});
afterAll(async () => {
  vi.useRealTimers();
  await t.drop();
});

const at = (ms: number) => vi.setSystemTime(t0 + ms);
const clockJobs = () =>
  sql<{ key: string | null; run_at: Date; payload: ClockEntry[] }>`SELECT j.key, j.run_at, j.payload FROM graphile_worker._private_jobs j
    JOIN graphile_worker._private_tasks k ON k.id = j.task_id WHERE k.identifier = 'case_clock' ORDER BY j.run_at, j.id`
    .execute(t.db)
    .then((r) => r.rows);
/** What the worker does now: takes every clock job that is due, and runs their entries. */
async function runDue() {
  const r = await sql<{ payload: ClockEntry[] }>`DELETE FROM graphile_worker._private_jobs j USING graphile_worker._private_tasks k
    WHERE k.id = j.task_id AND k.identifier = 'case_clock' AND j.run_at <= ${new Date()} RETURNING j.payload`.execute(t.db);
  const run = await advanceCaseClocks(
    d(),
    r.rows.flatMap((x) => x.payload),
  );
  expect(run.failed).toEqual(new Map());
  return run.fired;
}
const openCase = async (workspaceId: string, who: string, oopsAt: number, o: { ownerId?: string; departmentId?: string } = {}) =>
  (await buildCase(t.db, { workspaceId, externalId: who, occurredAt: new Date(oopsAt), summary: who, ...o })).caseId;
const caseEvents = (caseId: string) =>
  sql<{ workspace_id: string; type: string; level: string | null }>`SELECT workspace_id, type, data->>'level' AS level FROM events
    WHERE data->>'caseId' = ${caseId} AND type <> 'case.opened' ORDER BY occurred_at, id`
    .execute(t.db)
    .then((r) => r.rows);
const mailsTo = (caseNumberTitle: string) =>
  sql<{
    to_address: string;
    kind: string;
  }>`SELECT to_address, kind FROM mails WHERE subject LIKE ${`%(${caseNumberTitle})`} ORDER BY to_address, kind`
    .execute(t.db)
    .then((r) => r.rows);

describe('batched case clocks', () => {
  it('fire the points of several workspaces’ cases due in one bucket in one run, each once, with its event and mail', async () => {
    const a = await buildWorkspace(t.db);
    const b = await buildWorkspace(t.db);
    const ownerA = await buildUser(t.db, a.id, { email: 'owner-a@example.com' });
    const inDept = await buildUser(t.db, a.id, { role: 'manager', email: 'dept-boss@example.com' });
    await buildUser(t.db, a.id, { role: 'manager', email: 'other-boss@example.com' }); // not in the case's department
    const dept = await createDepartment(t.db, systemClock, a.id, { key: 'care', name: 'Care', colour: '#123456' });
    await setMembership(t.db, systemClock, a.id, dept.id, inDept.id, true);
    const ownerB = await buildUser(t.db, b.id, { email: 'owner-b@example.com' });
    await buildUser(t.db, b.id, { role: 'admin', email: 'b-admin@example.com' });
    const caseA = await openCase(a.id, 'batch-a', t0, { ownerId: ownerA.id, departmentId: dept.id });
    const caseB = await openCase(b.id, 'batch-b', t0 + 30, { ownerId: ownerB.id });

    // Both 50 % points fall in the bucket [t0 + 12 h, + 100 ms): one job, run when it ends.
    expect(await clockJobs()).toEqual([
      {
        key: `case-clocks:${(t0 + 12 * hour) / clockBucketMs}:${t0 / 1000}`,
        run_at: new Date(t0 + 12 * hour + clockBucketMs),
        payload: [
          { workspaceId: a.id, caseId: caseA },
          { workspaceId: b.id, caseId: caseB },
        ],
      },
    ]);
    at(12 * hour + clockBucketMs);
    const reminded = await runDue();
    expect(reminded.map((f) => [f.caseId, f.point, f.delayMs])).toEqual([
      [caseA, 'remind', 100],
      [caseB, 'remind', 70],
    ]);
    expect(await runDue()).toEqual([]); // the job is gone
    // A retried run fires nothing again; it puts case A's next point in once more, which fires once.
    expect((await advanceCaseClocks(d(), [{ workspaceId: a.id, caseId: caseA }])).fired).toEqual([]);
    expect((await clockJobs()).map((j) => [j.run_at.getTime() - t0, j.payload.map((e) => e.caseId)])).toEqual([
      [19.2 * hour + clockBucketMs, [caseA, caseB, caseA]],
    ]);

    at(19.2 * hour + clockBucketMs);
    expect((await runDue()).map((f) => f.point)).toEqual(['escalate', 'escalate']);
    at(24 * hour + clockBucketMs);
    expect((await runDue()).map((f) => f.point)).toEqual(['breach', 'breach']);
    expect(await clockJobs()).toEqual([]);

    const levels = (rows: { type: string; level: string | null }[]) => rows.map((e) => [e.type, e.level]);
    const timeline = [
      ['case.escalated', 'owner'],
      ['case.escalated', 'manager'],
      ['case.breached', null],
    ];
    expect(levels(await caseEvents(caseA))).toEqual(timeline);
    expect((await caseEvents(caseA)).every((e) => e.workspace_id === a.id)).toBe(true);
    expect(levels(await caseEvents(caseB))).toEqual(timeline);
    expect(await mailsTo('batch-a')).toEqual([
      { to_address: 'dept-boss@example.com', kind: 'case_escalation' },
      { to_address: 'owner-a@example.com', kind: 'case_reminder' },
    ]);
    expect(await mailsTo('batch-b')).toEqual([
      { to_address: 'b-admin@example.com', kind: 'case_escalation' },
      { to_address: 'owner-b@example.com', kind: 'case_reminder' },
    ]);
  });

  it('fire nothing more for a closed or a recovered case, and schedule nothing for it', async () => {
    at(0);
    const ws = await buildWorkspace(t.db);
    const closed = await openCase(ws.id, 'closed-1', t0);
    const recovered = await openCase(ws.id, 'recovered-1', t0);
    await sql`UPDATE cases SET status = 'closed', closed_at = ${new Date()} WHERE id = ${closed}`.execute(t.db);
    await sql`UPDATE cases SET recovered_at = ${new Date()} WHERE id = ${recovered}`.execute(t.db);
    at(30 * hour);
    expect(await runDue()).toEqual([]);
    expect(await clockJobs()).toEqual([]);
    expect([...(await caseEvents(closed)), ...(await caseEvents(recovered))]).toEqual([]);
  });

  it('fire a clock moved earlier by an earlier oops at its new time, once, and its stale entry fires nothing', async () => {
    at(0);
    const ws = await buildWorkspace(t.db);
    const id = await openCase(ws.id, 'moved-1', t0);
    at(hour);
    expect(await openCase(ws.id, 'moved-1', t0 - 6 * hour)).toBe(id); // joins the case and moves its clock 6 h earlier
    expect((await clockJobs()).map((j) => j.run_at.getTime() - t0)).toEqual([6 * hour + clockBucketMs, 12 * hour + clockBucketMs]);

    at(6 * hour + clockBucketMs);
    expect((await runDue()).map((f) => [f.point, f.delayMs])).toEqual([['remind', clockBucketMs]]);
    at(12 * hour + clockBucketMs);
    expect(await runDue()).toEqual([]); // the old entry: the 50 % point fired at its new time
    // The 80 % point (oops - 6 h + 19.2 h) is in the queue, and fires once.
    at(13.2 * hour + clockBucketMs);
    expect((await runDue()).map((f) => f.point)).toEqual(['escalate']);
    expect((await caseEvents(id)).map((e) => e.level)).toEqual(['owner', 'manager']);
    expect((await clockJobs()).map((j) => j.run_at.getTime() - t0)).toEqual([18 * hour + clockBucketMs]);
  });

  it('fire the rest of a batch when one case cannot fire, and report that case alone as failed', async () => {
    at(0);
    const good = await buildWorkspace(t.db);
    const broken = await buildWorkspace(t.db);
    const fine = await openCase(good.id, 'fine-1', t0);
    const stuck = await openCase(broken.id, 'stuck-1', t0);
    await sql`UPDATE recovery_settings SET business_hours = ${JSON.stringify({ timeZone: 'Nowhere/Atlantis', days: [1], start: '09:00', end: '17:00' })}
      WHERE workspace_id = ${broken.id}`.execute(t.db);
    at(12 * hour + clockBucketMs);
    const run = await advanceCaseClocks(d(), [
      { workspaceId: good.id, caseId: fine },
      { workspaceId: broken.id, caseId: stuck },
    ]);
    expect(run.fired.map((f) => [f.caseId, f.point])).toEqual([[fine, 'remind']]);
    expect([...run.failed.keys()]).toEqual([`${broken.id}/${stuck}`]);
    expect(await caseEvents(stuck)).toEqual([]);
    await sql`DELETE FROM graphile_worker._private_jobs`.execute(t.db);
  });

  it('fire by the default 24 h target in a workspace whose settings row is missing, and make it', async () => {
    at(0);
    const ws = await buildWorkspace(t.db);
    const id = await openCase(ws.id, 'no-settings-1', t0);
    await sql`DELETE FROM recovery_settings WHERE workspace_id = ${ws.id}`.execute(t.db);
    at(12 * hour);
    expect((await advanceCaseClocks(d(), [{ workspaceId: ws.id, caseId: id }])).fired.map((f) => [f.point, f.delayMs])).toEqual([
      ['remind', 0],
    ]);
    expect((await sql`SELECT 1 FROM recovery_settings WHERE workspace_id = ${ws.id}`.execute(t.db)).rows).toHaveLength(1);
    await sql`DELETE FROM graphile_worker._private_jobs`.execute(t.db);
  });

  it('group points by bucket, and give points due within seconds a job of their own', () => {
    const e = (caseId: string, ms: number) => ({ workspaceId: 'w', caseId, runAt: new Date(t0 + ms) });
    const specs = clockJobSpecs([e('late', -5_000), e('b', 60_050), e('a', 60_000), e('c', 60_100), e('soon', 1_000)], t0);
    expect(
      specs.map((s) => [s.key && Number(s.key.split(':')[1]) * clockBucketMs - t0, s.runAt.getTime() - t0, s.entries.map((x) => x.caseId)]),
    ).toEqual([
      [60_000, 60_100, ['b', 'a']],
      [60_100, 60_200, ['c']],
      [null, -5_000, ['late']],
      [null, 1_000, ['soon']],
    ]);
  });
});
