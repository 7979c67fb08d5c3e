// Recognition end to end: a customer's answer naming an agent reaches the agent and their team
// lead (mails received by the real test SMTP server); an ambiguous first name waits for a manager.
import pino from 'pino';
import type { Runner } from 'graphile-worker';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database.ts';
import { call } from '../../../test/factories.ts';
import { peopleWorld, type StaffMember } from '../../../test/people-kit.ts';
import { startTestSmtpServer, type TestSmtpServer } from '../../../test/smtp-server.ts';
import { createSmtpTransport } from '../../adapters/smtp.ts';
import { systemClock } from '../../domain/core/clock.ts';
import { drainDueMails } from '../../domain/one-voice/mail-delivery.ts';
import { createSettingsCache } from '../../domain/signals/signal-settings.ts';
import { startCaseClocks } from '../../jobs/case-clocks.ts';

const log = pino({ level: 'silent' });
let t: TestDatabase;
let smtp: TestSmtpServer;
let runner: Runner;
let w: Awaited<ReturnType<typeof peopleWorld>>;
let care: string;
let lead: StaffMember;
let zoe: StaffMember;
let anaSilva: StaffMember;
let anaCosta: StaffMember;
let otherLead: StaffMember;
let surveyId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  smtp = await startTestSmtpServer();
  w = await peopleWorld(t.db);
  care = await w.department('care');
  const billing = await w.department('billing');
  lead = await w.person('Lena Lead', 'manager', [care]);
  zoe = await w.person('Zoë Müller', 'agent', [care]);
  anaSilva = await w.person('Ana Silva', 'agent', [care]);
  anaCosta = await w.person('Ana Costa', 'agent', [billing]);
  otherLead = await w.person('Bo Billing', 'manager', [billing]);
  surveyId = (await call(w.app, 'POST', '/api/v1/surveys', { token: w.admin, body: { kind: 'nps', name: 'Relationship' } })).body.id;
  runner = await startCaseClocks({
    db: t.db,
    clock: systemClock,
    url: t.url,
    log,
    pollIntervalMs: 50,
    settings: createSettingsCache(t.db, systemClock),
    publicUrl: 'https://kept.test',
  });
});
afterAll(async () => {
  await runner.stop();
  await smtp.close();
  await t.drop();
});
beforeEach(() => smtp.reset());

let n = 0;
/** A customer answers on the answer page (the public API the page posts to). */
async function answer(score: number, reason: string) {
  n++;
  const inv = await call(w.app, 'POST', `/api/v1/surveys/${surveyId}/invitations`, {
    token: w.admin,
    body: { customer: { externalId: `c-${n}`, email: `c${n}@example.com` } },
  });
  expect(inv.status).toBe(201);
  const r = await call(w.app, 'POST', '/api/public/answers', { body: { token: inv.body.url.split('/s/')[1], score, reason } });
  expect(r.status).toBe(201);
  return r.body.responseId as string;
}

async function until<T>(f: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const v = await f();
    if (ok(v)) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('timed out');
}

const feed = (q = '') =>
  w.as(w.admin, 'GET', `/api/v1/kudos${q}`).then((r) => r.body.items as { sourceId: string; status: string; id: string }[]);
const kudosFor = (responseId: string) =>
  until(
    () => feed().then((items) => items.filter((k) => k.sourceId === responseId)),
    (x) => x.length > 0,
  );
const deliver = () =>
  drainDueMails({ db: t.db, clock: systemClock, log, transport: createSmtpTransport(smtp.url, log), mailFrom: 'Kept <kept@acme.test>' });
const receivedBy = () => smtp.received.flatMap((m) => m.to).sort();

