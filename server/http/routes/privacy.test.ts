// A customer's data: the export holds every kind of row Kept keeps about them, and erasure leaves
// no trace of their e-mail, name or external id in any text or JSON column of any table, keeps
// their address unsubscribed, makes the scores forget their answers and is in the audit log.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Survey } from '../../../contract/surveys.ts';
import { buildApp, buildToken, buildUser, buildWorkspace, call, event, type TestApp } from '../../../test/factories.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/database.ts';
import { signIn } from '../../../test/learning-kit.ts';
import { systemClock } from '../../domain/core/clock.ts';
import { createSettingsCache } from '../../domain/signals/signal-settings.ts';
import { createSurvey } from '../../domain/signals/surveys.ts';
import { isUnsubscribed, unsubscribeUrl } from '../../domain/signals/unsubscribe.ts';

const publicUrl = 'https://kept.test';
const zelda = { externalId: 'erase-me-ext-77', email: 'Zelda.Erasable@example.com', name: 'Zelda Erasable' };
const traces = ['zelda.erasable@example.com', 'Zelda Erasable', 'erase-me-ext-77'];

let t: TestDatabase;
let app: TestApp;
let ws: string;
let admin: string;
let agent: string;
let owner: string;
let survey: Survey;
let zeldaId: string;
let keeperId: string;
let caseId: string;

/** The answers the scores count for the survey (the n behind NPS), from the rollups. */
async function scoreN(): Promise<number> {
  const r = await sql<{ n: string | null }>`SELECT sum(s0+s1+s2+s3+s4+s5+s6+s7+s8+s9+s10) AS n FROM score_rollups
    WHERE workspace_id = ${ws} AND survey_id = ${survey.id} AND dim = ''`.execute(t.db);
  return Number(r.rows[0]?.n ?? 0);
}

