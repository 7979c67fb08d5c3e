// The customer chooses the restitution (seed 000): a manager offers one to three options, the
// customer is told through the outbox, picks one on the case page (or writes what else would make
// it right), the pick lands on the playbook, the timeline and the owner's mail; a second pick, a
// withdrawn offer and a closed case are refused with a page that says why; bad offers store nothing.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, buildToken, buildUser, buildWorkspace, call, type TestApp } from '../../../test/factories.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/database.ts';
import { manualClock } from '../../domain/core/clock.ts';

let t: TestDatabase;
let app: TestApp;
let agent: string;
let manager: string;
let managerId: string;
let ownerId: string;
let admin: string;
const clock = manualClock('2026-03-02T10:00:00Z');

beforeAll(async () => {
  t = await createTestDatabase();
  app = buildApp(t.db, { clock });
  const ws = await buildWorkspace(t.db);
  agent = await buildToken(t.db, ws.id, 'agent');
  admin = await buildToken(t.db, ws.id, 'admin');
  manager = await buildToken(t.db, ws.id, 'manager');
  managerId = (await buildUser(t.db, ws.id, { role: 'manager', email: 'mia.manager@example.com' })).id;
  ownerId = (await buildUser(t.db, ws.id, { role: 'agent', email: 'olga.owner@example.com' })).id;
});
afterAll(() => t.drop());

let n = 0;
/** A case whose playbook has reached "ask what would make it right" (unless `upTo` says otherwise). */
async function caseReady(upTo: string[] = ['acknowledge', 'apologise', 'investigate', 'fix']) {
  n += 1;
  const r = await call(app, 'POST', '/api/v1/cases', {
    token: agent,
    body: { customer: { externalId: `c${n}`, email: `c${n}@example.com`, name: `Customer ${n}` }, summary: `Wrong product ${n}`, ownerId },
  });
  const id = r.body.case.id as string;
  const bodies: Record<string, unknown> = {
    acknowledge: { step: 'acknowledge' },
    apologise: { step: 'apologise', message: 'We sent you the wrong jar. That was our mistake and I am sorry.' },
    investigate: { step: 'investigate', rootCause: 'batch B-42' },
    fix: { step: 'fix', note: 'right jar sent' },
  };
  for (const s of upTo) expect((await call(app, 'POST', `/api/v1/cases/${id}/steps`, { token: agent, body: bodies[s] })).status).toBe(201);
  const url = new URL((await call(app, 'GET', `/api/v1/cases/${id}`, { token: agent })).body.customerUrl).pathname;
  return { id, url };
}

const twoOptions = {
  currency: 'EUR',
  options: [
    { what: 'A full refund of the jar', cost: 18.5 },
    { what: 'A replacement jar and a voucher for a cut and colour', cost: 42, wow: true },
  ],
};
const offer = (id: string, body: unknown = { ...twoOptions, approvedBy: managerId }, token = manager) =>
  call(app, 'POST', `/api/v1/cases/${id}/restitution-offers`, { token, body });
const post = (path: string, fields: Record<string, string>) =>
  app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
const countOffers = async () => Number((await sql<{ n: string }>`SELECT count(*) AS n FROM restitution_offers`.execute(t.db)).rows[0]!.n);

