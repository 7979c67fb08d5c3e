// The staff a case clock tells: each manager once per group, however often the group is asked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.ts';
import { buildUser, buildWorkspace } from '../../test/factories.ts';
import { managersFor, staffKey } from './case-escalations.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

describe('managersFor', () => {
  it('lists each manager once when a group is asked twice (cases without a department, and the fallback for the others)', async () => {
    const ws = (await buildWorkspace(t.db)).id;
    await buildUser(t.db, ws, { role: 'manager', email: 'm1@example.com' });
    await buildUser(t.db, ws, { role: 'manager', email: 'm2@example.com' });
    await buildUser(t.db, ws, { role: 'agent', email: 'a1@example.com' });
    const noDepartment = { workspaceId: ws, departmentId: null };
    const found = await managersFor(t.db, [noDepartment, noDepartment, noDepartment]);
    expect(found.get(staffKey(ws, null))!.map((m) => m.email)).toEqual(['m1@example.com', 'm2@example.com']);
    expect([...found.keys()]).toEqual([staffKey(ws, null)]);
  });
});