/** Rows of every table, in every schema but the system's, whose text, json or array columns contain `needle`. */
async function rowsHolding(needle: string): Promise<{ table: string; column: string; rows: number }[]> {
  const cols = await sql<{ schema: string; table: string; column: string }>`
    SELECT c.table_schema AS schema, c.table_name AS table, c.column_name AS column
    FROM information_schema.columns c JOIN information_schema.tables t
      ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
    WHERE c.table_schema NOT IN ('pg_catalog', 'information_schema')
      AND c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY', 'USER-DEFINED')`.execute(t.db);
  const found: { table: string; column: string; rows: number }[] = [];
  for (const c of cols.rows) {
    const r = await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(`${c.schema}.${c.table}`)}
      WHERE strpos(lower(${sql.ref(c.column)}::text), lower(${needle})) > 0`.execute(t.db);
    if (Number(r.rows[0]!.n) > 0) found.push({ table: `${c.schema}.${c.table}`, column: c.column, rows: Number(r.rows[0]!.n) });
  }
  return found;
}

beforeAll(async () => {
  t = await createTestDatabase();
  app = buildApp(t.db, { config: { publicUrl } });
  ws = (await buildWorkspace(t.db)).id;
  admin = await buildToken(t.db, ws, 'admin');
  agent = await buildToken(t.db, ws, 'agent');
  owner = (await buildUser(t.db, ws, { role: 'manager' })).id;
  survey = await createSurvey(t.db, systemClock, ws, {
    kind: 'nps',
    name: 'Relationship NPS',
    askReason: true,
    questions: [],
    texts: {},
    defaultLocale: 'en',
    brand: {},
    samplePercent: 100,
  });
  // Zelda: events, an e-mailed invitation, two answers, a case with a message, a promise, an unsubscribe.
  const ev = await call(app, 'POST', '/api/v1/events', {
    token: admin,
    body: { events: [event({ customer: zelda, data: { contact: zelda.email, note: `for ${zelda.name}` } }), event({ customer: zelda })] },
  });
  expect(ev.status).toBe(201);
  zeldaId = ev.body.results[0].customerId;
  const inv = await call(app, 'POST', `/api/v1/surveys/${survey.id}/invitations`, {
    token: admin,
    body: { customerId: zeldaId, channel: 'email' },
  });
  expect(inv.status).toBe(201);
  const answeredAt = new Date(Date.now() - 3600_000).toISOString();
  const answers = (customer: { externalId: string; name?: string }, scores: number[]) =>
    scores.map((score, i) => ({ surveyId: survey.id, customer, score, reason: `${customer.externalId} says ${i}`, answeredAt }));
  const imported = await call(app, 'POST', '/api/v1/responses', {
    token: admin,
    body: {
      responses: [...answers({ externalId: zelda.externalId }, [2, 9]), ...answers({ externalId: 'keeper-1', name: 'Kim Keeper' }, [10])],
    },
  });
  expect(imported.status).toBe(201);
  keeperId = imported.body.results[2].customerId;
  const opened = await call(app, 'POST', '/api/v1/cases', {
    token: admin,
    body: { customerId: zeldaId, summary: `${zelda.name} got the wrong parcel` },
  });
  expect(opened.status).toBe(201);
  caseId = opened.body.case.id;
  const message = await call(app, 'POST', `/api/v1/cases/${caseId}/messages`, {
    token: admin,
    body: { body: `Dear ${zelda.name}, we are sorry.` },
  });
  expect(message.status).toBe(201);
  const promise = await call(app, 'POST', '/api/v1/commitments', {
    token: admin,
    body: {
      customerId: zeldaId,
      what: `Call ${zelda.name} back`,
      kind: 'callback',
      dueAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
    },
  });
  expect(promise.status).toBe(201);
  // Learning: her case tagged to a rule, an exception granted on it, and her answer to the review's question.
  const rule = await call(app, 'POST', '/api/v1/rules', { token: admin, body: { name: 'Signature on delivery', text: 'Always.' } });
  expect(
    (await call(app, 'POST', `/api/v1/rules/${rule.body.id}/friction`, { token: admin, body: { kind: 'case', id: caseId } })).status,
  ).toBe(201);
  const ana = await signIn(app, t.db, ws, 'agent', 'ana');
  const bent = await call(app, 'POST', `/api/v1/rules/${rule.body.id}/exceptions`, {
    headers: ana.headers,
    body: {
      caseId,
      what: `Left it with ${zelda.name}'s neighbour`,
      why: 'She asked',
      cost: { amount: 0, currency: 'EUR' },
      askApproval: true,
    },
  });
  expect(bent.status).toBeLessThan(300);
  const dueAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
  expect((await call(app, 'POST', `/api/v1/rules/${rule.body.id}/review`, { token: admin, body: { dueAt, ownerId: owner } })).status).toBe(
    201,
  );
  const asked = await call(app, 'POST', `/api/v1/rules/${rule.body.id}/review/question`, {
    token: admin,
    body: { texts: { en: 'What should we change?' } },
  });
  expect(asked.body.counts).toMatchObject({ asked: 1, sent: 1 });
  const mail = await sql<{ text: string }>`SELECT text FROM mails WHERE workspace_id = ${ws} AND kind = 'review_question'`.execute(t.db);
  const page = /\/q\/[A-Za-z0-9_.-]+/.exec(mail.rows[0]!.text)![0];
  const answered = await app.request(page, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ answer: `Ask ${zelda.name} first` }).toString(),
  });
  expect(answered.status).toBe(303);
  const secret = (await createSettingsCache(t.db, systemClock).get(ws)).linkSecret;
  const link = new URL(unsubscribeUrl(publicUrl, secret, ws, zeldaId));
  const unsub = await app.request(link.pathname, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'List-Unsubscribe=One-Click',
  });
  expect(unsub.status).toBeLessThan(300);
  expect(await isUnsubscribed(t.db, ws, zeldaId)).toBe(true);
});
afterAll(() => t.drop());

