// The foreign-id sweep: every id in every request body of every write operation in the OpenAPI
// document is checked against the caller's workspace. For each operation the table below gives
// a valid body (sent once with the caller's own ids: it must succeed, so the check is what
// refuses the others); then each id field gets another workspace's id and a made-up one, and
// must get a named 4xx error that names the field, with nothing stored anywhere.
import { createHmac } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, buildToken, buildUser, buildWorkspace, call, event, type TestApp } from '../../test/factories.ts';
import { createTestDatabase, type TestDatabase } from '../../test/database.ts';
import { uuidv7 } from '../lib/ids.ts';

type Ids = Record<'customer' | 'department' | 'user' | 'case' | 'survey' | 'cause' | 'template' | 'rule' | 'theme', string>;
type Field = { path: (string | number)[]; kind: keyof Ids };
interface Operation {
  op: string;
  fields: Field[];
  url: (own: Ids) => string;
  body: (own: Ids) => Promise<Record<string, unknown>> | Record<string, unknown>;
  /** Made fresh before each try when the operation can succeed once only (a step of a case). */
  fresh?: (own: Ids) => Promise<Partial<Ids>>;
  /** session: a signed-in admin (operations that take the person from the session, not a token). */
  token?: 'admin' | 'public' | 'session';
}

let t: TestDatabase;
let app: TestApp;
let admin: string;
let slug: string;
let own: Ids;
let foreign: Ids;
let widgetSecret: string;
let session: Record<string, string>;
const stats = { operations: 0, idsTried: 0, accepted: 0 };

const api = (method: string, path: string, token: string, body?: unknown) => call(app, method, path, { token, body });
const ok = <T>(r: { status: number; body: T; text: string }, what: string): T => {
  if (r.status >= 300) throw new Error(`${what}: ${r.status} ${r.text}`);
  return r.body;
};

/** Everything a body may name, made in one workspace through the API. */
async function world(token: string, tag: string): Promise<Ids> {
  const department = ok(
    await api('POST', '/api/v1/departments', token, { key: `d-${tag}`, name: `Dept ${tag}`, colour: '#1f77b4' }),
    'department',
  ) as any;
  const ev = ok(
    await api('POST', '/api/v1/events', token, event({ customer: { externalId: `c-${tag}`, email: `c-${tag}@example.com` } })),
    'event',
  ) as any;
  const survey = ok(await api('POST', '/api/v1/surveys', token, { kind: 'nps', name: `Survey ${tag}` }), 'survey') as any;
  const cause = ok(
    await api('POST', '/api/v1/causes', token, { title: `Cause ${tag}`, selector: { eventType: 'order.delivered' } }),
    'cause',
  ) as any;
  const template = ok(
    await api('POST', '/api/v1/apology-templates', token, { name: `T ${tag}`, body: 'We are sorry.' }),
    'template',
  ) as any;
  const opened = ok(await api('POST', '/api/v1/cases', token, { customerId: ev.event.customerId, summary: 'It broke' }), 'case') as any;
  const rule = ok(await api('POST', '/api/v1/rules', token, { name: `Rule ${tag}`, text: 'A rule.' }), 'rule') as any;
  const theme = ok(await api('POST', '/api/v1/themes', token, { name: `Theme ${tag}`, words: [`word${tag}`] }), 'theme') as any;
  return {
    customer: ev.event.customerId,
    department: department.id,
    user: '',
    case: opened.case.id,
    survey: survey.id,
    cause: cause.id,
    template: template.id,
    rule: rule.id,
    theme: theme.id,
  };
}

const freshRule = async (): Promise<Partial<Ids>> => ({
  rule: (ok(await api('POST', '/api/v1/rules', admin, { name: `Rule ${uuidv7()}`, text: 'A rule.' }), 'rule') as any).id,
});

