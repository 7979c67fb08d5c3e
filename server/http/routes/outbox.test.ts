// One voice through the API with a fixed clock: the guard holds a message that contradicts the
// timeline, explains why, turns it into a task and lets a person release or cancel it; a task
// closes itself when its event arrives; rules are data, checked in full when saved.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, buildToken, buildUser, buildWorkspace, call, type TestApp } from '../../../test/factories.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/database.ts';
import { manualClock } from '../../domain/core/clock.ts';
import { closeResolvedTasks, closeTask } from '../../domain/one-voice/tasks.ts';
import { dispatchDueInvitations } from '../../domain/signals/invitation-sending.ts';
import { uuidv7 } from '../../lib/ids.ts';
import { createSettingsCache } from '../../domain/signals/signal-settings.ts';
import { insertInvitations } from '../../storage/invitations.ts';

let t: TestDatabase;
let app: TestApp;
let agent: string;
let manager: string;
let warehouse: string;
let workspaceId: string;
const clock = manualClock('2026-03-12T15:00:00Z');

beforeAll(async () => {
  t = await createTestDatabase();
  app = buildApp(t.db, { clock });
  const ws = await buildWorkspace(t.db);
  workspaceId = ws.id;
  agent = await buildToken(t.db, ws.id, 'agent');
  manager = await buildToken(t.db, ws.id, 'manager');
  warehouse = (
    await call(app, 'POST', '/api/v1/departments', { token: manager, body: { key: 'warehouse', name: 'Warehouse', colour: '#336699' } })
  ).body.id;
});
afterAll(() => t.drop());

const customer = (who: string) => ({ externalId: who, email: `${who}@example.com`, name: who.toUpperCase() });
const post = (body: unknown, token = agent) => call(app, 'POST', '/api/v1/events', { token, body });
const ev = (who: string, type: string, occurredAt: string, source: string, data: Record<string, unknown> = {}) => ({
  type,
  customer: customer(who),
  occurredAt,
  source,
  data,
});
const message = (who: string, kind: string, extra: Record<string, unknown> = {}) =>
  call(app, 'POST', '/api/v1/messages', {
    token: agent,
    body: {
      customer: { externalId: who },
      kind,
      source: 'billing',
      subject: `A ${kind}`,
      text: `Dear customer, this is a ${kind}.`,
      ...extra,
    },
  });
const mailsTo = async (who: string) =>
  (await sql<{ kind: string }>`SELECT kind FROM mails WHERE to_address = ${`${who}@example.com`}`.execute(t.db)).rows.map((r) => r.kind);

