// The customer's own case page: the signed link from the case's e-mails, the status in plain
// words, what the company did (never the team's notes), the thread, and replies; a tampered link
// is a page that says so, and changes nothing.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, buildToken, buildUser, buildWorkspace, call, type TestApp } from '../../test/factories.ts';
import { createTestDatabase, type TestDatabase } from '../../test/database.ts';
import { manualClock } from '../domain/core/clock.ts';

let t: TestDatabase;
let app: TestApp;
let agent: string;
let caseId: string;
let url: string;
const clock = manualClock('2026-03-02T10:00:00Z');

beforeAll(async () => {
  t = await createTestDatabase();
  app = buildApp(t.db, { clock });
  const ws = await buildWorkspace(t.db);
  agent = await buildToken(t.db, ws.id, 'agent');
  const owner = await buildUser(t.db, ws.id, { role: 'agent', email: 'olga.owner@example.com' });
  const r = await call(app, 'POST', '/api/v1/cases', {
    token: agent,
    body: {
      customer: { externalId: 'ann', email: 'ann@example.com', name: 'Ann' },
      summary: 'Henna in the conditioner jar',
      ownerId: owner.id,
    },
  });
  caseId = r.body.case.id;
  await call(app, 'POST', `/api/v1/cases/${caseId}/steps`, {
    token: agent,
    body: { step: 'acknowledge', note: 'internal: she was furious' },
  });
  await call(app, 'POST', `/api/v1/cases/${caseId}/steps`, {
    token: agent,
    body: { step: 'apologise', message: 'We filled your jar with henna. That was our mistake and I am sorry.' },
  });
  await call(app, 'POST', `/api/v1/cases/${caseId}/steps`, {
    token: agent,
    body: { step: 'investigate', rootCause: 'SECRET: tank 3 valve mislabelled' },
  });
  url = (await call(app, 'GET', `/api/v1/cases/${caseId}`, { token: agent })).body.customerUrl;
});
afterAll(() => t.drop());

const path = (u: string) => new URL(u).pathname;
const page = (p: string, init?: RequestInit) => app.request(p, init);
const form = (body: string) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({ body }).toString(),
});

describe('the customer case page', () => {
  it('shows the status, what we did and the apology, but not the team’s notes', async () => {
    const res = await page(path(url));
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Your case #1');
    expect(html).toContain('We are working on it');
    expect(html).toContain('We apologised: it was our mistake.');
    expect(html).toContain('We found out what went wrong.');
    expect(html).toContain('We filled your jar with henna. That was our mistake and I am sorry.');
    expect(html).not.toContain('SECRET');
    expect(html).not.toContain('furious');
    expect(html).not.toContain('<script');
  });

  it('takes a reply: on the case, on the timeline, and the owner is told', async () => {
    const res = await page(path(url), form('Thank you. Can you send the right one by Friday?'));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${path(url)}?sent=1`);
    const after = await (await page(`${path(url)}?sent=1`)).text();
    expect(after).toContain('your message reached the person handling your case');
    expect(after).toContain('Can you send the right one by Friday?');
    const thread = await call(app, 'GET', `/api/v1/cases/${caseId}/messages`, { token: agent });
    expect(thread.body.items.at(-1)).toMatchObject({
      direction: 'from_customer',
      body: 'Thank you. Can you send the right one by Friday?',
    });
    const events = await sql<{ type: string }>`SELECT type FROM events WHERE type = 'case.customer_replied'`.execute(t.db);
    expect(events.rows).toHaveLength(1);
    const mail = await sql<{ to_address: string }>`SELECT to_address FROM mails WHERE kind = 'case_reply'`.execute(t.db);
    expect(mail.rows.map((m) => m.to_address)).toEqual(['olga.owner@example.com']);
  });

  it('sends an empty reply back with a message, and stores nothing', async () => {
    const before = (await call(app, 'GET', `/api/v1/cases/${caseId}/messages`, { token: agent })).body.items.length;
    const res = await page(path(url), form('   '));
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Write a message first.');
    expect((await call(app, 'GET', `/api/v1/cases/${caseId}/messages`, { token: agent })).body.items).toHaveLength(before);
  });

  it('refuses a tampered or truncated link with a page, and changes nothing', async () => {
    const p = path(url);
    const last = p.at(-1) === 'A' ? 'B' : 'A';
    const mid = p.length - 10;
    const flipped = p.slice(0, mid) + (p[mid] === 'x' ? 'y' : 'x') + p.slice(mid + 1);
    const before = (await call(app, 'GET', `/api/v1/cases/${caseId}/messages`, { token: agent })).body.items.length;
    for (const bad of [p.slice(0, -1) + last, flipped, p.slice(0, -3), '/c/nonsense', `${p}/extra`]) {
      const res = await page(bad);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toContain('text/html');
      expect(await res.text()).toContain('not valid');
      expect((await page(bad, form('Let me in'))).status).toBe(404);
    }
    expect((await call(app, 'GET', `/api/v1/cases/${caseId}/messages`, { token: agent })).body.items).toHaveLength(before);
  });

  it('is not a survey or unsubscribe link: a token signed for another purpose does not open it', async () => {
    const mail = await sql<{ text: string }>`SELECT text FROM mails WHERE kind = 'case_message' LIMIT 1`.execute(t.db);
    expect(mail.rows[0]!.text).toContain(url);
    const token = path(url).slice(3);
    expect((await page(`/s/${token}`)).status).toBe(404);
    expect((await page(`/u/${token}`)).status).toBe(404);
  });
});