const freshTheme = async (): Promise<Partial<Ids>> => ({
  theme: (ok(await api('POST', '/api/v1/themes', admin, { name: `Theme ${uuidv7()}`, words: ['fresh'] }), 'theme') as any).id,
});
let mergeTarget = '';
let basicId = '';
const basicBody = (o: Ids) => ({
  name: `Basic ${uuidv7()}`,
  kind: 'time',
  departmentId: o.department,
  eventType: 'order.delivered',
  keptWhen: [{ path: 'promisedBy', op: 'gte_field', value: '@occurredAt' }],
});

/** A case at the step `upTo`: every earlier step skipped. */
async function caseAt(upTo: string): Promise<Partial<Ids>> {
  const ev = ok(
    await api('POST', '/api/v1/events', admin, event({ customer: { externalId: `s-${uuidv7()}`, email: `s@example.com` } })),
    'e',
  ) as any;
  const made = ok(await api('POST', '/api/v1/cases', admin, { customerId: ev.event.customerId, summary: 'Step test' }), 'case') as any;
  for (const step of ['acknowledge', 'apologise', 'investigate', 'fix', 'ask', 'restitution', 'follow_up']) {
    if (step === upTo) break;
    ok(await api('POST', `/api/v1/cases/${made.case.id}/steps/${step}/skip`, admin, { reason: 'not this time' }), `skip ${step}`);
  }
  return { case: made.case.id };
}

const future = () => new Date(Date.now() + 86_400_000).toISOString();
const sign = (externalId: string) => createHmac('sha256', widgetSecret).update(externalId).digest('hex');