describe('GET /api/v1/customers/{id}/export', () => {
  it('gives every kind of row about the customer in one document, to managers and admins', async () => {
    const r = await call(app, 'GET', `/api/v1/customers/${zeldaId}/export`, { token: admin });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-disposition')).toContain(`customer-${zeldaId}.json`);
    const d = r.body;
    expect(d.customer).toMatchObject({ id: zeldaId, externalId: zelda.externalId, name: zelda.name });
    expect(d.events.length).toBeGreaterThanOrEqual(3); // two of theirs and the unsubscribe
    expect(d.invitations).toHaveLength(1);
    expect(d.responses.map((x: { score: number }) => x.score).sort()).toEqual([2, 9]);
    expect(d.unsubscribes).toHaveLength(1);
    expect(d.mails.length).toBeGreaterThanOrEqual(2); // the invitation and the case message
    expect(d.cases).toHaveLength(1);
    expect(d.caseMessages).toHaveLength(1);
    expect(d.oopses).toHaveLength(1);
    expect(d.commitments).toHaveLength(1);
    expect(d.commitmentChanges.length).toBeGreaterThanOrEqual(1);
    expect(d.ruleFriction).toHaveLength(1);
    expect(d.ruleExceptions).toHaveLength(1);
    expect(d.reviewQuestions).toEqual([expect.objectContaining({ answer: `Ask ${zelda.name} first` })]);
    expect(JSON.stringify(d)).not.toContain('Kim Keeper');
  });

  it('is refused to agents and answers 404 for an unknown or foreign customer', async () => {
    expect((await call(app, 'GET', `/api/v1/customers/${zeldaId}/export`, { token: agent })).status).toBe(403);
    const other = await buildToken(t.db, (await buildWorkspace(t.db)).id, 'admin');
    expect((await call(app, 'GET', `/api/v1/customers/${zeldaId}/export`, { token: other })).status).toBe(404);
    expect((await call(app, 'DELETE', `/api/v1/customers/${zeldaId}`, { token: other })).status).toBe(404);
    expect((await call(app, 'GET', `/api/v1/customers/not-a-uuid/export`, { token: admin })).status).toBe(404);
  });
});

describe('DELETE /api/v1/customers/{id}', () => {
  it('erases every trace of the customer, keeps their address unsubscribed, and the scores forget their answers', async () => {
    for (const needle of traces) expect((await rowsHolding(needle)).length).toBeGreaterThan(0);
    const nBefore = await scoreN();
    expect(nBefore).toBe(3);

    expect((await call(app, 'DELETE', `/api/v1/customers/${zeldaId}`, { token: agent })).status).toBe(403);
    const r = await call(app, 'DELETE', `/api/v1/customers/${zeldaId}`, { token: admin, headers: { 'x-request-id': 'erase-1' } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ customerId: zeldaId, keptUnsubscribed: true });
    expect(r.body.removed).toMatchObject({ customers: 1, responses: 2, cases: 1, case_messages: 1, commitments: 1, unsubscribes: 1 });
    expect(r.body.removed).toMatchObject({ rule_friction: 1, rule_exceptions: 1, review_question_customers: 1 });
    expect(r.body.removed.events).toBeGreaterThanOrEqual(3);
    expect(r.body.removed.mails).toBeGreaterThanOrEqual(2);

    for (const needle of traces) expect(await rowsHolding(needle)).toEqual([]);
    expect(await rowsHolding(zeldaId)).toEqual([{ table: 'public.audit_log', column: 'target', rows: 1 }]);
    expect(await scoreN()).toBe(nBefore - 2);
    expect((await call(app, 'GET', `/api/v1/customers/${zeldaId}`, { token: admin })).status).toBe(404);
    expect((await call(app, 'GET', `/api/v1/customers/${keeperId}`, { token: admin })).status).toBe(200);
    expect((await call(app, 'DELETE', `/api/v1/customers/${zeldaId}`, { token: admin })).status).toBe(404);

    const audit = await call(app, 'GET', '/api/v1/audit?action=customer.erased', { token: admin });
    expect(audit.body.items).toHaveLength(1);
    expect(audit.body.items[0]).toMatchObject({
      action: 'customer.erased',
      target: `id=${zeldaId}`,
      actor: { kind: 'token', role: 'admin' },
      requestId: 'erase-1',
      detail: { keptUnsubscribed: true, removed: { responses: 2 } },
    });
    // The erasure records itself once, not again as a plain write.
    expect((await call(app, 'GET', '/api/v1/audit?action=DELETE', { token: admin })).body.items).toHaveLength(0);
  });

  it('keeps the address unsubscribed when the customer comes back', async () => {
    const back = await call(app, 'POST', '/api/v1/events', {
      token: admin,
      body: { events: [event({ customer: { externalId: 'returned-1', email: 'ZELDA.erasable@example.com' } })] },
    });
    const id = back.body.results[0].customerId;
    expect(await isUnsubscribed(t.db, ws, id)).toBe(true);
    const inv = await call(app, 'POST', `/api/v1/surveys/${survey.id}/invitations`, {
      token: admin,
      body: { customerId: id, channel: 'email' },
    });
    expect(inv.status).toBe(409);
    expect(inv.body.error.details).toEqual({ reason: 'unsubscribed' });
    // Someone else is not.
    expect(await isUnsubscribed(t.db, ws, keeperId)).toBe(false);
  });
});
