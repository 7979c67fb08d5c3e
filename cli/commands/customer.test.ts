// kept customer export / erase: the same document as the API to a file, and an erasure recorded
// in the audit log as Kept's own action from the CLI.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, buildToken, buildWorkspace, call, event } from '../../test/factories.ts';
import { createTestDatabase, type TestDatabase } from '../../test/database.ts';
import { cliAgainst } from '../../test/cli.ts';

let t: TestDatabase;
let dir: string;
let customerId: string;
let ws: string;
beforeAll(async () => {
  t = await createTestDatabase();
  dir = await mkdtemp(join(tmpdir(), 'kept-customer-'));
  ws = (await buildWorkspace(t.db)).id;
  const token = await buildToken(t.db, ws, 'admin');
  const r = await call(buildApp(t.db), 'POST', '/api/v1/events', {
    token,
    body: { events: [event({ customer: { externalId: 'cli-1', email: 'cli@example.com', name: 'Cli Person' } })] },
  });
  customerId = r.body.results[0].customerId;
});
afterAll(async () => {
  await t.drop();
  await rm(dir, { recursive: true, force: true });
});

const kept = cliAgainst(() => t.url);

describe('kept customer', () => {
  it('exports a customer to a file, then erases them and records it', async () => {
    const out = join(dir, 'c.json');
    const e = await kept('customer', 'export', customerId, '--out', out);
    expect(e.code, e.err).toBe(0);
    const doc = JSON.parse(await readFile(out, 'utf8'));
    expect(doc.customer).toMatchObject({ id: customerId, email: 'cli@example.com' });
    expect(doc.events).toHaveLength(1);

    const erased = await kept('customer', 'erase', customerId);
    expect(erased.code, erased.err).toBe(0);
    expect(erased.out).toContain('customers 1');
    expect(erased.out).toContain('events 1');
    const audit = await t.db.selectFrom('audit_log').selectAll().where('workspace_id', '=', ws).execute();
    expect(audit).toHaveLength(2); // the API's event write, and the erasure
    expect(audit.find((a) => a.action === 'customer.erased')).toMatchObject({
      actor_kind: 'system',
      client: 'cli',
      target: `id=${customerId}`,
    });

    const again = await kept('customer', 'export', customerId);
    expect(again.code).not.toBe(0);
    expect(again.err).toContain(`No customer ${customerId}`);
    expect((await kept('customer', 'erase', 'nonsense')).code).not.toBe(0);
  });
});