const operations: Operation[] = [
  {
    op: 'POST /api/v1/surveys',
    fields: [{ path: ['departmentId'], kind: 'department' }],
    url: () => '/api/v1/surveys',
    body: (o) => ({ kind: 'csat', name: 'S', departmentId: o.department }),
  },
  {
    op: 'PATCH /api/v1/surveys/{id}',
    fields: [{ path: ['departmentId'], kind: 'department' }],
    url: (o) => `/api/v1/surveys/${o.survey}`,
    body: (o) => ({ departmentId: o.department }),
  },
  {
    op: 'POST /api/v1/surveys/{id}/invitations',
    fields: [{ path: ['customerId'], kind: 'customer' }],
    url: (o) => `/api/v1/surveys/${o.survey}/invitations`,
    body: (o) => ({ customerId: o.customer, channel: 'link' }),
    fresh: async () => {
      const ev = ok(
        await api('POST', '/api/v1/events', admin, event({ customer: { externalId: `i-${uuidv7()}`, email: 'i@example.com' } })),
        'e',
      ) as any;
      return { customer: ev.event.customerId };
    },
  },
  {
    op: 'POST /api/v1/responses',
    fields: [{ path: ['responses', 0, 'surveyId'], kind: 'survey' }],
    url: () => '/api/v1/responses',
    body: (o) => ({
      responses: [{ surveyId: o.survey, customer: { externalId: `r-${uuidv7()}` }, score: 9, answeredAt: '2026-01-01T00:00:00Z' }],
    }),
  },
  {
    op: 'POST /api/v1/cases',
    fields: [
      { path: ['customerId'], kind: 'customer' },
      { path: ['departmentId'], kind: 'department' },
      { path: ['ownerId'], kind: 'user' },
    ],
    url: () => '/api/v1/cases',
    body: (o) => ({ customerId: o.customer, summary: 'Broken', departmentId: o.department, ownerId: o.user }),
    fresh: async () => {
      const ev = ok(await api('POST', '/api/v1/events', admin, event({ customer: { externalId: `k-${uuidv7()}` } })), 'e') as any;
      return { customer: ev.event.customerId };
    },
  },
  {
    op: 'PATCH /api/v1/cases/{id}',
    fields: [
      { path: ['ownerId'], kind: 'user' },
      { path: ['departmentId'], kind: 'department' },
      { path: ['causeId'], kind: 'cause' },
    ],
    url: (o) => `/api/v1/cases/${o.case}`,
    body: (o) => ({ ownerId: o.user, departmentId: o.department, causeId: o.cause }),
  },
  {
    op: 'POST /api/v1/cases/{id}/steps (apologise)',
    fields: [{ path: ['templateId'], kind: 'template' }],
    url: (o) => `/api/v1/cases/${o.case}/steps`,
    body: (o) => ({ step: 'apologise', message: 'We are sorry, it was our fault.', templateId: o.template }),
    fresh: () => caseAt('apologise'),
  },
  {
    op: 'POST /api/v1/cases/{id}/steps (investigate)',
    fields: [{ path: ['causeId'], kind: 'cause' }],
    url: (o) => `/api/v1/cases/${o.case}/steps`,
    body: (o) => ({ step: 'investigate', rootCause: 'A bad batch', causeId: o.cause }),
    fresh: () => caseAt('investigate'),
  },
  {
    op: 'POST /api/v1/cases/{id}/steps (restitution)',
    fields: [{ path: ['approvedBy'], kind: 'user' }],
    url: (o) => `/api/v1/cases/${o.case}/steps`,
    body: (o) => ({ step: 'restitution', what: 'A refund', cost: { amount: 10, currency: 'EUR' }, approvedBy: o.user }),
    fresh: () => caseAt('restitution'),
  },
  {
    op: 'POST /api/v1/cases/{id}/restitution-offers',
    fields: [{ path: ['approvedBy'], kind: 'user' }],
    url: (o) => `/api/v1/cases/${o.case}/restitution-offers`,
    body: (o) => ({ currency: 'EUR', options: [{ what: 'A refund', cost: 10 }], approvedBy: o.user }),
    fresh: () => caseAt('ask'),
  },
  {
    op: 'POST /api/v1/cases/{id}/steps (follow_up)',
    fields: [{ path: ['surveyId'], kind: 'survey' }],
    url: (o) => `/api/v1/cases/${o.case}/steps`,
    body: (o) => ({ step: 'follow_up', surveyId: o.survey, channel: 'link' }),
    fresh: () => caseAt('follow_up'),
  },
  {
    op: 'PUT /api/v1/settings/recovery',
    fields: [{ path: ['defaultDepartmentId'], kind: 'department' }],
    url: () => '/api/v1/settings/recovery',
    body: async (o) => ({
      ...(ok(await api('GET', '/api/v1/settings/recovery', admin), 'settings') as object),
      defaultDepartmentId: o.department,
    }),
  },
  {
    op: 'POST /api/v1/complaints',
    fields: [{ path: ['departmentId'], kind: 'department' }],
    url: () => '/api/v1/complaints',
    body: (o) => ({ customer: { externalId: `q-${uuidv7()}` }, body: 'It arrived broken.', source: 'support', departmentId: o.department }),
  },
  {
    op: 'POST /api/v1/commitments',
    fields: [
      { path: ['customerId'], kind: 'customer' },
      { path: ['caseId'], kind: 'case' },
      { path: ['ownerId'], kind: 'user' },
      { path: ['departmentId'], kind: 'department' },
    ],
    url: () => '/api/v1/commitments',
    body: (o) => ({
      customerId: o.customer,
      caseId: o.case,
      what: 'Call back',
      kind: 'callback',
      dueAt: future(),
      ownerId: o.user,
      departmentId: o.department,
    }),
  },
  {
    op: 'POST /api/v1/causes/{id}/outreach',
    fields: [{ path: ['departmentId'], kind: 'department' }],
    url: (o) => `/api/v1/causes/${o.cause}/outreach`,
    body: (o) => ({ message: 'Sorry, {customerName}.', departmentId: o.department }),
    fresh: async () => {
      const c = ok(
        await api('POST', '/api/v1/causes', admin, { title: 'Fresh', selector: { eventType: 'order.delivered' } }),
        'cause',
      ) as any;
      return { cause: c.id };
    },
  },
  {
    op: 'POST /api/public/widget/prompt',
    fields: [{ path: ['surveyId'], kind: 'survey' }],
    url: () => '/api/public/widget/prompt',
    body: (o) => ({ workspace: slug, surveyId: o.survey, externalId: 'w-1', signature: sign('w-1') }),
    token: 'public',
  },
  {
    op: 'POST /api/v1/team/invitations',
    fields: [{ path: ['departmentIds', 0], kind: 'department' }],
    url: () => '/api/v1/team/invitations',
    body: (o) => ({ email: `new-${uuidv7().slice(-8)}@example.com`, name: 'New Agent', role: 'agent', departmentIds: [o.department] }),
  },
  {
    op: 'PATCH /api/v1/team/{id}',
    fields: [{ path: ['departmentIds', 0], kind: 'department' }],
    url: (o) => `/api/v1/team/${o.user}`,
    body: (o) => ({ departmentIds: [o.department] }),
  },
  {
    op: 'POST /api/v1/rules',
    fields: [
      { path: ['departmentId'], kind: 'department' },
      { path: ['ownerId'], kind: 'user' },
    ],
    url: () => '/api/v1/rules',
    body: (o) => ({ name: `Rule ${uuidv7()}`, text: 'A rule.', departmentId: o.department, ownerId: o.user }),
  },
  {
    op: 'PATCH /api/v1/rules/{id}',
    fields: [
      { path: ['departmentId'], kind: 'department' },
      { path: ['ownerId'], kind: 'user' },
    ],
    url: (o) => `/api/v1/rules/${o.rule}`,
    body: (o) => ({ departmentId: o.department, ownerId: o.user }),
  },
  {
    op: 'POST /api/v1/rules/{id}/friction',
    fields: [{ path: ['id'], kind: 'case' }],
    url: (o) => `/api/v1/rules/${o.rule}/friction`,
    body: (o) => ({ kind: 'case', id: o.case }),
    fresh: freshRule,
  },
  {
    op: 'POST /api/v1/rules/{id}/exceptions',
    fields: [
      { path: ['caseId'], kind: 'case' },
      { path: ['departmentId'], kind: 'department' },
    ],
    url: (o) => `/api/v1/rules/${o.rule}/exceptions`,
    body: (o) => ({
      caseId: o.case,
      what: 'Waived',
      why: 'Kind',
      cost: { amount: 5, currency: 'EUR' },
      departmentId: o.department,
      askApproval: true,
    }),
    token: 'session',
  },
  {
    op: 'POST /api/v1/rules/{id}/review',
    fields: [{ path: ['ownerId'], kind: 'user' }],
    url: (o) => `/api/v1/rules/${o.rule}/review`,
    body: (o) => ({ dueAt: future(), ownerId: o.user }),
    fresh: freshRule,
  },
  {
    op: 'POST /api/v1/basics',
    fields: [{ path: ['departmentId'], kind: 'department' }],
    url: () => '/api/v1/basics',
    body: basicBody,
  },
  {
    op: 'PUT /api/v1/basics/{id}',
    fields: [{ path: ['departmentId'], kind: 'department' }],
    url: () => `/api/v1/basics/${basicId}`,
    body: basicBody,
  },
  {
    op: 'POST /api/v1/themes/{id}/merge',
    fields: [{ path: ['themeIds', 0], kind: 'theme' }],
    url: () => `/api/v1/themes/${mergeTarget}/merge`,
    body: (o) => ({ themeIds: [o.theme] }),
    fresh: freshTheme,
  },
  {
    op: 'POST /api/v1/improvements',
    fields: [{ path: ['feedback', 0, 'id'], kind: 'case' }],
    url: () => '/api/v1/improvements',
    body: (o) => ({ title: 'Better', feedback: [{ kind: 'case', id: o.case }] }),
  },
  {
    op: 'POST /api/v1/improvements/{id}/feedback',
    fields: [{ path: ['items', 0, 'id'], kind: 'case' }],
    url: () => `/api/v1/improvements/${improvement}/feedback`,
    body: (o) => ({ items: [{ kind: 'case', id: o.case }] }),
  },
  {
    op: 'POST /api/v1/kudos',
    fields: [{ path: ['staffId'], kind: 'user' }],
    url: () => '/api/v1/kudos',
    body: (o) => ({ staffId: o.user, words: 'Stayed late for a customer' }),
  },
  {
    op: 'POST /api/v1/kudos/{id}/confirm',
    fields: [{ path: ['staffId'], kind: 'user' }],
    // Every person here is a "Test User": praise naming that name waits for a manager to say who.
    fresh: async () => {
      const c = ok(
        await api('POST', '/api/v1/complaints', admin, {
          customer: { externalId: `k-${uuidv7()}` },
          body: 'Thank you, Test User!',
          source: 'support',
        }),
        'complaint',
      ) as any;
      const pending = (ok(await api('GET', '/api/v1/kudos?status=pending&limit=200', admin), 'kudos') as any).items;
      pendingKudos = pending.find((k: { sourceId: string }) => k.sourceId === c.complaint.id).id;
      return {};
    },
    url: () => `/api/v1/kudos/${pendingKudos}/confirm`,
    body: (o) => ({ staffId: o.user }),
  },
  {
    op: 'POST /api/v1/hand-offs',
    fields: [
      { path: ['requestingDepartmentId'], kind: 'department' },
      { path: ['givingDepartmentId'], kind: 'department' },
    ],
    url: () => '/api/v1/hand-offs',
    body: (o) => ({ requestingDepartmentId: o.department, givingDepartmentId: secondDepartment, title: 'Check in a return' }),
  },
];
let improvement: string;
let pendingKudos: string;
let secondDepartment: string;

