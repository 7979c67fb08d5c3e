// Every built-in event type reads as a sentence with its data in words; other types show their
// data under readable labels, and ids with a page become links.
import { describe, expect, it } from 'vitest';
import { labelledData, money, readableLabel, when } from './event-sentence.ts';
import { builtInTypes, sentenceOf, sentenceText } from './event-sentences.ts';

const caseId = '0196a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
const ana = '0196a1b2-0000-7000-8000-00000000000a';
const ben = '0196a1b2-0000-7000-8000-00000000000b';
const support = '0196a1b2-0000-7000-8000-0000000000d1';
const o = {
  locale: 'en-GB',
  timeZone: 'UTC',
  names: {
    people: new Map([
      [ana, 'Ana Silva'],
      [ben, 'Ben Okafor'],
    ]),
    departments: new Map([[support, 'Support']]),
  },
};
const kase = { caseId, caseNumber: 12, title: 'Conditioner jar filled with henna' };

/** One example of each built-in type, with the sentence it must read as. */
export const examples: [string, Record<string, unknown>, string][] = [
  [
    'order.placed',
    {
      orderId: 'ORD-731200',
      items: [{ sku: 'CND-1', name: 'Argan Conditioner', quantity: 2, unitPrice: '9.95' }, { name: 'Brush' }],
      amount: '24.90',
      currency: 'EUR',
      batch: 'B-42',
      channel: 'web',
    },
    'Placed order ORD-731200: 2 × Argan Conditioner and Brush for €24.90 (batch B-42) via web.',
  ],
  ['order.paid', { orderId: 'ORD-1', amount: 19.9, currency: 'EUR' }, 'Paid for order ORD-1: €19.90.'],
  ['order.packed', { orderId: 'ORD-1', warehouse: 'Tilburg DC', parcels: 2 }, 'Packed order ORD-1 at Tilburg DC in 2 parcels.'],
  [
    'order.shipped',
    { orderId: 'ORD-1', carrier: 'PostNL', trackingNumber: '3SBRT40211', service: 'express' },
    'Shipped order ORD-1 with PostNL, tracking 3SBRT40211 (express).',
  ],
  [
    'order.delivered',
    { orderId: 'ORD-1', carrier: 'DHL', proofOfDelivery: 'signature' },
    'Delivered order ORD-1 by DHL; proof of delivery: signature.',
  ],
  [
    'order.returned',
    { orderId: 'ORD-1', items: ['Brush'], reason: 'wrong colour' },
    'The customer returned order ORD-1: Brush because wrong colour.',
  ],
  [
    'delivery.delayed',
    { orderId: 'ORD-1', reason: 'storm in the region', newEta: '2026-03-05' },
    'Delivery of order ORD-1 is delayed (storm in the region); now expected on 5 March 2026.',
  ],
  [
    'shipment.delivered',
    { direction: 'return', deliveredTo: 'Tilburg DC returns', carrier: 'PostNL', trackingNumber: '3SBRTR0577146', signedBy: 'K. de Boer' },
    'The return shipment was delivered to Tilburg DC returns by PostNL, tracking 3SBRTR0577146, signed for by K. de Boer.',
  ],
  [
    'replacement.shipped',
    { orderId: 'ORD-9', product: 'Smart Thermostat T3', batch: 'T3-2421', carrier: 'PostNL' },
    'Shipped a replacement Smart Thermostat T3 for ORD-9 (batch T3-2421) with PostNL.',
  ],
  [
    'return.received',
    { returnId: 'RMA-40877', orderId: 'ORD-9', items: [{ name: 'Hub', quantity: 1 }] },
    'Received the return RMA-40877 of ORD-9: Hub.',
  ],
  ['return_kit.shipped', { tracking: 'RK-55120', items: ['router'] }, 'Sent a return kit for router, tracking RK-55120.'],
  [
    'equipment.return_shipped',
    { returnId: 'RMA-40877', items: ['Brightline Hub 2'], carrier: 'PostNL', trackingNumber: '3SBRTR0577146' },
    'The customer shipped back Brightline Hub 2 (return RMA-40877) with PostNL, tracking 3SBRTR0577146.',
  ],
  [
    'refund.issued',
    { amount: '12.50', currency: 'SEK', orderId: 'ORD-1', reason: 'late delivery' },
    'Refunded SEK\u00a012.50 for ORD-1 (late delivery).',
  ],
  [
    'invoice.issued',
    { invoiceId: 'INV-2026-581031', amount: '12.99', currency: 'EUR', period: '2026-02', dueDate: '2026-03-16' },
    'Issued invoice INV-2026-581031 for €12.99 (2026-02), due 16 March 2026.',
  ],
  [
    'payment.received',
    { invoiceId: 'INV-1', amount: '12.99', currency: 'EUR', method: 'SEPA direct debit' },
    'Received a payment of €12.99 for INV-1 by SEPA direct debit.',
  ],
  [
    'payment.failed',
    { invoiceId: 'INV-1', amount: '99', currency: 'USD', reason: 'card expired' },
    'A payment of US$99.00 for INV-1 failed: card expired.',
  ],
  [
    'payment.reminder_sent',
    { invoiceId: 'INV-1', amount: '40', currency: 'GBP', reminder: 1 },
    'Sent payment reminder 1 for INV-1 over £40.00.',
  ],
  [
    'subscription.started',
    { subscriptionId: 'SUB-580317', plan: 'Monitoring Plus', monthlyPrice: '12.99', currency: 'EUR' },
    'Started the Monitoring Plus plan at €12.99 a month (SUB-580317).',
  ],
  ['service.activated', { plan: 'Fibre 100' }, 'The service Fibre 100 was activated.'],
  [
    'service.cancelled',
    { plan: 'Monitoring Plus', reason: 'moving abroad', cycleEnd: '2026-02-28T23:59:00Z', balance: 0, currency: 'EUR' },
    'Cancelled the Monitoring Plus plan because of moving abroad, at the end of the billing cycle on 28 February 2026 at 23:59, with nothing owed.',
  ],
  ['service.reactivated', { plan: 'Fibre 100' }, 'Reactivated the Fibre 100 plan.'],
  [
    'service.visit_scheduled',
    { job: 'installation', technician: 'Sam Berg', scheduledFor: '2026-03-04T10:00:00Z' },
    'Booked an installation visit with Sam Berg for 4 March 2026 at 10:00.',
  ],
  [
    'service.visit_missed',
    { technician: 'Sam Berg', reason: 'customer not at home' },
    'The visit by Sam Berg was missed: customer not at home.',
  ],
  ['service.visit_completed', { technician: 'Sam Berg', durationMinutes: 45 }, 'The visit was completed by Sam Berg in 45 minutes.'],
  [
    'ticket.opened',
    { ticketId: 'T-10422', subject: 'Where is my order?', channel: 'email', priority: 'high' },
    'Opened ticket T-10422: “Where is my order?” by email, high priority.',
  ],
  [
    'ticket.resolved',
    { ticketId: 'T-10422', resolution: 'Explained the carrier delay', handledBy: 'Ana' },
    'Resolved ticket T-10422: Explained the carrier delay (Ana).',
  ],
  ['ticket.solved', { ticketId: 'T-7', resolution: 'Reset the password' }, 'Solved ticket T-7: Reset the password.'],
  [
    'complaint.received',
    { channel: 'email', subject: 'Henna in my conditioner', caseId, caseNumber: 12, joinedCase: false },
    'Complained by email: “Henna in my conditioner”; opened case #12.',
  ],
  ['survey.invited', { surveyName: 'Delivery NPS', channel: 'email' }, 'Invited to the Delivery NPS by email.'],
  [
    'response.created',
    { surveyName: 'Delivery NPS', score: 3, reason: 'Two weeks late' },
    'Answered the Delivery NPS with 3: “Two weeks late”.',
  ],
  ['response.updated', { surveyName: 'Delivery NPS', score: 6 }, 'Changed the answer to the Delivery NPS to 6.'],
  ['customer.unsubscribed', {}, 'Unsubscribed from surveys.'],
  [
    'case.opened',
    { ...kase, origin: 'complaint', ownerId: ana, departmentId: support, dueAt: '2026-03-03T10:00:00Z' },
    'Opened case #12 “Conditioner jar filled with henna” after a complaint; owner Ana Silva (Support); due 3 March 2026 at 10:00.',
  ],
  ['case.step_completed', { ...kase, step: 'apologise', byUserId: ana }, 'Ana Silva apologised on case #12.'],
  [
    'case.step_skipped',
    { ...kase, step: 'investigate', reason: 'Cause already known', byUserId: ben },
    'Ben Okafor skipped Investigate on case #12: “Cause already known”.',
  ],
  [
    'case.reassigned',
    { ...kase, ownerId: ana, departmentId: support, previousOwnerId: ben, reason: 'owner_deactivated', byUserId: ana },
    'Handed case #12 to Ana Silva in Support because Ben Okafor left the team.',
  ],
  [
    'case.escalated',
    { ...kase, level: 'manager', percent: 80, dueAt: '2026-03-03T10:00:00Z' },
    'Told the managers: case #12 is at 80 % of its time, due 3 March 2026 at 10:00.',
  ],
  ['case.breached', { ...kase, dueAt: '2026-03-03T10:00:00Z' }, 'The clock ran out on case #12: it was due 3 March 2026 at 10:00.'],
  ['case.recovered', { ...kase, hoursSinceOops: 5.25 }, 'Recovered case #12 5.3 hours after the oops.'],
  [
    'case.closed',
    { ...kase, reason: 'follow_up_answered', hoursSinceOops: 79.8, recovered: true, byUserId: null },
    'Closed case #12 when the customer answered the follow-up, 3 days after the oops.',
  ],
  [
    'case.message_sent',
    { ...kase, byUserId: ana, excerpt: 'We are sorry, Marta.', emailed: true },
    'Ana Silva wrote to the customer on case #12: “We are sorry, Marta.” (e-mailed).',
  ],
  ['case.customer_replied', { ...kase, excerpt: 'Thank you!' }, 'The customer replied on case #12: “Thank you!”.'],
  [
    'case.exception_requested',
    { ...kase, what: 'Waive the restocking fee' },
    'Asked to bend a rule on case #12: “Waive the restocking fee”.',
  ],
  [
    'case.exception_approved',
    { ...kase, what: 'Waive the restocking fee', byUserId: ana },
    'Ana Silva approved bending a rule on case #12: “Waive the restocking fee”.',
  ],
  ['case.exception_recorded', { ...kase, what: 'Waived the fee' }, 'Bent a rule on case #12: “Waived the fee”.'],
  [
    'message.queued',
    { kind: 'invoice', subject: 'Your invoice', source: 'billing' },
    'Sent the invoice message “Your invoice” from billing.',
  ],
  [
    'message.held',
    {
      kind: 'equipment_not_received',
      subject: 'Equipment not received',
      source: 'billing',
      reason: 'The carrier delivered the return on 2 March',
    },
    'Held the equipment not received message “Equipment not received” from billing: The carrier delivered the return on 2 March.',
  ],
  [
    'message.cancelled',
    { kind: 'invoice', subject: 'Invoice 7', source: 'billing', note: 'Cancelled service', byUserId: ana },
    'Cancelled the invoice message “Invoice 7” from billing: Cancelled service by Ana Silva.',
  ],
  [
    'message.released',
    { kind: 'invoice', subject: 'Invoice 7', byUserId: ana, note: 'Checked with billing' },
    'Released the invoice message “Invoice 7” by Ana Silva: “Checked with billing”.',
  ],
  [
    'task.closed',
    { title: 'Check the returned router', note: 'Router is in the warehouse' },
    'Closed the task “Check the returned router”: Router is in the warehouse.',
  ],
  [
    'commitment.made',
    { what: 'Refund the restocking fee', dueAt: '2026-03-06T16:00:00Z', ownerId: ana },
    'Promised “Refund the restocking fee” by 6 March 2026 at 16:00; kept by Ana Silva.',
  ],
  [
    'commitment.kept',
    { what: 'Refund the restocking fee', note: 'Done a day early' },
    'Kept the promise “Refund the restocking fee”: “Done a day early”.',
  ],
  [
    'commitment.broken',
    { what: 'Call back', dueAt: '2026-03-06T16:00:00Z', caseId, caseNumber: 12, joinedCase: true },
    'Broke the promise “Call back”, due 6 March 2026 at 16:00; it joined case #12.',
  ],
  [
    'commitment.renegotiated',
    { what: 'Call back', previousDueAt: '2026-03-06T16:00:00Z', dueAt: '2026-03-09T09:00:00Z', note: 'She is away' },
    'Moved the promise “Call back” from 6 March 2026 at 16:00 to 9 March 2026 at 09:00: “She is away”.',
  ],
  ['commitment.handed_over', { what: 'Call back', ownerId: ana }, 'Handed the promise “Call back” to Ana Silva.'],
  [
    'commitment.customer_told',
    { what: 'Call back', notice: 'missed', status: 'passed' },
    'Told the customer that we missed the promise “Call back”.',
  ],
];

