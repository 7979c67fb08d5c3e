// Promise notices through the API with a fixed clock: the customer is told when a promise is
// made, kept or missed, in the company's voice, language and time zone, once per promise and
// notice (a repeated clock job, a repeated request); nobody when the promise says not to; a
// customer without an address is recorded, not written to; another workspace's promise is not found.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, buildToken, buildWorkspace, call, type TestApp } from '../../../test/factories.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/database.ts';
import { manualClock } from '../core/clock.ts';
import { breakDueCommitment } from './commitment-outcomes.ts';
import { tellCustomerIn } from './commitment-notices.ts';
import { findCommitment } from '../../storage/commitments.ts';

const publicUrl = 'https://harbour.test';
let t: TestDatabase;
let app: TestApp;
let ws: string;
let agent: string;
let stranger: string;
const clock = manualClock('2026-03-02T09:00:00Z');
const hour = 3_600_000;
const at = (ms: number) => new Date(ms).toISOString();
let n = 0;

beforeAll(async () => {
  t = await createTestDatabase();
  app = buildApp(t.db, { clock, config: { publicUrl } });
  ws = (await buildWorkspace(t.db)).id;
  agent = await buildToken(t.db, ws, 'agent');
  const admin = await buildToken(t.db, ws, 'admin');
  const profile = { companyName: 'Harbour & Pine', timeZone: 'Europe/Berlin', signature: 'Harbour & Pine · Quay Street' };
  expect((await call(app, 'PATCH', '/api/v1/settings/company', { token: admin, body: profile })).status).toBe(200);
  stranger = await buildToken(t.db, (await buildWorkspace(t.db)).id, 'admin');
});
afterAll(() => t.drop());