/** Fields the sweep leaves out, with the reason: not references to workspace rows. */
const notReferences =
  /^(poweredBy|customer\.externalId|events\.\[\]\.customer\.externalId|externalId|questions\.\[\]\.id|questions\.\[\]\.options\.\[\]\.id|responses\.\[\]\.customer\.externalId)$/;

function idFields(doc: any, schema: any, prefix = '', out = new Set<string>(), seen = new Set<any>()): Set<string> {
  const s = schema?.$ref ? doc.components.schemas[schema.$ref.split('/').pop()] : schema;
  if (!s || seen.has(s)) return out;
  seen.add(s);
  for (const k of ['anyOf', 'oneOf', 'allOf']) for (const x of s[k] ?? []) idFields(doc, x, prefix, out, seen);
  if (s.items) idFields(doc, s.items, `${prefix}[].`, out, seen);
  for (const [k, v] of Object.entries(s.properties ?? {})) {
    if (/(Id|Ids|By)$/.test(k) || k === 'id') out.add(prefix + k);
    idFields(doc, v, `${prefix}${k}.`, out, new Set());
  }
  return out;
}

/** Columns that move with time alone (a token's last use, noted at most once a minute), not with a request's body. */
const clockColumns = ['last_used_at'];

async function snapshot(): Promise<string> {
  const tables = await sql<{ t: string }>`SELECT table_name AS t FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT IN ('kysely_migration', 'kysely_migration_lock')
    ORDER BY 1`.execute(t.db);
  const parts = await Promise.all(
    tables.rows.map(
      async ({ t: name }) =>
        (
          await sql<{
            h: string;
          }>`SELECT ${name} || ':' || count(*) || ':' || md5(coalesce(string_agg((to_jsonb(x) - ${clockColumns}::text[])::text, ',' ORDER BY (to_jsonb(x) - ${clockColumns}::text[])::text), '')) AS h FROM ${sql.table(name)} x`.execute(
            t.db,
          )
        ).rows[0]!.h,
    ),
  );
  return parts.join('\n');
}

