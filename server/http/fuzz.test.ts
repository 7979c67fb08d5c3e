// The fuzz run: every operation of the OpenAPI document, driven with malformed variants of a
// plausible request (NUL characters, lone surrogates, deep nesting, wrong types, empty and huge
// bodies, the wrong media type, bad path and query values). It fails on any 5xx and on any
// status the document does not list for that operation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, buildToken, buildWorkspace, type TestApp } from '../../test/factories.ts';
import { createTestDatabase, type TestDatabase } from '../../test/database.ts';

type Schema = Record<string, any>;
let t: TestDatabase;
let app: TestApp;
let admin: string;
let doc: { paths: Record<string, Record<string, any>>; components: { schemas: Record<string, Schema> } };

/** Real rows of the workspace, so requests reach the domain and storage rather than stopping at 404. */
const real: Record<string, string> = {};
const madeUp = '0190a8f0-0000-7000-8000-00000000000f';
const resourceOf: [RegExp, string][] = [
  [/^\/api\/v1\/cases\//, 'case'],
  [/^\/api\/v1\/surveys\//, 'survey'],
  [/^\/api\/v1\/customers\//, 'customer'],
  [/^\/api\/v1\/departments\//, 'department'],
  [/^\/api\/v1\/causes\//, 'cause'],
  [/^\/api\/v1\/apology-templates\//, 'template'],
  [/^\/api\/v1\/webhooks\//, 'webhook'],
  [/^\/api\/v1\/commitments\//, 'commitment'],
];
const idFor = (path: string, name: string) =>
  name === 'step'
    ? 'acknowledge'
    : name === 'userId'
      ? real.user!
      : name === 'id'
        ? (real[resourceOf.find(([re]) => re.test(path))?.[1] ?? ''] ?? madeUp)
        : madeUp;
const idFields: Record<string, string> = {
  departmentId: 'department',
  customerId: 'customer',
  caseId: 'case',
  surveyId: 'survey',
  causeId: 'cause',
  templateId: 'template',
  ownerId: 'user',
  approvedBy: 'user',
  defaultDepartmentId: 'department',
};

const nul = 'a\u0000b';
const lone = 'a\uD800b';
const huge = 'x'.repeat(1_100_000);

function resolve(s: Schema | undefined): Schema {
  let out = s ?? {};
  while (out.$ref) out = doc.components.schemas[out.$ref.split('/').pop()]!;
  return out;
}

/** A plausible value of a schema: the first choice of a union, required and optional properties filled in. */
function sample(s0: Schema | undefined, depth = 0): unknown {
  const s = resolve(s0);
  if (depth > 6) return null;
  const choice = s.anyOf ?? s.oneOf;
  if (choice) return sample(choice.find((x: Schema) => resolve(x).type !== 'null') ?? choice[0], depth + 1);
  if (s.allOf) return Object.assign({}, ...s.allOf.map((x: Schema) => sample(x, depth + 1)));
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  const type = Array.isArray(s.type) ? s.type.find((x: string) => x !== 'null') : s.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries<Schema>(s.properties ?? {}))
        out[k] = idFields[k] && real[idFields[k]] ? real[idFields[k]] : sample(v, depth + 1);
      return out;
    }
    case 'array':
      return [sample(s.items, depth + 1)];
    case 'string':
      if (s.format === 'uuid') return '0190a8f0-0000-7000-8000-000000000001';
      if (s.format === 'date-time') return '2026-01-01T00:00:00.000Z';
      if (s.format === 'email') return 'fuzz@example.com';
      if (s.format === 'uri') return 'https://example.com/x';
      return 'fuzz';
    case 'integer':
    case 'number':
      return s.minimum ?? 1;
    case 'boolean':
      return true;
    default:
      return 'fuzz';
  }
}

/** The value with every string (and, when `keys`, every key) replaced. */
function mapStrings(v: unknown, f: (s: string) => string, keys = false): unknown {
  if (typeof v === 'string') return f(v);
  if (Array.isArray(v)) return v.map((x) => mapStrings(x, f, keys));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [keys ? f(k) : k, mapStrings(x, f, keys)]));
  return v;
}

function deep(levels: number): unknown {
  let v: unknown = 'bottom';
  for (let i = 0; i < levels; i++) v = i % 2 ? { d: v } : [v];
  return v;
}

interface Variant {
  name: string;
  path?: string;
  query?: string;
  body?: string;
  type?: string;
}

function variants(path: string, op: any): Variant[] {
  const out: Variant[] = [];
  const params: any[] = op.parameters ?? [];
  const pathOf = (bad?: string) => path.replace(/\{(\w+)\}/g, (_, name: string) => (bad !== undefined ? bad : idFor(path, name)));
  const good = pathOf();
  if (path.includes('{')) {
    for (const bad of ['%00', '%ED%A0%80', 'not-an-id', 'a%E0%A4%A', 'x'.repeat(5000)])
      out.push({ name: `path ${bad.slice(0, 12)}`, path: pathOf(bad) });
  }
  for (const q of params.filter((p) => p.in === 'query')) {
    for (const [name, value] of [
      ['NUL', 'a%00b'],
      ['lone surrogate (invalid UTF-8)', 'a%ED%A0%80b'],
      ['huge', 'x'.repeat(20_000)],
      ['wrong type', '%5Bobject%20Object%5D'],
    ] as const) {
      out.push({ name: `query ${q.name} ${name}`, path: good, query: `${q.name}=${value}` });
    }
  }
  const media = op.requestBody?.content ? Object.keys(op.requestBody.content)[0] : undefined;
  if (media === 'application/json') {
    const base = sample(op.requestBody.content[media].schema);
    const json = (name: string, value: unknown) => out.push({ name, path: good, body: JSON.stringify(value) });
    json('plausible', base);
    json('empty object', {});
    json('array', []);
    json('null', null);
    json('number', 42);
    json(
      'NUL in every string',
      mapStrings(base, () => nul),
    );
    json(
      'lone surrogate in every string',
      mapStrings(base, () => lone),
    );
    json(
      'NUL in every key',
      mapStrings(base, (s) => s + '\u0000', true),
    );
    json('deep nesting', { ...(base as object), data: deep(3000) });
    json('deep nesting alone', deep(3000));
    if (base && typeof base === 'object' && !Array.isArray(base)) {
      for (const k of Object.keys(base)) {
        for (const wrong of [12345, [], { x: 1 }, null, true, 'x'.repeat(20_000)])
          json(`${k} = ${JSON.stringify(wrong).slice(0, 12)}`, { ...base, [k]: wrong });
      }
    }
    out.push({ name: 'empty body', path: good, body: '' });
    out.push({ name: 'not JSON', path: good, body: '{"a":' });
    out.push({ name: 'huge string', path: good, body: JSON.stringify({ ...(base as object), x: huge }) });
    out.push({ name: 'wrong media type', path: good, body: JSON.stringify(base), type: 'text/plain' });
    // A lone surrogate written as raw bytes (invalid UTF-8) rather than escaped.
    out.push({ name: 'invalid UTF-8', path: good, body: '{"x":"\xed\xa0\x80"}' });
  } else if (media) {
    out.push({ name: 'raw with NUL', path: good, body: `Subject: x\r\n\r\n${nul}`, type: media });
    out.push({ name: 'raw wrong media type', path: good, body: 'x', type: 'application/json' });
    out.push({ name: 'raw empty', path: good, body: '', type: media });
  } else if (op.security?.length === 0 || ['post', 'put', 'patch', 'delete'].includes(op.method)) {
    out.push({ name: 'unexpected body', path: good, body: JSON.stringify({ x: nul }) });
  }
  if (!out.length) out.push({ name: 'plain', path: good });
  return out;
}

beforeAll(async () => {
  t = await createTestDatabase();
  app = buildApp(t.db);
  const ws = await buildWorkspace(t.db);
  admin = await buildToken(t.db, ws.id, 'admin');
  const post = async (path: string, body: unknown) => {
    const r = await app.request(path, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (r.status >= 300) throw new Error(`${path}: ${r.status} ${await r.text()}`);
    return (await r.json()) as any;
  };
  real.department = (await post('/api/v1/departments', { key: 'fuzz', name: 'Fuzz', colour: '#1f77b4' })).id;
  real.customer = (
    await post('/api/v1/events', {
      type: 'order.delivered',
      customer: { externalId: 'f-1', email: 'f@example.com' },
      occurredAt: '2026-01-01T00:00:00Z',
      source: 'shop',
      data: {},
    })
  ).event.customerId;
  real.survey = (await post('/api/v1/surveys', { kind: 'nps', name: 'Fuzz' })).id;
  real.cause = (await post('/api/v1/causes', { title: 'Fuzz', selector: { eventType: 'order.delivered' } })).id;
  real.template = (await post('/api/v1/apology-templates', { name: 'Fuzz', body: 'Sorry.' })).id;
  real.case = (await post('/api/v1/cases', { customerId: real.customer, summary: 'Fuzz' })).case.id;
  real.commitment = (
    await post('/api/v1/commitments', {
      caseId: real.case,
      what: 'Call',
      kind: 'callback',
      dueAt: new Date(Date.now() + 86_400_000).toISOString(),
    })
  ).commitment.id;
  real.webhook = (await post('/api/v1/webhooks', { url: 'https://hooks.invalid/x', eventTypes: ['*'] })).webhook.id;
  real.user = (
    await post('/api/v1/users', { email: 'fuzz-user@example.com', name: 'Fuzz', role: 'manager', password: 'a long enough password' })
  ).id;
  doc = (await (await app.request('/api/openapi.json')).json()) as typeof doc;
});
afterAll(() => t.drop());

describe('the fuzz run over the OpenAPI document', () => {
  it('answers every malformed request with a status the document lists, never 5xx', async () => {
    let requests = 0;
    const serverErrors: string[] = [];
    const undocumented = new Set<string>();
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries<any>(ops)) {
        const listed = Object.keys(op.responses);
        for (const v of variants(path, { ...op, method })) {
          const headers: Record<string, string> = {};
          if (op.security?.length) headers.authorization = `Bearer ${admin}`;
          if (v.body !== undefined) headers['content-type'] = v.type ?? 'application/json';
          const url = v.path! + (v.query ? `?${v.query}` : '');
          const res = await app.request(url, { method: method.toUpperCase(), headers, body: v.body });
          requests++;
          const what = `${method.toUpperCase()} ${path} [${v.name}] -> ${res.status}`;
          if (res.status >= 500) serverErrors.push(`${what}: ${(await res.text()).slice(0, 200)}`);
          else if (!listed.includes(String(res.status))) undocumented.add(`${what}: ${(await res.text()).slice(0, 160)}`);
          else await res.arrayBuffer();
        }
      }
    }
    console.log(`fuzz run: ${requests} requests, ${serverErrors.length} × 5xx, ${undocumented.size} undocumented statuses`);
    expect(serverErrors).toEqual([]);
    expect([...undocumented]).toEqual([]);
  }, 180_000);
});
