// The factories complete themselves: a case made from nothing has its workspace and customer.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCase, buildCustomer, buildWorkspace } from './factories.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

describe('self-completing factories', () => {
  it('buildCase makes its workspace and customer, and opens the case the way the product does', async () => {
    const c = await buildCase(t.db);
    const row = await sql<{ workspace_id: string; customer_id: string; status: string }>`
      SELECT workspace_id, customer_id, status FROM cases WHERE id = ${c.caseId}`.execute(t.db);
    expect(row.rows).toEqual([{ workspace_id: c.workspaceId, customer_id: c.customerId, status: 'open' }]);
    const opened = await sql`SELECT 1 FROM events WHERE workspace_id = ${c.workspaceId} AND type = 'case.opened'`.execute(t.db);
    expect(opened.rows).toHaveLength(1);
  });

  it('uses what it is given: the workspace, the customer', async () => {
    const ws = await buildWorkspace(t.db);
    const customer = await buildCustomer(t.db, { workspaceId: ws.id, externalId: 'given-1' });
    const c = await buildCase(t.db, { workspaceId: ws.id, customerId: customer.customerId, summary: 'Wrong size' });
    expect(c).toMatchObject({ workspaceId: ws.id, customerId: customer.customerId, joined: false });
    const again = await buildCase(t.db, { workspaceId: ws.id, externalId: 'given-1' });
    expect(again).toMatchObject({ caseId: c.caseId, joined: true }); // the customer's open case takes the second oops
  });
});
