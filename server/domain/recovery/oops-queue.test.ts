// Queued oops reports opened in batches: concurrent reports of one workspace share a transaction,
// and each comes out as if reported alone (a case per customer, a second oops joins it, a repeat
// is a duplicate, case numbers in order, one owner each), while a report's own problem fails only it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, buildWorkspace } from '../../../test/factories.ts';
import { listDepartments, setMembership } from '../core/departments.ts';
import { reportOops } from './cases.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/database.ts';
import { resolveCustomers } from '../../storage/customers.ts';
import { manualClock } from '../core/clock.ts';
import { KeptError } from '../core/errors.ts';
import { createOopsQueue, reportOopsBatch } from './oops-queue.ts';

const clock = manualClock('2026-03-02T10:00:00Z');
let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

const report = (customerId: string, key: string, extra: Record<string, unknown> = {}) => ({
  kind: 'survey' as const,
  customerId,
  occurredAt: new Date(clock.now().getTime() - 60_000),
  summary: `NPS 2 (${key})`,
  dedupeKey: key,
  ...extra,
});

describe('oops reports in batches', () => {
  it('one transaction opens a case per customer, joins repeats of a customer, and refuses only the report at fault', async () => {
    const ws = await buildWorkspace(t.db);
    const ids = await resolveCustomers(t.db, ws.id, [{ externalId: 'a' }, { externalId: 'b' }, { externalId: 'c' }], clock.now());
    const [a, b, c] = ids as [string, string, string];
    const out = await reportOopsBatch({ db: t.db, clock }, ws.id, [
      report(a, 'k1'),
      report(b, 'k2'),
      report(a, 'k3'),
      report(c, 'k4', { departmentId: '00000000-0000-7000-8000-000000000000' }),
      report(b, 'k2'),
    ]);
    expect(out[0]).toMatchObject({ joined: false, duplicate: false });
    expect(out[1]).toMatchObject({ joined: false, duplicate: false });
    expect(out[2]).toMatchObject({ caseId: (out[0] as { caseId: string }).caseId, joined: true, duplicate: false });
    expect(out[3]).toBeInstanceOf(KeptError);
    expect(out[4]).toMatchObject({ caseId: (out[1] as { caseId: string }).caseId, duplicate: true });
    const cases = await t.db
      .selectFrom('cases')
      .select(['customer_id', 'number', 'owner_id'])
      .where('workspace_id', '=', ws.id)
      .orderBy('number')
      .execute();
    expect(cases.map((x) => x.customer_id)).toEqual([a, b]);
    expect(cases.map((x) => Number(x.number))).toEqual([1, 2]);
    const oopses = await t.db.selectFrom('oopses').select('dedupe_key').where('workspace_id', '=', ws.id).orderBy('dedupe_key').execute();
    expect(oopses.map((o) => o.dedupe_key)).toEqual(['k1', 'k2', 'k3']);
  });

  it('the worker’s concurrent reports share transactions and each gets its own answer', async () => {
    const ws = await buildWorkspace(t.db);
    const other = await buildWorkspace(t.db);
    const n = 40;
    const mine = await resolveCustomers(
      t.db,
      ws.id,
      Array.from({ length: n }, (_, i) => ({ externalId: `m${i}` })),
      clock.now(),
    );
    const theirs = await resolveCustomers(t.db, other.id, [{ externalId: 'x' }], clock.now());
    const queue = createOopsQueue({ db: t.db, clock });
    const payload = (workspaceId: string, customerId: string, key: string) => ({
      workspaceId,
      report: { ...report(customerId, key), occurredAt: new Date(clock.now().getTime() - 60_000).toISOString() },
    });
    const results = await Promise.allSettled([
      ...mine.map((id, i) => queue.report(payload(ws.id, id, `q${i}`))),
      queue.report(payload(other.id, theirs[0]!, 'x1')),
      queue.report({ workspaceId: ws.id, report: { kind: 'survey' } }),
    ]);
    expect(results.slice(0, n + 1).every((r) => r.status === 'fulfilled' && !r.value.joined)).toBe(true);
    expect(results[n + 1]!.status).toBe('rejected');
    const numbers = await t.db.selectFrom('cases').select('number').where('workspace_id', '=', ws.id).orderBy('number').execute();
    expect(numbers.map((x) => Number(x.number))).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    const theirCases = await t.db.selectFrom('cases').select('id').where('workspace_id', '=', other.id).execute();
    expect(theirCases).toHaveLength(1);
  });

  it('a batch takes the round robin in turn, and the next report carries on from where the batch left it', async () => {
    const ws = await buildWorkspace(t.db);
    const [support] = await listDepartments(t.db, ws.id);
    const users = [await buildUser(t.db, ws.id), await buildUser(t.db, ws.id)].map((u) => u.id).sort();
    for (const u of users) await setMembership(t.db, clock, ws.id, support!.id, u, true);
    const ids = await resolveCustomers(
      t.db,
      ws.id,
      ['r1', 'r2', 'r3', 'r4', 'r5'].map((externalId) => ({ externalId })),
      clock.now(),
    );
    const out = await reportOopsBatch(
      { db: t.db, clock },
      ws.id,
      ids.slice(0, 4).map((id, i) => report(id, `rr${i}`)),
    );
    const alone = await reportOops({ db: t.db, clock }, ws.id, report(ids[4]!, 'rr4'));
    const owners = new Map(
      (await t.db.selectFrom('cases').select(['id', 'owner_id']).where('workspace_id', '=', ws.id).execute()).map((c) => [
        c.id,
        c.owner_id,
      ]),
    );
    const inTurn = [...out, alone].map((r) => owners.get((r as { caseId: string }).caseId));
    expect(inTurn).toEqual([users[0], users[1], users[0], users[1], users[0]]);
    const events = await t.db
      .selectFrom('events')
      .select('type')
      .where('workspace_id', '=', ws.id)
      .where('type', '=', 'case.opened')
      .execute();
    expect(events).toHaveLength(5);
  });
});
