import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerTimeline, searchCustomers } from '../../server/domain/core/customers.ts';
import { buildWorkspace } from '../../test/factories.ts';
import { createTestDatabase, type TestDatabase } from '../../test/database.ts';
import { canonicalJson, importKey } from './import-events.ts';
import { cliAgainst } from '../../test/cli.ts';

let t: TestDatabase;
let dir: string;
beforeAll(async () => {
  t = await createTestDatabase();
  dir = await mkdtemp(join(tmpdir(), 'kept-import-'));
});
afterAll(async () => {
  await t.drop();
  await rm(dir, { recursive: true, force: true });
});

const kept = cliAgainst(() => t.url);

async function file(name: string, text: string) {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

const jsonl = (records: unknown[]) => records.map((r) => JSON.stringify(r)).join('\n') + '\n';

const ann = { externalId: 'ann-1', email: 'ann@example.com', name: 'Ann Smith' };
const bob = { email: 'bob@example.com', name: 'Bob' };
const records = [
  { type: 'order.placed', customer: ann, occurredAt: '2025-03-01T10:00:00Z', source: 'sales', data: { orderId: 'A-1', amount: '10.00' } },
  { type: 'order.delivered', customer: ann, occurredAt: '2025-03-03T09:00:00+01:00', source: 'logistics', idempotencyKey: 'dlv-A-1' },
  { type: 'ticket.opened', customer: bob, occurredAt: '2025-03-02T12:00:00.000Z', source: 'support', data: { subject: 'Hello' } },
];

async function timelineOf(workspaceId: string, q: string) {
  const [c] = (await searchCustomers(t.db, workspaceId, { q, limit: 10 })).items;
  expect(c, `customer ${q}`).toBeDefined();
  return (await customerTimeline(t.db, workspaceId, c!.id, { limit: 50 })).items;
}

const eventCount = async (workspaceId: string) =>
  Number(
    (
      await t.db
        .selectFrom('events')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('workspace_id', '=', workspaceId)
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('kept import events', () => {
  it("puts the events of a JSON Lines file on their customers' timelines", async () => {
    const ws = await buildWorkspace(t.db);
    const r = await kept('import', 'events', await file('events.jsonl', jsonl(records)), '--workspace', ws.slug);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('3 lines read, 3 stored, 0 duplicates (already there), 0 rejected');
    const annTimeline = await timelineOf(ws.id, 'ann-1');
    expect(annTimeline.map((e) => [e.type, e.source, e.occurredAt])).toEqual([
      ['order.delivered', 'logistics', '2025-03-03T08:00:00.000Z'],
      ['order.placed', 'sales', '2025-03-01T10:00:00.000Z'],
    ]);
    expect(annTimeline[1]!.data).toEqual({ orderId: 'A-1', amount: '10.00' });
    // The source's own key is kept; a record without one gets a key derived from its content.
    expect(annTimeline[0]!.idempotencyKey).toBe('dlv-A-1');
    expect(annTimeline[1]!.idempotencyKey).toMatch(/^import:[0-9a-f]{32}$/);
    expect((await timelineOf(ws.id, 'bob@example.com')).map((e) => e.type)).toEqual(['ticket.opened']);
  });

  it('stores nothing new when the same file is imported again', async () => {
    const ws = await buildWorkspace(t.db);
    const path = await file('twice.jsonl', jsonl(records));
    expect((await kept('import', 'events', path, '--workspace', ws.slug)).code).toBe(0);
    const again = await kept('import', 'events', path, '--workspace', ws.slug, '--batch-size', '2');
    expect(again.code).toBe(0);
    expect(again.out).toContain('3 lines read, 0 stored, 3 duplicates (already there), 0 rejected');
    expect(await eventCount(ws.id)).toBe(3);
  });

  it('imports a CSV file with quoted commas, quotes and line breaks, and data.<key> columns', async () => {
    const ws = await buildWorkspace(t.db);
    const csv = [
      'type,occurredAt,source,idempotencyKey,customer.externalId,customer.email,customer.name,data.orderId,data.note',
      'order.placed,2025-04-01T08:00:00Z,sales,,c-77,carla@example.com,"Ruiz, Carla",O-9,"gift wrap, please"',
      'ticket.opened,2025-04-02T08:00:00Z,support,t-1,c-77,,,,"She said ""it broke""\r\nand wants a refund"',
      'order.shipped,2025-04-01T18:00:00Z,logistics,,c-77,,,O-9,',
      '',
    ].join('\r\n');
    const r = await kept('import', 'events', await file('events.csv', csv), '--workspace', ws.slug);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('3 rows read, 3 stored');
    const timeline = await timelineOf(ws.id, 'c-77');
    expect(timeline.map((e) => [e.type, e.data])).toEqual([
      ['ticket.opened', { note: 'She said "it broke"\r\nand wants a refund' }],
      ['order.shipped', { orderId: 'O-9' }],
      ['order.placed', { orderId: 'O-9', note: 'gift wrap, please' }],
    ]);
    const [customer] = (await searchCustomers(t.db, ws.id, { q: 'c-77', limit: 10 })).items;
    expect(customer).toMatchObject({ name: 'Ruiz, Carla', email: 'carla@example.com' });
  });

  it('stores the good records of a file with bad ones, lists the bad by line and exits 2', async () => {
    const ws = await buildWorkspace(t.db);
    const future = new Date(Date.now() + 3600_000).toISOString();
    const lines = [
      JSON.stringify(records[0]),
      '{"type": "order.placed", oops',
      JSON.stringify(records[1]),
      JSON.stringify({ ...records[2], type: 'Ticket Opened' }),
      '',
      JSON.stringify({ ...records[2], occurredAt: future }),
      JSON.stringify(records[2]),
      JSON.stringify({ ...records[2], customer: { name: 'Nobody' }, colour: 'red' }),
    ];
    const r = await kept('import', 'events', await file('bad.jsonl', lines.join('\n')), '--workspace', ws.slug, '--batch-size', '1');
    expect(r.code).toBe(2);
    expect(r.out).toContain('7 lines read, 3 stored, 0 duplicates (already there), 4 rejected');
    expect(r.err).toContain('line 2: (record): is not valid JSON');
    expect(r.err).toContain('line 4: type: must be lowercase dotted words');
    expect(r.err).toContain('line 6: occurredAt: is more than 5 minutes in the future');
    expect(r.err).toMatch(/line 8: .*customer: needs an externalId or an email/);
    expect(r.err).toMatch(/line 8: .*Unrecognized key.*colour/);
    expect(await eventCount(ws.id)).toBe(3);
  });

  it('lists at most 20 rejected records and says how many more there are', async () => {
    const ws = await buildWorkspace(t.db);
    const bad = Array.from({ length: 25 }, (_, i) => JSON.stringify({ ...records[0], occurredAt: `not a time ${i}` }));
    const r = await kept('import', 'events', await file('many-bad.ndjson', bad.join('\n')), '--workspace', ws.slug);
    expect(r.code).toBe(2);
    expect(r.err.match(/^ {2}line \d+:/gm)).toHaveLength(20);
    expect(r.err).toContain('line 20: occurredAt');
    expect(r.err).not.toContain('line 21:');
    expect(r.err).toContain('... and 5 more');
  });

  it('imports into the default workspace when none is named', async () => {
    const r = await kept('import', 'events', await file('default.jsonl', jsonl([records[2]])));
    expect(r.code).toBe(0);
    expect(r.out).toContain('into workspace "default"');
  });

  it('says clearly when the file is missing or is not a file', async () => {
    const missing = await kept('import', 'events', join(dir, 'nope.jsonl'));
    expect(missing.code).toBe(1);
    expect(missing.err).toContain(`cannot read "${join(dir, 'nope.jsonl')}": there is no such file`);
    expect((await kept('import', 'events', dir, '--format', 'csv')).err).toMatch(/cannot read .*(not a file|directory)/);
  });

  it('refuses a format it cannot tell or does not know, with usage and exit 2', async () => {
    const txt = await file('events.txt', jsonl(records));
    const unknown = await kept('import', 'events', txt);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('Cannot tell the format');
    expect(unknown.err).toContain('Usage: kept import events FILE');
    const xml = await kept('import', 'events', txt, '--format', 'xml');
    expect(xml.code).toBe(2);
    expect(xml.err).toContain('--format must be csv or jsonl');
    // --format wins over the extension.
    const ws = await buildWorkspace(t.db);
    expect((await kept('import', 'events', txt, '--format', 'jsonl', '--workspace', ws.slug)).code).toBe(0);
  });

  it('refuses bad flags with usage and exit 2', async () => {
    const path = await file('flags.jsonl', jsonl(records));
    for (const argv of [
      ['import', 'events'],
      ['import', 'events', path, '--batch-size', '0'],
      ['import', 'events', path, '--batch-size', '1001'],
      ['import', 'events', path, '--batch-size', 'many'],
      ['import', 'events', path, '--colour', 'red'],
      ['import', 'events', path, path],
    ]) {
      const r = await kept(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err).toContain('Usage: kept import events FILE');
    }
  });

  it('refuses a CSV header with an unknown column before storing anything', async () => {
    const ws = await buildWorkspace(t.db);
    const csv = 'type,occurredAt,source,customer.email,colour\norder.placed,2025-04-01T08:00:00Z,sales,a@example.com,red\n';
    const r = await kept('import', 'events', await file('columns.csv', csv), '--workspace', ws.slug);
    expect(r.code).toBe(2);
    expect(r.err).toContain('colour: is not a column of events');
    expect(await eventCount(ws.id)).toBe(0);
  });

  it('names an unknown workspace with exit 4', async () => {
    const r = await kept('import', 'events', await file('ws.jsonl', jsonl(records)), '--workspace', 'nowhere');
    expect(r.code).toBe(4);
    expect(r.err).toContain('There is no workspace "nowhere"');
  });
});

describe('derived idempotency keys', () => {
  const base = {
    type: 'order.placed',
    customer: { externalId: 'c-1' },
    occurredAt: '2025-03-01T10:00:00Z',
    source: 'sales',
    data: { a: 1, b: [1, { y: 2, x: 1 }] },
  };

  it('are the same for the same content, whatever the key order or time notation', () => {
    const reordered = {
      source: 'sales',
      data: { b: [1, { x: 1, y: 2 }], a: 1 },
      occurredAt: '2025-03-01T11:00:00.000+01:00',
      customer: { externalId: 'c-1' },
      type: 'order.placed',
    };
    expect(importKey(reordered)).toBe(importKey(base));
    expect(canonicalJson({ b: 1, a: { d: undefined, c: [2, 1] } })).toBe('{"a":{"c":[2,1]},"b":1}');
  });

  it('differ when anything the record says differs', () => {
    expect(importKey({ ...base, data: { a: 2, b: [] } })).not.toBe(importKey(base));
    expect(importKey({ ...base, customer: { externalId: 'c-2' } })).not.toBe(importKey(base));
    expect(importKey({ ...base, occurredAt: '2025-03-01T10:00:01Z' })).not.toBe(importKey(base));
  });
});