function withValue(body: Record<string, unknown>, path: (string | number)[], value: string) {
  const copy = structuredClone(body) as any;
  let at = copy;
  for (const k of path.slice(0, -1)) at = at[k];
  at[path[path.length - 1]!] = value;
  return copy;
}

beforeAll(async () => {
  t = await createTestDatabase();
  app = buildApp(t.db);
  const ws = await buildWorkspace(t.db);
  slug = ws.slug;
  admin = await buildToken(t.db, ws.id, 'admin');
  const other = await buildWorkspace(t.db);
  const otherAdmin = await buildToken(t.db, other.id, 'admin');
  own = { ...(await world(admin, 'a')), user: (await buildUser(t.db, ws.id, { role: 'manager' })).id };
  basicId = (ok(await api('POST', '/api/v1/basics', admin, basicBody(own)), 'basic') as any).id;
  mergeTarget = (ok(await api('POST', '/api/v1/themes', admin, { name: 'Merge target', words: ['target'] }), 'theme') as any).id;
  foreign = { ...(await world(otherAdmin, 'b')), user: (await buildUser(t.db, other.id, { role: 'manager' })).id };
  widgetSecret = (ok(await api('GET', '/api/v1/settings/signals', admin), 'signals') as any).widgetSecret;
  improvement = (ok(await api('POST', '/api/v1/improvements', admin, { title: 'Open later' }), 'improvement') as any).id;
  secondDepartment = (
    ok(await api('POST', '/api/v1/departments', admin, { key: 'second', name: 'Second', colour: '#1f77b4' }), 'department') as any
  ).id;
  const person = await buildUser(t.db, ws.id, { role: 'admin' });
  const s = await call(app, 'POST', '/api/v1/session', { body: { email: person.email, password: person.password } });
  session = { cookie: s.headers.get('set-cookie')!.split(';')[0]!, 'x-csrf-token': s.body.csrfToken };
}, 60_000);
afterAll(async () => {
  console.log(`foreign-id sweep: ${stats.operations} operations, ${stats.idsTried} ids tried, ${stats.accepted} accepted`);
  await t.drop();
});