describe('event sentences', () => {
  it.each(examples)('%s reads as a sentence', (type, data, sentence) => {
    const parts = sentenceOf({ type, data }, o);
    expect(parts).toBeDefined();
    expect(sentenceText(parts!)).toBe(sentence);
  });

  it('has an example for every built-in type, and a sentence for every example', () => {
    expect(examples.map(([t]) => t).sort()).toEqual([...builtInTypes].sort());
  });

  it('links a case to its page', () => {
    const parts = sentenceOf({ type: 'case.step_completed', data: { ...kase, step: 'fix', byUserId: ana } }, o)!;
    expect(parts).toContainEqual({ text: 'case #12', href: `/cases/${caseId}` });
  });

  it('leaves out what the data lacks instead of printing "undefined", and names unknown people softly', () => {
    const text = sentenceText(sentenceOf({ type: 'order.placed', data: {} }, o)!);
    expect(text).toBe('Placed an order.');
    expect(
      sentenceText(
        sentenceOf(
          { type: 'case.step_completed', data: { caseNumber: 4, step: 'fix', byUserId: '0196a1b2-0000-7000-8000-0000000000ff' } },
          o,
        )!,
      ),
    ).toBe('A colleague fixed the problem on case #4.');
    for (const type of builtInTypes) expect(sentenceText(sentenceOf({ type, data: {} }, o)!)).not.toMatch(/undefined|null|NaN|\[object/);
  });

  it('has no sentence for other types: their data shows under readable labels, ids with a page as links', () => {
    expect(sentenceOf({ type: 'case.restitution_offered', data: { caseId } }, o)).toBeUndefined();
    expect(sentenceOf({ type: 'loyalty.points_added', data: {} }, o)).toBeUndefined();
    expect(
      labelledData({ cycleEnd: '2026-02-28T23:59:00Z', hoursSinceOops: 79.8, caseId, proof_of_delivery: 'photo', onTime: false }, o),
    ).toEqual([
      { label: 'Cycle end', value: '28 February 2026 at 23:59' },
      { label: 'Hours since oops', value: '79.8' },
      { label: 'Case', value: 'Case', href: `/cases/${caseId}` },
      { label: 'Proof of delivery', value: 'photo' },
      { label: 'On time', value: 'No' },
    ]);
  });

  it('formats labels, money and dates in words', () => {
    expect(readableLabel('cycleEnd')).toBe('Cycle end');
    expect(readableLabel('orderId')).toBe('Order');
    expect(readableLabel('proof_of_delivery')).toBe('Proof of delivery');
    expect(money('1250', 'sek', o)).toBe('SEK\u00a01,250.00');
    expect(money('12.5', undefined, o)).toBe('12.5');
    expect(money('lots', 'EUR', o)).toBeUndefined();
    expect(when('2026-03-05', o)).toBe('5 March 2026');
    expect(when('not a date', o)).toBeUndefined();
  });
});
