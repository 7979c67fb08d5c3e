// The guard holds only what it should not send: a "not received" notice is held by a delivery
// that says it is a return, never by a delivery without a direction or one going out to the
// customer; the warehouse booking the return in cancels such a notice. The decision reads as a
// sentence with the date in words and the event's reference.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, buildToken, buildWorkspace, call, type TestApp } from '../../../test/factories.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/database.ts';
import { manualClock } from '../../domain/core/clock.ts';

let t: TestDatabase;
let app: TestApp;
let agent: string;
let manager: string;
const clock = manualClock('2026-05-20T09:00:00Z');

beforeAll(async () => {
  t = await createTestDatabase();
  app = buildApp(t.db, { clock });
  const ws = await buildWorkspace(t.db);
  agent = await buildToken(t.db, ws.id, 'agent');
  manager = await buildToken(t.db, ws.id, 'manager');
  await call(app, 'POST', '/api/v1/departments', { token: manager, body: { key: 'warehouse', name: 'Warehouse', colour: '#336699' } });
});
afterAll(() => t.drop());

const deliver = (who: string, occurredAt: string, data: Record<string, unknown>, type = 'shipment.delivered', source = 'carrier') =>
  call(app, 'POST', '/api/v1/events', {
    token: agent,
    body: { type, source, occurredAt, customer: { externalId: who, email: `${who}@example.com`, name: who }, data },
  });
const notice = async (who: string, kind = 'equipment_not_received') => {
  const r = await call(app, 'POST', '/api/v1/messages', {
    token: agent,
    body: { customer: { externalId: who }, kind, source: 'billing', subject: 'Equipment not received', text: 'You will be charged.' },
  });
  expect(r.status).toBe(202);
  return r.body as { status: string; decision: string; eventId: string | null };
};

describe('the guard and returned equipment', () => {
  it('does not hold a notice after a delivery without a direction (an order reaching the customer)', async () => {
    expect((await deliver('olav', '2026-05-18T11:00:00Z', { tracking: 'ZX-1', carrier: 'PostNord' })).status).toBe(201);
    const n = await notice('olav');
    expect(n).toMatchObject({ status: 'passed', eventId: null });
    expect(n.decision).toBe('Passed: 2 rules looked at this equipment not received message and found nothing against it.');
  });

  it('does not hold a notice after an outbound delivery, whatever the kind of notice', async () => {
    await deliver('petra', '2026-05-18T11:00:00Z', { tracking: 'ZX-2', direction: 'outbound' });
    for (const kind of ['equipment_not_received', 'not_received_notice', 'return_reminder']) {
      expect((await notice('petra', kind)).status).toBe('passed');
    }
  });

  it('holds a notice after a delivery that says it is a return, with the decision as a sentence', async () => {
    await deliver('quinn', '2026-05-18T11:00:00Z', { tracking: 'ZX-3' });
    const returned = await deliver('quinn', '2026-05-19T16:45:00Z', { tracking: 'RT-3', direction: 'return' });
    const n = await notice('quinn');
    expect(n.status).toBe('held');
    expect(n.eventId).toBe(returned.body.event.id);
    expect(n.decision).toBe(
      'Held by the rule “No not-received notice after the carrier delivered the return”, because the customer’s timeline shows ' +
        `shipment delivered, from carrier, on 19 May 2026 at 16:45 UTC (event ${returned.body.event.id}).`,
    );
    // A sentence: no nested quotation marks and no raw type names.
    expect(n.decision).not.toMatch(/shipment\.delivered|equipment_not_received|“[^”]*“/);
  });

  it('cancels a notice once the warehouse has received the return', async () => {
    const received = await deliver('rhea', '2026-05-19T08:10:00Z', { serial: 'S-1' }, 'return.received', 'warehouse');
    const n = await notice('rhea', 'return_reminder');
    expect(n).toMatchObject({ status: 'cancelled', eventId: received.body.event.id });
    expect(n.decision).toBe(
      'Cancelled by the rule “No not-received notice after the warehouse received the return”, because the customer’s timeline shows ' +
        `return received, from warehouse, on 19 May 2026 at 08:10 UTC (event ${received.body.event.id}).`,
    );
  });

  it('leaves a rule whose name has its own quotation marks unquoted, so none are nested', async () => {
    const created = await call(app, 'POST', '/api/v1/guard-rules', {
      token: manager,
      body: {
        name: 'No “final” invoice after a refund',
        rule: { messageKinds: ['final_invoice'], heldWhen: { eventTypes: ['refund.issued'] }, action: 'cancel' },
      },
    });
    expect(created.status).toBe(201);
    const refund = await deliver('sven', '2026-05-02T07:05:00Z', { amount: 40 }, 'refund.issued', 'billing');
    const n = await notice('sven', 'final_invoice');
    expect(n.decision).toBe(
      'Cancelled by the rule No “final” invoice after a refund, because the customer’s timeline shows ' +
        `refund issued, from billing, on 2 May 2026 at 07:05 UTC (event ${refund.body.event.id}).`,
    );
  });
});