describe('ids in request bodies', () => {
  it('the table covers every id field of every write operation in the OpenAPI document', async () => {
    const doc = (await call(app, 'GET', '/api/openapi.json')).body;
    const missing: string[] = [];
    for (const [path, ops] of Object.entries<any>(doc.paths)) {
      for (const [method, op] of Object.entries<any>(ops)) {
        if (method === 'get') continue;
        const schema = op.requestBody?.content?.['application/json']?.schema;
        for (const field of schema ? idFields(doc, schema) : []) {
          if (notReferences.test(field)) continue;
          const name = field.split('.').pop()!;
          const covered = operations.some(
            (o) =>
              o.op.startsWith(`${method.toUpperCase()} ${path}`) &&
              o.fields.some((f) => f.path.filter((x) => typeof x === 'string').pop() === name),
          );
          if (!covered) missing.push(`${method.toUpperCase()} ${path} ${field}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  for (const o of operations) {
    it(`${o.op}: another workspace's id or a made-up one gets a named 4xx and stores nothing`, async () => {
      const [method, path] = o.op.split(' ') as [string, string];
      const token = o.token === 'public' || o.token === 'session' ? undefined : admin;
      const headers = o.token === 'session' ? session : undefined;
      stats.operations++;
      // With its own ids the body is valid: the check of the id is what refuses the others.
      const mine = { ...own, ...(await o.fresh?.(own)) };
      const baseline = await call(app, method, o.url(mine), { token, headers, body: await o.body(mine) });
      expect(baseline.status, `${o.op} with own ids: ${baseline.text}`).toBeLessThan(300);
      for (const f of o.fields) {
        for (const wrong of [foreign[f.kind], uuidv7()]) {
          stats.idsTried++;
          const ids = { ...own, ...(await o.fresh?.(own)) };
          const body = withValue(await o.body(ids), f.path, wrong);
          const before = await snapshot();
          const r = await call(app, method, o.url(ids), { token, headers, body });
          if (r.status < 400) stats.accepted++;
          expect(r.status, `${o.op} ${f.path.join('.')}=${wrong}: ${r.text}`).toBeGreaterThanOrEqual(400);
          expect(r.status).toBeLessThan(500);
          expect(['invalid_input', 'not_found']).toContain(r.body.error.code);
          // Staff API: invalid_input naming the field. The public widget answers not_found naming the thing, as for any unknown survey.
          const named = o.token === 'public' ? f.kind : String(f.path[f.path.length - 1]);
          expect(JSON.stringify(r.body.error).toLowerCase(), 'the error names the field').toContain(named.toLowerCase());
          expect(await snapshot(), `${o.op} ${f.path.join('.')}: nothing stored`).toBe(before);
        }
      }
      void path;
    }, 60_000);
  }
});