describe('offering a restitution', () => {
  it('stores the options, tells the customer through the outbox with the case link, and lists it on the case', async () => {
    const c = await caseReady();
    const r = await offer(c.id, { ...twoOptions, message: 'Ann, we want to put this right.', approvedBy: managerId });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      status: 'open',
      options: [
        { what: 'A full refund of the jar', cost: { amount: 18.5, currency: 'EUR' }, wow: false },
        { what: 'A replacement jar and a voucher for a cut and colour', cost: { amount: 42, currency: 'EUR' }, wow: true },
      ],
      approvedBy: { id: managerId },
      chosenOption: null,
    });
    const mail = (
      await sql<{ text: string; kind: string }>`SELECT m.text, m.kind FROM mails m JOIN outbox_messages o
        ON o.workspace_id = m.workspace_id AND o.mail_id = m.id WHERE m.text LIKE '%A full refund of the jar%'`.execute(t.db)
    ).rows;
    expect(mail).toHaveLength(1);
    expect(mail[0]!.kind).toBe('case_message');
    expect(mail[0]!.text).toContain('Ann, we want to put this right.');
    expect(mail[0]!.text).toContain(c.url);
    expect(mail[0]!.text).not.toContain('18.5');
    const detail = await call(app, 'GET', `/api/v1/cases/${c.id}`, { token: agent });
    expect(detail.body.restitutionOffers).toHaveLength(1);
    const page = await (await app.request(c.url)).text();
    expect(page).toContain('What would make it right?');
    expect(page).toContain('A replacement jar and a voucher for a cut and colour');
    expect(page).not.toContain('EUR');
  });

  it('refuses a negative cost with a named error naming the option, and stores nothing', async () => {
    const c = await caseReady();
    const before = await countOffers();
    const r = await offer(c.id, {
      currency: 'EUR',
      options: [
        { what: 'Refund', cost: 5 },
        { what: 'Credit', cost: -10 },
      ],
      approvedBy: managerId,
    });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('invalid_input');
    expect(r.body.error.details.problems).toEqual([
      expect.objectContaining({ path: ['options', 1, 'cost'], message: expect.stringContaining('negative') }),
    ]);
    expect(await countOffers()).toBe(before);
    const events = await sql`SELECT 1 FROM events WHERE type = 'case.restitution_offered' AND data->>'caseId' = ${c.id}`.execute(t.db);
    expect(events.rows).toHaveLength(0);
  });

  it('refuses no option, four options, a bad currency and three decimals, each naming the field', async () => {
    const c = await caseReady();
    const opt = { what: 'Refund', cost: 1 };
    const cases: [unknown, (string | number)[]][] = [
      [{ currency: 'EUR', options: [], approvedBy: managerId }, ['options']],
      [{ currency: 'EUR', options: [opt, opt, opt, opt], approvedBy: managerId }, ['options']],
      [{ currency: 'euro', options: [opt], approvedBy: managerId }, ['currency']],
      [{ currency: 'USD', options: [{ what: 'Refund', cost: 1.005 }], approvedBy: managerId }, ['options', 0, 'cost']],
      [{ currency: 'USD', options: [{ what: ' ', cost: 1 }], approvedBy: managerId }, ['options', 0, 'what']],
    ];
    for (const [body, path] of cases) {
      const r = await offer(c.id, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error.details.problems.map((p: { path: unknown }) => p.path)).toContainEqual(path);
    }
    expect((await call(app, 'GET', `/api/v1/cases/${c.id}/restitution-offers`, { token: agent })).body.items).toEqual([]);
  });

  it('is a manager’s approval: an agent is refused, a token must name an active manager', async () => {
    const c = await caseReady();
    expect((await offer(c.id, twoOptions, agent)).status).toBe(403);
    const noApprover = await offer(c.id, twoOptions);
    expect(noApprover.status).toBe(400);
    expect(noApprover.body.error.details.problems[0].path).toEqual(['approvedBy']);
    expect((await offer(c.id, { ...twoOptions, approvedBy: ownerId })).status).toBe(400);
  });

  it('fits the playbook: not before the fix, not twice open, not after a restitution', async () => {
    const early = await caseReady(['acknowledge']);
    const r = await offer(early.id);
    expect(r.status).toBe(409);
    expect(r.body.error.details).toMatchObject({ reason: 'out_of_order', missing: ['apologise', 'investigate', 'fix'] });
    const c = await caseReady();
    expect((await offer(c.id)).status).toBe(201);
    const again = await offer(c.id);
    expect(again.status).toBe(409);
    expect(again.body.error.details.reason).toBe('offer_open');
  });
});