describe('the guarded outbox', () => {
  it('holds the “not received” notice and the invoice after a delivered return and a zero-balance cancellation', async () => {
    const r = await post({
      events: [
        ev('rita', 'service.cancelled', '2026-03-01T00:00:00Z', 'billing', { balance: 0, reason: 'end of billing cycle' }),
        ev('rita', 'return_kit.shipped', '2026-03-02T10:00:00Z', 'logistics', { tracking: 'RK-1' }),
        ev('rita', 'shipment.delivered', '2026-03-12T14:02:00Z', 'carrier', { tracking: 'RK-1', direction: 'return' }),
      ],
    });
    expect(r.status).toBe(201);
    const notice = await message('rita', 'equipment_not_received', { idempotencyKey: 'n-1' });
    expect(notice.status).toBe(202);
    expect(notice.body).toMatchObject({ status: 'held', mailId: null });
    expect(notice.body.decision).toMatch(
      /^Held by the rule “No not-received notice after the carrier delivered the return”, because the customer’s timeline shows shipment delivered, from carrier, on 12 March 2026 at 14:02 UTC \(event [0-9a-f-]{36}\)\.$/,
    );
    const invoice = await message('rita', 'invoice');
    expect(invoice.body.status).toBe('held');
    expect(invoice.body.decision).toContain('service cancelled, from billing, on 1 March 2026 at 00:00 UTC');

    const tasks = (await call(app, 'GET', `/api/v1/tasks?departmentId=${warehouse}`, { token: agent })).body.items;
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ messageId: notice.body.id, status: 'open', title: expect.stringContaining('RITA') });
    expect(await mailsTo('rita')).toEqual([]);

    // A repeat of the same key is the same message, decided once.
    const again = await message('rita', 'equipment_not_received', { idempotencyKey: 'n-1' });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: notice.body.id, duplicate: true });

    // The warehouse confirms: the task closes and the notice, now known to be wrong, is cancelled.
    clock.advance(60_000);
    await post(ev('rita', 'return.received', '2026-03-12T15:00:30Z', 'warehouse', { serial: 'X-9' }));
    expect(await closeResolvedTasks(t.db, clock)).toBe(1);
    const closed = (await call(app, 'GET', `/api/v1/tasks/${tasks[0].id}`, { token: agent })).body;
    expect(closed).toMatchObject({ status: 'done', closedByEventId: expect.any(String) });
    expect((await call(app, 'GET', `/api/v1/messages/${notice.body.id}`, { token: agent })).body.status).toBe('cancelled');

    const timeline = (
      await sql<{ type: string }>`SELECT e.type FROM events e JOIN customers c ON c.id = e.customer_id
      WHERE c.external_id = 'rita' ORDER BY e.occurred_at, e.type`.execute(t.db)
    ).rows.map((e) => e.type);
    expect(timeline).toEqual(expect.arrayContaining(['message.held', 'message.cancelled', 'task.closed', 'return.received']));
    expect(timeline.filter((x) => x === 'message.held')).toHaveLength(2);
    expect(await mailsTo('rita')).toEqual([]);
  });

  it('passes a message nothing contradicts, and lets a manager release and an agent cancel a held one', async () => {
    await post(ev('sam', 'order.placed', '2026-03-10T10:00:00Z', 'shop'));
    const ok = await message('sam', 'invoice');
    expect(ok.body).toMatchObject({ status: 'passed', decision: expect.stringContaining('Passed') });
    expect(await mailsTo('sam')).toEqual(['invoice']);

    await post(ev('sam', 'service.cancelled', '2026-03-11T00:00:00Z', 'billing', { balance: 0 }));
    const held = await message('sam', 'dunning');
    expect(held.body.status).toBe('held');
    // Releasing sends what a rule held back: an agent may not; a manager may.
    const byAgent = await call(app, 'POST', `/api/v1/messages/${held.body.id}/release`, { token: agent, body: { note: 'Send it' } });
    expect(byAgent.status).toBe(403);
    expect(byAgent.body.error.code).toBe('forbidden');
    expect(await mailsTo('sam')).toEqual(['invoice']);
    const released = await call(app, 'POST', `/api/v1/messages/${held.body.id}/release`, {
      token: manager,
      body: { note: 'The final invoice is right' },
    });
    expect(released.body).toMatchObject({ status: 'released', decidedNote: 'The final invoice is right', mailId: expect.any(String) });
    expect(await mailsTo('sam')).toEqual(['invoice', 'dunning']);
    expect((await call(app, 'POST', `/api/v1/messages/${held.body.id}/cancel`, { token: agent, body: {} })).status).toBe(409);

    const second = await message('sam', 'invoice');
    const cancelled = await call(app, 'POST', `/api/v1/messages/${second.body.id}/cancel`, { token: agent, body: {} });
    expect(cancelled.body.status).toBe('cancelled');
    expect(await mailsTo('sam')).toEqual(['invoice', 'dunning']);

    // A later reactivation lifts the rule.
    await post(ev('sam', 'service.activated', '2026-03-12T09:00:00Z', 'billing'));
    expect((await message('sam', 'invoice')).body.status).toBe('passed');
  });

  it('says where a message goes and who closed a task', async () => {
    await post(ev('uma', 'service.cancelled', '2026-03-11T00:00:00Z', 'billing', { balance: 0 }));
    const held = await message('uma', 'invoice');
    expect(held.body).toMatchObject({ status: 'held', to: 'uma@example.com', taskId: expect.any(String) });
    const open = (await call(app, 'GET', `/api/v1/tasks/${held.body.taskId}`, { token: agent })).body;
    expect(open).toMatchObject({ status: 'open', closedBy: null });
    const person = await buildUser(t.db, workspaceId, { email: 'olga@example.com' });
    await closeTask(t.db, clock, workspaceId, held.body.taskId, person.id, 'Checked with billing');
    const closed = (await call(app, 'GET', `/api/v1/tasks/${held.body.taskId}`, { token: agent })).body;
    expect(closed).toMatchObject({ status: 'done', closedNote: 'Checked with billing', closedBy: { id: person.id, name: 'Test User' } });
    expect(
      (await call(app, 'GET', `/api/v1/messages?status=held&customerId=${held.body.customerId}`, { token: agent })).body.items[0].to,
    ).toBe('uma@example.com');
  });

  it('refuses a message to an unknown customer or one without an e-mail address, storing nothing', async () => {
    const before = (await sql<{ n: string }>`SELECT count(*) AS n FROM outbox_messages`.execute(t.db)).rows[0]!.n;
    let r = await message('nobody', 'invoice');
    expect(r.status).toBe(400);
    expect(r.body.error.details.problems[0]).toMatchObject({ path: ['customer'] });
    expect((await sql`SELECT 1 FROM customers WHERE external_id = 'nobody'`.execute(t.db)).rows).toHaveLength(0);
    await post({ ...ev('noemail', 'order.placed', '2026-03-10T10:00:00Z', 'shop'), customer: { externalId: 'noemail' } });
    r = await message('noemail', 'invoice');
    expect(r.status).toBe(400);
    r = await call(app, 'POST', '/api/v1/messages', {
      token: agent,
      body: { customer: { externalId: 'sam' }, kind: 'Invoice!', source: 'b', subject: 's', text: 't' },
    });
    expect(r.status).toBe(400);
    expect(r.body.error.details.problems[0].path).toEqual(['kind']);
    expect((await sql<{ n: string }>`SELECT count(*) AS n FROM outbox_messages`.execute(t.db)).rows[0]!.n).toBe(before);
  });

  it('cancels marketing to a customer who complained, and skips survey invitations during an open case', async () => {
    await call(app, 'POST', '/api/v1/complaints', {
      token: agent,
      body: { customer: customer('cleo'), body: 'My parcel arrived broken', source: 'shop' },
    });
    const promo = await message('cleo', 'marketing');
    expect(promo.body.status).toBe('cancelled');
    expect(promo.body.decision).toMatch(
      /^Cancelled by the rule “No marketing to a customer who complained in the last 30 days”, because the customer’s timeline shows complaint received/,
    );
    expect((await sql`SELECT 1 FROM tasks WHERE message_id = ${promo.body.id}`.execute(t.db)).rows).toHaveLength(0);

    const survey = (await call(app, 'POST', '/api/v1/surveys', { token: manager, body: { kind: 'nps', name: 'Relationship' } })).body;
    const cleo = (await call(app, 'GET', '/api/v1/customers?q=cleo', { token: agent })).body.items[0];
    // By hand: refused, and nothing of it stays.
    const inv = await call(app, 'POST', `/api/v1/surveys/${survey.id}/invitations`, {
      token: agent,
      body: { customerId: cleo.id, channel: 'email' },
    });
    expect(inv.status).toBe(409);
    expect(inv.body.error.details).toEqual({ reason: 'guard' });
    // Drawn by the sender: suppressed with the reason, the decision kept in the outbox.
    const deps = { db: t.db, clock, settings: createSettingsCache(t.db, clock), publicUrl: 'http://kept.test' };
    await t.db.transaction().execute((tx) =>
      insertInvitations(tx, [
        {
          workspaceId,
          id: uuidv7(),
          surveyId: survey.id,
          customerId: cleo.id,
          channel: 'email',
          origin: 'sample',
          handPicked: false,
          createdBy: null,
          triggerId: null,
          eventId: null,
          locale: null,
          status: 'scheduled',
          suppressedReason: null,
          sendAt: clock.now(),
          createdAt: clock.now(),
          caseId: null,
        },
      ]),
    );
    expect(await dispatchDueInvitations(deps)).toEqual({ sent: 0, suppressed: 1 });
    expect(await mailsTo('cleo')).toEqual([]);
    const recorded = (await call(app, 'GET', `/api/v1/messages?customerId=${cleo.id}`, { token: agent })).body.items;
    expect(recorded.map((m: { kind: string; status: string }) => `${m.kind}:${m.status}`).sort()).toEqual([
      'marketing:cancelled',
      'survey_invitation:cancelled',
    ]);
    expect(recorded.find((m: { kind: string }) => m.kind === 'survey_invitation').decision).toMatch(
      /^Cancelled by the rule “No survey invitation while the customer has an open case”, because the customer’s timeline shows case opened/,
    );
  });
});