describe('recognition', () => {
  it('an answer naming an agent reaches the agent and their team lead, and shows in their department’s feed', async () => {
    const id = await answer(10, 'Zoe sorted my refund in ten minutes, thank you!');
    const [k] = await kudosFor(id);
    expect(k).toMatchObject({
      status: 'sent',
      source: 'answer',
      staff: { id: zoe.id, name: 'Zoë Müller' },
      words: 'Zoe sorted my refund in ten minutes, thank you!',
    });
    await deliver();
    expect(receivedBy()).toEqual([lead.email, zoe.email].sort());
    const toZoe = smtp.received.find((m) => m.to.includes(zoe.email))!;
    expect(toZoe.headers.get('subject')).toBe('Someone noticed your great work');
    expect(toZoe.body).toContain('Zoe sorted my refund in ten minutes');
    expect((await feed(`?departmentId=${care}`)).map((x) => x.id)).toContain(k!.id);
    expect((await feed(`?staffId=${anaCosta.id}`)).map((x) => x.id)).not.toContain(k!.id);
  });

  it('an ambiguous first name waits for a person; confirming it tells the one meant and their own lead', async () => {
    const id = await answer(9, 'Ana was so patient with me.');
    const [k] = await kudosFor(id);
    expect(k).toMatchObject({ status: 'pending', staff: null });
    expect((k as unknown as { candidates: { id: string }[] }).candidates.map((c) => c.id).sort()).toEqual(
      [anaSilva.id, anaCosta.id].sort(),
    );
    await deliver();
    expect(smtp.received).toHaveLength(0);
    expect((await feed('?status=pending')).map((x) => x.id)).toContain(k!.id);
    // An agent cannot decide; a manager can.
    expect((await w.as(anaSilva, 'POST', `/api/v1/kudos/${k!.id}/confirm`, { staffId: anaSilva.id })).status).toBe(403);
    const ok = await w.as(lead, 'POST', `/api/v1/kudos/${k!.id}/confirm`, { staffId: anaCosta.id });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'sent', staff: { id: anaCosta.id } });
    expect((await w.as(lead, 'POST', `/api/v1/kudos/${k!.id}/confirm`, { staffId: anaSilva.id })).body.error.details.reason).toBe(
      'kudos_resolved',
    );
    await deliver();
    expect(receivedBy()).toEqual([anaCosta.email, otherLead.email].sort());
  });

  it('a detractor naming an agent, or words without thanks, reach nobody', async () => {
    const low = await answer(3, 'Thanks Zoë, but the parcel is still missing.');
    const flat = await answer(8, 'Zoë answered the phone.');
    const praise = await answer(9, 'Zoë was brilliant.');
    await kudosFor(praise);
    const all = await feed('?limit=200');
    expect(all.filter((k) => k.sourceId === low || k.sourceId === flat)).toEqual([]);
    await deliver();
    expect(receivedBy()).toEqual([lead.email, zoe.email].sort());
  });

  it('managers catch someone doing a great job by hand; an agent cannot, and nothing is stored', async () => {
    const before = (await feed('?limit=200')).length;
    const refused = await w.as(zoe, 'POST', '/api/v1/kudos', { staffId: anaSilva.id, words: 'Covered my shift' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.details.reason).toBe('managers_only');
    expect((await feed('?limit=200')).length).toBe(before);
    const bad = await w.as(lead, 'POST', '/api/v1/kudos', { staffId: '0190aaaa-0000-7000-8000-000000000000', words: 'x' });
    expect(bad.status).toBe(400);
    const caught = await w.as(lead, 'POST', '/api/v1/kudos', { staffId: anaSilva.id, words: 'Stayed late to call back a customer' });
    expect(caught.status).toBe(201);
    expect(caught.body).toMatchObject({ status: 'sent', source: 'caught', byUserId: lead.id, staff: { id: anaSilva.id } });
    await deliver();
    // Ana Silva; her lead caught her, so nobody else is told.
    expect(receivedBy()).toEqual([anaSilva.email]);
  });

  it('finds praise in a complaint’s words, but not in a complaint about the person', async () => {
    const sent = await w.as(w.admin, 'POST', '/api/v1/complaints', {
      customer: { externalId: 'complainer-1', email: 'k1@example.com' },
      body: 'The parcel was late again. But thank you to zoe muller who kept me posted every day!',
      source: 'support',
    });
    expect(sent.status).toBe(201);
    const found = (await feed('?limit=200')).filter((k) => k.sourceId === sent.body.complaint.id);
    expect(found).toMatchObject([{ status: 'sent', source: 'complaint', staff: { id: zoe.id } }]);
    // The kudos holds the customer's words: erasing the customer erases it.
    expect((await w.as(w.admin, 'DELETE', `/api/v1/customers/${sent.body.complaint.customerId}`)).status).toBe(200);
    expect((await feed('?limit=200')).filter((k) => k.sourceId === sent.body.complaint.id)).toEqual([]);
    const against = await w.as(w.admin, 'POST', '/api/v1/complaints', {
      customer: { externalId: 'complainer-2', email: 'k2@example.com' },
      body: 'Zoë was rude to me on the phone. Thanks for nothing.',
      source: 'support',
    });
    expect((await feed('?limit=200')).filter((k) => k.sourceId === against.body.complaint.id)).toEqual([]);
    await deliver();
    expect(receivedBy()).toEqual([lead.email, zoe.email].sort());
  });

  it('finds praise in a customer’s e-mailed reply to a case mail, as in one written on the case page', async () => {
    const opened = await w.as(w.admin, 'POST', '/api/v1/complaints', {
      customer: { externalId: 'replier-1', email: 'r1@example.com' },
      body: 'My order never arrived.',
      source: 'support',
    });
    expect(opened.status).toBe(201);
    const { caseId, caseNumber } = opened.body.complaint as { caseId: string; caseNumber: number };
    const raw = [
      'From: Rhea <r1@example.com>',
      'To: Support <support@acme.test>',
      `Subject: Re: about your case #${caseNumber}`,
      'Message-ID: <reply-praise-1@mail.example.com>',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'It came today. Zoë Müller was wonderful, thank you!',
      '',
    ].join('\r\n');
    const r = await call(w.app, 'POST', '/api/v1/complaints/email', {
      token: w.admin,
      body: raw,
      headers: { 'content-type': 'message/rfc822' },
    });
    expect(r.status).toBe(202);
    expect(r.body.reply.caseId).toBe(caseId);
    const found = (await feed('?limit=200')).filter((k) => k.sourceId === r.body.reply.message.id);
    expect(found).toMatchObject([{ status: 'sent', source: 'case_reply', staff: { id: zoe.id } }]);
    await deliver();
    expect(receivedBy()).toEqual(expect.arrayContaining([lead.email, zoe.email]));
  });

  it('pages the feed with a cursor', async () => {
    const first = await w.as(w.admin, 'GET', '/api/v1/kudos?limit=1');
    expect(first.body.items).toHaveLength(1);
    const second = await w.as(w.admin, 'GET', `/api/v1/kudos?limit=1&cursor=${first.body.nextCursor}`);
    expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
    expect((await w.as(w.admin, 'GET', '/api/v1/kudos?cursor=nonsense')).status).toBe(400);
  });
});
