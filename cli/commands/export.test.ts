// kept export: a list to a file with its filters and progress, a filter that does not parse
// refused by name, and what it writes is what kept import reads: customers and events exported
// from one workspace and imported into a fresh one are the same.
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchCustomers } from '../../server/domain/core/customers.ts';
import { recordEvents } from '../../server/domain/core/events.ts';
import { systemClock } from '../../server/domain/core/clock.ts';
import { buildCustomer, buildWorkspace } from '../../test/factories.ts';
import { createTestDatabase, type TestDatabase } from '../../test/database.ts';
import { cliAgainst } from '../../test/cli.ts';

let t: TestDatabase;
let dir: string;
let from: { id: string; slug: string };
beforeAll(async () => {
  t = await createTestDatabase();
  dir = await mkdtemp(join(tmpdir(), 'kept-export-'));
  from = await buildWorkspace(t.db);
  const people = [
    { externalId: 'ann-1', email: 'ann@example.com', name: 'Ann Smith' },
    { externalId: 'formula-1', name: '=HYPERLINK("http://evil.example","x")' },
    { externalId: 'formula-2', email: 'sum@example.com', name: '@SUM(A1:A9)' },
    { externalId: 'plus', name: '+1' },
    { externalId: 'minus', name: '-1' },
    { externalId: 'quote', name: "'=kept as typed" },
    { email: 'no-id@example.com', name: 'Zoë, "Ünal"\nline two' },
    { externalId: 'bare' },
  ];
  for (const p of people) await buildCustomer(t.db, { workspaceId: from.id, ...p });
  await recordEvents(t.db, systemClock, from.id, [
    {
      type: 'order.delivered',
      customer: { externalId: 'ann-1' },
      occurredAt: '2026-03-01T10:00:00.000Z',
      source: 'logistics',
      data: { order: 'A-1', note: '=cmd' },
    },
    { type: 'invoice.sent', customer: { email: 'no-id@example.com' }, occurredAt: '2026-03-02T10:00:00.000Z', source: 'billing', data: {} },
  ]);
});
afterAll(async () => {
  await t.drop();
  await rm(dir, { recursive: true, force: true });
});

const kept = cliAgainst(() => t.url);

const customersOf = async (workspaceId: string) =>
  (await searchCustomers(t.db, workspaceId, { limit: 200 })).items
    .map(({ externalId, email, name }) => ({ externalId, email, name }))
    .sort((a, b) => `${a.externalId}${a.email}`.localeCompare(`${b.externalId}${b.email}`));

describe('kept export', () => {
  for (const format of ['csv', 'jsonl'] as const) {
    it(`writes customers as ${format} that kept import customers reads back into a fresh workspace as the same customers`, async () => {
      const out = join(dir, `customers.${format}`);
      const r = await kept('export', 'customers', '--format', format, '--out', out, '--workspace', from.slug);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      expect(r.out).toContain(`Exported 8 customers of workspace "${from.slug}" to ${out}`);
      expect((await stat(out)).mode & 0o777).toBe(0o600);
      if (format === 'csv') {
        const text = await readFile(out, 'utf8');
        expect(text).toContain(`,"'=HYPERLINK(""http://evil.example"",""x"")",`);
        expect(text).toContain(",'@SUM(A1:A9),");
        expect(text).toContain(",'+1,");
        expect(text).toContain(",'-1,");
      }
      const to = await buildWorkspace(t.db);
      const imported = await kept('import', 'customers', out, '--workspace', to.slug);
      expect(imported.err).toBe('');
      expect(imported.out).toContain('8 stored, 0 duplicates');
      expect(await customersOf(to.id)).toEqual(await customersOf(from.id));
      const again = await kept('import', 'customers', out, '--workspace', to.slug);
      expect(again.out).toContain('0 stored, 8 duplicates');
    });
  }

  it('writes events that kept import events puts on the same timelines', async () => {
    const out = join(dir, 'events.csv');
    expect((await kept('export', 'events', '--out', out, '--workspace', from.slug, '--excel')).code).toBe(0);
    const to = await buildWorkspace(t.db);
    const imported = await kept('import', 'events', out, '--workspace', to.slug);
    expect(imported.out).toContain('2 stored');
    const jsonl = join(dir, 'events-back.jsonl');
    await kept('export', 'events', '--format', 'jsonl', '--out', jsonl, '--workspace', to.slug, '--type', 'order.delivered');
    const lines = (await readFile(jsonl, 'utf8'))
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toEqual([
      {
        type: 'order.delivered',
        occurredAt: '2026-03-01T10:00:00.000Z',
        source: 'logistics',
        idempotencyKey: expect.stringMatching(/^import:/),
        customer: { externalId: 'ann-1', email: 'ann@example.com', name: 'Ann Smith' },
        data: { order: 'A-1', note: '=cmd' },
      },
    ]);
  });

  it('refuses a filter that does not parse, naming it, before touching the database', async () => {
    const r = await kept('export', 'answers', '--from', 'yesterday', '--score-min', '11', '--out', join(dir, 'x.csv'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('The export filter is not valid');
    expect(r.err).toMatch(/from: /);
    expect(r.err).toMatch(/scoreMin: /);
    const unknown = await kept('export', 'cases', '--colour', 'red');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('colour');
    const kind = await kept('export', 'invoices');
    expect(kind.code).toBe(2);
    expect(kind.err).toContain('KIND is one of customers, events, answers');
  });
});