const promise = async (over: Record<string, unknown> = {}, customer: Record<string, unknown> = {}) => {
  n++;
  const r = await call(app, 'POST', '/api/v1/commitments', {
    token: agent,
    body: {
      customer: { externalId: `n-${n}`, email: `n${n}@example.com`, name: 'Ann', ...customer },
      what: 'Refund the restocking fee.',
      kind: 'refund',
      dueAt: at(clock.now().getTime() + 48 * hour),
      ...over,
    },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.commitment as { id: string; customerId: string; notices: { notice: string; status: string }[] };
};
const mailsOf = async (customerId: string) =>
  (
    await sql<{ kind: string; subject: string; text: string; html: string }>`SELECT kind, subject, text, html FROM mails
      WHERE customer_id = ${customerId} ORDER BY id`.execute(t.db)
  ).rows;
const toldEvents = async (customerId: string) =>
  (
    await sql<{ data: { notice: string; status: string } }>`SELECT data FROM events
      WHERE customer_id = ${customerId} AND type = 'commitment.customer_told' ORDER BY id`.execute(t.db)
  ).rows.map((r) => r.data);
const get = async (id: string, token = agent) => call(app, 'GET', `/api/v1/commitments/${id}`, { token });

describe('promise notices', () => {
  it('tells the customer what was promised and by when, in their language and time zone, as the company', async () => {
    const c = await promise({}, { locale: 'fr', attributes: { timeZone: 'America/Montreal' } });
    expect(c.notices).toEqual([expect.objectContaining({ notice: 'made', status: 'passed' })]);
    const [made] = await mailsOf(c.customerId);
    expect(made!.kind).toBe('promise_made');
    expect(made!.subject).toBe('Harbour & Pine : ce que nous vous avons promis');
    expect(made!.text).toContain('Bonjour Ann,');
    expect(made!.text).toContain('Nous vous avons promis : Refund the restocking fee.');
    expect(made!.text).not.toContain('fee..');
    // 4 March 09:00 UTC is 04:00 in Montreal: the date in words, in the customer's zone.
    expect(made!.text).toContain('d’ici le 4 mars 2026');
    expect(made!.text).toMatch(/04:00/);
    expect(made!.text).toContain('Harbour & Pine · Quay Street');
    expect(made!.html).toContain('Harbour &amp; Pine');
    expect(`${made!.subject}${made!.text}${made!.html}`).not.toMatch(/\bKept\b/);
    expect(await toldEvents(c.customerId)).toEqual([expect.objectContaining({ notice: 'made', status: 'passed' })]);
  });

  it('tells them once when it is kept: a second keep is refused and sends nothing', async () => {
    const c = await promise({}, { locale: 'de' });
    expect((await call(app, 'POST', `/api/v1/commitments/${c.id}/keep`, { token: agent, body: {} })).status).toBe(200);
    expect((await call(app, 'POST', `/api/v1/commitments/${c.id}/keep`, { token: agent, body: {} })).status).toBe(409);
    const mails = await mailsOf(c.customerId);
    expect(mails.map((m) => m.kind)).toEqual(['promise_made', 'promise_kept']);
    expect(mails[1]!.subject).toBe('Harbour & Pine: es ist erledigt');
    expect(mails[1]!.text).toContain('Es ist erledigt.');
    const notices = (await get(c.id)).body.notices as { notice: string }[];
    expect(notices.map((x) => x.notice)).toEqual(['made', 'kept']);
  });

  it('apologises once when the clock breaks it, with what happens next and the link to the case it opened', async () => {
    const c = await promise({ dueAt: at(clock.now().getTime() + hour) });
    clock.advance(hour + 1000);
    const first = await breakDueCommitment({ db: t.db, clock, links: undefined }, ws, c.id);
    expect(first.broken).toBe(true);
    // The job again (a retry, another process): nothing more is sent, and the notice itself refuses a second time.
    expect(await breakDueCommitment({ db: t.db, clock }, ws, c.id)).toEqual({ broken: false });
    const record = (await findCommitment(t.db, ws, c.id))!;
    expect(await t.db.transaction().execute((tx) => tellCustomerIn(tx, { clock }, record, 'missed', first.caseId!))).toBeUndefined();
    const mails = await mailsOf(c.customerId);
    expect(mails.map((m) => m.kind)).toEqual(['promise_made', 'promise_missed']);
    expect(mails[1]!.subject).toBe('Harbour & Pine: we did not keep our promise');
    expect(mails[1]!.text).toContain('We did not manage it, and we are sorry.');
    expect(mails[1]!.text).toContain('someone from our team will be in touch');
    expect((await get(c.id)).body.notices.map((x: { notice: string }) => x.notice)).toEqual(['made', 'missed']);
  });

  it('links a missed promise to the customer’s case page when it was broken by the running clock', async () => {
    const c = await promise({ dueAt: at(clock.now().getTime() + hour) });
    clock.advance(hour + 1000);
    // Keeping it too late breaks it through the API (with the links the routes hand over) and is refused.
    expect((await call(app, 'POST', `/api/v1/commitments/${c.id}/keep`, { token: agent, body: {} })).status).toBe(409);
    const missed = (await mailsOf(c.customerId)).find((m) => m.kind === 'promise_missed')!;
    expect(missed.text).toMatch(new RegExp(`Follow it, or reply to this mail: ${publicUrl}/c/[\\w-]+\\.[\\w-]+`));
  });

  it('tells nobody when the promise says not to', async () => {
    const c = await promise({ tellCustomer: false });
    expect(c).toMatchObject({ tellCustomer: false, notices: [] });
    expect((await call(app, 'POST', `/api/v1/commitments/${c.id}/keep`, { token: agent, body: {} })).status).toBe(200);
    expect(await mailsOf(c.customerId)).toEqual([]);
    expect(await toldEvents(c.customerId)).toEqual([]);
  });

  it('records a customer without an e-mail address as no_address, on the promise and the timeline, and sends nothing', async () => {
    const c = await promise({}, { email: undefined });
    expect(c.notices).toEqual([expect.objectContaining({ notice: 'made', status: 'no_address', mailId: null })]);
    expect(await mailsOf(c.customerId)).toEqual([]);
    expect(await toldEvents(c.customerId)).toEqual([expect.objectContaining({ notice: 'made', status: 'no_address' })]);
  });

  it('tells once for a repeated request with the same idempotency key', async () => {
    const body = { idempotencyKey: `repeat-${n}` };
    const c = await promise(body);
    const again = await call(app, 'POST', '/api/v1/commitments', {
      token: agent,
      body: {
        customer: { externalId: `n-${n}` },
        what: 'Refund the restocking fee.',
        kind: 'refund',
        dueAt: at(clock.now().getTime() + 48 * hour),
        ...body,
      },
    });
    expect(again.status).toBe(200);
    expect((await mailsOf(c.customerId)).map((m) => m.kind)).toEqual(['promise_made']);
  });

  it('goes through the guard: a rule holding "it is done" after a failed refund holds it, and the promise says so', async () => {
    const admin = await buildToken(t.db, ws, 'admin');
    const rule = {
      name: 'No "done" after a failed refund',
      rule: { messageKinds: ['promise_kept'], heldWhen: { eventTypes: ['refund.failed'] }, action: 'hold' },
    };
    expect((await call(app, 'POST', '/api/v1/guard-rules', { token: admin, body: rule })).status).toBe(201);
    const c = await promise();
    const failed = { type: 'refund.failed', source: 'billing', customer: { externalId: `n-${n}` }, occurredAt: clock.now().toISOString() };
    expect((await call(app, 'POST', '/api/v1/events', { token: admin, body: { events: [failed] } })).status).toBeLessThan(300);
    expect((await call(app, 'POST', `/api/v1/commitments/${c.id}/keep`, { token: agent, body: {} })).status).toBe(200);
    expect((await get(c.id)).body.notices).toEqual([
      expect.objectContaining({ notice: 'made', status: 'passed' }),
      expect.objectContaining({ notice: 'kept', status: 'held', mailId: null }),
    ]);
    expect((await mailsOf(c.customerId)).map((m) => m.kind)).toEqual(['promise_made']);
    expect(await toldEvents(c.customerId)).toContainEqual(expect.objectContaining({ notice: 'kept', status: 'held' }));
  });

  it('does not find another workspace’s promise: not read, not kept, its customer not told', async () => {
    const c = await promise();
    expect((await get(c.id, stranger)).status).toBe(404);
    const kept = await call(app, 'POST', `/api/v1/commitments/${c.id}/keep`, { token: stranger, body: {} });
    expect(kept.status).toBe(404);
    expect(kept.body.error.code).toBe('not_found');
    expect((await mailsOf(c.customerId)).map((m) => m.kind)).toEqual(['promise_made']);
    expect((await get(c.id)).body.status).toBe('open');
  });
});