describe('guard rules', () => {
  it('starts with five built-in rules', async () => {
    const r = await call(app, 'GET', '/api/v1/guard-rules', { token: agent });
    expect(r.body.items.map((x: { builtIn: string }) => x.builtIn)).toEqual([
      'not-received-after-delivery',
      'not-received-after-return-received',
      'no-invoice-after-cancellation',
      'no-survey-during-open-case',
      'no-marketing-after-complaint',
    ]);
  });

  it('refuses a rule that does not parse, naming every problem, and stores nothing', async () => {
    const before = (await call(app, 'GET', '/api/v1/guard-rules', { token: agent })).body.items.length;
    const r = await call(app, 'POST', '/api/v1/guard-rules', {
      token: manager,
      body: {
        name: 'Broken',
        rule: {
          messageKinds: [],
          heldWhen: { eventTypes: ['Not A Type'], where: [{ path: 'balance', op: 'gte', value: 'lots' }], withinDays: 0 },
          action: 'shout',
          extra: true,
        },
      },
    });
    expect(r.status).toBe(400);
    const paths = r.body.error.details.problems.map((p: { path: (string | number)[] }) => p.path.join('.'));
    expect(paths).toEqual(
      expect.arrayContaining(['rule.messageKinds', 'rule.heldWhen.eventTypes.0', 'rule.heldWhen.withinDays', 'rule.action', 'rule']),
    );
    const semantic = await call(app, 'POST', '/api/v1/guard-rules', {
      token: manager,
      body: {
        name: 'Half',
        rule: { messageKinds: ['invoice'], heldWhen: { eventTypes: ['x.y'], where: [{ path: 'balance', op: 'gte', value: 'lots' }] } },
      },
    });
    expect(semantic.status).toBe(400);
    expect(semantic.body.error.details.problems[0].path).toEqual(['rule', 'heldWhen', 'where', 0, 'value']);
    expect((await call(app, 'POST', '/api/v1/guard-rules', { token: agent, body: { name: 'x', rule: {} } })).status).toBe(403);
    expect((await call(app, 'GET', '/api/v1/guard-rules', { token: agent })).body.items).toHaveLength(before);
  });

  it('applies a rule as soon as it is saved, and a disabled rule holds nothing', async () => {
    await post(ev('vic', 'visit.missed', '2026-03-11T10:00:00Z', 'field'));
    expect((await message('vic', 'visit_fee')).body.status).toBe('passed');
    const made = await call(app, 'POST', '/api/v1/guard-rules', {
      token: manager,
      body: {
        name: 'No visit fee after we missed the visit',
        rule: {
          messageKinds: ['visit_fee'],
          heldWhen: { eventTypes: ['visit.missed'], withinDays: 14 },
          task: { department: 'warehouse', title: 'Visit fee for {customerName}' },
        },
      },
    });
    expect(made.status).toBe(201);
    const held = await message('vic', 'visit_fee');
    expect(held.body.status).toBe('held');
    expect((await call(app, 'GET', `/api/v1/tasks/${held.body.taskId}`, { token: agent })).body.departmentId).toBe(warehouse);
    await call(app, 'PATCH', `/api/v1/guard-rules/${made.body.id}`, { token: manager, body: { enabled: false } });
    expect((await message('vic', 'visit_fee')).body.status).toBe('passed');
  });
});
