// No unowned work: a case gets an owner when it opens (its department's round robin, else the
// default department's that setup makes, else an admin); any that slip through are listed and
// counted as unassigned, and their reminders go to the department's managers, else the admins.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, buildToken, buildUser, buildWorkspace, call, type TestApp } from '../../../test/factories.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/database.ts';
import { resolveCustomers } from '../../storage/customers.ts';
import { manualClock } from '../core/clock.ts';
import { createDepartment, listDepartments, setMembership } from '../core/departments.ts';
import { advanceCaseClocks } from './case-escalation.ts';
import { reportOops } from './cases.ts';
import { getRecoverySettings } from './recovery-settings.ts';

const clock = manualClock('2026-03-02T10:00:00Z');
let t: TestDatabase;
let app: TestApp;
beforeAll(async () => {
  t = await createTestDatabase();
  app = buildApp(t.db, { clock });
});
afterAll(() => t.drop());

async function openCase(workspaceId: string, who: string, o: { departmentId?: string } = {}) {
  const [customerId] = await resolveCustomers(t.db, workspaceId, [{ externalId: who }], clock.now());
  const r = await reportOops({ db: t.db, clock }, workspaceId, {
    kind: 'manual',
    customerId: customerId!,
    occurredAt: clock.now(),
    summary: who,
    ...o,
  });
  return (await t.db.selectFrom('cases').selectAll().where('id', '=', r.caseId).executeTakeFirstOrThrow()) as {
    id: string;
    owner_id: string | null;
    department_id: string | null;
  };
}

describe('an owner for every case', () => {
  it('setup makes a default department; a case naming none goes to its round robin', async () => {
    const ws = await buildWorkspace(t.db);
    const [support] = await listDepartments(t.db, ws.id);
    expect(support).toMatchObject({ key: 'support', name: 'Support' });
    expect((await getRecoverySettings(t.db, ws.id, clock.now())).defaultDepartmentId).toBe(support!.id);
    const a = await buildUser(t.db, ws.id);
    const b = await buildUser(t.db, ws.id);
    for (const u of [a, b]) await setMembership(t.db, clock, ws.id, support!.id, u.id, true);
    const owners = [(await openCase(ws.id, 'c1')).owner_id, (await openCase(ws.id, 'c2')).owner_id];
    expect(owners.sort()).toEqual([a.id, b.id].sort());
    expect((await openCase(ws.id, 'c3')).department_id).toBe(support!.id);
  });

  it('a department with no one in it hands the case to the default department, else to the least busy admin', async () => {
    const ws = await buildWorkspace(t.db);
    const empty = await createDepartment(t.db, clock, ws.id, { key: 'empty', name: 'Empty', colour: '#111111' });
    const admin1 = await buildUser(t.db, ws.id, { role: 'admin' });
    const admin2 = await buildUser(t.db, ws.id, { role: 'admin' });
    const first = await openCase(ws.id, 'e1', { departmentId: empty.id });
    expect([admin1.id, admin2.id]).toContain(first.owner_id);
    expect(first.department_id).toBe(empty.id);
    const second = await openCase(ws.id, 'e2', { departmentId: empty.id });
    expect(second.owner_id).not.toBe(first.owner_id); // the one with fewer open cases
    const [support] = (await listDepartments(t.db, ws.id)).filter((d) => d.key === 'support');
    const agent = await buildUser(t.db, ws.id);
    await setMembership(t.db, clock, ws.id, support!.id, agent.id, true);
    expect((await openCase(ws.id, 'e3', { departmentId: empty.id })).owner_id).toBe(agent.id);
  });

  it('lists and counts the cases that slipped through as unassigned; mine and all too', async () => {
    const ws = await buildWorkspace(t.db);
    const token = await buildToken(t.db, ws.id, 'manager');
    const lonely = await openCase(ws.id, 'u1'); // no admin, no one in the default department: no owner
    expect(lonely.owner_id).toBeNull();
    const agent = await buildUser(t.db, ws.id);
    const [support] = await listDepartments(t.db, ws.id);
    await setMembership(t.db, clock, ws.id, support!.id, agent.id, true);
    const owned = await openCase(ws.id, 'u2');
    expect(owned.owner_id).toBe(agent.id);
    const unassigned = await call(app, 'GET', '/api/v1/cases?owner=unassigned', { token });
    expect(unassigned.status).toBe(200);
    expect(unassigned.body.items.map((c: { id: string }) => c.id)).toEqual([lonely.id]);
    expect(unassigned.body.counts).toEqual({ all: 2, mine: 0, unassigned: 1 });
    expect((await call(app, 'GET', '/api/v1/cases?owner=all', { token })).body.items).toHaveLength(2);
    expect((await call(app, 'GET', '/api/v1/cases?owner=mine', { token })).body.items).toEqual([]);
    const s = await call(app, 'POST', '/api/v1/session', { body: { email: agent.email, password: agent.password } });
    const cookie = s.headers.get('set-cookie')!.split(';')[0]!;
    const mine = await call(app, 'GET', '/api/v1/cases?owner=mine', { headers: { cookie } });
    expect(mine.body.items.map((c: { id: string }) => c.id)).toEqual([owned.id]);
    expect(mine.body.counts).toEqual({ all: 2, mine: 1, unassigned: 1 });
    const bad = await call(app, 'GET', '/api/v1/cases?owner=nobody', { token });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.problems[0].path).toEqual(['owner']);
  });

  it('sends the reminder of a case without an owner to its department’s managers, else to the admins', async () => {
    const ws = await buildWorkspace(t.db);
    const care = await createDepartment(t.db, clock, ws.id, { key: 'care', name: 'Care', colour: '#123456' });
    const boss = await buildUser(t.db, ws.id, { role: 'manager', email: `care-boss-${ws.slug}@example.com` });
    await setMembership(t.db, clock, ws.id, care.id, boss.id, true);
    const admin = await buildUser(t.db, ws.id, { role: 'admin', email: `admin-${ws.slug}@example.com` });
    const withManager = await openCase(ws.id, 'r1', { departmentId: care.id });
    const noManager = await openCase(ws.id, 'r2'); // the default department, which has no manager
    // Slipped through: their owners were taken away.
    await t.db.updateTable('cases').set({ owner_id: null }).where('id', 'in', [withManager.id, noManager.id]).execute();
    clock.advance(13 * 3_600_000); // past 50 % of 24 h
    const run = await advanceCaseClocks({ db: t.db, clock }, [
      { workspaceId: ws.id, caseId: withManager.id },
      { workspaceId: ws.id, caseId: noManager.id },
    ]);
    expect(run.fired.map((f) => f.point)).toEqual(['remind', 'remind']);
    const mails = await sql<{ to_address: string; text: string }>`SELECT to_address, text FROM mails
      WHERE workspace_id = ${ws.id} AND kind = 'case_reminder' ORDER BY to_address`
      .execute(t.db)
      .then((r) => r.rows);
    expect(mails.map((m) => m.to_address)).toEqual([admin.email, boss.email].sort());
    expect(mails[0]!.text).toContain('has no owner');
  });
});
