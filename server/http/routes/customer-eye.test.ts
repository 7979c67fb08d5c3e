// "Be the customer" through the API: everything one customer received from every department and
// every page of ours they saw, in order, each as HTML exactly as they saw it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, buildToken, buildWorkspace, call, type TestApp } from '../../../test/factories.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/database.ts';
import { manualClock } from '../../domain/core/clock.ts';
import { caseUrl } from '../../domain/recovery/case-messages.ts';
import { inviteByHand } from '../../domain/signals/invitations.ts';
import { createSettingsCache, type SignalDeps } from '../../domain/signals/signal-settings.ts';
import { createSurvey } from '../../domain/signals/surveys.ts';
import { previewDueMails } from '../../storage/mails.ts';

const publicUrl = 'https://kept.test';
let t: TestDatabase;
let app: TestApp;
let d: SignalDeps;
let ws: string;
let agent: string;
let customerId: string;
const clock = manualClock('2026-06-01T09:00:00Z');

const form = (path: string, fields: Record<string, string>) =>
  app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });

beforeAll(async () => {
  t = await createTestDatabase();
  app = buildApp(t.db, { clock, config: { publicUrl } });
  d = { db: t.db, clock, settings: createSettingsCache(t.db, clock), publicUrl };
  ws = (await buildWorkspace(t.db)).id;
  agent = await buildToken(t.db, ws, 'agent');
  const bea = { externalId: 'bea', email: 'bea@example.com', name: 'Bea Lund' };
  const ev = await call(app, 'POST', '/api/v1/events', {
    token: agent,
    body: { type: 'order.placed', source: 'shop', occurredAt: '2026-05-30T10:00:00Z', customer: bea },
  });
  customerId = ev.body.event.customerId;

  // Billing's invoice, through the outbox.
  clock.advance(60_000);
  const invoice = await call(app, 'POST', '/api/v1/messages', {
    token: agent,
    body: { customer: { externalId: 'bea' }, kind: 'invoice', source: 'billing', subject: 'Your invoice for May', text: 'Total: EUR 40.' },
  });
  expect(invoice.body.status).toBe('passed');
  // A survey mail, then her answer on the survey page.
  clock.advance(60_000);
  const survey = await createSurvey(t.db, clock, ws, {
    kind: 'nps',
    name: 'Relationship NPS',
    askReason: true,
    questions: [],
    texts: {},
    defaultLocale: 'en',
    brand: { name: 'Acme', colour: '#0e7490' },
    samplePercent: 100,
  });
  const inv = await inviteByHand(d, ws, survey.id, { customer: { externalId: 'bea' }, channel: 'email' }, null);
  await previewDueMails(t.db, clock.now(), 100, ws);
  clock.advance(3_600_000);
  expect((await form(new URL(inv.url!).pathname, { score: '4', reason: 'Late & no word <why>', locale: 'en' })).status).toBe(200);
  // A complaint opens a case; she writes on her case page.
  clock.advance(3_600_000);
  const complaint = await call(app, 'POST', '/api/v1/complaints', {
    token: agent,
    body: { customer: { externalId: 'bea' }, body: 'The parcel never came.', source: 'support' },
  });
  expect(complaint.status).toBe(201);
  clock.advance(600_000);
  const caseId = complaint.body.complaint.caseId as string;
  expect((await form(new URL(await caseUrl(d, ws, caseId)).pathname, { body: 'Still waiting for news.' })).status).toBe(303);
  await previewDueMails(t.db, clock.now(), 100, ws);
});
afterAll(() => t.drop());

const view = (query = '') => call(app, 'GET', `/api/v1/customers/${customerId}/as-customer${query}`, { token: agent });

describe('the customer’s-eye view', () => {
  it('lists what she received from every department and the pages she saw, in order', async () => {
    const r = await view();
    expect(r.status).toBe(200);
    const items = r.body.items as { type: string; title: string; from: string; at: string; note: string }[];
    expect(items.map((i) => [i.type, i.from])).toEqual([
      ['mail', 'billing'],
      ['mail', 'Surveys'],
      ['survey_page', 'Survey: Relationship NPS'],
      ['thank_you_page', 'Survey: Relationship NPS'],
      ...items.slice(4, -1).map((i) => [i.type, i.from]), // what the case sent her, if anything, before she wrote
      ['case_page', 'Customer care, their case page'],
    ]);
    expect(items[0]).toMatchObject({ title: 'Your invoice for May', note: expect.stringContaining('preview') });
    expect(items.map((i) => i.at)).toEqual([...items.map((i) => i.at)].sort());
    expect(items[2]!.note).toBe('Their answer: 4, “Late & no word <why>”.');
    expect(r.body.nextCursor).toBeNull();
  });

  it('gives each item as HTML for a sandboxed frame, exactly as she saw it', async () => {
    const items = (await view()).body.items as { id: string; type: string; view: string }[];
    const stored = await t.db.selectFrom('mails').select(['subject', 'html']).where('customer_id', '=', customerId).execute();
    for (const item of items) {
      const res = await app.request(item.view, { headers: { authorization: `Bearer ${agent}` } });
      expect(res.status, item.id).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('content-security-policy')).toMatch(/^sandbox; default-src 'none';.*frame-ancestors 'self'/);
      expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      const html = await res.text();
      expect(html).not.toMatch(/<script/i);
      if (item.type === 'mail') expect(stored.map((m) => m.html)).toContain(html);
      if (item.type === 'survey_page') {
        expect(html).toMatch(/name="score" value="4" required checked/);
        expect(html).toContain('Late &amp; no word &lt;why&gt;</textarea>');
      }
      if (item.type === 'case_page') expect(html).toContain('Still waiting for news.');
    }
    const invoice = await app.request(items[0]!.view, { headers: { authorization: `Bearer ${agent}` } });
    expect(await invoice.text()).toContain('Total: EUR 40.');
  });

  it('pages in order with a cursor, and refuses a cursor it did not give', async () => {
    const all = (await view()).body.items.map((i: { id: string }) => i.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { id: string }[]; nextCursor: string | null } } = await view(
        `?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((i) => i.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
    const bad = await view('?cursor=not-a-cursor');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.problems[0].path).toEqual(['cursor']);
    expect((await view('?limit=0')).status).toBe(400);
  });

  it('answers 404 for another customer or item, and 401 without credentials', async () => {
    expect((await call(app, 'GET', `/api/v1/customers/00000000-0000-7000-8000-000000000000/as-customer`, { token: agent })).status).toBe(
      404,
    );
    expect((await call(app, 'GET', `/api/v1/customers/${customerId}/as-customer/mail:nope`, { token: agent })).status).toBe(404);
    expect((await call(app, 'GET', `/api/v1/customers/${customerId}/as-customer`)).status).toBe(401);
    const other = await buildWorkspace(t.db);
    const stranger = await buildToken(t.db, other.id, 'agent');
    expect((await call(app, 'GET', `/api/v1/customers/${customerId}/as-customer`, { token: stranger })).status).toBe(404);
  });
});