describe('the customer chooses', () => {
  it('records the pick on the playbook (ask and restitution with the cost, approved by the manager), the timeline and the owner’s mail', async () => {
    const c = await caseReady();
    const o = (await offer(c.id)).body;
    clock.advance(60_000);
    const res = await post(`${c.url}/restitution`, { offer: o.id, option: '2' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${c.url}?answered=1#make-it-right`);
    const detail = (await call(app, 'GET', `/api/v1/cases/${c.id}`, { token: agent })).body;
    expect(detail.restitutionOffers[0]).toMatchObject({ status: 'chosen', chosenOption: 1 });
    const ask = detail.playbook.find((s: { step: string }) => s.step === 'ask');
    expect(ask).toMatchObject({
      status: 'done',
      by: null,
      data: { answer: 'A replacement jar and a voucher for a cut and colour', offerId: o.id },
    });
    const restitution = detail.playbook.find((s: { step: string }) => s.step === 'restitution');
    expect(restitution).toMatchObject({
      status: 'done',
      cost: { amount: 42, currency: 'EUR' },
      approvedBy: { id: managerId },
      data: { what: 'A replacement jar and a voucher for a cut and colour', chosenByCustomer: true },
    });
    const types = (
      await sql<{ type: string }>`SELECT type FROM events WHERE data->>'caseId' = ${c.id} ORDER BY occurred_at, type`.execute(t.db)
    ).rows.map((r) => r.type);
    expect(types).toContain('case.restitution_offered');
    expect(types).toContain('case.restitution_chosen');
    const ownerMail = await sql<{ text: string }>`SELECT text FROM mails WHERE to_address = 'olga.owner@example.com'
      AND kind = 'case_restitution_answer' AND subject LIKE ${`%${detail.number}%`}`.execute(t.db);
    expect(ownerMail.rows).toHaveLength(1);
    expect(ownerMail.rows[0]!.text).toContain('chose: A replacement jar');
    const page = await (await app.request(`${c.url}?answered=1`)).text();
    expect(page).toContain('we have your answer');
    expect(page).toContain('You chose: A replacement jar and a voucher for a cut and colour.');
    expect(page).not.toContain('name="option"');
  });

  it('refuses a second pick with a page that says what was chosen, and changes nothing', async () => {
    const c = await caseReady();
    const o = (await offer(c.id)).body;
    expect((await post(`${c.url}/restitution`, { offer: o.id, option: '1' })).status).toBe(303);
    const again = await post(`${c.url}/restitution`, { offer: o.id, option: '2' });
    expect(again.status).toBe(409);
    const html = await again.text();
    expect(html).toContain('You have already answered');
    expect(html).toContain('You chose “A full refund of the jar”');
    const elseToo = await post(`${c.url}/restitution`, { offer: o.id, somethingElse: 'Both, please' });
    expect(elseToo.status).toBe(409);
    const detail = (await call(app, 'GET', `/api/v1/cases/${c.id}`, { token: agent })).body;
    expect(detail.restitutionOffers[0]).toMatchObject({ status: 'chosen', chosenOption: 0, somethingElse: null });
    expect(detail.playbook.find((s: { step: string }) => s.step === 'restitution').cost.amount).toBe(18.5);
  });

  it('lets exactly one of two simultaneous picks win', async () => {
    const c = await caseReady();
    const o = (await offer(c.id)).body;
    const [a, b] = await Promise.all([
      post(`${c.url}/restitution`, { offer: o.id, option: '1' }),
      post(`${c.url}/restitution`, { offer: o.id, option: '2' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([303, 409]);
    const chosen = await sql`SELECT 1 FROM events WHERE type = 'case.restitution_chosen' AND data->>'caseId' = ${c.id}`.execute(t.db);
    expect(chosen.rows).toHaveLength(1);
    const steps = await sql`SELECT 1 FROM case_steps WHERE case_id = ${c.id} AND step = 'restitution'`.execute(t.db);
    expect(steps.rows).toHaveLength(1);
  });

  it('takes “something else”: the ask step holds the words, no restitution is recorded, and a new offer may follow', async () => {
    const c = await caseReady();
    const o = (await offer(c.id)).body;
    const empty = await post(`${c.url}/restitution`, { offer: o.id, somethingElse: '   ' });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('Write what would make it right first.');
    const res = await post(`${c.url}/restitution`, { offer: o.id, somethingElse: 'Just a call from the manager' });
    expect(res.status).toBe(303);
    const detail = (await call(app, 'GET', `/api/v1/cases/${c.id}`, { token: agent })).body;
    expect(detail.restitutionOffers[0]).toMatchObject({ status: 'something_else', somethingElse: 'Just a call from the manager' });
    expect(detail.playbook.find((s: { step: string }) => s.step === 'ask').data.answer).toBe('Just a call from the manager');
    expect(detail.playbook.find((s: { step: string }) => s.step === 'restitution').status).toBe('pending');
    const events = await sql`SELECT 1 FROM events WHERE type = 'case.restitution_something_else' AND data->>'caseId' = ${c.id}`.execute(
      t.db,
    );
    expect(events.rows).toHaveLength(1);
    const next = await offer(c.id, {
      currency: 'EUR',
      options: [{ what: 'A call from the manager and a refund', cost: 18.5 }],
      approvedBy: managerId,
    });
    expect(next.status).toBe(201);
    expect((await post(`${c.url}/restitution`, { offer: next.body.id, option: '1' })).status).toBe(303);
    const after = (await call(app, 'GET', `/api/v1/cases/${c.id}`, { token: agent })).body;
    expect(after.playbook.find((s: { step: string }) => s.step === 'restitution')).toMatchObject({
      status: 'done',
      cost: { amount: 18.5 },
    });
  });

  it('refuses a pick from a withdrawn offer, and a withdrawal after the customer answered', async () => {
    const c = await caseReady();
    const o = (await offer(c.id)).body;
    const w = await call(app, 'POST', `/api/v1/cases/${c.id}/restitution-offers/${o.id}/withdraw`, { token: agent });
    expect(w.status).toBe(200);
    expect(w.body).toMatchObject({ status: 'withdrawn', withdrawnAt: expect.any(String) });
    expect(await (await app.request(c.url)).text()).not.toContain('What would make it right?');
    const res = await post(`${c.url}/restitution`, { offer: o.id, option: '1' });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('This offer is no longer open');
    const again = await call(app, 'POST', `/api/v1/cases/${c.id}/restitution-offers/${o.id}/withdraw`, { token: agent });
    expect(again.status).toBe(409);
    const o2 = (await offer(c.id)).body;
    await post(`${c.url}/restitution`, { offer: o2.id, option: '1' });
    const late = await call(app, 'POST', `/api/v1/cases/${c.id}/restitution-offers/${o2.id}/withdraw`, { token: agent });
    expect(late.status).toBe(409);
    expect(late.body.error.details.reason).toBe('answered');
  });

  it('refuses a pick once the case is closed, an unknown option, another case’s offer and a tampered link', async () => {
    const c = await caseReady();
    const other = await caseReady();
    const o = (await offer(c.id)).body;
    expect((await post(`${c.url}/restitution`, { offer: o.id, option: '3' })).status).toBe(400);
    expect((await post(`${other.url}/restitution`, { offer: o.id, option: '1' })).status).toBe(404);
    expect((await post(`${c.url.slice(0, -2)}xx/restitution`, { offer: o.id, option: '1' })).status).toBe(404);
    for (const step of ['ask', 'restitution', 'follow_up']) {
      await call(app, 'POST', `/api/v1/cases/${c.id}/steps/${step}/skip`, { token: agent, body: { reason: 'not in this test' } });
    }
    expect((await call(app, 'POST', `/api/v1/cases/${c.id}/close`, { token: agent, body: {} })).status).toBe(200);
    const res = await post(`${c.url}/restitution`, { offer: o.id, option: '1' });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('This case is closed');
    expect((await call(app, 'GET', `/api/v1/cases/${c.id}/restitution-offers`, { token: agent })).body.items[0].status).toBe('open');
  });
});

describe('a customer’s data', () => {
  it('holds their offers and their own words: in the export, and gone with an erasure', async () => {
    const c = await caseReady();
    const o = (await offer(c.id)).body;
    await post(`${c.url}/restitution`, { offer: o.id, somethingElse: 'Only my own words, please erase them' });
    const customerId = (await call(app, 'GET', `/api/v1/cases/${c.id}`, { token: agent })).body.customerId;
    const exported = await call(app, 'GET', `/api/v1/customers/${customerId}/export`, { token: admin });
    expect(exported.body.restitutionOffers).toEqual([
      expect.objectContaining({ id: o.id, somethingElse: 'Only my own words, please erase them' }),
    ]);
    const erased = await call(app, 'DELETE', `/api/v1/customers/${customerId}`, { token: admin });
    expect(erased.status).toBe(200);
    expect(erased.body.removed.restitution_offers).toBe(1);
    const left = await sql`SELECT 1 FROM restitution_offers WHERE something_else LIKE '%erase them%'`.execute(t.db);
    expect(left.rows).toEqual([]);
  });
});
